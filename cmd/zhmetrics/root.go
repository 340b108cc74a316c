package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// the module version is used.
var version = ""

func newRootCmd(streams *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "zhmetrics",
		Short: "Turn Chinese report text into tidy, grounded metric rows",
		Long: `zhmetrics reads Chinese report text (work summaries, plans, government work
reports), cleans it, converts traditional script to simplified, and extracts
counts, percentages, money amounts, measures and named programs. Every row
points back to the original text by character offsets and line.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.AddCommand(
		newCmdExtract(streams, nil),
		newCmdText(streams, nil),
		newCmdNormalize(streams, nil),
		newCmdSegment(streams, nil),
		newCmdNumbers(streams, nil),
		newCmdLexicon(streams, nil),
		newCmdVersion(streams),
		newCmdEval(streams, nil),
		newCmdDiff(streams, nil),
		newCmdDocs(streams),
	)
	return root
}

func newCmdVersion(streams *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(streams.Out, "zhmetrics", versionString())
			return err
		},
	}
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
