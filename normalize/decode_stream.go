package normalize

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// NewDecodingReader returns a reader of UTF-8 text decoded from r, which
// holds text in encoding enc as Decode reports it (a leading BOM of that
// encoding is dropped). It gives the same text Decode gives for the whole
// input, a chunk at a time, so that large inputs need bounded memory.
func NewDecodingReader(r io.Reader, enc string) (io.Reader, error) {
	switch enc {
	case EncUTF8, EncUTF8BOM:
		return &utf8Sanitizer{r: bufio.NewReaderSize(r, 64<<10), skipBOM: enc == EncUTF8BOM}, nil
	case EncGB18030:
		return transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder()), nil
	case EncBig5:
		return transform.NewReader(r, traditionalchinese.Big5.NewDecoder()), nil
	case EncUTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()), nil
	case EncUTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()), nil
	}
	return nil, fmt.Errorf("no streaming decoder for encoding %q", enc)
}

// utf8Sanitizer copies UTF-8 and replaces each invalid byte with U+FFFD,
// as decodeUTF8 does, holding back an incomplete sequence at a chunk's end
// until the next chunk completes it.
type utf8Sanitizer struct {
	r       *bufio.Reader
	skipBOM bool
	buf     []byte // decoded output
	pending []byte // the part of buf not yet returned
}

func (s *utf8Sanitizer) Read(p []byte) (int, error) {
	if s.skipBOM {
		s.skipBOM = false
		if b, err := s.r.Peek(3); err == nil && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
			s.r.Discard(3)
		}
	}
	if len(s.pending) == 0 {
		s.buf = s.buf[:0]
		// Decode what is buffered, at least one rune (ReadRune reads more
		// when a sequence is cut at the buffer's end).
		for len(s.buf) == 0 || (s.r.Buffered() > 0 && len(s.buf) < len(p)) {
			r, _, err := s.r.ReadRune()
			if err != nil {
				if len(s.buf) == 0 {
					return 0, err
				}
				break
			}
			// ReadRune reads an invalid byte as U+FFFD, one per byte.
			s.buf = utf8.AppendRune(s.buf, r)
		}
		s.pending = s.buf
	}
	n := copy(p, s.pending)
	s.pending = s.pending[n:]
	return n, nil
}

// DecodeError is a stream that stops decoding in the encoding it was read
// with: detected on the first megabyte, it is not that encoding further on.
type DecodeError struct {
	Encoding string
	Offset   int64 // the bytes before it decoded
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("not valid %s after byte %d", displayName(e.Encoding), e.Offset)
}

func displayName(enc string) string {
	switch enc {
	case EncUTF8, EncUTF8BOM:
		return "UTF-8"
	case EncGB18030:
		return "GBK/GB18030"
	case EncBig5:
		return "Big5"
	case EncUTF16LE, EncUTF16BE:
		return "UTF-16"
	}
	return enc
}

// checkChunk is how many input bytes are decoded and checked at a time.
const checkChunk = 64 << 10

// NewCheckedReader is NewDecodingReader for an encoding that was detected
// rather than asked for: it checks every chunk of the input against the
// encoding. When a chunk does not decode (more than 1% of its non-ASCII
// bytes, and at least two, are not that encoding) after input that was all
// ASCII, which every detected encoding reads alike, the encoding is
// detected again from that chunk; otherwise reading fails with a
// *DecodeError, rather than handing on garbage.
func NewCheckedReader(r io.Reader, enc string) (io.Reader, error) {
	c := &checkedReader{r: r, ascii: true}
	if err := c.use(enc); err != nil {
		return nil, err
	}
	c.skipBOM = enc == EncUTF8BOM || enc == EncUTF16LE || enc == EncUTF16BE
	return c, nil
}

type checkedReader struct {
	r       io.Reader
	enc     string
	decode  func(raw []byte, atEOF bool) (text []byte, used int, bad int)
	raw     []byte // read and not yet decoded
	out     []byte // decoded and not yet returned
	offset  int64  // input bytes decoded
	ascii   bool   // every byte decoded so far was ASCII
	skipBOM bool
	eof     bool
	err     error
}

