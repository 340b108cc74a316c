package document

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/width"

	"github.com/zhmetrics/zhmetrics/normalize"
)

// htmlText decodes an HTML page and returns the text a reader sees: see
// htmlReader.
func htmlText(data []byte, encoding string) (string, string, error) {
	text, enc, err := decodeHTML(data, encoding)
	if err != nil {
		return "", enc, err
	}
	out, err := io.ReadAll(newHTMLReader(strings.NewReader(text)))
	return string(out), enc, err
}

// decodeHTML decodes a page with the encoding htmlEncoding picks.
func decodeHTML(data []byte, encoding string) (string, string, error) {
	if encoding != "" && !strings.EqualFold(encoding, "auto") || hasBOM(data) {
		return normalize.Decode(data, encoding)
	}
	enc, err := htmlEncoding(data, encoding)
	if err != nil {
		return "", enc, err
	}
	return normalize.Decode(data, enc)
}

// htmlEncoding picks a page's encoding from its first bytes head: the one
// asked for; with "auto", a BOM decides, then a meta charset naming UTF-8,
// GBK (GB2312, GB18030) or Big5 as far as the bytes bear it out (see
// normalize.Confirm), and otherwise the page is detected like plain text.
func htmlEncoding(head []byte, encoding string) (string, error) {
	auto := encoding == "" || strings.EqualFold(encoding, "auto")
	sample := detectionSample(head)
	if !auto || hasBOM(head) {
		_, enc, err := normalize.Decode(sample[:min(len(sample), sniffLen)], encoding)
		return enc, err
	}
	if label := metaCharset(head[:min(len(head), sniffLen)]); label != "" {
		declared := ""
		if e, err := htmlindex.Get(label); err == nil {
			declared, _ = htmlindex.Name(e)
		}
		switch declared {
		case "utf-8", "utf-16le", "utf-16be": // a meta can only declare an ASCII-compatible encoding
			return normalize.Confirm(sample, normalize.EncUTF8), nil
		case "gbk", "gb18030":
			return normalize.Confirm(sample, normalize.EncGB18030), nil
		case "big5":
			return normalize.Confirm(sample, normalize.EncBig5), nil
		}
	}
	_, enc, err := normalize.Decode(sample, "auto")
	return enc, err
}

// openHTML streams a page's text; head is its first bytes, all reads
// every byte.
func openHTML(head []byte, all io.Reader, encoding string) (io.Reader, string, error) {
	enc, err := htmlEncoding(head, encoding)
	if err != nil {
		return nil, enc, err
	}
	var decoded io.Reader
	if encoding == "" || strings.EqualFold(encoding, "auto") {
		decoded, err = normalize.NewCheckedReader(all, enc)
	} else {
		decoded, err = normalize.NewDecodingReader(all, enc)
	}
	if err != nil {
		return nil, enc, err
	}
	return newHTMLReader(decoded), enc, nil
}

func hasBOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) ||
		bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
}

// metaCharset returns the charset a <meta charset> or <meta http-equiv
// content="…; charset=…"> in head declares, or "".
func metaCharset(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var charset, content string
			httpEquiv := false
			for more := true; more; {
				var key, val []byte
				key, val, more = z.TagAttr()
				switch string(key) {
				case "charset":
					charset = string(val)
				case "content":
					content = string(val)
				case "http-equiv":
					httpEquiv = strings.EqualFold(string(val), "content-type")
				}
			}
			if charset != "" {
				return strings.TrimSpace(charset)
			}
			if httpEquiv {
				if cs := charsetParam(content); cs != "" {
					return cs
				}
			}
		}
	}
}

// charsetParam returns the value after "charset=" in a content type.
func charsetParam(contentType string) string {
	i := strings.Index(strings.ToLower(contentType), "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(contentType[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.Trim(strings.TrimLeft(rest[1:], " \t"), `"'`)
	if end := strings.IndexAny(rest, ` ;"'`); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// dropped are elements whose content is not part of the document's text:
// code, metadata, navigation and embedded objects.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Select: true, atom.Button: true,
}

// blocks are elements that start and end a line.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Legend: true, atom.Li: true,
	atom.Main: true, atom.Menu: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true, atom.Textarea: true,
}

// maxHTMLToken bounds one tag, script or style; text is cut into pieces
// before it reaches the tokenizer (see markupSplitter).
const maxHTMLToken = 16 << 20

// htmlReader reads the text a reader sees in a page, a token at a time:
// no scripts, styles or navigation, one line per block, white space
// collapsed the way a browser does. It keeps no tree, so it reads pages of
// any length and any depth of unclosed elements.
type htmlReader struct {
	z   *html.Tokenizer
	w   htmlWriter
	err error
	// skip is the element whose content is left out, and how many of the
	// same name are open inside it; "" when none.
	skip      string
	skipDepth int
	cells     int  // table cells so far in the current row
	afterPre  bool // a line break right after <pre> is not content
}

func newHTMLReader(r io.Reader) *htmlReader {
	z := html.NewTokenizer(newMarkupSplitter(r).lenientMode())
	z.SetMaxBuf(maxHTMLToken)
	return &htmlReader{z: z}
}

func (h *htmlReader) Read(p []byte) (int, error) {
	for len(h.w.out) == 0 && h.err == nil {
		h.token()
	}
	if len(h.w.out) == 0 {
		return 0, h.err
	}
	n := copy(p, h.w.out)
	h.w.out = h.w.out[n:]
	return n, nil
}

