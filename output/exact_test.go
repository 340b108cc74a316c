package output

import (
	"strings"
	"testing"
)

// An integer beyond 2^53 keeps every digit in the delimited and JSON Lines
// outputs when the row carries it as ValueText.
func TestExactValueText(t *testing.T) {
	row := Row{Doc: "d", Kind: "money", Value: ptr(12345678901234567890), ValueText: "12345678901234567890", Unit: "元"}
	for _, format := range []string{"csv", "tsv"} {
		out := string(writeAll(t, format, Options{}, []Row{row}, nil))
		if !strings.Contains(out, "12345678901234567890") {
			t.Errorf("%s: %q lacks the exact value", format, out)
		}
	}
	jl := string(writeAll(t, "jsonl", Options{}, []Row{row}, nil))
	if !strings.Contains(jl, `"value":12345678901234567890,`) {
		t.Errorf("jsonl = %s, want the exact value", jl)
	}
	// Without ValueText the float is written as before.
	row.ValueText = ""
	if out := string(writeAll(t, "csv", Options{}, []Row{row}, nil)); !strings.Contains(out, ",12345678901234567000,") {
		t.Errorf("csv without ValueText = %q", out)
	}
}
