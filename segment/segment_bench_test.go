package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-ego/gse"
)

// benchClauses cuts the corpus into the short clauses extraction reads
// metric names from: pieces between punctuation, at most 40 characters.
func benchClauses(b *testing.B) (clauses []string, size int64) {
	b.Helper()
	paths, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	if len(paths) == 0 {
		b.Skip("corpus not found")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range strings.FieldsFunc(string(data), func(r rune) bool {
			return strings.ContainsRune("，,；;：:。！？!?\n“”《》、", r)
		}) {
			rs := []rune(c)
			for len(rs) > 0 {
				n := min(len(rs), 40)
				clauses = append(clauses, string(rs[:n]))
				size += int64(len(string(rs[:n])))
				rs = rs[n:]
			}
		}
	}
	return clauses, size
}

// BenchmarkOpen measures opening the embedded dictionary, which every run
// that extracts pays once.
func BenchmarkOpen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := openDict(dictData); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCutPos measures the tagged cut extraction makes for names.
func BenchmarkCutPos(b *testing.B) {
	clauses, size := benchClauses(b)
	seg := Default()
	if err := seg.Load(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range clauses {
			seg.CutPos(c)
		}
	}
}

// BenchmarkCut measures the cut of `zhmetrics segment` (with the HMM).
func BenchmarkCut(b *testing.B) {
	clauses, size := benchClauses(b)
	seg := Default()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range clauses {
			seg.Cut(c)
		}
	}
}

// BenchmarkGSELoad and BenchmarkGSEPos measure gse itself on the same
// dictionary, for reference.
func BenchmarkGSELoad(b *testing.B) {
	for b.Loop() {
		var seg gse.Segmenter
		seg.SkipLog = true
		if err := seg.LoadDictEmbed("zh_s"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGSEPos(b *testing.B) {
	clauses, size := benchClauses(b)
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, c := range clauses {
			seg.Pos(c, false)
		}
	}
}
