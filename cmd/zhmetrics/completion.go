package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/output"
)

// Values offered by shell completion. Each is checked against the
// validator of its flag in the tests, so the lists cannot drift from
// what is accepted.
var (
	scriptValues   = []string{"auto", "t2s", "tw2s", "hk2s", "none"}
	encodingValues = []string{"auto", "utf-8", "gb18030", "big5", "utf-16"}
	headerValues   = []string{"en", "zh"}
)

// completeValues registers fixed completions for the flags of cmd that it
// has; a flag missing from cmd is passed over.
func completeValues(cmd *cobra.Command) {
	fixed := map[string][]string{
		"format":       output.Formats,
		"script":       scriptValues,
		"encoding":     encodingValues,
		"header":       headerValues,
		"input-format": document.Formats,
	}
	if cmd.Name() == "extract" { // extract alone reads JSON Lines records
		fixed["input-format"] = append(append([]string(nil), document.Formats...), "jsonl")
	}
	for name, values := range fixed {
		if cmd.Flags().Lookup(name) == nil {
			continue
		}
		cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	if cmd.Flags().Lookup("kinds") != nil {
		cmd.RegisterFlagCompletionFunc("kinds", completeKinds)
	}
}

// completeKinds completes the last item of a comma-separated --kinds list.
func completeKinds(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	done := ""
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		done = toComplete[:i+1]
	}
	var out []string
	for _, k := range extract.AllKinds {
		if !strings.Contains(","+done, ","+k+",") && strings.HasPrefix(done+k, toComplete) {
			out = append(out, done+k)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
