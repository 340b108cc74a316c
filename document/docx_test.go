package document_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhmetrics/zhmetrics/document"
)

func simplifiedGB(s string) ([]byte, error) {
	return simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
}

const docxNamespaces = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// buildDOCX returns a minimal valid .docx whose body is body.
func buildDOCX(t testing.TB, body string) []byte {
	t.Helper()
	return buildZip(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + docxNamespaces + `><w:body>` + body + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`,
	})
}

func buildZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// [Content_Types].xml first, as Word writes it.
	names := []string{"[Content_Types].xml"}
	for name := range files {
		if name != names[0] {
			names = append(names, name)
		}
	}
	for _, name := range names {
		content, ok := files[name]
		if !ok {
			continue
		}
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDOCXText(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"runs are joined without separators",
			`<w:p><w:r><w:t>招生1</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>2</w:t></w:r><w:r><w:t xml:space="preserve">00人 </w:t></w:r></w:p>`,
			"招生1200人 \n"},
		{"paragraphs are lines",
			`<w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p>`, "第一段\n第二段\n"},
		{"tab, break and carriage return",
			`<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t></w:r></w:p>`, "a\tb\nc\nd\n"},
		{"tab stops in paragraph properties are not tabs",
			`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>文本</w:t></w:r></w:p>`, "文本\n"},
		{"deleted text is left out, inserted text kept",
			`<w:p><w:r><w:t>增长</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>3</w:delText></w:r></w:del>` +
				`<w:ins w:id="2" w:author="a"><w:r><w:t>5</w:t></w:r></w:ins><w:r><w:t>%</w:t></w:r></w:p>`, "增长5%\n"},
		{"moved-away text is left out",
			`<w:p><w:moveFrom w:id="1"><w:r><w:t>旧</w:t></w:r></w:moveFrom><w:moveTo w:id="2"><w:r><w:t>新</w:t></w:r></w:moveTo></w:p>`, "新\n"},
		{"table cells are lines",
			`<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="1"/></w:tblGrid><w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>学校</w:t></w:r></w:p></w:tc>` +
				`<w:tc><w:p><w:r><w:t>12</w:t></w:r><w:r><w:t>所</w:t></w:r></w:p><w:p><w:r><w:t>备注</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
			"学校\n12所\n备注\n"},
		{"field codes are left out, field results kept",
			`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE 12 </w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`, "3\n"},
		{"hyperlinks and content controls are transparent",
			`<w:p><w:hyperlink r:id="x" xmlns:r="r"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt></w:p>`,
			"链接控件\n"},
		{"alternate content is read once",
			`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			"甲\n"},
		{"empty paragraphs: at most one blank line, none at the ends",
			`<w:p/><w:p><w:r><w:t>一</w:t></w:r></w:p><w:p/><w:p/><w:p/><w:p><w:r><w:t>二</w:t></w:r></w:p><w:p/>`, "一\n\n二\n"},
		{"entities", `<w:p><w:r><w:t>A&amp;B &lt;5%</w:t></w:r></w:p>`, "A&B <5%\n"},
		{"empty document", ``, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, info, err := document.Text("report.docx", buildDOCX(t, tt.body), "auto", "auto")
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != document.FormatDOCX || info.Encoding != "utf-8" {
				t.Errorf("info %+v, want docx utf-8", info)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDOCXNotesAndTextBoxes(t *testing.T) {
	// A text box's paragraph is a line of its own; footnotes and endnotes
	// follow the body after a blank line; separators have no text.
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml": `<w:document ` + docxNamespaces + `><w:body>` +
			`<w:p><w:r><w:t>新建公园7个</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>。</w:t></w:r>` +
			`<w:r><w:txbxContent><w:p><w:r><w:t>专栏：绿地面积增加12公顷。</w:t></w:r></w:p></w:txbxContent></w:r></w:p>` +
			`<w:p><w:r><w:t>植树2.4万株。</w:t></w:r></w:p></w:body></w:document>`,
		"word/footnotes.xml": `<w:footnotes ` + docxNamespaces + `>` +
			`<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
			`<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>含社区公园3个。</w:t></w:r></w:p></w:footnote></w:footnotes>`,
		"word/endnotes.xml": `<w:endnotes ` + docxNamespaces + `>` +
			`<w:endnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:endnote></w:endnotes>`,
	}
	text, _, err := document.Text("notes.docx", buildZip(t, files), "auto", "auto")
	if err != nil {
		t.Fatal(err)
	}
	want := "新建公园7个。\n专栏：绿地面积增加12公顷。\n植树2.4万株。\n\n含社区公园3个。\n"
	if text != want {
		t.Fatalf("text %q\nwant %q", text, want)
	}
}

func TestDOCXErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"not a zip", []byte("plain text, not a zip"), "docx: zip: not a valid zip file"},
		{"old Word format", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 600)), "doc: "},
		{"zip without a document", buildZip(t, map[string]string{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
			"docx: no word/document.xml"},
		{"broken XML", buildZip(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document><w:body>"}),
			"docx: word/document.xml: XML syntax error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := document.Text("report.docx", tt.data, "auto", "auto")
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q…", err, tt.wantErr)
			}
		})
	}
}

func TestDOCXMainPartFromRelationships(t *testing.T) {
	data := buildZip(t, map[string]string{
		"[Content_Types].xml": "<Types/>",
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`,
		"word/document2.xml": `<w:document ` + docxNamespaces + `><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>`,
	})
	got, info, err := document.Text("renamed.bin", data, "auto", "auto")
	if err != nil || got != "正文\n" || info.Format != "docx" {
		t.Fatalf("got %q %+v %v, want the text of word/document2.xml", got, info, err)
	}
}

func TestDetect(t *testing.T) {
	docx := buildDOCX(t, `<w:p><w:r><w:t>x</w:t></w:r></w:p>`)
	xlsx := buildZip(t, map[string]string{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"a.txt", []byte("招生1200人"), "text"},
		{"a", []byte("招生1200人"), "text"},
		{"a.HTML", []byte("招生1200人"), "html"},
		{"a.htm", nil, "html"},
		{"a.xhtml", nil, "html"},
		{"a.docx", []byte("not a zip"), "docx"},
		{"a.txt", docx, "docx"},
		{"-", docx, "docx"},
		{"a.zip", xlsx, "text"}, // and then reported as binary
		{"-", []byte("<!DOCTYPE html><p>x"), "html"},
		{"-", []byte("\xEF\xBB\xBF\n  <html lang=zh>"), "html"},
		{"-", []byte("<?xml version=\"1.0\"?>\n<!-- saved -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"), "html"},
		{"-", []byte("\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00"), "html"},
		{"-", []byte("<htmlish>"), "text"},
		{"-", []byte("<p>a fragment</p>"), "text"},
		{"-", []byte("报告 <html>"), "text"},
	}
	for _, tt := range tests {
		if got := document.Detect(tt.name, tt.data); got != tt.want {
			t.Errorf("Detect(%q, %.20q) = %q, want %q", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestOpenJudgesByFirstBytes(t *testing.T) {
	docx := buildDOCX(t, `<w:p><w:r><w:t>招生12人</w:t></w:r></w:p>`)
	notZip := append([]byte("PK\x03\x04"), make([]byte, 5000)...)
	file := func(data []byte) document.Source {
		return document.Source{Head: data[:min(len(data), 16)], Rest: bytes.NewReader(data[min(len(data), 16):]),
			At: bytes.NewReader(data), Size: int64(len(data))}
	}
	pipe := func(data []byte) document.Source {
		return document.Source{Head: data[:min(len(data), 16)], Rest: bytes.NewReader(data[min(len(data), 16):])}
	}
	tests := []struct {
		label, name string
		src         document.Source
		format      string
		want        string // the format, or the error
		text        string
	}{
		{"text", "a.txt", file([]byte("招生12人")), "auto", "text", "招生12人"},
		{"a page under a text name", "a.txt", pipe([]byte("<!DOCTYPE html><p>招生12人</p>")), "auto", "html", "招生12人\n"},
		{"a Word file under a text name", "a.txt", file(docx), "auto", "docx", "招生12人\n"},
		{"a Word document from a pipe", "-", pipe(docx), "", "docx", "招生12人\n"},
		{"a zip that is not Word", "a.txt", file(notZip), "auto", "binary content", ""},
		{"a zip forced as text", "a.docx", file([]byte("招生12人")), "text", "text", "招生12人"},
		{"not a zip forced as Word", "a.txt", file([]byte("招生12人")), "docx", "docx: zip: not a valid zip file", ""},
	}
	for _, tt := range tests {
		r, info, err := document.Open(tt.name, tt.src, tt.format, "auto")
		if err != nil {
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: %v, want %s", tt.label, err, tt.want)
			}
			continue
		}
		text, err := io.ReadAll(r)
		if err != nil || info.Format != tt.want || string(text) != tt.text {
			t.Errorf("%s: %s %q %v, want %s %q", tt.label, info.Format, text, err, tt.want, tt.text)
		}
	}
}

func TestTextFormats(t *testing.T) {
	gb, err := simplifiedGB("全年招生1200人，增长百分之五。")
	if err != nil {
		t.Fatal(err)
	}
	text, info, err := document.Text("a.txt", gb, "auto", "auto")
	if err != nil || text != "全年招生1200人，增长百分之五。" || info != (document.Info{Format: "text", Encoding: "gb18030"}) {
		t.Fatalf("got %q %+v %v", text, info, err)
	}
	// A forced format wins over the extension.
	text, info, err = document.Text("a.html", []byte("<p>x</p>"), "text", "auto")
	if err != nil || text != "<p>x</p>" || info.Format != "text" {
		t.Fatalf("got %q %+v %v", text, info, err)
	}
	if _, _, err := document.Text("a.txt", nil, "pdf", "auto"); err == nil {
		t.Fatal("unknown format accepted")
	}
	if _, _, err := document.Text("a.zip", buildZip(t, map[string]string{"a": "b"}), "auto", "auto"); err == nil ||
		!strings.Contains(err.Error(), "binary content") {
		t.Fatalf("zip read as text: err=%v, want binary content", err)
	}
}

func TestDOCXBounds(t *testing.T) {
	long := strings.Repeat("教师&amp;学生", 20000) // one run of 360 KB, entities across every cut
	tests := []struct {
		label, body, text, err string
	}{
		{"a long run is the same text", `<w:p><w:r><w:t>` + long + `</w:t></w:r></w:p>`,
			strings.ReplaceAll(long, "&amp;", "&") + "\n", ""},
		{"a long CDATA run", `<w:p><w:r><w:t><![CDATA[` + strings.Repeat("增长5%]", 20000) + `]]></w:t></w:r></w:p>`,
			strings.Repeat("增长5%]", 20000) + "\n", ""},
		{"a long comment", `<w:p><!--` + strings.Repeat("注释", 40000) + `--><w:r><w:t>招生</w:t></w:r></w:p>`, "招生\n", ""},
		{"deep nesting", strings.Repeat("<w:p>", 2000) + strings.Repeat("</w:p>", 2000), "", "nested more than 1,000 deep"},
		{"a skipped element nesting deep", "<w:del>" + strings.Repeat("<w:p>", 2000), "", "nested more than 1,000 deep"},
		{"a long element name", "<w:p></w:" + strings.Repeat("x", 100<<10) + ">", "", "a tag longer than 64 KiB"},
	}
	for _, tt := range tests {
		text, _, err := document.Text("a.docx", buildDOCX(t, tt.body), "auto", "auto")
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want %q", tt.label, err, tt.err)
		case tt.err == "" && (err != nil || text != tt.text):
			t.Errorf("%s: %.60q %v, want %.60q", tt.label, text, err, tt.text)
		}
	}
}
