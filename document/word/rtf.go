package word

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/zhmetrics/zhmetrics/normalize"
)

// RTF, which Chinese sites often serve as .doc: the visible text of the
// document body, with \uN characters and \'hh bytes in the document's code
// page (GBK for \ansicpg936 or Chinese fonts), paragraphs, line breaks and
// table cells as lines, field results kept and their instructions, font,
// colour and style tables, pictures, objects, headers and footers left out.

// IsRTF reports whether data starts like an RTF document.
func IsRTF(data []byte) bool { return bytes.HasPrefix(data, []byte(`{\rtf`)) }

// rtfMaxDepth bounds group nesting: deeper is no document a word processor
// writes.
const rtfMaxDepth = 1000

// rtfSkipped are destinations whose text is not document text.
var rtfSkipped = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"object": true, "fldinst": true, "themedata": true, "colorschememapping": true,
	"datastore": true, "latentstyles": true, "listtable": true, "listoverridetable": true,
	"rsidtbl": true, "generator": true, "xmlnstbl": true, "filetbl": true, "revtbl": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true,
	"footer": true, "footerl": true, "footerr": true, "footerf": true,
	"footnote": true, "annotation": true, "bkmkstart": true, "bkmkend": true, "nonshppict": true,
	"shpinst": true, "pgdsctbl": true, "mmathPr": true, "wgrffmtfilter": true,
}

// rtfSymbols are control words that stand for one character.
var rtfSymbols = map[string]string{
	"tab": "\t", "emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’",
	"ldblquote": "“", "rdblquote": "”", "emspace": " ", "enspace": " ", "qmspace": " ",
}

// rtfANSI is the code page of RTF without \ansicpg.
const rtfANSI = "windows-1252"

type rtfGroup struct {
	skip bool // inside a destination that is not text
	uc   int  // fallback characters after \uN
}

// rtfReader is a scanner over RTF tokens: a handler for groups, control
// words, control symbols and text.
type rtfReader struct {
	data      []byte
	pos       int
	group     rtfGroup
	stack     []rtfGroup
	out       strings.Builder
	pending   []byte // bytes of the code page, decoded when text of another kind comes
	encoding  string // how pending bytes are decoded
	skipChars int    // fallback characters still to skip after \uN
	highSurr  rune   // the first half of a \uN surrogate pair
	lineStart bool
}

// RTFText returns the text of an RTF document and the encoding its bytes
// were read in.
func RTFText(data []byte) (string, string, error) {
	r := &rtfReader{data: data, group: rtfGroup{uc: 1}, encoding: rtfANSI, lineStart: true}
	if bytes.Contains(data, []byte(`\fcharset134`)) || bytes.Contains(data, []byte(`\fcharset136`)) {
		// Chinese fonts: bytes in them are GBK or Big5 whatever \ansicpg says.
		r.encoding = normalize.EncGB18030
		if !bytes.Contains(data, []byte(`\fcharset134`)) {
			r.encoding = normalize.EncBig5
		}
	}
	for r.pos < len(r.data) {
		if err := r.next(); err != nil {
			return "", "", err
		}
	}
	r.flush()
	text := r.out.String()
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text, r.encoding, nil
}

func (r *rtfReader) next() error {
	c := r.data[r.pos]
	switch c {
	case '{':
		r.pos++
		if len(r.stack) >= rtfMaxDepth {
			return errors.New("rtf: damaged: groups nested too deep")
		}
		r.stack = append(r.stack, r.group)
	case '}':
		r.pos++
		r.flush()
		if n := len(r.stack); n > 0 {
			r.group = r.stack[n-1]
			r.stack = r.stack[:n-1]
		}
	case '\\':
		r.control()
	case '\r', '\n':
		r.pos++
	default:
		r.pos++
		r.byteOfText(c)
	}
	return nil
}

