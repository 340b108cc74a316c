package document

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// BenchmarkDOCXStream reads the text of a Word document of 20,000 paragraphs.
func BenchmarkDOCXStream(b *testing.B) {
	var xmlb strings.Builder
	xmlb.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&xmlb, `<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>%s教师%d人</w:t></w:r></w:p>`, strings.Repeat("的地方", 33), i)
	}
	xmlb.WriteString(`</w:body></w:document>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, xmlb.String())
	zw.Close()
	data := buf.Bytes()
	b.SetBytes(int64(xmlb.Len()))
	for i := 0; i < b.N; i++ {
		r, err := openDOCX(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
