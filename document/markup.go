package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// XML and HTML tokenizers hand over a run of text, a comment or a CDATA
// section as one token, however long: one text run of 1,000 MiB is one
// buffer of 1,000 MiB. markupSplitter cuts such runs into pieces of at most
// splitEvery bytes by inserting markup that a tokenizer reads as a break
// between tokens of the same kind (an empty comment in text, the end and
// start of a section in CDATA, of a comment in a comment). Tags, processing
// instructions and declarations cannot be cut: one longer than maxMarkup is
// an error.
type markupSplitter struct {
	r      io.Reader
	in     []byte // read and not yet looked at
	out    []byte // looked at and not yet returned
	eof    bool
	err    error
	mode   markupMode
	run    int  // bytes since the current token started or was last cut
	length int  // bytes since the current markup started
	quote  byte // the quote mark an attribute value in a tag is inside, or 0
	// entity is set inside a character reference ("&amp;"), which must
	// not be cut.
	entity      bool
	prev, prev2 byte // the last two bytes looked at
	decl        declarationState
	// lenient passes long markup on rather than fail: an HTML tokenizer
	// bounds its tokens itself, and a script's "<" is no tag.
	lenient bool
	// every and limit are splitEvery and maxMarkup, smaller in tests so
	// that fuzzing reaches the cuts with short inputs.
	every, limit int
}

type markupMode int

// declarationState follows a declaration (<!DOCTYPE …>) the way
// encoding/xml reads one: a ">" inside quotes, inside nested angle
// brackets or inside a comment does not end it.
type declarationState struct {
	quote      byte
	depth      int  // "<" not yet closed by ">"
	opening    int  // bytes of a "<!--" seen so far
	inComment  bool // inside a "<!--" … "-->" in the declaration
	commentRun int  // bytes since that comment's "<!--"
}

const (
	inText markupMode = iota
	inTag
	inComment
	inCDATA
	inInstruction // <?…?>
	inDeclaration // <!DOCTYPE …>
)

const (
	splitEvery = 16 << 10
	maxMarkup  = 64 << 10
)

var errMarkupTooLong = fmt.Errorf("a tag longer than %d KiB", maxMarkup>>10)

func newMarkupSplitter(r io.Reader) *markupSplitter {
	return &markupSplitter{r: r, every: splitEvery, limit: maxMarkup}
}

func (s *markupSplitter) lenientMode() *markupSplitter {
	s.lenient = true
	return s
}

func (s *markupSplitter) Read(p []byte) (int, error) {
	for len(s.out) == 0 {
		if s.err != nil {
			return 0, s.err
		}
		s.fill()
		s.scan()
	}
	n := copy(p, s.out)
	s.out = s.out[n:]
	return n, nil
}

// fill reads more input, keeping what is not yet looked at.
func (s *markupSplitter) fill() {
	if s.eof {
		if len(s.in) == 0 {
			s.err = io.EOF
		}
		return
	}
	buf := make([]byte, len(s.in), len(s.in)+64<<10)
	copy(buf, s.in)
	n, err := s.r.Read(buf[len(buf):cap(buf)])
	s.in = buf[:len(buf)+n]
	if err == io.EOF {
		s.eof = true
	} else if err != nil {
		s.err = err
	}
}

// scan moves what it can of in to out. Near the end of in it stops where
// a markup start cannot be told without the bytes that follow.
func (s *markupSplitter) scan() {
	out := make([]byte, 0, len(s.in)+len(s.in)/s.every*16+16)
	i := 0
	for ; i < len(s.in); i++ {
		if n := s.plainRun(s.in[i:]); n > 0 {
			out = append(out, s.in[i:i+n]...)
			s.run += n
			s.length += n
			if n >= 2 {
				s.prev2 = s.in[i+n-2]
			} else {
				s.prev2 = s.prev
			}
			s.prev = s.in[i+n-1]
			i += n - 1
			continue
		}
		c := s.in[i]
		if c == '<' && s.mode == inText {
			if len(s.in)-i < 9 && !s.eof {
				break // "<![CDATA[" may be cut
			}
			s.mode, s.run, s.length, s.entity = markupAt(s.in[i:]), 0, 0, false
			s.decl = declarationState{}
		} else if s.run >= s.every && s.splittable(c) {
			out = append(out, s.cut()...)
			s.run = 0
		}
		out = append(out, c)
		s.run++
		s.length++
		s.step(c)
		if s.length > s.limit && !s.lenient && (s.mode == inTag || s.mode == inInstruction || s.mode == inDeclaration) {
			s.err = errMarkupTooLong
			s.in = nil
			s.out = out
			return
		}
	}
	s.in = s.in[i:]
	s.out = out
}

