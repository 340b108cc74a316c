package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// XML namespaces of WordprocessingML (transitional and strict) and of
// markup compatibility.
const (
	nsWord       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMarkup     = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// maxDocumentXML bounds the uncompressed size of the main document part, so
// that a zip bomb cannot keep a worker busy for ever.
const maxDocumentXML = 1 << 30

var errTooLarge = errors.New("larger than 1 GiB uncompressed")

// limitReader reads at most n bytes from r and fails with errTooLarge
// beyond them (the zip header's size can lie).
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// isDOCX reports whether data is a zip archive holding a Word document.
func isDOCX(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	part, err := mainPart(zr)
	return err == nil && strings.HasPrefix(part.Name, "word/")
}

// docxText returns a Word document's text: one line per paragraph (table
// cells hold paragraphs, so each cell's paragraphs are lines too), the runs
// of a paragraph joined as they are, tabs and breaks kept, deleted text left
// out and inserted text kept.
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
			return "", errors.New("docx: not a zip file (a Word 97-2003 .doc, or a password-protected document?)")
		}
		return "", fmt.Errorf("docx: %w", err)
	}
	part, err := mainPart(zr)
	if err != nil {
		return "", err
	}
	if part.UncompressedSize64 > maxDocumentXML {
		return "", fmt.Errorf("docx: %s: %w", part.Name, errTooLarge)
	}
	rc, err := part.Open()
	if err != nil {
		return "", fmt.Errorf("docx: %s: %w", part.Name, err)
	}
	defer rc.Close()
	text, err := wordText(&limitReader{r: rc, n: maxDocumentXML})
	if err != nil {
		return "", fmt.Errorf("docx: %s: %w", part.Name, err)
	}
	return text, nil
}

// mainPart finds the document part: the target of the package's
// officeDocument relationship, else word/document.xml.
func mainPart(zr *zip.Reader) (*zip.File, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	if rels, ok := files["_rels/.rels"]; ok {
		if target := officeDocumentTarget(rels); target != "" {
			if f, ok := files[target]; ok {
				return f, nil
			}
		}
	}
	if f, ok := files["word/document.xml"]; ok {
		return f, nil
	}
	return nil, errors.New("docx: no word/document.xml")
}

// officeDocumentTarget reads the package relationships and returns the
// main part's name, or "".
func officeDocumentTarget(rels *zip.File) string {
	rc, err := rels.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	var doc struct {
		Relationships []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&doc); err != nil {
		return ""
	}
	for _, r := range doc.Relationships {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return ""
}

// skippedWord are WordprocessingML elements whose content is not text:
// properties, deleted and moved-away text, field codes.
var skippedWord = map[string]bool{
	"pPr": true, "rPr": true, "sectPr": true, "tblPr": true, "tblGrid": true,
	"trPr": true, "tcPr": true, "del": true, "delText": true, "moveFrom": true,
	"instrText": true, "delInstrText": true,
}

// wordText streams the document XML, keeping only the text.
func wordText(r io.Reader) (string, error) {
	d := xml.NewDecoder(r)
	var w docxWriter
	inText, runDepth := false, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsMarkup && t.Name.Local == "Fallback" {
				// The fallback repeats the chosen alternative's text.
				if err := d.Skip(); err != nil {
					return "", err
				}
				continue
			}
			if t.Name.Space != nsWord && t.Name.Space != nsWordStrict {
				continue
			}
			if skippedWord[t.Name.Local] {
				if err := d.Skip(); err != nil {
					return "", err
				}
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = true
			case "r":
				runDepth++
			case "tab", "ptab":
				if runDepth > 0 {
					w.write("\t")
				}
			case "br", "cr":
				if runDepth > 0 {
					w.write("\n")
				}
			case "noBreakHyphen":
				w.write("-")
			}
		case xml.EndElement:
			if t.Name.Space != nsWord && t.Name.Space != nsWordStrict {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "r":
				runDepth--
			case "p":
				w.endParagraph()
			}
		case xml.CharData:
			if inText {
				w.write(string(t))
			}
		}
	}
	return w.finish(), nil
}

// docxWriter collects paragraphs as lines, with at most one blank line in
// a row and none at the start or end.
type docxWriter struct {
	b        strings.Builder
	newlines int // line breaks at the end of b
}

func (w *docxWriter) write(s string) {
	if s == "" {
		return
	}
	if s == "\n" {
		w.newline()
		return
	}
	w.b.WriteString(s)
	w.newlines = 0
}

func (w *docxWriter) endParagraph() { w.newline() }

func (w *docxWriter) newline() {
	if w.b.Len() == 0 || w.newlines >= 2 {
		return
	}
	w.b.WriteByte('\n')
	w.newlines++
}

func (w *docxWriter) finish() string {
	s := strings.TrimRight(w.b.String(), "\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}
