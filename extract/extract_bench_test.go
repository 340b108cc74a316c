package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/segment"
)

// BenchmarkExtract measures extraction alone (number grammar, names,
// programs) over the clean text of the corpus; MB/s are of clean text.
func BenchmarkExtract(b *testing.B) {
	paths, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	if len(paths) == 0 {
		b.Skip("corpus not found")
	}
	var texts [][]rune
	var size int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		res, err := normalize.Normalize(string(data), 0, normalize.Options{Script: "auto"})
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, res.Text.Runes)
		size += int64(len(res.Text.String()))
	}
	seg := segment.Default()
	if err := seg.Load(); err != nil {
		b.Fatal(err)
	}
	ex := New(Options{Lexicon: DefaultLexicon(), Segmenter: seg})
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, rs := range texts {
			ex.Extract(rs)
		}
	}
}
