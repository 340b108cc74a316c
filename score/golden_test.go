package score

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "regenerate testdata/preds and testdata/expected with python3 and testdata/score.py")

const (
	corpusGold = "../testdata/corpus/gold.jsonl"
	corpusDocs = "../testdata/corpus/docs"
)

// goldenCases are scored here and by score.py; the expected files hold
// score.py's output: NAME.json for --json, NAME.txt and NAME.stderr for
// --misses N.
var goldenCases = []struct {
	name       string
	gold, docs string
	pred       string
	misses     int
	expected   string // name of the expected files when they are another case's
}{
	{name: "perfect", gold: corpusGold, docs: corpusDocs, pred: "testdata/preds/perfect.csv", misses: 5},
	{name: "perturbed", gold: corpusGold, docs: corpusDocs, pred: "testdata/preds/perturbed.csv", misses: 1000},
	{name: "perturbed-jsonl", gold: corpusGold, docs: corpusDocs, pred: "testdata/preds/perturbed.jsonl", misses: -1},
	// score.py cannot read TSV; the same rows must score as their CSV form.
	{name: "perturbed-tsv", gold: corpusGold, docs: corpusDocs, pred: "testdata/preds/perturbed.tsv", misses: 1000, expected: "perturbed"},
	{name: "mini", gold: "testdata/mini/gold.jsonl", docs: "testdata/mini/docs", pred: "testdata/mini/preds.csv", misses: 10},
}

func TestGolden(t *testing.T) {
	if *update {
		regenerate(t)
	}
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			gold, texts, errs, err := ResolveGoldFile(tc.gold, tc.docs)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(tc.pred)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			preds, err := ReadPredictions(f)
			if err != nil {
				t.Fatal(err)
			}
			res := Score(gold, texts, preds)

			expected := tc.name
			if tc.expected != "" {
				expected = tc.expected
			}
			var js bytes.Buffer
			if err := WriteJSON(&js, res); err != nil {
				t.Fatal(err)
			}
			compareFile(t, expected+".json", js.Bytes())

			var out, stderr bytes.Buffer
			for _, e := range errs {
				fmt.Fprintln(&stderr, "gold ERROR", e)
			}
			if err := WriteTable(&out, res, tc.misses, &stderr); err != nil {
				t.Fatal(err)
			}
			compareFile(t, expected+".txt", out.Bytes())
			compareFile(t, expected+".stderr", stderr.Bytes())
		})
	}
}

// TestResolveCorpus checks every gold span against score.py resolve.
func TestResolveCorpus(t *testing.T) {
	gold, _, errs, err := ResolveGoldFile(corpusGold, corpusDocs)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintln(&b, "ERROR", e)
	}
	for _, g := range gold {
		if g.Resolved {
			fmt.Fprintln(&b, g.Line, g.Start, g.End)
		}
	}
	compareFile(t, "corpus.spans", []byte(b.String()))
}

func TestResolveGoldErrors(t *testing.T) {
	for _, line := range []string{
		`{"doc": "gwr1957.txt", "kind": "count"}`,                              // no text
		`{"doc": "gwr1957.txt", "text": "1", "before": null, "kind": "count"}`, // before is not a string
		`{"doc": "gwr1957.txt", "text": "1", "kind": "date"}`,                  // unknown kind
		`{"doc": "gwr1957.txt", "text": "1", "kind": "count", "value": "12"}`,  // value is not a number
		`{"doc": "gwr1957.txt", "text": "1", "kind": "count", "metric": 12}`,   // metric is not a string
		`["gwr1957.txt"]`,
		`{"doc": "missing.txt", "text": "1", "kind": "count"}`,
	} {
		if _, _, _, err := ResolveGold(strings.NewReader(line), corpusDocs); err == nil {
			t.Errorf("ResolveGold(%s) succeeded, want an error", line)
		}
	}
}

func compareFile(t *testing.T, name string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", "expected", name))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from score.py's output\n%s", name, firstDifference(string(got), string(want)))
	}
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}

// regenerate rewrites the prediction files from the corpus gold and the
// expected files with score.py.
func regenerate(t *testing.T) {
	t.Helper()
	python := func(stdout, stderr *bytes.Buffer, args ...string) {
		cmd := exec.Command("python3", args...)
		cmd.Stdout, cmd.Stderr = stdout, stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("python3 %s: %v\n%s", strings.Join(args, " "), err, stderr)
		}
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join("testdata", "expected", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	python(new(bytes.Buffer), new(bytes.Buffer), "testdata/make_preds.py", corpusGold, corpusDocs, "testdata/preds")
	for _, tc := range goldenCases {
		if tc.expected != "" {
			continue
		}
		var out, stderr bytes.Buffer
		python(&out, &stderr, "testdata/score.py", "score", tc.gold, tc.pred, tc.docs, "--json")
		write(tc.name+".json", out.Bytes())
		out.Reset()
		stderr.Reset()
		python(&out, &stderr, "testdata/score.py", "score", tc.gold, tc.pred, tc.docs, "--misses", fmt.Sprint(tc.misses))
		write(tc.name+".txt", out.Bytes())
		write(tc.name+".stderr", stderr.Bytes())
	}
	// score.py resolve exits 1 when a fact is not found; keep its report.
	var out, stderr bytes.Buffer
	cmd := exec.Command("python3", "testdata/score.py", "resolve", corpusGold, corpusDocs)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("score.py resolve: %v\n%s", err, &stderr)
	}
	spans := new(bytes.Buffer)
	spans.Write(stderr.Bytes())
	python(spans, new(bytes.Buffer), "-c", resolveSpans, corpusGold, corpusDocs)
	write("corpus.spans", spans.Bytes())
}

// resolveSpans prints "line start end" for each fact score.py resolves.
const resolveSpans = `
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, "testdata")
from score import resolve
facts, _, _ = resolve(sys.argv[1], sys.argv[2])
for i, f in enumerate(facts):
    if "start" in f:
        print(i + 1, f["start"], f["end"])
`
