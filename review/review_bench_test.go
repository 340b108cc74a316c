package review

import (
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// BenchmarkPage writes a page of one dense document of about 1 MB: a fact
// every 20 characters, one in ten inside a programme's name. MB/s are of
// the document's text.
func BenchmarkPage(b *testing.B) {
	line := "实施“百校工程”，新建学校12所，投入资金3.5亿元，覆盖率达到98.5%。\n"
	text := strings.Repeat(line, (1<<20)/len(line))
	var rows []Row
	base := 0
	lineRunes := utf8.RuneCountInString(line)
	for range strings.Count(text, "\n") {
		for _, f := range []struct{ sub, kind string }{{"百校工程", "program"}, {"百校", "count"}, {"12所", "count"}, {"3.5亿元", "money"}, {"98.5%", "percent"}} {
			i := strings.Index(line, f.sub)
			s := base + utf8.RuneCountInString(line[:i])
			rows = append(rows, Row{Doc: "d.txt", Start: s, End: s + utf8.RuneCountInString(f.sub), Kind: f.kind, Raw: f.sub, Metric: "学校"})
		}
		base += lineRunes
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := New(io.Discard, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := p.AddRow(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := p.AddText("d.txt", text); err != nil {
			b.Fatal(err)
		}
		if err := p.EndDocument(Document{Name: "d.txt"}); err != nil {
			b.Fatal(err)
		}
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
