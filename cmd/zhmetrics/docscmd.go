package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newCmdDocs is the hidden `zhmetrics docs` command that `make install`
// uses to write the manual pages from the command tree itself, so that the
// pages always match the flags.
func newCmdDocs(streams *IOStreams) *cobra.Command {
	docs := &cobra.Command{
		Use:    "docs",
		Short:  "Generate documentation from the command tree",
		Hidden: true,
		Args:   cobra.NoArgs,
	}
	docs.AddCommand(&cobra.Command{
		Use:   "man DIR",
		Short: "Write a man page (section 1) for every command into DIR",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeManPages(cmd.Root(), args[0], streams)
		},
	})
	return docs
}

// writeManPages writes zhmetrics.1, zhmetrics-extract.1, … into dir,
// creating it when needed. Hidden commands get no page. The pages carry no
// "auto generated" footer, and their date is SOURCE_DATE_EPOCH when that is
// set, so that a packaged build can write the same pages twice.
func writeManPages(root *cobra.Command, dir string, streams *IOStreams) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	disableAutoGenTag(root)
	header := &doc.GenManHeader{
		Section: "1",
		Source:  "zhmetrics " + versionString(),
		Manual:  "zhmetrics manual",
	}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	_, err := fmt.Fprintln(streams.ErrOut, "wrote man pages to", dir)
	return err
}

func disableAutoGenTag(cmd *cobra.Command) {
	cmd.DisableAutoGenTag = true
	for _, c := range cmd.Commands() {
		disableAutoGenTag(c)
	}
}
