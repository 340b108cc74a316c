package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// bigLexicon is a generated lexicon of n lines of three names each.
func bigLexicon(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "指标%d\t别名甲%d\t别名乙%d\n", i, i, i)
	}
	return b.String()
}

// BenchmarkLexiconAdd reads a large --lexicon; MB/s are of its TSV.
func BenchmarkLexiconAdd(b *testing.B) {
	tsv := bigLexicon(200_000)
	b.SetBytes(int64(len(tsv)))
	b.ReportAllocs()
	for b.Loop() {
		if err := (&Lexicon{}).Add(strings.NewReader(tsv), "big.tsv"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanonical looks names up in a large lexicon: the cost per fact
// must not grow with the lexicon.
func BenchmarkCanonical(b *testing.B) {
	lex := &Lexicon{}
	if err := lex.Add(strings.NewReader(bigLexicon(200_000)), "big.tsv"); err != nil {
		b.Fatal(err)
	}
	names := []string{"别名乙199999", "江苏省指标7", "不在其中的名字", "地区生产总值增长"}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			lex.Canonical(n)
		}
	}
}
