package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/extract/number"
	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/pipeline"
	"github.com/zhmetrics/zhmetrics/segment"
)

// TextOptions are the flags and argument of the commands that show one
// document's text at a stage of the pipeline.
type TextOptions struct {
	IO       *IOStreams
	Path     string
	Script   string
	Encoding string
}

func bindTextFlags(cmd *cobra.Command, opts *TextOptions) {
	cmd.Flags().StringVar(&opts.Script, "script", "auto", "script conversion: auto, t2s, tw2s, hk2s or none")
	cmd.Flags().StringVar(&opts.Encoding, "encoding", "auto", "input encoding: auto, utf-8, gb18030, big5 or utf-16")
}

func newCmdNormalize(streams *IOStreams, runF func(context.Context, *TextOptions) error) *cobra.Command {
	opts := &TextOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "normalize FILE",
		Short: "Print the cleaned, simplified text that extraction sees",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runNormalize(cmd.Context(), opts)
		},
	}
	bindTextFlags(cmd, opts)
	return cmd
}

// eachCleanWindow reads, decodes and normalises one document a window at
// a time, as extract does, handing each window's clean text to each, so
// that memory stays bounded however large the document is.
func eachCleanWindow(ctx context.Context, opts *TextOptions, each func(*normalize.Text) error) error {
	if !normalize.ValidScript(opts.Script) {
		return fmt.Errorf("unknown --script %q (want auto, t2s, tw2s, hk2s or none)", opts.Script)
	}
	if err := normalize.ValidEncoding(opts.Encoding); err != nil {
		return err
	}
	in := namedInput(opts.Path)
	noteStdinFromTerminal([]input{in}, opts.IO)
	r, _, err := openInput(in, opts.IO.In)
	if err != nil {
		return fmt.Errorf("%s: %w", opts.Path, err)
	}
	defer r.Close()
	cfg := pipeline.Config{Encoding: opts.Encoding, Script: opts.Script, InputFormat: inputFormat("auto", in.stdin)}
	res, err := pipeline.EachWindow(ctx, in.doc, r, cfg, func(window string, base int) error {
		clean, err := normalize.Normalize(window, base, normalize.Options{Script: opts.Script})
		if err != nil {
			return err
		}
		defer clean.Text.Release()
		return each(clean.Text)
	})
	if err != nil {
		return err
	}
	if res.Err != nil {
		return fmt.Errorf("%s: %w", opts.Path, res.Err)
	}
	return nil
}

func runNormalize(ctx context.Context, opts *TextOptions) error {
	w := bufio.NewWriter(opts.IO.Out)
	last := byte('\n')
	err := eachCleanWindow(ctx, opts, func(t *normalize.Text) error {
		s := t.String()
		if s != "" {
			last = s[len(s)-1]
		}
		_, err := w.WriteString(s)
		return err
	})
	if last != '\n' {
		w.WriteByte('\n')
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

func newCmdSegment(streams *IOStreams, runF func(context.Context, *TextOptions) error) *cobra.Command {
	opts := &TextOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "segment FILE",
		Short: "Print the words of the cleaned text, one sentence per line",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runSegment(cmd.Context(), opts)
		},
	}
	bindTextFlags(cmd, opts)
	return cmd
}

func runSegment(ctx context.Context, opts *TextOptions) error {
	w := bufio.NewWriter(opts.IO.Out)
	seg := segment.Default()
	err := eachCleanWindow(ctx, opts, func(t *normalize.Text) error {
		for _, s := range segment.Sentences(t.Runes) {
			var words []string
			for _, word := range seg.Cut(t.Slice(s[0], s[1])) {
				if word = strings.TrimSpace(word); word != "" {
					words = append(words, word)
				}
			}
			if _, err := fmt.Fprintln(w, strings.Join(words, " ")); err != nil {
				return err
			}
		}
		return nil
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

// namedInput is the one document a command is given: "-" for standard
// input, else a file, which is looked at now so that a missing one is
// reported as missing.
func namedInput(path string) input {
	if path == "-" {
		return stdinInput
	}
	_, err := os.Stat(path)
	if err == nil {
		return newInput(path, nil)
	}
	var pe *fs.PathError
	if _, lerr := os.Lstat(path); lerr != nil && errors.As(err, &pe) {
		return newInput(path, pe.Err) // "no such file or directory", "permission denied"
	}
	return newInput(path, describeStatError(path, err))
}

// NumbersOptions are the streams of `zhmetrics numbers`.
type NumbersOptions struct {
	IO *IOStreams
}

func newCmdNumbers(streams *IOStreams, runF func(context.Context, *NumbersOptions) error) *cobra.Command {
	opts := &NumbersOptions{IO: streams}
	return &cobra.Command{
		Use:   "numbers",
		Short: "Recognise numbers, percentages and money in each line of standard input",
		Long: `Reads UTF-8 text from standard input, one input per line, and prints for
each line one JSON array of the numbers, percentages and money amounts in it:
{"start","end","text","kind","value","unit"}. start and end are code point
offsets into the line (end exclusive); a percent's value is the percentage
(95.3), money is in its currency unit (1200万元 → 12000000, unit 元); value is
null when digits are masked.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runNumbers(opts)
		},
	}
}

// numberJSON is one recognised number as `zhmetrics numbers` prints it.
type numberJSON struct {
	Start int          `json:"start"`
	End   int          `json:"end"`
	Text  string       `json:"text"`
	Kind  string       `json:"kind"`
	Value *json.Number `json:"value"`
	Unit  string       `json:"unit"`
}

func runNumbers(opts *NumbersOptions) error {
	noteStdin(opts.IO)
	sc := bufio.NewScanner(opts.IO.In)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<30)
	w := bufio.NewWriter(opts.IO.Out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		out := []numberJSON{}
		for _, m := range number.Recognize(line) {
			n := numberJSON{Start: m.Start, End: m.End, Text: m.Text, Kind: m.Kind, Unit: m.Unit}
			if !m.Masked {
				n.Value = numberValue(m)
			}
			out = append(out, n)
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return w.Flush()
}

// numberValue is m's value as JSON: every digit of an integer beyond 2^53,
// else the float as encoding/json writes it.
func numberValue(m number.Match) *json.Number {
	v := json.Number(m.Exact)
	if m.Exact == "" {
		b, _ := json.Marshal(m.Value) // finite: Recognize drops the rest
		v = json.Number(b)
	}
	return &v
}

// LexiconOptions are the flags of `zhmetrics lexicon`.
type LexiconOptions struct {
	IO *IOStreams
}

func newCmdLexicon(streams *IOStreams, runF func(context.Context, *LexiconOptions) error) *cobra.Command {
	opts := &LexiconOptions{IO: streams}
	return &cobra.Command{
		Use:   "lexicon",
		Short: "Print the embedded indicator lexicon as TSV (a start for --lexicon)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			_, err := extract.DefaultLexicon().WriteTo(opts.IO.Out)
			return err
		},
	}
}
