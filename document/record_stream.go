package document

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// LongText is the text of a record longer than ShortRecord, decoded from
// its JSON string as it is read. After the string, the rest of the record
// is read too: Read returns io.EOF once the record ended well, or a
// *RecordError.
type LongText struct {
	src      *lineBytes
	line     int
	done     bool  // the string has ended
	err      error // returned once the string and the record's rest are read
	docAfter string
	// docBefore and docAfterSeen record a "doc" key before and after the
	// text, so that a second one is refused as the whole-line reader does.
	docBefore, docAfterSeen bool
	pending                 []byte // decoded and not yet returned
}

// DocAfter is the "doc" of the record when it came after "text", known
// once the text is read to its end.
func (lt *LongText) DocAfter() string { return lt.docAfter }

// Limits on the parts of a long record other than its text.
const (
	maxKey   = 1 << 10
	maxDoc   = 64 << 10
	maxNests = 1000
)

// lineBytes reads the bytes of one line: first the ones already read,
// then from r up to the line break, counting them for messages.
type lineBytes struct {
	head  []byte
	r     *bufio.Reader
	pos   int    // bytes of the line read
	back  []byte // bytes given back, the last to be read first
	ended bool
}

var errLineEnd = errors.New("unexpected end of JSON input")

// errBlankLine is startLong's answer to a long line of white space.
var errBlankLine = errors.New("a blank line")

func (b *lineBytes) next() (byte, error) {
	if n := len(b.back); n > 0 {
		c := b.back[n-1]
		b.back = b.back[:n-1]
		b.pos++
		return c, nil
	}
	if b.ended {
		return 0, errLineEnd
	}
	var c byte
	if b.pos < len(b.head) {
		c = b.head[b.pos]
	} else {
		var err error
		if c, err = b.r.ReadByte(); err == io.EOF {
			b.ended = true
			return 0, errLineEnd
		} else if err != nil {
			return 0, err
		}
	}
	if c == '\n' {
		b.ended = true
		return 0, errLineEnd
	}
	b.pos++
	return c, nil
}

// unread gives back c, the last byte read.
func (b *lineBytes) unread(c byte) {
	b.back = append(b.back, c)
	b.pos--
}

// skipSpace returns the next byte that is not JSON white space.
func (b *lineBytes) skipSpace() (byte, error) {
	for {
		c, err := b.next()
		if err != nil || strings.IndexByte(jsonSpace, c) < 0 {
			return c, err
		}
	}
}

// startLong reads a long record up to its "text" string and returns the
// record whose Long reads that string.
func (rr *RecordReader) startLong(head []byte) (Record, error) {
	src := &lineBytes{head: head, r: rr.r}
	lt := &LongText{src: src, line: rr.line}
	fail := func(err error) (Record, error) {
		lt.skipLine()
		return Record{}, &RecordError{Line: rr.line, Err: err}
	}
	c, err := src.skipSpace()
	if err == errLineEnd {
		return Record{}, errBlankLine // white space only, as a short blank line is skipped
	}
	if err != nil || c != '{' {
		return fail(errors.New("not a JSON object"))
	}
	var doc string
	for first := true; ; first = false {
		key, end, err := lt.key(first)
		if err != nil {
			return fail(err)
		}
		if end {
			return fail(errors.New(`no "text" key`))
		}
		c, err := src.skipSpace()
		if err != nil {
			return fail(lt.syntax(err))
		}
		if c != '"' {
			if key == "text" || key == "doc" {
				return fail(fmt.Errorf("%q is %s, not a string", key, jsonKind([]byte{c})))
			}
			src.unread(c)
			if err := lt.skipValue(0); err != nil {
				return fail(err)
			}
			continue
		}
		switch key {
		case "text":
			rr.long = lt
			return Record{Doc: doc, Line: rr.line, Long: lt}, nil
		case "doc":
			if lt.docBefore {
				return fail(errors.New(`two "doc" keys`))
			}
			if doc, err = lt.shortString(maxDoc); err != nil {
				return fail(err)
			}
			lt.docBefore = true
		default:
			if err := lt.skipString(); err != nil {
				return fail(err)
			}
		}
	}
}

