package output

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHTMLWriterMarksRowsInTheirText(t *testing.T) {
	text := "全市共有在校学生1.2万余名，入学率达99.8%。\n"
	mark := func(raw, kind string, v float64) Row {
		i := strings.Index(text, raw)
		s := utf8.RuneCountInString(text[:i])
		return Row{Doc: "a.txt", Line: 1, Start: s, End: s + utf8.RuneCountInString(raw), Kind: kind, Raw: raw, Value: ptr(v)}
	}
	for _, tc := range []struct{ header, label string }{{"en", ">metric<"}, {"zh", ">指标<"}} {
		var buf bytes.Buffer
		w, err := New(&buf, "html", Options{Header: tc.header})
		if err != nil {
			t.Fatal(err)
		}
		tw, ok := w.(TextWriter)
		if !ok {
			t.Fatal("the html writer takes no text")
		}
		for _, r := range []Row{mark("1.2万余名", "count", 12000), mark("99.8%", "percent", 99.8)} {
			if err := w.WriteRow(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := tw.WriteText("a.txt", text); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteDocument(DocInfo{Doc: "a.txt", Rows: 2}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("a second Close: %v", err)
		}
		page := buf.String()
		for _, want := range []string{`<mark data-row="1" class="k-count" tabindex="0">1.2万余名</mark>`,
			`<mark data-row="2" class="k-percent" tabindex="0">99.8%</mark>`, `"12000"`, tc.label} {
			if !strings.Contains(page, want) {
				t.Errorf("header %s: page lacks %s", tc.header, want)
			}
		}
	}
}

func TestHTMLWriterShowsValuesAsTheCSVDoes(t *testing.T) {
	// A value beyond 2^53 keeps every digit, as in CSV; a page number
	// reaches the table.
	text := "全省存款余额12345678901234567元。\n"
	raw := "12345678901234567元"
	s := utf8.RuneCountInString(text[:strings.Index(text, raw)])
	var buf bytes.Buffer
	w, err := New(&buf, "html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Row{Doc: "a.pdf", Line: 1, Page: 3, Start: s, End: s + utf8.RuneCountInString(raw), Kind: "money", Raw: raw,
		Value: ptr(12345678901234567), ValueText: "12345678901234567", Unit: "元"}
	if err := w.WriteRow(r); err != nil {
		t.Fatal(err)
	}
	if err := w.(TextWriter).WriteText("a.pdf", text); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"12345678901234567","元"`, `data-col="page"`, `"",3]`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
