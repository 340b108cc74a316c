package document

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/width"

	"github.com/zhmetrics/zhmetrics/normalize"
)

// htmlText decodes an HTML page and returns the text a reader sees: no
// scripts, styles or navigation, one line per block, white space collapsed
// the way a browser does.
func htmlText(data []byte, encoding string) (string, string, error) {
	text, enc, err := decodeHTML(data, encoding)
	if err != nil {
		return "", enc, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return "", enc, fmt.Errorf("html: %w", err)
	}
	var w htmlWriter
	w.node(root)
	return w.finish(), enc, nil
}

// decodeHTML decodes a page with the encoding asked for; with "auto", a BOM
// decides, then a meta charset naming UTF-8, GBK (GB2312, GB18030) or Big5,
// and otherwise the page is detected like plain text. The meta is believed
// only as far as the bytes bear it out (see normalize.Confirm).
func decodeHTML(data []byte, encoding string) (string, string, error) {
	auto := encoding == "" || strings.EqualFold(encoding, "auto")
	if !auto || hasBOM(data) {
		return normalize.Decode(data, encoding)
	}
	if label := metaCharset(data[:min(len(data), sniffLen)]); label != "" {
		declared := ""
		if e, err := htmlindex.Get(label); err == nil {
			declared, _ = htmlindex.Name(e)
		}
		switch declared {
		case "utf-8", "utf-16le", "utf-16be": // a meta can only declare an ASCII-compatible encoding
			return normalize.Decode(data, normalize.Confirm(data, normalize.EncUTF8))
		case "gbk", "gb18030":
			return normalize.Decode(data, normalize.Confirm(data, normalize.EncGB18030))
		case "big5":
			return normalize.Decode(data, normalize.Confirm(data, normalize.EncBig5))
		}
	}
	return normalize.Decode(data, "auto")
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

// htmlWriter renders a parsed page as lines of text.
type htmlWriter struct {
	b        strings.Builder
	breaks   int  // line breaks owed before the next character
	space    bool // collapsed white space owed before the next character
	segBreak bool // that white space held a line break
	last     rune // the last character written, 0 at a line start
	pre      int  // depth of <pre> and <textarea>, where white space is kept
}

func (w *htmlWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if dropped[n.DataAtom] || hidden(n) {
			return
		}
	case html.DocumentNode:
	default:
		return // comments and doctypes
	}
	switch n.DataAtom {
	case atom.Br:
		w.breaks++
		return
	case atom.Td, atom.Th:
		if cellIndex(n) > 0 {
			w.raw("\t")
		}
	case atom.Pre, atom.Textarea:
		w.pre++
		defer func() { w.pre-- }()
	}
	block := blocks[n.DataAtom]
	if block {
		w.lineBreak()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if block {
		w.lineBreak()
	}
}

// hidden reports whether an element is hidden from readers.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
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

// cellIndex counts the table cells before n in its row.
func cellIndex(n *html.Node) int {
	i := 0
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			i++
		}
	}
	return i
}

// lineBreak ends the current line, if anything is on it.
func (w *htmlWriter) lineBreak() {
	if w.breaks == 0 && w.last != 0 {
		w.breaks = 1
	}
}

// raw writes s after the line breaks owed, in place of owed white space.
func (w *htmlWriter) raw(s string) {
	w.flushBreaks()
	w.space, w.segBreak = false, false
	w.b.WriteString(s)
	r, _ := utf8.DecodeLastRuneInString(s)
	w.last = r
	if r == '\n' {
		w.last = 0
	}
}

// flushBreaks writes the line breaks owed, at most one blank line and none
// at the start of the text.
func (w *htmlWriter) flushBreaks() {
	if w.breaks == 0 {
		return
	}
	if w.b.Len() > 0 {
		w.b.WriteString("\n\n"[:min(w.breaks, 2)])
		w.last = 0
	}
	w.breaks = 0
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
			w.b.WriteByte(' ')
		}
		w.space, w.segBreak = false, false
		w.b.WriteRune(r)
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

// finish returns the text, ending in one line break unless it is empty.
func (w *htmlWriter) finish() string {
	s := strings.TrimRight(w.b.String(), "\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}
