package review

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/internal/pagecheck"
)

// span of s from the first occurrence of sub, in code points.
func spanOf(t testing.TB, s, sub string, nth int) (int, int) {
	t.Helper()
	at := 0
	for i := 0; ; i++ {
		k := strings.Index(s[at:], sub)
		if k < 0 {
			t.Fatalf("%q not in %q", sub, s)
		}
		if i == nth {
			start := utf8.RuneCountInString(s[:at+k])
			return start, start + utf8.RuneCountInString(sub)
		}
		at += k + len(sub)
	}
}

// pageOf writes a page of one document and returns it.
func pageOf(t testing.TB, doc, text string, rows []Row, pieces ...int) string {
	t.Helper()
	var out bytes.Buffer
	p, err := New(&out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		r.Doc = doc
		if err := p.AddRow(r); err != nil {
			t.Fatal(err)
		}
	}
	// The text in pieces cut at the given byte offsets.
	from := 0
	for _, cut := range append(pieces, len(text)) {
		if err := p.AddText(doc, text[from:cut]); err != nil {
			t.Fatal(err)
		}
		from = cut
	}
	if err := p.EndDocument(Document{Name: doc}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// markParts parses a page as a browser would and returns, per row, the
// texts of its marks in document order, and how deeply each is nested.
func markParts(t testing.TB, page string) (parts map[int][]string, depth map[int]int) {
	t.Helper()
	marks, err := pagecheck.Marks(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	parts, depth = map[int][]string{}, map[int]int{}
	for n, m := range marks {
		parts[n], depth[n] = m.Parts, m.Depth
	}
	return parts, depth
}

func TestMarksNestCrossAndTouch(t *testing.T) {
	// A programme name that holds a count, two facts side by side, and a
	// money amount whose span crosses the end of a measure's.
	text := "实施“百校千师”工程，新建校舍12所15间，占地3.5万平方米元。"
	row := func(sub string, nth int, kind string) Row {
		s, e := spanOf(t, text, sub, nth)
		return Row{Start: s, End: e, Kind: kind, Raw: sub}
	}
	rows := []Row{
		row("百校千师", 0, "program"),
		row("百校", 0, "count"),
		row("12所", 0, "count"),
		row("15间", 0, "count"),
		row("3.5万平方米", 0, "measure"),
		row("平方米元", 0, "money"),
	}
	// Rows come in order of start.
	parts, depth := markParts(t, pageOf(t, "a.txt", text, rows))
	want := map[int][]string{
		1: {"百校千师"},
		2: {"百校"},
		3: {"12所"},
		4: {"15间"},
		5: {"3.5万平方米"},
		6: {"平方米", "元"},
	}
	for n, w := range want {
		if strings.Join(parts[n], "|") != strings.Join(w, "|") {
			t.Errorf("row %d: marks %q, want %q", n, parts[n], w)
		}
	}
	if depth[2] != 1 || depth[1] != 0 {
		t.Errorf("the count inside the programme is not nested in it: depths %v", depth)
	}
	if depth[6] != 1 {
		t.Errorf("the crossing money row's first part should sit inside the measure: depth %d", depth[6])
	}
}

func TestRowsWithoutTheirRawAreNotMarked(t *testing.T) {
	text := "去年招生300人。\n今年招生320人。\n"
	s, e := spanOf(t, text, "320人", 0)
	rows := []Row{
		{Start: s, End: e, Kind: "count", Raw: "300人"}, // the span holds other text
		{Start: s, End: e, Kind: "count", Raw: "320人"},
		{Start: e, End: e + 100, Kind: "count", Raw: "x"}, // past the end
	}
	page := pageOf(t, "b.txt", text, rows)
	parts, _ := markParts(t, page)
	if len(parts[1]) != 0 || len(parts[3]) != 0 || strings.Join(parts[2], "") != "320人" {
		t.Errorf("marks %v; want only row 2", parts)
	}
	if !strings.Contains(page, "2 of 3 rows have no mark") {
		t.Error("the page does not say that two rows have no mark")
	}
}

func TestMarksAcrossTextPieces(t *testing.T) {
	// A streamed document arrives in windows; offsets run on across them.
	line := "全区共有幼儿园45所，在园幼儿1.2万人。\r\n"
	text := strings.Repeat(line, 3)
	var rows []Row
	for i := range 3 {
		for _, sub := range []string{"45所", "1.2万人"} {
			s, e := spanOf(t, text, sub, i)
			rows = append(rows, Row{Start: s, End: e, Kind: "count", Raw: sub})
		}
	}
	parts, _ := markParts(t, pageOf(t, "c.txt", text, rows, len(line), 2*len(line)))
	for n := 1; n <= len(rows); n++ {
		if got := strings.Join(parts[n], ""); got != rows[n-1].Raw {
			t.Errorf("row %d: mark %q, want %q", n, got, rows[n-1].Raw)
		}
	}
}

var chunkTag = regexp.MustCompile(`<div class="chunk"`)

func TestLongTextIsCutIntoChunksBetweenMarks(t *testing.T) {
	line := "本年度新增学位3000个，改造校舍12所。\n"
	text := strings.Repeat(line, 2000) // about 44,000 characters
	var rows []Row
	for i := range 2000 {
		s, e := spanOf(t, text, "3000个", i)
		rows = append(rows, Row{Start: s, End: e, Kind: "count", Raw: "3000个"})
	}
	page := pageOf(t, "d.txt", text, rows)
	n := len(chunkTag.FindAllString(page, -1))
	if want := utf8.RuneCountInString(text) / chunkRunes; n < want || n > want+1 {
		t.Errorf("%d chunks, want about %d", n, want)
	}
	parts, _ := markParts(t, page)
	for i := 1; i <= len(rows); i++ {
		if len(parts[i]) != 1 || parts[i][0] != "3000个" {
			t.Fatalf("row %d: marks %q", i, parts[i])
		}
	}
	// One line with no break at all is cut between marks too.
	oneLine := strings.ReplaceAll(text, "\n", "")
	if got := len(chunkTag.FindAllString(pageOf(t, "e.txt", oneLine, nil), -1)); got < utf8.RuneCountInString(oneLine)/maxChunkRunes {
		t.Errorf("a line of %d characters gives %d chunks", utf8.RuneCountInString(oneLine), got)
	}
}

func TestNamesAndTextStayText(t *testing.T) {
	text := `<script>alert(1)</script><img src=x onerror=alert(2)>共计5所`
	s, e := spanOf(t, text, "5所", 0)
	doc := `"><svg onload=alert(3)>.txt`
	page := pageOf(t, doc, text, []Row{{Start: s, End: e, Kind: "count", Metric: `</script><script>alert(4)</script>`, Raw: "5所"}})
	for _, bad := range []string{"<script>alert", "<img", "<svg", "</script><script>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page holds %q as markup", bad)
		}
	}
	if strings.Count(page, "<script>") != 1 {
		t.Errorf("page has %d script elements, want 1", strings.Count(page, "<script>"))
	}
}

func TestDocumentsWithoutTextAreListed(t *testing.T) {
	var out bytes.Buffer
	p, err := New(&out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.EndDocument(Document{Name: "pic.txt", Error: "binary content (PNG image)", Skipped: true})
	p.EndDocument(Document{Name: "gone.txt", Error: "open: permission denied"})
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Skipped: binary content (PNG image)", "Not read: open: permission denied", "1 failed", "1 skipped", `class="skipped"`, `class="failed"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// FuzzMarks checks that whatever the text and spans, every row whose span
// holds its raw gets marks whose texts join to its raw, and no other row
// does.
func FuzzMarks(f *testing.F) {
	f.Add("投入资金1200万元，覆盖学校35所", 4, 9, 2, 6, 12, 15)
	f.Add("ab\r\ncd<e>&f", 0, 3, 1, 5, 2, 2)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2, s3, e3 int) {
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\r\x00") {
			return // a browser rewrites these; the cmd tests cover them
		}
		runes := []rune(text)
		var rows []Row
		for _, sp := range [][2]int{{s1, e1}, {s2, e2}, {s3, e3}} {
			s, e := sp[0], sp[1]
			raw := ""
			if s >= 0 && e <= len(runes) && s < e {
				raw = string(runes[s:e])
			}
			rows = append(rows, Row{Start: s, End: e, Kind: "count", Raw: raw})
		}
		// Rows come in order of start.
		for i := range rows {
			for j := i + 1; j < len(rows); j++ {
				if rows[j].Start < rows[i].Start {
					rows[i], rows[j] = rows[j], rows[i]
				}
			}
		}
		parts, _ := markParts(t, pageOf(t, "f.txt", text, rows))
		for i, r := range rows {
			got := strings.Join(parts[i+1], "")
			if r.Raw == "" && got != "" {
				t.Errorf("row %d %d-%d has marks %q", i+1, r.Start, r.End, got)
			}
			if r.Raw != "" && got != r.Raw {
				t.Errorf("row %d %d-%d: marks %q, raw %q", i+1, r.Start, r.End, got, r.Raw)
			}
		}
	})
}