// plainRun is how many bytes at the start of b change no state and need
// no cut, so that they are copied at once: text up to a markup start, a
// character reference or the next cut, and a tag up to a quote or its end.
func (s *markupSplitter) plainRun(b []byte) int {
	var n int
	switch {
	case s.mode == inText && !s.entity:
		n = indexAnyOrLen(b, "<&")
		n = min(n, s.every-s.run)
	case s.mode == inTag && s.quote == 0:
		n = indexAnyOrLen(b, "\"'>")
		n = min(n, s.limit-s.length)
	case s.mode == inTag:
		n = indexAnyOrLen(b, string(s.quote))
		n = min(n, s.limit-s.length)
	}
	return max(n, 0)
}

func indexAnyOrLen(b []byte, chars string) int {
	if i := bytes.IndexAny(b, chars); i >= 0 {
		return i
	}
	return len(b)
}

// markupAt tells what starts at b, which starts with '<'.
func markupAt(b []byte) markupMode {
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		return inComment
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		return inCDATA
	case bytes.HasPrefix(b, []byte("<?")):
		return inInstruction
	case bytes.HasPrefix(b, []byte("<!")):
		return inDeclaration
	}
	return inTag
}

// step updates the mode after the byte c.
func (s *markupSplitter) step(c byte) {
	ends := func(a, b byte, shortest int) bool {
		return c == '>' && s.prev2 == a && s.prev == b && s.length >= shortest
	}
	switch s.mode {
	case inText:
		switch {
		case c == '&':
			s.entity = true
		case s.entity && !isNameByte(c):
			s.entity = false
		}
	case inTag:
		if !stepQuote(&s.quote, c) && c == '>' {
			s.mode = inText
		}
	case inComment:
		if ends('-', '-', len("<!---->")) {
			s.mode = inText
		}
	case inCDATA:
		if ends(']', ']', len("<![CDATA[]]>")) {
			s.mode = inText
		}
	case inInstruction:
		if c == '>' && s.prev == '?' {
			s.mode = inText
		}
	case inDeclaration:
		s.stepDeclaration(c)
	}
	if s.mode == inText && c == '>' {
		s.run = 0
	}
	s.prev2, s.prev = s.prev, c
}

// stepDeclaration updates the mode after the byte c of a declaration. An
// HTML tokenizer ends one at its first ">"; an XML reader, where
// declarationState says. A declaration is never cut, so what matters is
// that the splitter does not take the rest of one for text.
func (s *markupSplitter) stepDeclaration(c byte) {
	if s.lenient {
		if c == '>' {
			s.mode = inText
		}
		return
	}
	d := &s.decl
	if s.length <= len("<!") {
		return
	}
	if d.inComment {
		d.commentRun++
		if c == '>' && s.prev2 == '-' && s.prev == '-' && d.commentRun >= len("-->") {
			d.inComment = false
		}
		return
	}
	if d.opening > 0 {
		if c == "<!--"[d.opening] {
			d.opening++
			if d.opening == len("<!--") {
				// The "<" that opened the comment opened no bracket.
				d.opening, d.depth, d.inComment, d.commentRun = 0, d.depth-1, true, 0
			}
			return
		}
		d.opening = 0
	}
	if stepQuote(&d.quote, c) {
		return
	}
	switch {
	case c == '<':
		d.depth, d.opening = d.depth+1, 1
	case c == '>' && d.depth == 0:
		s.mode = inText
	case c == '>':
		d.depth--
	}
}

// stepQuote follows quoted text in markup (an attribute value, a literal
// in a declaration), where no ">" ends anything: it reports whether c is
// inside quotes or opens or closes them.
func stepQuote(quote *byte, c byte) bool {
	switch {
	case *quote != 0:
		if c == *quote {
			*quote = 0
		}
		return true
	case c == '"' || c == '\'':
		*quote = c
		return true
	}
	return false
}

// splittable reports whether a cut may go before c: at a character's
// start, outside a character reference, and never between the characters
// of a section's end mark.
func (s *markupSplitter) splittable(c byte) bool {
	if !utf8.RuneStart(c) || s.prev == '\r' {
		return false // nor between the "\r\n" that a reader reads as one line end
	}
	switch s.mode {
	case inText:
		// Not inside "]]>", which text may not hold: a cut would hide it.
		return !s.entity && c != '&' && s.prev != ']'
	case inComment:
		return s.prev != '-' && c != '-'
	case inCDATA:
		return s.prev != ']' && c != ']'
	}
	return false
}

// cut is the markup that breaks the current token in two.
func (s *markupSplitter) cut() []byte {
	switch s.mode {
	case inComment:
		return []byte("--><!--")
	case inCDATA:
		return []byte("]]><![CDATA[")
	}
	return []byte("<!---->")
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#'
}

// errNestedTooDeep is the error for elements nested past maxDepth.
var errNestedTooDeep = errors.New("elements nested more than 1,000 deep")

// maxDepth bounds how deep elements may nest. Word nests a table cell's
// paragraph about ten deep; a decoder keeps a name for every open element.
const maxDepth = 1000
