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

// maxDocumentXML bounds the uncompressed size of the main document part,
// as its zip entry states it (archive/zip fails a part that inflates to
// more), so that a zip bomb is refused before it is inflated. The text is
// streamed, so this bounds time, not memory.
const maxDocumentXML = 256 << 20

// isDOCX reports whether data is a zip archive holding a Word document.
func isDOCX(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) && isDOCXAt(bytes.NewReader(data), int64(len(data)))
}

// isDOCXAt reports whether the size bytes at r are a zip archive holding
// a Word document. Only the zip's directory, at its end, is read.
func isDOCXAt(r io.ReaderAt, size int64) bool {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return false
	}
	part, err := mainPart(zr)
	return err == nil && strings.HasPrefix(part.Name, "word/")
}

// docxText returns a Word document's text, read whole: see openDOCX.
func docxText(data []byte) (string, error) {
	r, err := openDOCX(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	text, err := io.ReadAll(r)
	return string(text), err
}

// openDOCX returns a reader of a Word document's text: one line per
// paragraph (table cells hold paragraphs, so each cell's paragraphs are
// lines too), the runs of a paragraph joined as they are, tabs and breaks
// kept, deleted text left out and inserted text kept.
func openDOCX(at io.ReaderAt, size int64) (io.Reader, error) {
	zr, err := zip.NewReader(at, size)
	if err != nil {
		head := make([]byte, 8)
		if n, _ := at.ReadAt(head, 0); n == 8 && string(head) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
			return nil, errors.New("docx: not a zip file (a Word 97-2003 .doc, or a password-protected document?)")
		}
		return nil, fmt.Errorf("docx: %w", err)
	}
	part, err := mainPart(zr)
	if err != nil {
		return nil, err
	}
	body, err := openWordPart(part, "")
	if err != nil {
		return nil, err
	}
	// The notes follow the body, after a blank line, as a reader finds them
	// at the foot of the pages and at the end.
	readers := []io.Reader{body}
	for _, notes := range notesParts(zr, part.Name) {
		r, err := openWordPart(notes, "\n")
		if err != nil {
			return nil, err
		}
		readers = append(readers, r)
	}
	return io.MultiReader(readers...), nil
}

// openWordPart returns a reader of one WordprocessingML part's text, with
// before written ahead of its first text, if it has any.
func openWordPart(part *zip.File, before string) (io.Reader, error) {
	if part.UncompressedSize64 > maxDocumentXML {
		return nil, fmt.Errorf("docx: %s: %d MiB uncompressed, over the limit of %d MiB",
			part.Name, part.UncompressedSize64>>20, maxDocumentXML>>20)
	}
	rc, err := part.Open()
	if err != nil {
		return nil, fmt.Errorf("docx: %s: %w", part.Name, err)
	}
	return &wordReader{part: part.Name, closer: rc, d: xml.NewDecoder(newMarkupSplitter(rc)), before: before}, nil
}

// notesParts returns the footnotes and endnotes parts beside the main part.
func notesParts(zr *zip.Reader, main string) []*zip.File {
	var parts []*zip.File
	for _, name := range []string{"footnotes.xml", "endnotes.xml"} {
		want := path.Join(path.Dir(main), name)
		for _, f := range zr.File {
			if f.Name == want {
				parts = append(parts, f)
				break
			}
		}
	}
	return parts
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

// wordReader reads the text of a document part's XML, a token at a time.
type wordReader struct {
	part   string
	closer io.Closer
	d      *xml.Decoder
	out    []byte // text not yet returned
	err    error  // what ends the text, io.EOF at its end

	depth     int // open elements
	skipUntil int // while skipping an element's content, its depth; else 0
	inText    bool
	runDepth  int
	started   bool   // some text was written
	newlines  int    // line breaks owed before the next text, at most 2
	before    string // written before the first text
	// afterBox is set when a text box has ended and no text has followed:
	// its last paragraph ended the line its paragraph would end.
	afterBox bool
}

func (w *wordReader) Read(p []byte) (int, error) {
	for len(w.out) == 0 && w.err == nil {
		w.token()
	}
	if len(w.out) == 0 {
		return 0, w.err
	}
	n := copy(p, w.out)
	w.out = w.out[n:]
	return n, nil
}

// token reads the next token and writes its text.
func (w *wordReader) token() {
	w.out = w.out[:0]
	tok, err := w.d.Token()
	if err != nil {
		if err == io.EOF {
			if w.started {
				w.out = append(w.out, '\n')
			}
		} else {
			err = fmt.Errorf("docx: %s: %w", w.part, err)
		}
		w.err = err
		w.closer.Close()
		return
	}
	switch t := tok.(type) {
	case xml.StartElement:
		if w.depth++; w.depth > maxDepth {
			w.err = fmt.Errorf("docx: %s: %w", w.part, errNestedTooDeep)
			w.closer.Close()
			return
		}
		if w.skipUntil == 0 {
			w.start(t)
		}
	case xml.EndElement:
		if w.skipUntil == w.depth {
			w.skipUntil = 0
		} else if w.skipUntil == 0 {
			w.end(t)
		}
		w.depth--
	case xml.CharData:
		if w.inText && w.skipUntil == 0 {
			w.write(t)
		}
	}
}

func isWordML(n xml.Name) bool { return n.Space == nsWord || n.Space == nsWordStrict }

func (w *wordReader) start(t xml.StartElement) {
	if t.Name.Space == nsMarkup && t.Name.Local == "Fallback" {
		// The fallback repeats the chosen alternative's text.
		w.skipUntil = w.depth
		return
	}
	if !isWordML(t.Name) {
		return
	}
	if skippedWord[t.Name.Local] {
		w.skipUntil = w.depth
		return
	}
	switch t.Name.Local {
	case "t":
		w.inText = true
	case "r":
		w.runDepth++
	case "tab", "ptab":
		if w.runDepth > 0 {
			w.write([]byte("\t"))
		}
	case "br", "cr":
		if w.runDepth > 0 {
			w.newline()
		}
	case "noBreakHyphen":
		w.write([]byte("-"))
	case "txbxContent":
		w.newline() // a text box's paragraphs are lines of their own
	}
}

func (w *wordReader) end(t xml.EndElement) {
	if !isWordML(t.Name) {
		return
	}
	switch t.Name.Local {
	case "t":
		w.inText = false
	case "r":
		w.runDepth--
	case "p":
		if !w.afterBox {
			w.newline()
		}
		w.afterBox = false
	case "txbxContent":
		w.afterBox = true
	}
}

// write writes text after the line breaks owed: paragraphs become lines,
// with at most one blank line in a row and none at the start or end.
func (w *wordReader) write(text []byte) {
	if len(text) == 0 {
		return
	}
	if w.started {
		w.out = append(w.out, "\n\n"[:w.newlines]...)
	} else {
		w.out = append(w.out, w.before...)
	}
	w.out = append(w.out, text...)
	w.started, w.newlines, w.afterBox = true, 0, false
}

func (w *wordReader) newline() {
	if w.started && w.newlines < 2 {
		w.newlines++
	}
}
