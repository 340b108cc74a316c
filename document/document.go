// Package document turns the bytes of an input document (plain text in any
// supported encoding, an HTML page, a Word .docx or .doc file, an RTF file or
// a PDF) into the plain text
// that the pipeline indexes. Offsets in rows point into this text, so every
// tool that shows a document's text must get it from here.
package document

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
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
	// FormatMHTML is a web page archive (.mht), Word's "single file web
	// page", often named .doc.
	FormatMHTML = "mhtml"
)

// Formats lists the formats Text accepts.
var Formats = []string{FormatAuto, FormatText, FormatHTML, FormatDOCX, FormatDOC, FormatRTF, FormatPDF, FormatMHTML}

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
	case FormatMHTML:
		text, enc, err := mhtmlText(data, encoding)
		return text, Info{Format: FormatMHTML, Encoding: enc}, err
	case FormatDOCX:
		text, err := docxText(data)
		return text, Info{Format: FormatDOCX, Encoding: normalize.EncUTF8}, err
	}
	return "", Info{}, ValidFormat(format)
}

// Detect picks the format of a document from its content and its name:
// content that identifies itself wins whatever the name (a PDF, a zip
// holding a Word document, a Word 97–2003 compound file, RTF, MHTML); otherwise
// the extension decides (.docx, .html, .htm, .xhtml), and a document that
// starts like an HTML page is HTML. Everything else is text, including a
// .doc or .pdf that is none of these, so that a text file misnamed is read.
func Detect(name string, data []byte) string {
	return detect(name, data, func() bool { return isDOCX(data) })
}

// detect is Detect on a document's first bytes head, with isWord telling
// whether the document is a zip holding a Word document; it is asked only
// of a document starting "PK".
func detect(name string, head []byte, isWord func() bool) string {
	switch {
	case isPDF(head):
		return FormatPDF
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) && isWord():
		return FormatDOCX
	case word.IsCompoundFile(head):
		return FormatDOC
	case word.IsRTF(head):
		return FormatRTF
	case isMHTML(head):
		return FormatMHTML
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".docm":
		return FormatDOCX
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	}
	if looksLikeHTML(head) {
		return FormatHTML
	}
	return FormatText
}

// ReadWhole reports whether a document whose first bytes are head, read
// with format, is one that is read whole rather than streamed: a PDF, a
// Word 97–2003 file, RTF or MHTML, whose text is known only once the file
// is parsed. Such a document is bounded by MaxWholeBytes.
func ReadWhole(name string, head []byte, format string) bool {
	if format == "" || format == FormatAuto {
		format = detect(name, head, func() bool { return false })
	}
	switch format {
	case FormatPDF, FormatDOC, FormatRTF, FormatMHTML:
		return true
	}
	return false
}

// MaxWholeBytes bounds a document that is read whole (see ReadWhole).
const MaxWholeBytes = pdfMaxFile

// Source is a document's bytes: the first ones, already read, and a way to
// the rest.
type Source struct {
	Head []byte      // the first bytes (all of a document no longer than them)
	Rest io.Reader   // the bytes after Head, or nil when Head is all
	At   io.ReaderAt // the whole document, for a file; nil for a pipe
	Size int64       // the whole document's size, with At
}

// maxZipInMemory bounds a zip archive read from a pipe, which has to be
// held whole: a zip's directory is at its end.
const maxZipInMemory = 64 << 20

// Open returns a reader of the text of the document src holds, decided
// from its first bytes before the rest is read: plain text, HTML pages and
// Word documents all stream. name, format and encoding are as for Text.
func Open(name string, src Source, format, encoding string) (io.Reader, Info, error) {
	all := io.Reader(bytes.NewReader(src.Head))
	if src.Rest != nil {
		all = io.MultiReader(all, src.Rest)
	}
	if (format == "" || format == FormatAuto || format == FormatDOCX) && src.At == nil &&
		bytes.HasPrefix(src.Head, []byte("PK\x03\x04")) && src.Rest != nil {
		// A zip from a pipe is held whole, within bounds.
		data, err := io.ReadAll(io.LimitReader(all, maxZipInMemory+1))
		if err != nil {
			return nil, Info{}, err
		}
		if len(data) > maxZipInMemory {
			return nil, Info{}, fmt.Errorf("a zip archive (DOCX?) longer than %d MiB on a pipe: give it as a file", maxZipInMemory>>20)
		}
		src = Source{Head: data, At: bytes.NewReader(data), Size: int64(len(data))}
		all = bytes.NewReader(data)
	}
	if src.At == nil && src.Rest == nil {
		src.At, src.Size = bytes.NewReader(src.Head), int64(len(src.Head))
	}
	if format == "" || format == FormatAuto {
		format = detect(name, src.Head, func() bool { return isDOCXAt(src.At, src.Size) })
	}
	switch format {
	case FormatText:
		r, enc, err := openText(src.Head, all, encoding)
		return r, Info{Format: FormatText, Encoding: enc}, err
	case FormatHTML:
		r, enc, err := openHTML(src.Head, all, encoding)
		return r, Info{Format: FormatHTML, Encoding: enc}, err
	case FormatDOCX:
		if src.At == nil {
			return nil, Info{Format: FormatDOCX}, errors.New("docx: not a zip file")
		}
		r, err := openDOCX(src.At, src.Size)
		return r, Info{Format: FormatDOCX, Encoding: normalize.EncUTF8}, err
	case FormatPDF, FormatDOC, FormatRTF:
		return nil, Info{Format: format}, fmt.Errorf("%s: read whole with Read, not streamed", format)
	}
	return nil, Info{}, ValidFormat(format)
}

// openText decodes plain text as a stream, in the encoding detected on its
// first bytes head (or the one asked for); all reads every byte.
func openText(head []byte, all io.Reader, encoding string) (io.Reader, string, error) {
	_, enc, err := normalize.Decode(detectionSample(head), encoding)
	if err != nil {
		return nil, enc, err
	}
	if encoding == "" || strings.EqualFold(encoding, "auto") {
		// Detected on the first bytes: checked against the rest.
		r, err := normalize.NewCheckedReader(all, enc)
		return r, enc, err
	}
	r, err := normalize.NewDecodingReader(all, enc)
	return r, enc, err
}

// detectionSample trims a sample cut from a longer input to its last line
// break, so that a character cut in two does not sway detection.
func detectionSample(sample []byte) []byte {
	if i := bytes.LastIndexByte(sample, '\n'); i > len(sample)/2 {
		return sample[:i+1]
	}
	return sample
}

// UnpackedSize is how many bytes a document of size bytes at r will be
// read as: its main part's uncompressed size for a Word document, its size
// otherwise. A zip's stated sizes are enforced when it is read.
func UnpackedSize(r io.ReaderAt, size int64) int64 {
	head := make([]byte, 4)
	if n, _ := r.ReadAt(head, 0); n < 4 || string(head) != "PK\x03\x04" {
		return size
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return size
	}
	part, err := mainPart(zr)
	if err != nil {
		return size
	}
	return max(size, int64(min(part.UncompressedSize64, 1<<62)))
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