func TestEachFactIsOneTabStop(t *testing.T) {
	// A money span that crosses the end of a measure's is two marks but one
	// Tab stop: the first part.
	text := "扩建操场2.4万平方米元，另有看台3座。"
	row := func(sub, kind string) Row {
		s, e := spanOf(t, text, sub, 0)
		return Row{Start: s, End: e, Kind: kind, Raw: sub}
	}
	page := pageOf(t, "a.txt", text, []Row{row("2.4万平方米", "measure"), row("平方米元", "money"), row("3座", "count")})
	marks := regexp.MustCompile(`<mark [^>]*>`).FindAllString(page, -1)
	if len(marks) != 4 {
		t.Fatalf("%d marks, want 4: %q", len(marks), marks)
	}
	stops := 0
	for _, m := range marks {
		switch {
		case strings.Contains(m, `data-part=`) && strings.Contains(m, "tabindex"):
			t.Errorf("a continuing part is a Tab stop: %s", m)
		case strings.Contains(m, `tabindex="0"`):
			stops++
		}
	}
	if stops != 3 {
		t.Errorf("%d Tab stops, want one a fact (3)", stops)
	}
}

func TestPageColumnOnlyWhenRowsHaveAPage(t *testing.T) {
	text := "第二页写着新增岗位80个。"
	s, e := spanOf(t, text, "80个", 0)
	for _, tc := range []struct {
		page      int
		wantCol   bool
		wantField string
	}{
		{page: 0, wantCol: false, wantField: `"80个"]`},
		{page: 2, wantCol: true, wantField: `"80个",2]`},
	} {
		// A raw the page cannot mark keeps its raw in the row data, so the
		// page number's place after it can be read.
		page := pageOf(t, "a.pdf", text, []Row{{Start: s, End: e - 1, Kind: "count", Raw: "80个", Page: tc.page}})
		if got := strings.Contains(page, `data-col="page"`); got != tc.wantCol {
			t.Errorf("page %d: page column shown %v, want %v", tc.page, got, tc.wantCol)
		}
		if !strings.Contains(page, tc.wantField) {
			t.Errorf("page %d: row data lacks %s", tc.page, tc.wantField)
		}
	}
}
