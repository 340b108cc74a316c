package document

import (
	"os"
	"testing"
	"unicode/utf8"
)

// The readers of untrusted binary formats must never panic, and whatever
// text they return is valid UTF-8 whose page starts (for PDFs) rise within
// it.

func addFixtureSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		if data, err := os.ReadFile("../testdata/" + n); err == nil {
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
	f.Add(append(append([]byte{}, compoundFileMagic...), make([]byte, 1024)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, err := docText(data)
		checkReaderText(t, text, err)
	})
}

func FuzzRTFText(f *testing.F) {
	addFixtureSeeds(f, "doc/report.rtf")
	f.Add([]byte(`{\rtf1\ansi\ansicpg936 \'d4\'da{\field{\*\fldinst X}{\fldrslt 12}}\u22312?\par}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, err := rtfText(data)
		checkReaderText(t, text, err)
	})
}

// FuzzPDFText runs PDFium on mutated PDFs: it must report errors, never
// crash the process, and keep page starts in order.
func FuzzPDFText(f *testing.F) {
	f.Add(buildPDF([]string{textAt("page 1 of 2", "pupils 1200"), textAt("teachers 312")}))
	f.Add(buildPDF(nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, starts, err := pdfText(data, "")
		checkReaderText(t, text, err)
		n := utf8.RuneCountInString(text)
		for i, s := range starts {
			if s < 0 || s > n || i > 0 && s < starts[i-1] {
				t.Fatalf("page starts %v in a text of %d characters", starts, n)
			}
		}
	})
}
