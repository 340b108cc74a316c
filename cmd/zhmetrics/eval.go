package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/score"
)

// EvalOptions are the flags and argument of `zhmetrics eval`.
type EvalOptions struct {
	IO *IOStreams

	Pred   string // prediction rows, or "-" for standard input
	Gold   string
	Docs   string
	JSON   bool
	Misses int
	MinF1  float64
	Groups bool
}

func newCmdEval(streams *IOStreams, runF func(context.Context, *EvalOptions) error) *cobra.Command {
	opts := &EvalOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "eval --gold GOLD.jsonl --docs DIR PRED",
		Short: "Score extracted rows against a gold standard",
		Long: `Score rows written by extract (CSV, TSV or JSON Lines; "-" for standard
input) against a gold file in the format of the evaluation guide, by the
rules of the reference scorer score.py, and print per kind the gold,
predicted, correct and fully correct counts with precision, recall and F1,
then how often metric names are right and exact, and quantity scores.

--by-group then prints how often names are right and exact per document
group (the letters a file name starts with, fi01_x.txt → fi; a name that
starts with digits groups by them with the last written x, 003_y.txt →
00x) and how often the rows' canonical names agree with the gold's (its
canonical field, else the embedded lexicon's reading of the gold name).

--json prints score.py's --json object, figures rounded to 4 places.
--misses N lists on standard error up to N missed facts (MISS), wrong
kinds or values (WRONG) and metric names, the worst first (NAME). Gold
facts that cannot be found in their document are reported as gold ERROR.

Rows may have English or Chinese column names (extract --header zh). A
file with columns extract does not write, or with no row to score, is an
error rather than a score of 0.

Exit status: 0, or 1 when --min-f1 is given and quantity F1 (as --json
reports it) is below it, or 2 on error.`,
		Example: `  zhmetrics extract docs/ -o rows.csv
  zhmetrics eval --gold gold.jsonl --docs docs rows.csv --misses 20
  zhmetrics extract docs/ | zhmetrics eval --gold gold.jsonl --docs docs - --min-f1 0.9`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Pred = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runEval(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Gold, "gold", "", "gold standard `FILE` (JSON Lines, one fact a line)")
	f.StringVar(&opts.Docs, "docs", "", "`DIR` holding the documents the gold file names")
	f.BoolVar(&opts.JSON, "json", false, "print the scores as JSON")
	f.IntVar(&opts.Misses, "misses", 0, "list up to `N` misses, wrong values and metric names on standard error")
	f.BoolVar(&opts.Groups, "by-group", false, "after the table, print name accuracy per document group and canonical-name agreement")
	f.Float64Var(&opts.MinF1, "min-f1", 0, "exit 1 when quantity F1 is below `X` (0 to 1)")
	cmd.MarkFlagRequired("gold")
	cmd.MarkFlagRequired("docs")
	return cmd
}

func runEval(ctx context.Context, opts *EvalOptions) error {
	if opts.Misses < 0 {
		return fmt.Errorf("--misses %d: want 0 or more", opts.Misses)
	}
	if math.IsNaN(opts.MinF1) || opts.MinF1 < 0 || opts.MinF1 > 1 {
		return fmt.Errorf("--min-f1 %v: want a number from 0 to 1", opts.MinF1)
	}

	gold, texts, goldErrs, err := resolveGold(opts.Gold, opts.Docs)
	if err != nil {
		return err
	}
	for _, e := range goldErrs {
		fmt.Fprintln(opts.IO.ErrOut, "gold ERROR", e)
	}
	preds, err := readPredictions(opts.Pred, opts.IO.In)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	res := score.Score(gold, texts, preds)
	if opts.JSON {
		if err := score.WriteJSON(opts.IO.Out, res); err != nil {
			return err
		}
		if err := score.WriteMisses(opts.IO.ErrOut, res, opts.Misses); err != nil {
			return err
		}
	} else if err := score.WriteTable(opts.IO.Out, res, opts.Misses, opts.IO.ErrOut); err != nil {
		return err
	}
	if opts.Groups && !opts.JSON {
		if err := score.WriteGroups(opts.IO.Out, res, extract.DefaultLexicon().Canonical); err != nil {
			return err
		}
	}

	if f1 := res.Summary().Quantities.F1; f1 < opts.MinF1 {
		fmt.Fprintf(opts.IO.ErrOut, "zhmetrics: quantity F1 %s is below --min-f1 %s\n",
			strconv.FormatFloat(f1, 'f', 4, 64), strconv.FormatFloat(opts.MinF1, 'f', -1, 64))
		return exitError{code: 1}
	}
	return nil
}

// resolveGold reads the gold file and finds its facts in the documents.
// Errors name the gold file, or the document that could not be read.
func resolveGold(goldPath, docsDir string) ([]score.GoldFact, map[string][]rune, []string, error) {
	f, err := os.Open(goldPath)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	gold, texts, errs, err := score.ResolveGold(f, docsDir)
	var pathErr *fs.PathError
	if err != nil && !errors.As(err, &pathErr) {
		err = fmt.Errorf("%s: %w", goldPath, err)
	}
	return gold, texts, errs, err
}

// readPredictions reads rows as the scorer does, from path or, for "-",
// from stdin. Errors name the file.
// A file with unknown columns or no row to score is an error, and a header
// in Chinese (extract --header zh) is read as the English one.
func readPredictions(path string, stdin io.Reader) ([]score.Prediction, error) {
	name, r := path, stdin
	if path == "-" {
		name = "standard input"
	} else {
		if err := rowsFormatError(path, "eval"); err != nil {
			return nil, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if data, err = englishHeader(data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	preds, err := score.ReadPredictions(bytes.NewReader(data))
	if err == nil && len(preds) == 0 {
		err = errors.New("no rows to score")
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return preds, nil
}
