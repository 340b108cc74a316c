package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"
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
	literalDefaults(root)
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

// manDefault is a flag annotation giving the default a man page shows, for
// a default that depends on the machine (the number of cores) and would
// otherwise be the build machine's.
const manDefault = "zhmetrics/man-default"

// literalDefaults makes the pages show flag defaults as they are: the
// generator reads them as Markdown, where "*.txt,*.md" would turn into
// italics. Machine-dependent defaults show their annotation instead.
func literalDefaults(cmd *cobra.Command) {
	escape := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`")
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if shown, ok := f.Annotations[manDefault]; ok && len(shown) == 1 {
			f.DefValue = shown[0]
		}
		f.DefValue = escape.Replace(f.DefValue)
	})
	for _, c := range cmd.Commands() {
		literalDefaults(c)
	}
}
