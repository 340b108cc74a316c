package word

import (
	"os"
	"testing"
	"unicode/utf8"
)

// The readers of untrusted binary formats must never panic, and the text
// they return is valid UTF-8.

func addFixtureSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		if data, err := os.ReadFile("../../testdata/" + n); err == nil {
			f.Add(data)
		}
	}
}

func checkReaderText(t *testing.T, text string, err error) {
	if err == nil && !utf8.ValidString(text) {
		t.Fatalf("text is not valid UTF-8: %q", text)
	}
}

func FuzzDocText(f *testing.F) {
	addFixtureSeeds(f, "doc/report.doc", "doc/fields.doc")
	f.Add(append(append([]byte{}, CompoundFileMagic...), make([]byte, 1024)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := DocText(data)
		checkReaderText(t, text, err)
	})
}

func FuzzRTFText(f *testing.F) {
	addFixtureSeeds(f, "doc/report.rtf")
	f.Add([]byte(`{\rtf1\ansi\ansicpg936 \'d4\'da{\field{\*\fldinst X}{\fldrslt 12}}\u22312?\par}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, err := RTFText(data)
		checkReaderText(t, text, err)
	})
}
