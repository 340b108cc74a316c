package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/output"
	"github.com/zhmetrics/zhmetrics/rowdiff"
)

// DiffOptions are the flags and arguments of `zhmetrics diff`.
type DiffOptions struct {
	IO *IOStreams

	Old, New string // paths, one of them possibly "-" for standard input
	Format   string
	Max      int
	Output   string
}

func newCmdDiff(streams *IOStreams, runF func(context.Context, *DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two outputs of extract",
		Long: `Compare two outputs of extract, each CSV, TSV or JSON Lines ("-" for standard
input), and report the rows added, removed and changed, per document and
in total.

Rows are paired by document (its base name), start, end and kind. Paired
rows are compared in metric, canonical, value (as a number), unit,
qualifier, masked, raw, sentence and line; the formula escape that CSV and
TSV add before a leading = + - or @ is ignored. When one file holds several
rows with the same document, span and kind, they pair with the other
file's in the order they come; the rest are added or removed.

Differences are listed by document, start, end and kind, at most --max of
them; counts are always complete. --format markdown suits a pull request
comment. --format html writes a review page (open it in a browser):
each document that differs, read from the path its rows name, with the
added, removed and changed rows marked in its text, and every difference
listed (--max does not apply).

Exit status, as for diff(1): 0 when the rows are the same, 1 when they
differ, 2 on error (unreadable file, malformed row).`,
		Example: `  zhmetrics diff before.csv after.csv
  zhmetrics extract docs/ | zhmetrics diff --format markdown baseline.jsonl - > comment.md
  zhmetrics diff --format html -o changes.html baseline.csv rows.csv`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runDiff(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "report format: text, markdown, json or html")
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (replaced only when complete)")
	f.IntVar(&opts.Max, "max", 50, "list at most `N` differing rows (-1 lists all)")
	return cmd
}

func runDiff(ctx context.Context, opts *DiffOptions) error {
	var write func(io.Writer, rowdiff.Result, int) error
	switch opts.Format {
	case "text":
		write = rowdiff.WriteText
	case "markdown":
		write = rowdiff.WriteMarkdown
	case "json":
		write = rowdiff.WriteJSON
	case "html":
		write = func(w io.Writer, r rowdiff.Result, _ int) error { return rowdiff.WriteHTML(w, r, documentText) }
	default:
		return fmt.Errorf("unknown --format %q (want text, markdown, json or html)", opts.Format)
	}
	if opts.Old == "-" && opts.New == "-" {
		return errors.New("only one of OLD and NEW can be standard input")
	}
	oldRows, err := readRowsFile(opts.Old, opts.IO.In)
	if err != nil {
		return err
	}
	newRows, err := readRowsFile(opts.New, opts.IO.In)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	res := rowdiff.Compare(oldRows, newRows)
	if err := writeReport(ctx, opts.Output, opts.IO.Out, func(w io.Writer) error { return write(w, res, opts.Max) }); err != nil {
		return err
	}
	if !res.Equal() {
		return exitError{code: 1}
	}
	return nil
}

// readRowsFile reads the rows of a CSV, TSV or JSON Lines file, or of
// stdin for "-". Errors name the file (and the line, for malformed rows).
func readRowsFile(path string, stdin io.Reader) ([]output.Row, error) {
	name, r := path, stdin
	if path == "-" {
		name = "standard input"
	} else {
		if err := rowsFormatError(path, "diff"); err != nil {
			return nil, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	rows, err := output.ReadRows(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rows, nil
}

// writeReport writes a report to standard output, or atomically to path.
func writeReport(ctx context.Context, path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	file, err := output.CreateAtomic(path)
	if err != nil {
		return err
	}
	defer file.Abort()
	stop := context.AfterFunc(ctx, func() { file.Abort() })
	defer stop()
	if err := write(file); err != nil {
		return err
	}
	return file.Commit()
}

// documentText reads a document's text as extract reads it, with the
// format and encoding detected. A name that rows show Go-quoted (not
// valid UTF-8, or holding control characters) is unquoted first.
func documentText(path string) (string, error) {
	if unquoted, err := strconv.Unquote(path); err == nil && strings.HasPrefix(path, `"`) {
		path = unquoted
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	text, _, err := document.Text(path, data, document.FormatAuto, "auto")
	return text, err
}