// key reads `, "key":` (or `"key":` first); end reports the end of the
// object instead (a key may be "").
func (lt *LongText) key(first bool) (key string, end bool, err error) {
	c, err := lt.src.skipSpace()
	if err != nil {
		return "", false, lt.syntax(err)
	}
	if c == '}' {
		return "", true, nil
	}
	if !first {
		if c != ',' {
			return "", false, lt.syntax(fmt.Errorf("invalid character %q after a value", c))
		}
		if c, err = lt.src.skipSpace(); err != nil {
			return "", false, lt.syntax(err)
		}
	}
	if c != '"' {
		return "", false, lt.syntax(fmt.Errorf("invalid character %q before a key", c))
	}
	if key, err = lt.shortString(maxKey); err != nil {
		return "", false, err
	}
	if c, err = lt.src.skipSpace(); err != nil || c != ':' {
		return "", false, lt.syntax(errors.New("no ':' after a key"))
	}
	return key, false, nil
}

func (lt *LongText) syntax(err error) error {
	return fmt.Errorf("invalid JSON at byte %d: %v", lt.src.pos, err)
}

// errLongerThan is the error for a key or "doc" over its limit, the same
// from both record readers.
func errLongerThan(limit int) error {
	return fmt.Errorf("a key or \"doc\" longer than %d KiB", limit>>10)
}

// shortString reads a string whose opening quote is read, failing past
// limit bytes.
func (lt *LongText) shortString(limit int) (string, error) {
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := lt.stringBytes(buf)
		b.Write(buf[:n])
		if b.Len() > limit {
			return "", errLongerThan(limit)
		}
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}