// token reads the next token and writes its text.
func (h *htmlReader) token() {
	h.w.out = h.w.out[:0]
	tt := h.z.Next()
	if tt == html.ErrorToken {
		h.err = h.z.Err()
		if h.err == io.EOF {
			h.w.finish()
		} else {
			h.err = fmt.Errorf("html: %w", h.err)
		}
		return
	}
	tok := h.z.Token()
	if h.skip != "" {
		h.skipped(tt, tok)
		return
	}
	switch tt {
	case html.TextToken:
		text := tok.Data
		if h.afterPre {
			text = strings.TrimPrefix(text, "\n")
		}
		h.afterPre = false
		h.w.text(text)
	case html.StartTagToken, html.SelfClosingTagToken:
		h.afterPre = false
		h.start(tok, tt == html.SelfClosingTagToken)
	case html.EndTagToken:
		h.afterPre = false
		h.end(tok)
	}
}

// skipped follows the tags inside a left-out element to its end. A body
// ends a head that was never closed.
func (h *htmlReader) skipped(tt html.TokenType, tok html.Token) {
	switch {
	case tt == html.StartTagToken && tok.Data == h.skip:
		h.skipDepth++
	case tt == html.EndTagToken && tok.Data == h.skip:
		if h.skipDepth--; h.skipDepth == 0 {
			h.skip = ""
		}
	case tt == html.StartTagToken && h.skip == "head" && tok.DataAtom == atom.Body:
		h.skip, h.skipDepth = "", 0
	}
}

// voids are elements that have no end tag and no content.
var voids = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}

func (h *htmlReader) start(tok html.Token, selfClosing bool) {
	a := tok.DataAtom
	void := voids[a] || selfClosing
	if dropped[a] || hidden(tok.Attr) {
		if !void {
			h.skip, h.skipDepth = tok.Data, 1
		}
		return
	}
	switch a {
	case atom.Br:
		h.w.breaks++
		return
	case atom.Tr:
		h.cells = 0
	case atom.Td, atom.Th:
		if h.cells > 0 {
			h.w.raw("\t")
		}
		h.cells++
	case atom.Pre, atom.Textarea:
		if !void {
			h.w.pre++
			h.afterPre = true
		}
	}
	if blocks[a] {
		h.w.lineBreak()
	}
}

func (h *htmlReader) end(tok html.Token) {
	switch tok.DataAtom {
	case atom.Pre, atom.Textarea:
		h.w.pre = max(0, h.w.pre-1)
	case atom.Br:
		h.w.breaks++ // </br> is read as <br>
		return
	}
	if blocks[tok.DataAtom] {
		h.w.lineBreak()
	}
}

// htmlWriter writes a page's text as lines.
type htmlWriter struct {
	out      []byte
	started  bool // some text was written
	breaks   int  // line breaks owed before the next character
	newlines int  // line breaks that ended preformatted text, owed likewise
	space    bool // collapsed white space owed before the next character
	segBreak bool // that white space held a line break
	last     rune // the last character written, 0 at a line start
	pre      int  // depth of <pre> and <textarea>, where white space is kept
}

// hidden reports whether an element with attrs is hidden from readers.
func hidden(attrs []html.Attribute) bool {
	for _, a := range attrs {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "style":
			s := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// lineBreak ends the current line, if anything is on it.
func (w *htmlWriter) lineBreak() {
	if w.breaks == 0 && w.last != 0 {
		w.breaks = 1
	}
}

// raw writes s after the line breaks owed, in place of owed white space.
// Line breaks that end it are owed rather than written, so that none ends
// the text.
func (w *htmlWriter) raw(s string) {
	if !w.started {
		s = strings.TrimLeft(s, "\n") // no line break starts the text
	}
	trimmed := strings.TrimRight(s, "\n")
	if trimmed == "" {
		if w.started {
			w.newlines += len(s)
			w.last = 0
		}
		return
	}
	w.flushBreaks()
	w.space, w.segBreak = false, false
	w.out = append(w.out, trimmed...)
	w.started = true
	w.newlines = len(s) - len(trimmed)
	r, _ := utf8.DecodeLastRuneInString(trimmed)
	w.last = r
	if w.newlines > 0 {
		w.last = 0
	}
}

// flushBreaks writes the line breaks owed, at most one blank line and none
// at the start of the text.
func (w *htmlWriter) flushBreaks() {
	if w.breaks == 0 && w.newlines == 0 {
		return
	}
	if w.started {
		w.out = append(w.out, strings.Repeat("\n", w.newlines)...)
		w.out = append(w.out, "\n\n"[:min(w.breaks, 2)]...)
		w.last = 0
	}
	w.breaks, w.newlines = 0, 0
	w.space, w.segBreak = false, false
}

// text writes a text node: runs of white space become one space, dropped at
// line starts and ends, and a line break in the source between two East
// Asian wide characters disappears (CSS Text segment break rules).
func (w *htmlWriter) text(s string) {
	if w.pre > 0 {
		w.raw(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
		return
	}
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			w.space = true
			if r == '\n' || r == '\r' {
				w.segBreak = true
			}
			continue
		}
		w.flushBreaks()
		if w.space && w.last != 0 && !(w.segBreak && isWide(w.last) && isWide(r)) {
			w.out = append(w.out, ' ')
		}
		w.space, w.segBreak = false, false
		w.out = utf8.AppendRune(w.out, r)
		w.started = true
		w.last = r
	}
}

func isWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return !(r >= 0xAC00 && r <= 0xD7A3 || r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F) // Hangul keeps its spaces
	}
	return false
}

// finish ends the text with one line break, unless it is empty.
func (w *htmlWriter) finish() {
	if w.started {
		w.out = append(w.out, '\n')
	}
}
