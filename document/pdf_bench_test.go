package document

import (
	"os"
	"testing"
)

// BenchmarkPDFText reads one PDF's text, warm: the reader is set up before
// the timer starts. ZHMETRICS_BENCH_PDF names another file to read.
func BenchmarkPDFText(b *testing.B) {
	path := os.Getenv("ZHMETRICS_BENCH_PDF")
	if path == "" {
		path = "testdata/pdf/libreoffice.pdf"
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skip(err)
	}
	if _, err := pdfPool(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	pages := 0
	for range b.N {
		_, starts, err := pdfText(data, "")
		if err != nil {
			b.Fatal(err)
		}
		pages += len(starts)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
