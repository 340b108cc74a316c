package main

import (
	"bufio"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/pipeline"
)

// TextCmdOptions are the flags and argument of `zhmetrics text`.
type TextCmdOptions struct {
	IO          *IOStreams
	Path        string
	InputFormat string
	Encoding    string
	PDFPassword string
}

func newCmdText(streams *IOStreams, runF func(context.Context, *TextCmdOptions) error) *cobra.Command {
	opts := &TextCmdOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "text FILE",
		Short: "Print the plain text of a document, the text that row offsets point into",
		Long: `Print the plain text that extraction reads from FILE ("-" for standard input):
the decoded text of a text file, the visible text of an HTML page, the
paragraphs of a Word document, the text layer of a PDF page after page
(without its running headers, footers and page numbers). A row's start and end are character offsets
into exactly this text, and its raw is the text between them.`,
		Example: `  zhmetrics text report.docx > report.txt
  zhmetrics text page.html --encoding gb18030`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runTextCmd(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.InputFormat, "input-format", "", "input format: auto, text, html, docx, doc, rtf or pdf (default auto for files, text for standard input)")
	cmd.Flags().StringVar(&opts.Encoding, "encoding", "auto", "input encoding: auto, utf-8, gb18030, big5 or utf-16")
	cmd.Flags().StringVar(&opts.PDFPassword, "pdf-password", "", "open an encrypted PDF with this `PASSWORD`")
	return cmd
}

// runTextCmd prints the text a window at a time, as extract reads it, so
// that a large file needs no more memory than a window.
func runTextCmd(ctx context.Context, opts *TextCmdOptions) error {
	in := namedInput(opts.Path)
	format := inputFormat(opts.InputFormat, in.stdin)
	if err := document.ValidFormat(format); err != nil {
		return err
	}
	if err := normalize.ValidEncoding(opts.Encoding); err != nil {
		return err
	}
	noteStdinFromTerminal([]input{in}, opts.IO)
	r, _, err := openInput(in, opts.IO.In)
	if err != nil {
		return fmt.Errorf("%s: %w", opts.Path, err)
	}
	defer r.Close()
	w := bufio.NewWriter(opts.IO.Out)
	cfg := pipeline.Config{Encoding: opts.Encoding, InputFormat: format, PDFPassword: opts.PDFPassword}
	res, err := pipeline.EachWindow(ctx, in.doc, r, cfg, func(window string, _ int) error {
		_, err := w.WriteString(window)
		return err
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if res.Err != nil {
		// A damaged PDF's pages that could be read are printed before it.
		return fmt.Errorf("%s: %w", opts.Path, res.Err)
	}
	return nil
}

// inputFormat returns the format a document is read with: the one asked
// for, else auto for files (by extension and content) and text for
// standard input.
func inputFormat(asked string, stdin bool) string {
	switch {
	case asked != "":
		return asked
	case stdin:
		return document.FormatText
	}
	return document.FormatAuto
}
