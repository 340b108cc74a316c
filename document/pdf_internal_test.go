package document

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// buildPDF writes a PDF whose pages have the given content streams, with
// Helvetica as font F1 and a correct cross-reference table.
func buildPDF(contents []string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	n := len(contents)
	kids := make([]string, n)
	for i := range n {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, c := range contents {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// textAt is a content stream showing lines of Latin text from the top of
// the page down.
func textAt(lines ...string) string {
	var b strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&b, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 800-20*i, l)
	}
	return b.String()
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestPDFReadsPagesWithTheirLines(t *testing.T) {
	data := buildPDF([]string{
		textAt("Annual report", "Schools 126, pupils 8600", "1"),
		textAt("Annual report", "Teachers 312 hired", "2"),
		textAt("Annual report", "Budget 12.4 million", "3"),
	})
	text, starts, err := pdfText(data, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "Schools 126, pupils 8600\nTeachers 312 hired\nBudget 12.4 million\n"
	if text != want {
		t.Fatalf("text %q, want %q (running header and page numbers dropped)", text, want)
	}
	if fmt.Sprint(starts) != "[0 25 44]" {
		t.Fatalf("page starts %v, want [0 25 44]", starts)
	}
}

func TestPDFErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		password string
		want     string // the error's text, or "" for none
		partial  bool   // text comes with the error
	}{
		{"needs a user password", readFixture(t, "pdf/encrypted-user.pdf"), "", "encrypted: a password is needed", false},
		{"wrong password", readFixture(t, "pdf/encrypted-user.pdf"), "nope", "encrypted: the password given does not open it", false},
		{"right password", readFixture(t, "pdf/encrypted-user.pdf"), "userpw", "", false},
		{"owner password only", readFixture(t, "pdf/encrypted-owner.pdf"), "", "", false},
		{"no text layer", buildPDF([]string{"0 0 1 rg 72 72 300 300 re f", "0 0 1 rg 72 72 200 200 re f"}), "", "no text layer (scanned pages need OCR)", false},
		{"no pages", buildPDF(nil), "", "damaged PDF: it has no pages", false},
		{"garbage after the header", []byte("%PDF-1.7\n" + strings.Repeat("garbage ", 100)), "", "damaged PDF: cannot be opened", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, _, err := pdfText(tt.data, tt.password)
			var partial *PartialError
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tt.want == "" && !strings.Contains(text, "某县教育局二〇二三年工作总结"):
				t.Fatalf("text %q lacks the title", text[:min(len(text), 80)])
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Fatalf("err = %v, want %q", err, tt.want)
			case tt.want != "" && errors.As(err, &partial) != tt.partial:
				t.Fatalf("partial = %v, want %v", !tt.partial, tt.partial)
			}
		})
	}
}

// TestPDFDamagedKeepsWhatCanBeRead cuts a PDF short: PDFium rebuilds what
// it can, and the text read is kept, whatever the error.
func TestPDFDamagedKeepsWhatCanBeRead(t *testing.T) {
	data := buildPDF([]string{textAt("First page 120 pupils"), textAt("Second page 45 teachers")})
	cut := data[:bytes.Index(data, []byte("xref"))] // no cross-reference table, no trailer
	text, _, err := pdfText(cut, "")
	var partial *PartialError
	if err != nil && !errors.As(err, &partial) && !errors.Is(err, ErrPDFDamaged) {
		t.Fatalf("err = %v, want none, a partial read or a damaged PDF", err)
	}
	if err == nil && !strings.Contains(text, "Second page 45 teachers") {
		t.Fatalf("text %q lacks the second page", text)
	}
}

func TestPDFTooManyPagesReadsTheFirst(t *testing.T) {
	defer func(old int) { pdfMaxPages = old }(pdfMaxPages)
	pdfMaxPages = 2
	data := buildPDF([]string{textAt("page one 1200"), textAt("page two 340"), textAt("page three 56")})
	text, starts, err := pdfText(data, "")
	var partial *PartialError
	if !errors.As(err, &partial) || !errors.Is(err, ErrPDFTooLarge) {
		t.Fatalf("err = %v, want a partial read for too many pages", err)
	}
	if len(starts) != 2 || strings.Contains(text, "three") {
		t.Fatalf("text %q, %d pages; want the first 2", text, len(starts))
	}
}

func TestPDFTimeoutAbandonsOneDocument(t *testing.T) {
	data := readFixture(t, "pdf/chromium.pdf")
	if _, err := pdfPool(); err != nil {
		t.Fatal(err)
	}
	old := PDFTimeout
	PDFTimeout = time.Millisecond
	_, _, err := pdfText(data, "")
	PDFTimeout = old
	if !errors.Is(err, ErrPDFTimeout) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	// The abandoned instance is not lent again: the next document reads.
	if _, _, err := pdfText(data, ""); err != nil {
		t.Fatalf("after a timeout: %v", err)
	}
}