func (lt *LongText) skipString() error {
	buf := make([]byte, 4096)
	for {
		if _, err := lt.stringBytes(buf); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// skipValue skips a number, literal, array or object.
func (lt *LongText) skipValue(depth int) error {
	c, err := lt.src.skipSpace()
	if err != nil {
		return lt.syntax(err)
	}
	switch c {
	case '"':
		return lt.skipString()
	case '{', '[':
		if depth >= maxNests {
			return errors.New("values nested more than 1,000 deep")
		}
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		for first := true; ; first = false {
			c, err := lt.src.skipSpace()
			if err != nil {
				return lt.syntax(err)
			}
			if c == closing {
				return nil
			}
			if !first {
				if c != ',' {
					return lt.syntax(fmt.Errorf("invalid character %q in an array or object", c))
				}
			} else {
				lt.src.unread(c)
			}
			if err := lt.skipValue(depth + 1); err != nil {
				return err
			}
			if closing == '}' {
				if c, err := lt.src.skipSpace(); err != nil || c != ':' {
					return lt.syntax(errors.New("no ':' after a key"))
				}
				if err := lt.skipValue(depth + 1); err != nil {
					return err
				}
			}
		}
	}
	var sc scalarScanner
	n := 0
	for ; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("+-.E", c) >= 0; n++ {
		if !sc.step(c) {
			return lt.syntax(fmt.Errorf("invalid character %q in a literal or number", c))
		}
		if c, err = lt.src.next(); err != nil {
			break
		}
	}
	if n == 0 {
		return lt.syntax(fmt.Errorf("invalid character %q looking for a value", c))
	}
	if !sc.complete() {
		return lt.syntax(errors.New("a literal or number cut short"))
	}
	if err == nil {
		lt.src.unread(c)
	}
	return nil
}

// scalarScanner checks, a byte at a time and without keeping them, that a
// value is true, false, null or a number as JSON writes it.
type scalarScanner struct {
	literal string // the literal being read; "" before the first byte or for a number
	n       int    // bytes of the literal read
	number  int    // the number grammar's state (numberStart...)
}

// The states of a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
const (
	numberStart = iota
	numberMinus
	numberZero
	numberInt
	numberDot
	numberFrac
	numberExp
	numberExpSign
	numberExpDigits
)

func (sc *scalarScanner) step(c byte) bool {
	if sc.n == 0 && sc.number == numberStart {
		for _, lit := range []string{"true", "false", "null"} {
			if c == lit[0] {
				sc.literal, sc.n = lit, 1
				return true
			}
		}
	}
	if sc.literal != "" {
		if sc.n < len(sc.literal) && c == sc.literal[sc.n] {
			sc.n++
			return true
		}
		return false
	}
	digit := c >= '0' && c <= '9'
	switch sc.number {
	case numberStart, numberMinus:
		switch {
		case c == '-' && sc.number == numberStart:
			sc.number = numberMinus
		case c == '0':
			sc.number = numberZero
		case digit:
			sc.number = numberInt
		default:
			return false
		}
	case numberZero, numberInt:
		switch {
		case digit && sc.number == numberInt:
		case c == '.':
			sc.number = numberDot
		case c == 'e' || c == 'E':
			sc.number = numberExp
		default:
			return false
		}
	case numberDot, numberFrac:
		switch {
		case digit:
			sc.number = numberFrac
		case (c == 'e' || c == 'E') && sc.number == numberFrac:
			sc.number = numberExp
		default:
			return false
		}
	case numberExp:
		switch {
		case c == '+' || c == '-':
			sc.number = numberExpSign
		case digit:
			sc.number = numberExpDigits
		default:
			return false
		}
	case numberExpSign, numberExpDigits:
		if !digit {
			return false
		}
		sc.number = numberExpDigits
	}
	return true
}

func (sc *scalarScanner) complete() bool {
	if sc.literal != "" {
		return sc.n == len(sc.literal)
	}
	switch sc.number {
	case numberZero, numberInt, numberFrac, numberExpDigits:
		return true
	}
	return false
}

// stringBytes decodes the next bytes of a string into p, which holds at
// least 8 bytes; it returns io.EOF after the closing quote. An invalid
// UTF-8 byte becomes U+FFFD, as encoding/json reads it.
func (lt *LongText) stringBytes(p []byte) (int, error) {
	n := 0
	for n+utf8.UTFMax*2 <= len(p) {
		c, err := lt.src.next()
		if err != nil {
			return n, lt.syntax(err)
		}
		switch {
		case c == '"':
			return n, io.EOF
		case c == '\\':
			r, err := lt.escape()
			if err != nil {
				return n, err
			}
			n += utf8.EncodeRune(p[n:], r)
		case c < 0x20:
			return n, lt.syntax(errors.New("a control character in a string"))
		case c < utf8.RuneSelf:
			p[n] = c
			n++
		default:
			n += copy(p[n:], lt.rune(c))
		}
	}
	return n, nil
}

// rune reads the rest of a UTF-8 sequence starting with c. An invalid
// sequence is one U+FFFD for its first byte, the others read again, as
// encoding/json decodes it.
func (lt *LongText) rune(c byte) []byte {
	seq := []byte{c}
	for len(seq) < utf8.UTFMax && !utf8.FullRune(seq) {
		d, err := lt.src.next()
		if err != nil {
			break
		}
		seq = append(seq, d)
	}
	r, size := utf8.DecodeRune(seq)
	for i := len(seq) - 1; i >= size; i-- {
		lt.src.unread(seq[i])
	}
	if r == utf8.RuneError && size <= 1 {
		return []byte(string(utf8.RuneError))
	}
	return seq[:size]
}

// escape reads an escape after its backslash.
func (lt *LongText) escape() (rune, error) {
	c, err := lt.src.next()
	if err != nil {
		return 0, lt.syntax(err)
	}
	switch c {
	case '"', '\\', '/':
		return rune(c), nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
		r, err := lt.hex4()
		if err != nil {
			return 0, err
		}
		if utf16.IsSurrogate(r) {
			return lt.lowSurrogate(r), nil
		}
		return r, nil
	}
	return 0, lt.syntax(fmt.Errorf("invalid escape %q", c))
}

// lowSurrogate completes the surrogate r with the \u escape after it. As
// encoding/json does, a surrogate without its pair is U+FFFD, and what
// follows it is read again as it stands.
func (lt *LongText) lowSurrogate(r rune) rune {
	var read []byte
	giveBack := func() rune {
		for i := len(read) - 1; i >= 0; i-- {
			lt.src.unread(read[i])
		}
		return utf8.RuneError
	}
	for _, want := range []byte{'\\', 'u'} {
		c, err := lt.src.next()
		if err != nil {
			return giveBack()
		}
		read = append(read, c)
		if c != want {
			return giveBack()
		}
	}
	var r2 rune
	for range 4 {
		c, err := lt.src.next()
		if err != nil {
			return giveBack()
		}
		read = append(read, c)
		d, ok := hexDigit(c)
		if !ok {
			return giveBack()
		}
		r2 = r2<<4 | d
	}
	if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
		return d
	}
	return giveBack()
}

func hexDigit(c byte) (rune, bool) {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0'), true
	case c >= 'a' && c <= 'f':
		return rune(c - 'a' + 10), true
	case c >= 'A' && c <= 'F':
		return rune(c - 'A' + 10), true
	}
	return 0, false
}

