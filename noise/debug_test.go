package noise

import (
	"os"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/pipeline"
	"github.com/zhmetrics/zhmetrics/score"
	"github.com/zhmetrics/zhmetrics/segment"
)

func TestDebugMisses(t *testing.T) {
	want := os.Getenv("NOISE_DEBUG")
	if want == "" {
		t.Skip()
	}
	gold, texts, _, _ := score.ResolveGoldFile("../testdata/corpus/gold.jsonl", "../testdata/corpus/docs")
	cfg := pipeline.Config{Encoding: "auto", Script: "auto", Extractor: extract.New(extract.Options{Lexicon: extract.DefaultLexicon(), Segmenter: segment.Default()})}
	clean := scoreTransformed(t, Transform{"clean", func(src []rune) (Result, error) { return identity(src), nil }}, gold, texts, cfg)
	var cm strings.Builder
	score.WriteMisses(&cm, clean, 1000)
	seen := map[string]bool{}
	for _, l := range strings.Split(cm.String(), "\n") {
		seen[l] = true
	}
	for _, tr := range All() {
		if tr.Name != want {
			continue
		}
		res := scoreTransformed(t, tr, gold, texts, cfg)
		var m strings.Builder
		score.WriteMisses(&m, res, 1000)
		for _, l := range strings.Split(m.String(), "\n") {
			if !seen[l] {
				t.Log(l)
			}
		}
	}
}

func TestDebugDump(t *testing.T) {
	want := os.Getenv("NOISE_DUMP")
	if want == "" {
		t.Skip()
	}
	_, texts, _, _ := score.ResolveGoldFile("../testdata/corpus/gold.jsonl", "../testdata/corpus/docs")
	for _, tr := range All() {
		if tr.Name != want {
			continue
		}
		os.MkdirAll("/tmp/noise-"+want, 0o755)
		for doc, src := range texts {
			r, _ := tr.Apply(src)
			os.WriteFile("/tmp/noise-"+want+"/"+doc, r.Encoded(), 0o644)
		}
	}
}