func TestPageNumber(t *testing.T) {
	tests := []struct {
		line   string
		n      int
		marked bool
		ok     bool
	}{
		{"12", 12, false, true},
		{" ３ ", 3, false, true},
		{"- 12 -", 12, true, true},
		{"— 7 —", 7, true, true},
		{"第 4 页", 4, true, true},
		{"第4页 共30页", 4, true, true},
		{"共30页 第4页", 4, true, true},
		{"4/30", 4, true, true},
		{"Page 9 of 20", 9, true, true},
		{"2023年", 0, false, false},
		{"新增学位1500个", 0, false, false},
		{"第三章", 0, false, false},
		{"12345", 0, false, false},
	}
	for _, tt := range tests {
		n, marked, ok := pageNumber(tt.line)
		if n != tt.n || marked != tt.marked || ok != tt.ok {
			t.Errorf("pageNumber(%q) = %d, %v, %v; want %d, %v, %v", tt.line, n, marked, ok, tt.n, tt.marked, tt.ok)
		}
	}
}

func TestDropPageFurniture(t *testing.T) {
	tests := []struct {
		name  string
		pages [][]string
		want  [][]string
	}{
		{
			"running title and numbered footer",
			[][]string{
				{"某市统计公报", "全市生产总值增长5.2%。", "第 1 页 共 2 页"},
				{"某市统计公报", "常住人口达到120万人。", "第 2 页 共 2 页"},
			},
			[][]string{{"全市生产总值增长5.2%。"}, {"常住人口达到120万人。"}},
		},
		{
			"bare page numbers counting from the second page",
			[][]string{
				{"封面标题", "二〇二三年"},
				{"一、学校126所。", "1"},
				{"二、教师312名。", "2"},
			},
			[][]string{{"封面标题", "二〇二三年"}, {"一、学校126所。"}, {"二、教师312名。"}},
		},
		{
			"a number ending a page that is no page number stays",
			[][]string{
				{"新增学位", "2700"},
				{"新增教师", "312"},
			},
			[][]string{{"新增学位", "2700"}, {"新增教师", "312"}},
		},
		{
			"a web page printed by a browser, one page",
			[][]string{
				{"2025/3/8 09:15 区教育局工作简报", "全区新建幼儿园4所。", "https://edu.example.cn/brief/2025-3.html 1/1"},
			},
			[][]string{{"全区新建幼儿园4所。"}},
		},
		{
			"a browser's head and foot on every page, US locale",
			[][]string{
				{"3/8/25, 9:15 AM", "Water report", "供水管网延长36公里。", "file:///home/ann/report.html 1/2"},
				{"3/8/25, 9:15 AM", "Water report", "水质达标率99.6%。", "file:///home/ann/report.html 2/2"},
			},
			[][]string{{"供水管网延长36公里。"}, {"水质达标率99.6%。"}},
		},
		{
			"a date and time opening a report that no browser printed stays",
			[][]string{
				{"2025-03-08 09:15 发布", "全区新建幼儿园4所。"},
			},
			[][]string{{"2025-03-08 09:15 发布", "全区新建幼儿园4所。"}},
		},
		{
			"an address in the text stays",
			[][]string{
				{"详见 https://edu.example.cn/brief 或致电。", "全区新建幼儿园4所。", "报名网址：https://edu.example.cn 2/3"},
			},
			[][]string{{"详见 https://edu.example.cn/brief 或致电。", "全区新建幼儿园4所。", "报名网址：https://edu.example.cn 2/3"}},
		},
		{
			"a line repeated in the middle of pages stays",
			[][]string{
				{"第一部分", "a", "b", "同比增长", "c", "d", "结尾甲"},
				{"第二部分", "e", "f", "同比增长", "g", "h", "结尾乙"},
			},
			[][]string{
				{"第一部分", "a", "b", "同比增长", "c", "d", "结尾甲"},
				{"第二部分", "e", "f", "同比增长", "g", "h", "结尾乙"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dropPageFurniture(tt.pages)
			if fmt.Sprint(tt.pages) != fmt.Sprint(tt.want) {
				t.Fatalf("got  %q\nwant %q", tt.pages, tt.want)
			}
		})
	}
}

// TestPDFBombIsThatFilesError reads a page whose content stream inflates
// to 400 MB: PDFium runs out of its memory, the file gets one line, and
// the next document reads.
func TestPDFBombIsThatFilesError(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 400 MB")
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range 400 {
		w.Write(spaces)
	}
	w.Close()
	data := buildPDF([]string{"__BOMB__"})
	data = bytes.Replace(data, []byte("<< /Length 8 >>\nstream\n__BOMB__"),
		append([]byte(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n", z.Len())), z.Bytes()...), 1)
	// The cross-reference offsets are now wrong past the page; PDFium
	// rebuilds them, as it does for any damaged file.
	_, _, err := pdfText(data, "")
	if err == nil || !errors.Is(err, ErrPDFDamaged) && !errors.Is(err, ErrPDFNoText) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %q, want one line saying the PDF is damaged", err)
	}
	if _, _, err := pdfText(readFixture(t, "pdf/libreoffice.pdf"), ""); err != nil {
		t.Fatalf("the next document: %v", err)
	}
}