// control handles a backslash: a control symbol or a control word.
func (r *rtfReader) control() {
	r.pos++
	if r.pos >= len(r.data) {
		return
	}
	c := r.data[r.pos]
	if !isASCIILetter(c) {
		r.pos++
		r.symbol(c)
		return
	}
	start := r.pos
	for r.pos < len(r.data) && isASCIILetter(r.data[r.pos]) {
		r.pos++
	}
	word := string(r.data[start:r.pos])
	numStart := r.pos
	if r.pos < len(r.data) && r.data[r.pos] == '-' {
		r.pos++
	}
	for r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' && r.pos-numStart < 11 {
		r.pos++
	}
	param, hasParam := 0, false
	if r.pos > numStart {
		n, err := strconv.Atoi(string(r.data[numStart:r.pos]))
		param, hasParam = n, err == nil
	}
	if r.pos < len(r.data) && r.data[r.pos] == ' ' {
		r.pos++
	}
	r.word(word, param, hasParam)
}

func (r *rtfReader) symbol(c byte) {
	switch c {
	case '\'':
		if r.pos+2 <= len(r.data) {
			if b, err := strconv.ParseUint(string(r.data[r.pos:r.pos+2]), 16, 8); err == nil {
				r.pos += 2
				r.byteOfText(byte(b))
			}
		}
	case '*':
		r.group.skip = true // an optional destination this reader does not know
	case '\\', '{', '}':
		r.byteOfText(c)
	case '~':
		r.text("\u00a0")
	case '_':
		r.text("-")
	case '\r', '\n':
		r.text("\n") // \<newline> is \par
	}
}

func (r *rtfReader) word(word string, param int, hasParam bool) {
	switch {
	case rtfSkipped[word]:
		r.group.skip = true
	case word == "bin" && hasParam && param > 0:
		r.pos = min(len(r.data), r.pos+param)
	case word == "ansicpg" && hasParam:
		if enc, ok := codePages[param]; ok && r.encoding == rtfANSI {
			r.encoding = enc
		}
	case word == "uc" && hasParam:
		r.group.uc = max(0, param)
	case word == "u" && hasParam:
		r.unicode(param)
	case word == "par", word == "line", word == "sect", word == "page":
		r.text("\n")
	case word == "cell", word == "nestcell", word == "row", word == "nestrow":
		r.flush()
		if !r.lineStart {
			r.text("\n")
		}
	default:
		if s, ok := rtfSymbols[word]; ok {
			r.text(s)
		}
	}
}

// codePages maps \ansicpg values to the encodings normalize.Decode knows.
var codePages = map[int]string{936: normalize.EncGB18030, 54936: normalize.EncGB18030, 950: normalize.EncBig5}

// unicode writes \uN, joining surrogate pairs, and arranges for the
// fallback characters that follow it to be skipped.
func (r *rtfReader) unicode(n int) {
	if n < 0 {
		n += 65536
	}
	c := rune(n)
	defer func() { r.skipChars = r.group.uc }()
	if r.group.skip {
		return
	}
	switch {
	case utf16.IsSurrogate(c) && c < 0xDC00:
		r.flush()
		r.highSurr = c
		return
	case utf16.IsSurrogate(c):
		if r.highSurr != 0 {
			c = utf16.DecodeRune(r.highSurr, c)
		}
	}
	r.highSurr = 0
	r.emit(string(c))
}

// byteOfText takes one byte of text in the document's code page.
func (r *rtfReader) byteOfText(b byte) {
	if r.group.skip {
		return
	}
	if r.skipChars > 0 {
		r.skipChars--
		return
	}
	r.pending = append(r.pending, b)
}

// text takes characters a control word stands for; right after \uN such a
// word is one of the fallback characters to skip.
func (r *rtfReader) text(s string) {
	if r.group.skip {
		return
	}
	if r.skipChars > 0 && s != "\n" {
		r.skipChars--
		return
	}
	r.skipChars = 0
	r.emit(s)
}

func (r *rtfReader) emit(s string) {
	r.flush()
	r.out.WriteString(s)
	r.lineStart = strings.HasSuffix(s, "\n")
}

// flush decodes the bytes waiting in the code page.
func (r *rtfReader) flush() {
	if len(r.pending) == 0 {
		return
	}
	var s string
	if r.encoding == rtfANSI {
		s = string(appendCP1252(nil, r.pending))
	} else if decoded, _, err := normalize.Decode(r.pending, r.encoding); err == nil {
		s = decoded
	} else {
		s = strings.Repeat("\ufffd", len(r.pending))
	}
	r.pending = r.pending[:0]
	r.out.WriteString(s)
	r.lineStart = false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
