package document

import (
	"testing"
	"unicode/utf8"
)

// The PDF reader must never panic, and whatever text it returns is valid
// UTF-8 with its page starts rising within it.

func checkReaderText(t *testing.T, text string, err error) {
	if err == nil && !utf8.ValidString(text) {
		t.Fatalf("text is not valid UTF-8: %q", text)
	}
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