func (lt *LongText) hex4() (rune, error) {
	var r rune
	for range 4 {
		c, err := lt.src.next()
		if err != nil {
			return 0, lt.syntax(err)
		}
		d, ok := hexDigit(c)
		if !ok {
			return 0, lt.syntax(fmt.Errorf("invalid character %q in a \\u escape", c))
		}
		r = r<<4 | d
	}
	return r, nil
}

// Read reads the text; see LongText.
func (lt *LongText) Read(p []byte) (int, error) {
	if len(lt.pending) > 0 {
		n := copy(p, lt.pending)
		lt.pending = lt.pending[n:]
		return n, nil
	}
	if lt.done {
		return 0, lt.err
	}
	if len(p) < 2*utf8.UTFMax {
		// Too short for a character: decode a few, hand over what fits.
		small := make([]byte, 64)
		n, err := lt.read(small)
		lt.pending = small[:n]
		k := copy(p, lt.pending)
		lt.pending = lt.pending[k:]
		if k > 0 {
			return k, nil
		}
		return 0, err
	}
	return lt.read(p)
}

func (lt *LongText) read(p []byte) (int, error) {
	n, err := lt.stringBytes(p)
	if err == io.EOF {
		lt.done = true
		lt.err = lt.finish()
		if n > 0 {
			return n, nil
		}
		return 0, lt.err
	}
	if err != nil {
		lt.done = true
		lt.skipLine()
		lt.err = &RecordError{Line: lt.line, Err: err}
		return n, lt.err
	}
	return n, nil
}

// finish reads the record after its text: other keys, "doc" among them,
// the closing brace and the end of the line.
func (lt *LongText) finish() error {
	fail := func(err error) error {
		lt.skipLine()
		return &RecordError{Line: lt.line, Err: err}
	}
	for {
		key, end, err := lt.key(false)
		if err != nil {
			return fail(err)
		}
		if end {
			break
		}
		switch key {
		case "text":
			return fail(errors.New(`two "text" keys`))
		case "doc":
			if lt.docBefore || lt.docAfterSeen {
				return fail(errors.New(`two "doc" keys`))
			}
			lt.docAfterSeen = true
			if c, err := lt.src.skipSpace(); err != nil || c != '"' {
				return fail(fmt.Errorf(`"doc" is %s, not a string`, jsonKind([]byte{c})))
			}
			if lt.docAfter, err = lt.shortString(maxDoc); err != nil {
				return fail(err)
			}
		default:
			if err := lt.skipValue(0); err != nil {
				return fail(err)
			}
		}
	}
	if c, err := lt.src.skipSpace(); err == nil {
		return fail(lt.syntax(fmt.Errorf("invalid character %q after top-level value", c)))
	} else if err != errLineEnd {
		return err
	}
	return io.EOF
}

// skipLine reads to the end of the line.
func (lt *LongText) skipLine() {
	for {
		if _, err := lt.src.next(); err != nil {
			return
		}
	}
}
