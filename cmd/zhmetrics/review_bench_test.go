package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// BenchmarkReviewPageLoad opens review pages in headless Chromium: the
// bundled corpus, one document of 30,000 characters and a batch of 1,000
// documents. ns/op is the time from navigation to the load event and the
// script being ready, as the test sees it. The page's own clock, from its
// navigation start, gives the medians: ms-paint (first contentful paint),
// ms-ready (the rows read and the table drawn; texts may still be
// arriving) and ms-loaded (the load event: every text parsed).
func BenchmarkReviewPageLoad(b *testing.B) {
	b.Chdir(filepath.Join("..", ".."))
	corpus := filepath.Join("testdata", "corpus", "docs")
	cases := []struct {
		name string
		docs func(b *testing.B) string
	}{
		{"corpus", func(*testing.B) string { return corpus }},
		{"doc30k", func(b *testing.B) string { return longDocument(b, corpus, 30000) }},
		{"batch1000", func(b *testing.B) string { return copiedBatch(b, corpus, 1000) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			page := filepath.Join(b.TempDir(), "review.html")
			var errOut bytes.Buffer
			streams := &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut}
			if code := execute(context.Background(), streams, []string{"extract", c.docs(b), "-o", page, "-q"}); code != 0 {
				b.Fatalf("extract exited %d: %s", code, errOut.String())
			}
			info, err := os.Stat(page)
			if err != nil {
				b.Fatal(err)
			}
			p := startBrowser(b)
			var paint, ready, loaded []float64
			for b.Loop() {
				openPage(b, p, page)
				var t struct{ Paint, Ready, Loaded float64 }
				js := `({Paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
					Ready: window.zhReview.ready, Loaded: performance.getEntriesByType("navigation")[0].loadEventStart})`
				if err := p.Eval(js, &t); err != nil {
					b.Fatal(err)
				}
				if t.Paint > 0 { // headless Chromium does not always report it
					paint = append(paint, t.Paint)
				}
				ready, loaded = append(ready, t.Ready), append(loaded, t.Loaded)
			}
			b.ReportMetric(float64(info.Size())/(1<<20), "MiB/page")
			b.ReportMetric(median(paint), "ms-paint")
			b.ReportMetric(median(ready), "ms-ready")
			b.ReportMetric(median(loaded), "ms-loaded")
		})
	}
}

// longDocument writes one document of about n characters, cut from the
// corpus's documents joined, at a line end.
func longDocument(b *testing.B, corpus string, n int) string {
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	var text []rune
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text = append(text, []rune(string(data))...)
		if len(text) >= n {
			break
		}
	}
	text = text[:min(n, len(text))]
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "long.txt"), []byte(string(text)), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// copiedBatch writes n documents, copies of the corpus's under new names.
func copiedBatch(b *testing.B, corpus string, n int) string {
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	dir := b.TempDir()
	for i := range n {
		src := files[i%len(files)]
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("%04d_%s", i, filepath.Base(src))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
