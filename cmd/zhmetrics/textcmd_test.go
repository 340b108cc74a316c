package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhmetrics/zhmetrics/output"
)

// minimalDOCX returns a .docx holding paragraphs, each given as its runs.
func minimalDOCX(t *testing.T, paragraphs ...[]string) []byte {
	t.Helper()
	var body strings.Builder
	for _, runs := range paragraphs {
		body.WriteString("<w:p>")
		for _, r := range runs {
			body.WriteString(`<w:r><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
		}
		body.WriteString("</w:p>")
	}
	parts := []struct{ name, content string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(p.content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTextCommand(t *testing.T) {
	dir := t.TempDir()
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("全年招生1200人，\r\n增长5%。"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"plain.txt":   []byte("招生1200人\n增长5%"), // no final line break: none is added
		"gbk.txt":     gb,
		"page.html":   []byte(`<html><head><script>var n=1;</script></head><body><nav>第2页</nav><p>招生<b>1200</b>人</p><p>增长&nbsp;5%</p></body></html>`),
		"page.txt":    []byte(`<!DOCTYPE html><p>招生1200人</p>`),
		"report.docx": minimalDOCX(t, []string{"招生1", "2", "00人"}, []string{"增长5", "%"}),
		"word.txt":    minimalDOCX(t, []string{"正文"}),
		"image.png":   []byte("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"),
		"broken.docx": []byte("PK\x03\x04 not really a zip"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"text exactly as decoded", "", []string{"plain.txt"}, 0, "招生1200人\n增长5%", ""},
		{"decoded to UTF-8, line ends kept", "", []string{"gbk.txt"}, 0, "全年招生1200人，\r\n增长5%。", ""},
		{"html", "", []string{"page.html"}, 0, "招生1200人\n增长\u00a05%\n", ""},
		{"html sniffed", "", []string{"page.txt"}, 0, "招生1200人\n", ""},
		{"html read as text when asked", "", []string{"page.txt", "--input-format", "text"}, 0, `<!DOCTYPE html><p>招生1200人</p>`, ""},
		{"docx", "", []string{"report.docx"}, 0, "招生1200人\n增长5%\n", ""},
		{"docx sniffed", "", []string{"word.txt"}, 0, "正文\n", ""},
		{"stdin is text by default", `<p>招生1200人</p>`, []string{"-"}, 0, `<p>招生1200人</p>`, ""},
		{"stdin as html", `<p>招生1200人</p>`, []string{"-", "--input-format", "html"}, 0, "招生1200人\n", ""},
		{"stdin auto", `<!doctype html><p>招生1200人</p>`, []string{"-", "--input-format", "auto"}, 0, "招生1200人\n", ""},
		{"binary", "", []string{"image.png"}, 2, "", "image.png: binary content (PNG image)"},
		{"corrupt docx", "", []string{"broken.docx"}, 2, "", "broken.docx: docx: zip: not a valid zip file"},
		{"missing file", "", []string{"missing.txt"}, 2, "", "missing.txt: no such file or directory"},
		{"unknown format", "", []string{"plain.txt", "--input-format", "pptx"}, 2, "", `unknown input format "pptx"`},
		{"unknown encoding", "", []string{"plain.txt", "--encoding", "latin9"}, 2, "", `unknown encoding "latin9"`},
	}
	t.Chdir(dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, append([]string{"text"}, tt.args...)...)
			if code != tt.wantCode || out != tt.wantOut || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant exit %d, stdout %q, stderr with %q",
					code, out, errOut, tt.wantCode, tt.wantOut, tt.wantErr)
			}
		})
	}
}

// TestTextIsWhatRowsPointInto checks the contract of `zhmetrics text`:
// every row's raw is the printed text at [start, end).
func TestTextIsWhatRowsPointInto(t *testing.T) {
	dir := t.TempDir()
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("\r\n全年招生1200人，\r\n增长5%。投资3.5亿元。\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"report.txt":  gb,
		"page.html":   []byte(`<html><body><nav>第2页</nav><p>全年招生<b>1200</b>人，</p><p>增长&nbsp;5%。</p><table><tr><td>投资</td><td>3.5亿元</td></tr></table></body></html>`),
		"report.docx": minimalDOCX(t, []string{"全年招生1", "2", "00人，"}, []string{"增长5", "%。投资3.", "5亿元。"}),
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, text, stderr := runCLI(t, "", "text", path)
		if code != 0 {
			t.Fatalf("text %s: exit %d: %s", name, code, stderr)
		}
		code, out, stderr := runCLI(t, "", "extract", path, "--format", "jsonl")
		if code != 0 {
			t.Fatalf("extract %s: exit %d: %s", name, code, stderr)
		}
		rows, err := output.ReadRows(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 3 {
			t.Fatalf("%s: %d rows, want at least 3", name, len(rows))
		}
		runes := []rune(text)
		for _, r := range rows {
			if r.End > len(runes) || string(runes[r.Start:r.End]) != r.Raw {
				t.Errorf("%s: raw %q is not the text at [%d, %d)", name, r.Raw, r.Start, r.End)
			}
		}
	}
}
