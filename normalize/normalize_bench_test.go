package normalize

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liuzl/gocc"
)

// benchCorpus returns the bundled corpus documents, split by detected
// script.
func benchCorpus(b *testing.B) (simplified, traditional []string) {
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
		s := string(data)
		if DetectScript([]rune(s)) == ScriptTraditional {
			traditional = append(traditional, s)
		} else {
			simplified = append(simplified, s)
		}
	}
	if len(traditional) == 0 || len(simplified) == 0 {
		b.Skip("corpus lacks a traditional or a simplified document")
	}
	return simplified, traditional
}

func totalBytes(docs []string) int64 {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	return int64(n)
}

// BenchmarkNormalize measures the whole cleaning of simplified reports
// (no script conversion).
func BenchmarkNormalize(b *testing.B) {
	simplified, _ := benchCorpus(b)
	b.SetBytes(totalBytes(simplified))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range simplified {
			if _, err := Normalize(d, 0, Options{Script: "auto"}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkNormalizeTraditional is BenchmarkNormalize on traditional
// reports, which are converted to simplified on the way.
func BenchmarkNormalizeTraditional(b *testing.B) {
	_, traditional := benchCorpus(b)
	b.SetBytes(totalBytes(traditional))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range traditional {
			if _, err := Normalize(d, 0, Options{Script: "auto"}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkConvert measures t2s conversion with the position map.
func BenchmarkConvert(b *testing.B) {
	_, traditional := benchCorpus(b)
	step, err := Simplify("t2s")
	if err != nil {
		b.Fatal(err)
	}
	texts := make([]*Text, len(traditional))
	for i, d := range traditional {
		texts[i] = NewText(d, 0)
	}
	b.SetBytes(totalBytes(traditional))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			step.Apply(t)
		}
	}
}

// BenchmarkConvertGocc is the same conversion by gocc itself, for reference.
func BenchmarkConvertGocc(b *testing.B) {
	_, traditional := benchCorpus(b)
	cc, err := gocc.New("t2s")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(totalBytes(traditional))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range traditional {
			if _, err := cc.Convert(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDetectScript measures the script check every window pays.
func BenchmarkDetectScript(b *testing.B) {
	simplified, traditional := benchCorpus(b)
	docs := append(simplified, traditional...)
	runes := make([][]rune, len(docs))
	for i, d := range docs {
		runes[i] = []rune(d)
	}
	b.SetBytes(totalBytes(docs))
	for b.Loop() {
		for _, rs := range runes {
			DetectScript(rs)
		}
	}
}

// BenchmarkNormalizeLayoutNoise is BenchmarkNormalize on text full of
// page furniture and blank lines, which the layout steps must clean in
// time linear in its length.
func BenchmarkNormalizeLayoutNoise(b *testing.B) {
	var s strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&s, "全年投入资金1 2 0\n\n- %d -\n\n某县年报\n\n万元，增长3 . 5 %%，\n\n\n", i)
	}
	text := s.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Normalize(text, 0, Options{Script: "auto"}); err != nil {
			b.Fatal(err)
		}
	}
}