func (c *checkedReader) use(enc string) error {
	c.enc = enc
	switch enc {
	case EncUTF8, EncUTF8BOM:
		c.decode = decodeUTF8Chunk
		return nil
	case EncGB18030:
		c.decode = transformChunk(simplifiedchinese.GB18030.NewDecoder())
	case EncBig5:
		c.decode = transformChunk(traditionalchinese.Big5.NewDecoder())
	case EncUTF16LE:
		c.decode = transformChunk(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	case EncUTF16BE:
		c.decode = transformChunk(unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder())
	default:
		return fmt.Errorf("no streaming decoder for encoding %q", enc)
	}
	return nil
}

func (c *checkedReader) Read(p []byte) (int, error) {
	for len(c.out) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		c.next()
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	return n, nil
}

// next reads and decodes the next chunk.
func (c *checkedReader) next() {
	for len(c.raw) < checkChunk && !c.eof {
		buf := make([]byte, checkChunk)
		n, err := io.ReadFull(c.r, buf[:checkChunk-len(c.raw)])
		c.raw = append(c.raw, buf[:n]...)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			c.eof = true
		} else if err != nil {
			c.err = err
			return
		}
	}
	if c.skipBOM {
		c.skipBOM = false
		bom := map[string][]byte{EncUTF8BOM: bomUTF8, EncUTF16LE: bomUTF16LE, EncUTF16BE: bomUTF16BE}[c.enc]
		if hasPrefix(c.raw, bom) {
			c.raw, c.offset = c.raw[len(bom):], c.offset+int64(len(bom))
		}
	}
	if len(c.raw) == 0 {
		c.err = io.EOF
		return
	}
	text, used, bad := c.decode(c.raw, c.eof)
	if c.wrong(text, c.raw[:used], bad) {
		if !c.ascii || !c.redetect() {
			c.err = &DecodeError{Encoding: c.enc, Offset: c.offset}
			return
		}
		text, used, _ = c.decode(c.raw, c.eof)
	}
	c.ascii = c.ascii && countNonASCII(c.raw[:used]) == 0
	c.out = text
	c.offset += int64(used)
	c.raw = append(c.raw[:0], c.raw[used:]...)
}

// wrong reports whether a chunk raw decoded as text, with bad bytes that
// did not decode, is not in the encoding: more than 1% of its non-ASCII
// bytes (and at least two) did not decode, or another charset decoded it
// to control characters as often as a binary file holds them (UTF-16
// read as GBK).
func (c *checkedReader) wrong(text, raw []byte, bad int) bool {
	if bad >= 2 && bad*100 > countNonASCII(raw) {
		return true
	}
	if c.enc == EncUTF8 || c.enc == EncUTF8BOM {
		return false // what UTF-8 decodes to control characters was in the input
	}
	st := scanBytes(text)
	return st.binaryReason(len(text)) != ""
}

// redetect detects the encoding of the chunk after ASCII text and uses it.
func (c *checkedReader) redetect() bool {
	_, enc, err := Decode(c.raw, "auto")
	if err != nil || enc == c.enc || enc == EncUTF8BOM {
		return false
	}
	return c.use(enc) == nil
}

func countNonASCII(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= utf8.RuneSelf {
			n++
		}
	}
	return n
}

// decodeUTF8Chunk decodes raw as decodeUTF8 does, holding back a sequence
// cut at its end unless atEOF; bad counts the invalid bytes.
func decodeUTF8Chunk(raw []byte, atEOF bool) ([]byte, int, int) {
	used := len(raw)
	if !atEOF {
		for i := len(raw) - 1; i >= 0 && i >= len(raw)-utf8.UTFMax; i-- {
			if utf8.RuneStart(raw[i]) {
				if !utf8.FullRune(raw[i:]) {
					used = i
				}
				break
			}
		}
	}
	// A stream that ends inside its last character was cut short; that
	// says nothing about its encoding, so the cut bytes are not counted.
	checked := used
	if atEOF {
		for i := len(raw) - 1; i >= 0 && i >= len(raw)-utf8.UTFMax+1; i-- {
			if utf8.RuneStart(raw[i]) {
				if raw[i] >= utf8.RuneSelf && !utf8.FullRune(raw[i:]) {
					checked = i
				}
				break
			}
		}
	}
	bad := 0
	for i := 0; i < checked; {
		r, size := utf8.DecodeRune(raw[i:checked])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return []byte(decodeUTF8(raw[:used])), used, bad
}

// transformChunk decodes with an x/text decoder, which writes U+FFFD for
// bytes it cannot decode; bad counts those.
func transformChunk(t transform.Transformer) func([]byte, bool) ([]byte, int, int) {
	return func(raw []byte, atEOF bool) ([]byte, int, int) {
		dst := make([]byte, len(raw)*3+16)
		nDst, nSrc, err := t.Transform(dst, raw, atEOF)
		if err != nil && err != transform.ErrShortSrc {
			// Not expected of these decoders: keep what was decoded.
			nSrc = max(nSrc, 1)
		}
		text := dst[:nDst]
		return text, nSrc, bytes.Count(text, []byte("\uFFFD"))
	}
}
