package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
)

// Paths from the repository root: the scorer's test data holds prediction
// files and score.py's output on them.
const (
	scoreTestdata = "score/testdata"
	evalGold      = "testdata/corpus/gold.jsonl"
	evalDocs      = "testdata/corpus/docs"
)

// evalCases mirror score's golden cases: expected names the files of
// score.py's output (NAME.json for --json, NAME.txt and NAME.stderr for
// --misses N).
var evalCases = []struct {
	expected   string
	gold, docs string
	pred       string
	misses     int // -1: score.py was run with --misses -1, which eval refuses
}{
	{"perfect", evalGold, evalDocs, scoreTestdata + "/preds/perfect.csv", 5},
	{"perturbed", evalGold, evalDocs, scoreTestdata + "/preds/perturbed.csv", 1000},
	{"perturbed-jsonl", evalGold, evalDocs, scoreTestdata + "/preds/perturbed.jsonl", -1},
	{"perturbed", evalGold, evalDocs, scoreTestdata + "/preds/perturbed.tsv", 1000}, // scores as its CSV form
	{"mini", scoreTestdata + "/mini/gold.jsonl", scoreTestdata + "/mini/docs", scoreTestdata + "/mini/preds.csv", 10},
}

func scorePyOutput(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(scoreTestdata, "expected", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// goldErrorLines is what score.py prints on stderr with --json for a case.
func goldErrorLines(stderr string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if strings.HasPrefix(line, "gold ERROR ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

func TestEvalMatchesScorePy(t *testing.T) {
	toRepoRoot(t)
	for _, tc := range evalCases {
		t.Run(filepath.Base(tc.pred), func(t *testing.T) {
			args := []string{"eval", "--gold", tc.gold, "--docs", tc.docs, tc.pred}
			wantStderr := scorePyOutput(t, tc.expected+".stderr")

			code, stdout, stderr := runCLI(t, "", append(args, "--json")...)
			if code != 0 {
				t.Fatalf("eval --json exited %d: %s", code, stderr)
			}
			if want := scorePyOutput(t, tc.expected+".json"); stdout != want {
				t.Errorf("--json differs from score.py\n%s", firstDifference(want, stdout))
			}
			if want := goldErrorLines(wantStderr); stderr != want {
				t.Errorf("--json stderr differs from score.py\n%s", firstDifference(want, stderr))
			}

			if tc.misses < 0 {
				return
			}
			code, stdout, stderr = runCLI(t, "", append(args, "--misses", fmt.Sprint(tc.misses))...)
			if code != 0 {
				t.Fatalf("eval --misses exited %d: %s", code, stderr)
			}
			if want := scorePyOutput(t, tc.expected+".txt"); stdout != want {
				t.Errorf("table differs from score.py\n%s", firstDifference(want, stdout))
			}
			if stderr != wantStderr {
				t.Errorf("misses differ from score.py\n%s", firstDifference(wantStderr, stderr))
			}
		})
	}
}

func TestEvalStdin(t *testing.T) {
	toRepoRoot(t)
	pred, err := os.ReadFile(scoreTestdata + "/preds/perturbed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, string(pred), "eval", "--gold", evalGold, "--docs", evalDocs, "-", "--json")
	if code != 0 {
		t.Fatalf("eval exited %d: %s", code, stderr)
	}
	if want := scorePyOutput(t, "perturbed-jsonl.json"); stdout != want {
		t.Errorf("eval on stdin differs from score.py\n%s", firstDifference(want, stdout))
	}
}

func TestEvalJSONWithMisses(t *testing.T) {
	toRepoRoot(t)
	code, stdout, stderr := runCLI(t, "", "eval", "--gold", evalGold, "--docs", evalDocs,
		scoreTestdata+"/preds/perfect.csv", "--json", "--misses", "5")
	if code != 0 {
		t.Fatalf("eval exited %d: %s", code, stderr)
	}
	if want := scorePyOutput(t, "perfect.json"); stdout != want {
		t.Errorf("--json with --misses changed standard output\n%s", firstDifference(want, stdout))
	}
	if want := scorePyOutput(t, "perfect.stderr"); stderr != want {
		t.Errorf("misses differ from score.py\n%s", firstDifference(want, stderr))
	}
}

// TestEvalMinF1 relies on perturbed.csv's quantity F1 of 0.7259 and
// perfect.csv's of 1.0.
func TestEvalMinF1(t *testing.T) {
	toRepoRoot(t)
	perturbed, perfect := scoreTestdata+"/preds/perturbed.csv", scoreTestdata+"/preds/perfect.csv"
	tests := []struct {
		pred, minF1 string
		code        int
		message     string
	}{
		{perturbed, "0", 0, ""},
		{perturbed, "0.7", 0, ""},
		{perturbed, "0.7259", 0, ""},
		{perturbed, "0.726", 1, "zhmetrics: quantity F1 0.7259 is below --min-f1 0.726\n"},
		{perturbed, "0.95", 1, "zhmetrics: quantity F1 0.7259 is below --min-f1 0.95\n"},
		{perfect, "1", 0, ""},
		{perfect, "1.5", 2, "--min-f1 1.5: want a number from 0 to 1"},
		{perfect, "-0.1", 2, "want a number from 0 to 1"},
		{perfect, "NaN", 2, "want a number from 0 to 1"},
		{perfect, "high", 2, "invalid argument"},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.pred)+"/"+tc.minF1, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", "eval", "--gold", evalGold, "--docs", evalDocs, tc.pred, "--min-f1", tc.minF1)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.message) || (tc.message == "" && stderr != "") {
				t.Errorf("stderr %q, want it to hold %q", stderr, tc.message)
			}
			if tc.code != 2 && !strings.HasPrefix(stdout, "kind ") {
				t.Errorf("the table was not printed: %q", stdout)
			}
		})
	}
}

func TestEvalErrors(t *testing.T) {
	toRepoRoot(t)
	dir := t.TempDir()
	badGold := filepath.Join(dir, "gold.jsonl")
	if err := os.WriteFile(badGold, []byte("{\"doc\": \"gwr1957.txt\", \"text\": \"1\", \"kind\": \"count\"}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missingDoc := filepath.Join(dir, "missing-doc.jsonl")
	if err := os.WriteFile(missingDoc, []byte(`{"doc": "nowhere.txt", "text": "1", "kind": "count"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badPred := filepath.Join(dir, "pred.jsonl")
	if err := os.WriteFile(badPred, []byte("{\"doc\": \"a.txt\", \"start\": 1, \"end\": 2}\n{oops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pred := scoreTestdata + "/preds/perfect.csv"
	tests := []struct {
		name string
		args []string
		want []string // in the message
	}{
		{"missing gold", []string{"--gold", filepath.Join(dir, "none.jsonl"), "--docs", evalDocs, pred},
			[]string{filepath.Join(dir, "none.jsonl")}},
		{"malformed gold", []string{"--gold", badGold, "--docs", evalDocs, pred},
			[]string{badGold, "gold line 2"}},
		{"missing document", []string{"--gold", missingDoc, "--docs", evalDocs, pred},
			[]string{filepath.Join(evalDocs, "nowhere.txt")}},
		{"missing predictions", []string{"--gold", evalGold, "--docs", evalDocs, filepath.Join(dir, "none.csv")},
			[]string{filepath.Join(dir, "none.csv")}},
		{"malformed predictions", []string{"--gold", evalGold, "--docs", evalDocs, badPred},
			[]string{badPred, "line 2"}},
		{"no --docs", []string{"--gold", evalGold, pred}, []string{`"docs"`}},
		{"no predictions", []string{"--gold", evalGold, "--docs", evalDocs}, []string{"1 arg"}},
		{"negative --misses", []string{"--gold", evalGold, "--docs", evalDocs, pred, "--misses", "-1"},
			[]string{"--misses -1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", append([]string{"eval"}, tc.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("unexpected output %q", stdout)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not name %q", stderr, w)
				}
			}
		})
	}
}

func TestEvalByGroup(t *testing.T) {
	toRepoRoot(t)
	pred := scoreTestdata + "/preds/perturbed.csv"
	_, plain, _ := runCLI(t, "", "eval", "--gold", evalGold, "--docs", evalDocs, pred)
	code, stdout, stderr := runCLI(t, "", "eval", "--gold", evalGold, "--docs", evalDocs, pred, "--by-group")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rest, ok := strings.CutPrefix(stdout, plain)
	if !ok {
		t.Fatalf("--by-group changed score.py's table:\n%s", firstDifference(plain, stdout))
	}
	if !strings.HasPrefix(rest, "group     names  right  exact\n") || !strings.Contains(rest, "\ncanonical names on ") {
		t.Errorf("no group report after the table:\n%s", rest)
	}
	_, jsonOut, _ := runCLI(t, "", "eval", "--gold", evalGold, "--docs", evalDocs, pred, "--by-group", "--json")
	if strings.Contains(jsonOut, "group ") {
		t.Errorf("--json with --by-group must stay score.py's object:\n%s", jsonOut)
	}
}

// TestEvalReadsWhatExtractWrites: rows with the Chinese header score as
// the English ones; a file with nothing to score, or of something else, is
// refused with exit status 2 instead of scoring 0.
func TestEvalReadsWhatExtractWrites(t *testing.T) {
	toRepoRoot(t)
	dir := t.TempDir()
	args := func(pred string) []string {
		return []string{"eval", "--gold", evalGold, "--docs", evalDocs, "--json", pred}
	}
	for _, format := range []string{"csv", "tsv"} {
		en := filepath.Join(dir, "en."+format)
		zh := filepath.Join(dir, "zh."+format)
		for _, run := range [][]string{
			{"extract", evalDocs, "-o", en},
			{"extract", evalDocs, "--header", "zh", "--bom", "-o", zh},
		} {
			if code, _, stderr := runCLI(t, "", run...); code != 0 {
				t.Fatalf("%v: exit status %d: %s", run, code, stderr)
			}
		}
		_, want, _ := runCLI(t, "", args(en)...)
		code, got, stderr := runCLI(t, "", args(zh)...)
		if code != 0 || got != want {
			t.Errorf("%s with the Chinese header: exit status %d, stderr %q\n got %s\nwant %s", format, code, stderr, got, want)
		}
	}
	write := func(name, data string) string {
		return badinput.WriteFile(t, filepath.Join(dir, name), []byte(data))
	}
	for _, c := range []struct {
		name, pred, want string
	}{
		{"empty", write("empty.csv", ""), "no header row"},
		{"header only", write("header.csv", "doc,line,start,end,kind,metric,canonical,value,unit,qualifier,masked,raw,sentence\n"), "no rows to score"},
		{"unknown column", write("other.csv", "name,age\nli,3\n"), `unknown column "name"`},
		{"unknown key", write("other.jsonl", `{"doc":"a.txt","start":1,"end":2,"kind":"count","Value":3}`+"\n"), `unknown key "Value"`},
		{"workbook", write("rows.xlsx", "PK"), "eval reads CSV, TSV or JSON Lines, not xlsx"},
	} {
		code, stdout, stderr := runCLI(t, "", args(c.pred)...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit status %d, stdout %q, stderr %q; want 2, nothing and %q", c.name, code, stdout, stderr, c.want)
		}
	}
}
