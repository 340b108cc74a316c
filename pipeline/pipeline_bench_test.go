package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/segment"
)

// benchDocs reads the bundled corpus, split into traditional and
// simplified reports by their detected script.
func benchDocs(b *testing.B, traditional bool) map[string][]byte {
	b.Helper()
	paths, err := filepath.Glob("../testdata/corpus/docs/*.txt")
	if err != nil || len(paths) == 0 {
		b.Skip("corpus not found")
	}
	docs := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		isTrad := normalize.DetectScript([]rune(string(data))) == normalize.ScriptTraditional
		if isTrad == traditional {
			docs[filepath.Base(p)] = data
		}
	}
	return docs
}

func benchmarkProcess(b *testing.B, traditional bool) {
	docs := benchDocs(b, traditional)
	cfg := Config{Encoding: "auto", Script: "auto", Extractor: extract.New(extract.Options{
		Lexicon: extract.DefaultLexicon(), Segmenter: segment.Default(),
	})}
	if err := segment.Default().Load(); err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, d := range docs {
		n += int64(len(d))
	}
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for name, d := range docs {
			if r := Process(name, d, cfg); r.Err != nil && !strings.Contains(r.Err.Error(), "binary") {
				b.Fatal(r.Err)
			}
		}
	}
}

// BenchmarkProcessSimplified measures decode → normalise → extract → ground
// on the simplified reports of the corpus, one goroutine.
func BenchmarkProcessSimplified(b *testing.B) { benchmarkProcess(b, false) }

// BenchmarkProcessTraditional is the same on the traditional reports, which
// also pay for script conversion.
func BenchmarkProcessTraditional(b *testing.B) { benchmarkProcess(b, true) }
