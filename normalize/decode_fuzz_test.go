package normalize

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func FuzzDecode(f *testing.F) {
	seeds := [][]byte{
		nil,
		[]byte("hello\r\nworld"),
		[]byte(sampleSimplified),
		append(append([]byte{}, bomUTF8...), sampleTraditional...),
		append(append([]byte{}, bomUTF16LE...), utf16Bytes(sampleSimplified, false)...),
		append(append([]byte{}, bomUTF16BE...), utf16Bytes(sampleSimplified, true)...),
		utf16Bytes("Total: 120\n", false),
		utf16Bytes("Total: 120\n", true),
		mustEncode(f, simplifiedchinese.GB18030, sampleSimplified),
		mustEncode(f, traditionalchinese.Big5, sampleTraditional),
		[]byte("全面推进\xff素质教育\xe5\x8a"),
		[]byte("第一行\x00第二行"),
		[]byte("\x89PNG\r\n\x1a\n\x00\x00"),
		[]byte("PK\x03\x04"),
		[]byte("%PDF-1.4"),
		{0x00, 0xD8, 0x00, 0xDC},
		{0x81, 0x30, 0x81},
		{0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 1},
	}
	for _, s := range seeds {
		f.Add(s)
	}
	wants := []string{"auto", "utf-8", "gb18030", "gbk", "big5", "utf-16", "utf-16le", "utf-16be"}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, want := range wants {
			text, enc, err := Decode(b, want)
			if err != nil {
				if want != "auto" {
					t.Fatalf("Decode(%q, %q) failed: %v", b, want, err)
				}
				if !errors.Is(err, ErrBinary) {
					t.Fatalf("Decode(%q, auto) error %v does not wrap ErrBinary", b, err)
				}
				continue
			}
			if !utf8.ValidString(text) {
				t.Fatalf("Decode(%q, %q) = %q is not valid UTF-8", b, want, text)
			}
			if enc == "" {
				t.Fatalf("Decode(%q, %q) reported no encoding", b, want)
			}
			if want != "auto" || !utf8.Valid(b) || bytes.HasPrefix(b, bomUTF8) {
				continue
			}
			// Valid UTF-8 is kept byte for byte, unless its NUL bytes mark it
			// as ASCII text in UTF-16.
			switch enc {
			case EncUTF8:
				if text != string(b) {
					t.Fatalf("Decode(%q, auto) changed valid UTF-8 to %q", b, text)
				}
			case EncUTF16LE, EncUTF16BE:
				if bytes.Count(b, []byte{0})*4 < len(b) {
					t.Fatalf("Decode(%q, auto) took valid UTF-8 with few NULs for %s", b, enc)
				}
			default:
				t.Fatalf("Decode(%q, auto) took valid UTF-8 for %s", b, enc)
			}
		}
	})
}

// FuzzCheckedReader: checked decoding never yields invalid UTF-8, fails
// only with a *DecodeError, and reads valid UTF-8 as it is.
func FuzzCheckedReader(f *testing.F) {
	f.Add([]byte("annual report\n全年招生1200人"), 0)
	f.Add([]byte("\xb9\xab\xb1\xa8 \xff\xfe"), 1)
	f.Fuzz(func(t *testing.T, b []byte, which int) {
		encs := []string{EncUTF8, EncGB18030, EncBig5, EncUTF16LE}
		enc := encs[(which%len(encs)+len(encs))%len(encs)]
		r, err := NewCheckedReader(bytes.NewReader(b), enc)
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(r)
		var de *DecodeError
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("error %v", err)
		}
		if !utf8.Valid(out) {
			t.Fatalf("%q decoded to invalid UTF-8 %q", b, out)
		}
		if err == nil && enc == EncUTF8 && utf8.Valid(b) && !bytes.Equal(out, b) {
			t.Fatalf("valid UTF-8 %q read as %q", b, out)
		}
	})
}
