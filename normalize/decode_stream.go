package normalize

import (
	"bufio"
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
