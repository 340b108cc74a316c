// Package document turns the bytes of an input document (plain text in any
// supported encoding, an HTML page, a Word .docx or .doc file, an RTF file or
// a PDF) into the plain text
// that the pipeline indexes. Offsets in rows point into this text, so every
// tool that shows a document's text must get it from here.
package document

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/zhmetrics/zhmetrics/document/word"
	"github.com/zhmetrics/zhmetrics/normalize"
)

// Input formats.
const (
	FormatAuto = "auto" // by file extension, then by content
	FormatText = "text"
	FormatHTML = "html"
	FormatDOCX = "docx"
	FormatDOC  = "doc" // Word 97–2003
	FormatRTF  = "rtf"
	FormatPDF  = "pdf"
)

// Formats lists the formats Text accepts.
var Formats = []string{FormatAuto, FormatText, FormatHTML, FormatDOCX, FormatDOC, FormatRTF, FormatPDF}

// Info describes how a document was read.
type Info struct {
	Format   string // text, html, docx, doc, rtf or pdf: never auto
	Encoding string // as normalize.Decode names it; "utf-8" for docx and pdf
}

// Document is a document's plain text and how it was read.
type Document struct {
	Text string
	Info Info
	// PageStarts holds the code point offset at which each page of a PDF
	// starts in Text; nil for documents without pages.
	PageStarts []int
}

// Options are how a document is read.
type Options struct {
	Format      string // auto (or "") detects it
	Encoding    string // for text, HTML and RTF; see normalize.Decode
	PDFPassword string // opens an encrypted PDF
}

// ValidFormat reports whether format is one Text accepts.
func ValidFormat(format string) error {
	for _, f := range Formats {
		if format == f {
			return nil
		}
	}
	return fmt.Errorf("unknown input format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Text returns the plain text of the document held in data. name is used
// only to pick the format when format is "auto" (or ""). encoding is passed
// to normalize.Decode for text and HTML ("auto" lets an HTML page's BOM or
// meta charset decide); DOCX is always UTF-8. Binary content read as text
// is reported with an error wrapping normalize.ErrBinary.
func Text(name string, data []byte, format, encoding string) (string, Info, error) {
	doc, err := Read(name, data, Options{Format: format, Encoding: encoding})
	return doc.Text, doc.Info, err
}

// Read is Text with every option, and the pages of a PDF. A document of
// which only part could be read (a damaged PDF) returns that part's text
// with a *PartialError.
func Read(name string, data []byte, opts Options) (Document, error) {
	format := opts.Format
	if format == "" || format == FormatAuto {
		format = Detect(name, data)
	}
	if format == FormatPDF {
		text, pages, err := pdfText(data, opts.PDFPassword)
		return Document{Text: text, Info: Info{Format: FormatPDF, Encoding: normalize.EncUTF8}, PageStarts: pages}, err
	}
	text, info, err := readUnpaged(name, data, format, opts.Encoding)
	return Document{Text: text, Info: info}, err
}

// readUnpaged reads a document of a format without pages.
func readUnpaged(name string, data []byte, format, encoding string) (string, Info, error) {
	switch format {
	case FormatDOC:
		text, err := word.DocText(data)
		return text, Info{Format: FormatDOC, Encoding: normalize.EncUTF16LE}, err
	case FormatRTF:
		text, enc, err := word.RTFText(data)
		return text, Info{Format: FormatRTF, Encoding: enc}, err
	case FormatText:
		text, enc, err := normalize.Decode(data, encoding)
		return text, Info{Format: FormatText, Encoding: enc}, err
	case FormatHTML:
		text, enc, err := htmlText(data, encoding)
		return text, Info{Format: FormatHTML, Encoding: enc}, err
	case FormatDOCX:
		text, err := docxText(data)
		return text, Info{Format: FormatDOCX, Encoding: normalize.EncUTF8}, err
	}
	return "", Info{}, ValidFormat(format)
}

// Detect picks the format of a document from its content and its name:
// content that identifies itself wins whatever the name (a PDF, a zip
// holding a Word document, a Word 97–2003 compound file, RTF); otherwise
// the extension decides (.docx, .html, .htm, .xhtml), and a document that
// starts like an HTML page is HTML. Everything else is text, including a
// .doc or .pdf that is none of these, so that a text file misnamed is read.
func Detect(name string, data []byte) string {
	switch {
	case isPDF(data):
		return FormatPDF
	case isDOCX(data):
		return FormatDOCX
	case word.IsCompoundFile(data):
		return FormatDOC
	case word.IsRTF(data):
		return FormatRTF
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".docm":
		return FormatDOCX
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	}
	if looksLikeHTML(data) {
		return FormatHTML
	}
	return FormatText
}

// ReadsAsText reports whether a document read with format, whose first
// bytes are prefix, is plain text, which can be decoded as a stream. HTML
// and Word documents are read whole: a zip's directory is at its end, and
// a page's text is known only once it is parsed.
func ReadsAsText(name string, prefix []byte, format string) bool {
	switch format {
	case FormatText:
		return true
	case "", FormatAuto:
		return !bytes.HasPrefix(prefix, []byte("PK\x03\x04")) && !word.IsCompoundFile(prefix) &&
			Detect(name, prefix) == FormatText
	}
	return false
}

// sniffLen bounds how much of a document is looked at to recognise HTML.
const sniffLen = 1024

// looksLikeHTML reports whether data starts, after a byte order mark, white
// space, an XML declaration and comments, with "<!doctype html" or "<html".
func looksLikeHTML(data []byte) bool {
	head := data[:min(len(data), sniffLen)]
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		text, _, _ := normalize.Decode(head, "utf-16")
		head = []byte(text)
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		head = head[3:]
	}
	for {
		head = bytes.TrimLeft(head, " \t\r\n\f")
		var skipTo []byte
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			skipTo = []byte("?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			skipTo = []byte("-->")
		}
		if skipTo == nil {
			break
		}
		i := bytes.Index(head, skipTo)
		if i < 0 {
			return false
		}
		head = head[i+len(skipTo):]
	}
	lower := bytes.ToLower(head[:min(len(head), 15)])
	return bytes.HasPrefix(lower, []byte("<!doctype html")) ||
		bytes.HasPrefix(lower, []byte("<html")) && (len(lower) == 5 || strings.ContainsRune(" \t\r\n\f>", rune(lower[5])))
}
