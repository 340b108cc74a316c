// Package document turns the bytes of an input document (plain text in any
// supported encoding, an HTML page or a Word .docx file) into the plain text
// that the pipeline indexes. Offsets in rows point into this text, so every
// tool that shows a document's text must get it from here.
package document

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/zhmetrics/zhmetrics/normalize"
)

// Input formats.
const (
	FormatAuto = "auto" // by file extension, then by content
	FormatText = "text"
	FormatHTML = "html"
	FormatDOCX = "docx"
)

// Formats lists the formats Text accepts.
var Formats = []string{FormatAuto, FormatText, FormatHTML, FormatDOCX}

// Info describes how a document was read.
type Info struct {
	Format   string // text, html or docx: never auto
	Encoding string // as normalize.Decode names it; "utf-8" for docx
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
	if format == "" || format == FormatAuto {
		format = Detect(name, data)
	}
	switch format {
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

// Detect picks the format of a document from its content and its name: a
// zip holding a Word document is DOCX whatever its name; otherwise the
// extension decides (.docx, .html, .htm, .xhtml), and a document that starts
// like an HTML page is HTML. Everything else is text.
func Detect(name string, data []byte) string {
	if isDOCX(data) {
		return FormatDOCX
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
		return !bytes.HasPrefix(prefix, []byte("PK\x03\x04")) && Detect(name, prefix) == FormatText
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
