package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/score"
)

var update = flag.Bool("update", false, "rewrite golden files")

// minQuantityF1 is the floor of quantity F1 on the bundled corpus, set
// just under the measured 0.977 so that a real regression crosses it.
const minQuantityF1 = 0.972

// runCLI runs zhmetrics with args from the repository root and returns its
// exit status, standard output and standard error.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	streams := &IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
	code := execute(context.Background(), streams, args)
	return code, out.String(), errOut.String()
}

func toRepoRoot(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
}

// TestCorpusGolden catches any change to the rows extracted from the bundled
// corpus; `go test ./cmd/zhmetrics -update` rewrites the golden files after
// an intended change. Every format and any --jobs give the same rows.
func TestCorpusGolden(t *testing.T) {
	toRepoRoot(t)
	for _, format := range []string{"csv", "jsonl"} {
		golden := filepath.Join("testdata", "golden", "corpus."+format)
		code, serial, stderr := runCLI(t, "", "extract", "testdata/corpus/docs", "--format", format, "--jobs", "1")
		if code != 0 {
			t.Fatalf("extract exited %d: %s", code, stderr)
		}
		_, parallel, _ := runCLI(t, "", "extract", "testdata/corpus/docs", "--format", format, "--jobs", "4")
		if parallel != serial {
			t.Fatalf("%s output differs between --jobs 1 and --jobs 4", format)
		}
		if *update {
			if err := os.WriteFile(golden, []byte(serial), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if serial != string(want) {
			t.Errorf("%s output differs from %s; review the change and run `go test ./cmd/zhmetrics -update`\n%s",
				format, golden, firstDifference(string(want), serial))
		}
	}
}

func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n want " + w + "\n  got " + g
		}
	}
	return ""
}

// TestCorpusQuality scores extraction against the hand-made gold standard
// with the same rules as the project's scorer and fails when quantity F1
// falls below the floor.
func TestCorpusQuality(t *testing.T) {
	toRepoRoot(t)
	code, csv, stderr := runCLI(t, "", "extract", "testdata/corpus/docs")
	if code != 0 {
		t.Fatalf("extract exited %d: %s", code, stderr)
	}
	gold, texts, errs, err := score.ResolveGoldFile("testdata/corpus/gold.jsonl", "testdata/corpus/docs")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("gold: %s", e)
	}
	unresolved := 0 // gold quantities that cannot be found count as missed, not as skipped
	for _, g := range gold {
		if !g.Resolved && !g.Optional && g.Kind != "program" {
			unresolved++
		}
	}
	preds, err := score.ReadPredictions(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	res := score.Score(gold, texts, preds)
	var table bytes.Buffer
	if err := score.WriteTable(&table, res, 0, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus scores:\n%s", table.String())
	q := res.Summary().Quantities
	f1 := 2 * float64(q.Correct) / float64(q.Pred+q.Gold+unresolved)
	if f1 < minQuantityF1 {
		t.Errorf("quantity F1 %.4f (%d gold facts not found) is below %.3f", f1, unresolved, minQuantityF1)
	}
}
