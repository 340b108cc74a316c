package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version and commit are set at build time by the Makefile with -ldflags
// "-X main.version=… -X main.commit=…"; otherwise the module version and
// the commit Go stamped into the build, if any, are used.
var version, commit = "", ""

func newRootCmd(streams *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "zhmetrics",
		Short: "Turn Chinese report text into tidy, grounded metric rows",
		Long: `zhmetrics reads Chinese report text (work summaries, plans, government work
reports), cleans it, converts traditional script to simplified, and extracts
counts, percentages, money amounts, measures and named programs. Every row
points back to the original text by character offsets and line.

Exit status: 0 when every input was read; 1 when some input could not be
read (the rest is written); 2 on a usage error (nothing is written); 74
when the output could not be written (full disk, I/O error); 130 on SIGINT,
143 on SIGTERM and 141 when the reader of standard output went away.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(flagError)
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
	for _, c := range root.Commands() {
		completeValues(c)
	}
	// --version as well as `zhmetrics version`.
	root.Version = versionString()
	root.SetVersionTemplate("zhmetrics {{.Version}}\n")
	return root
}

// flagError turns a flag parsing error into one line that suggests the
// nearest flag of the command and points to its --help.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		if near := nearestFlag(cmd, name); near != "" {
			msg += fmt.Sprintf(" (did you mean --%s?)", near)
		}
	}
	return fmt.Errorf("%s; see '%s --help'", msg, cmd.CommandPath())
}

// nearestFlag returns the flag of cmd whose name is closest to name, when
// it is close enough to be a likely typo.
func nearestFlag(cmd *cobra.Command, name string) string {
	best, bestDist := "", 3
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		d := editDistance(name, f.Name)
		if strings.HasPrefix(f.Name, name) || strings.HasPrefix(name, f.Name) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
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

// versionString is the version, then the commit it was built from when
// known: "v1.2.0 (commit 0123456789ab)".
func versionString() string {
	v, c, dirty := version, commit, false
	info, ok := debug.ReadBuildInfo()
	if v == "" {
		v = "(devel)"
		if ok && info.Main.Version != "" {
			v = info.Main.Version
		}
	}
	if c == "" && ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				c = s.Value[:min(len(s.Value), 12)]
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if c != "" && dirty {
			c += "-dirty"
		}
	}
	if c == "" {
		return v
	}
	return fmt.Sprintf("%s (commit %s)", v, c)
}
