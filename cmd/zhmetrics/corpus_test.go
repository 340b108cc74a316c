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

// qualityFloors are the lowest scores each gold set may give, set just
// under the measured figures so that a real regression crosses them. The
// corpus is what the rules were written against; the held-out set
// (testdata/holdout) is reports written afterwards to check that they
// carry over, so its floors sit lower.
var qualityFloors = []struct {
	name, docs, gold                           string
	quantityF1, namesRight, namesExact, progF1 float64
}{
	{"corpus", "testdata/corpus/docs", "testdata/corpus/gold.jsonl", 0.995, 0.875, 0.5, 0.965},
	{"holdout", "testdata/holdout/docs", "testdata/holdout/gold.jsonl", 0.99, 0.9, 0.625, 0.97},
}

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

// TestCorpusQuality scores extraction against the hand-made gold standards
// with the same rules as the project's scorer and fails when a score falls
// below its floor. Gold quantities that cannot be located count as missed.
func TestCorpusQuality(t *testing.T) {
	toRepoRoot(t)
	for _, set := range qualityFloors {
		t.Run(set.name, func(t *testing.T) {
			code, csv, stderr := runCLI(t, "", "extract", set.docs)
			if code != 0 {
				t.Fatalf("extract exited %d: %s", code, stderr)
			}
			gold, texts, errs, err := score.ResolveGoldFile(set.gold, set.docs)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range errs {
				t.Errorf("gold: %s", e)
			}
			unresolved := 0
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
			t.Logf("%s scores:\n%s", set.name, table.String())
			sum := res.Summary()
			q := sum.Quantities
			checks := []struct {
				what       string
				got, floor float64
			}{
				{"quantity F1", 2 * float64(q.Correct) / float64(q.Pred+q.Gold+unresolved), set.quantityF1},
				{"metric names right", sum.MetricNameRight, set.namesRight},
				{"metric names exact", sum.MetricNameExact, set.namesExact},
				{"program F1", kindF1(sum, "program"), set.progF1},
			}
			for _, c := range checks {
				if c.got < c.floor {
					t.Errorf("%s %.4f is below %.3f (%d gold quantities not found)", c.what, c.got, c.floor, unresolved)
				}
			}
		})
	}
}

func kindF1(s score.Summary, kind string) float64 {
	for _, k := range s.ByKind {
		if k.Kind == kind {
			return k.F1
		}
	}
	return 0
}
