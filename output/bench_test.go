package output

import (
	"bytes"
	"fmt"
	"testing"
)

// benchRows returns n rows shaped like real output: long sentences, a mix
// of kinds, some masked.
func benchRows(n int) []Row {
	base := sampleRows()
	rows := make([]Row, n)
	for i := range rows {
		r := base[i%len(base)]
		r.Doc = fmt.Sprintf("reports/%03d.txt", i/50)
		r.Line = i + 1
		r.Start = i * 40
		r.End = r.Start + 6
		if r.Value != nil {
			r.Value = ptr(*r.Value + float64(i))
		}
		r.Sentence = "各级各类学校" + fmt.Sprint(i) + "所，" + r.Sentence + "全市教育事业稳步发展，办学条件持续改善。"
		rows[i] = r
	}
	return rows
}

func benchmarkWriter(b *testing.B, format string) {
	rows := benchRows(1000)
	opts := Options{EscapeFormulas: true}
	var buf bytes.Buffer
	write := func() {
		buf.Reset()
		w, err := New(&buf, format, opts)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := w.WriteRow(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	write()
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		write()
	}
}

func BenchmarkWriteCSV(b *testing.B)   { benchmarkWriter(b, "csv") }
func BenchmarkWriteTSV(b *testing.B)   { benchmarkWriter(b, "tsv") }
func BenchmarkWriteJSONL(b *testing.B) { benchmarkWriter(b, "jsonl") }
func BenchmarkWriteXLSX(b *testing.B)  { benchmarkWriter(b, "xlsx") }

func BenchmarkReadRows(b *testing.B) {
	for _, format := range []string{"csv", "tsv", "jsonl"} {
		b.Run(format, func(b *testing.B) {
			data := writeAll(b, format, Options{}, benchRows(1000), nil)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadRows(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriteParquet(b *testing.B) { benchmarkWriter(b, "parquet") }
