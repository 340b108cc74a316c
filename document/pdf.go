package document

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// Errors of PDF documents, to tell them apart with errors.Is.
var (
	ErrPDFPassword  = errors.New("encrypted: a password is needed")
	ErrPDFNoText    = errors.New("no text layer (scanned pages need OCR)")
	ErrPDFDamaged   = errors.New("damaged PDF")
	ErrPDFTimeout   = errors.New("took too long to read")
	ErrPDFTooLarge  = errors.New("too large")
	errPDFWrongPass = errors.New("encrypted: the password given does not open it")
)

// PartialError is returned with the text of a document of which only part
// could be read: the text is good, and the error says what is missing.
type PartialError struct{ Err error }

func (e *PartialError) Error() string { return e.Err.Error() }
func (e *PartialError) Unwrap() error { return e.Err }

// isPDF reports whether data starts like a PDF file. Readers accept the
// header anywhere in the first kilobyte; so does this.
func isPDF(data []byte) bool {
	head := data[:min(len(data), sniffLen)]
	return strings.Contains(string(head), "%PDF-")
}

// pdfText returns the text of a PDF, page after page, each page's lines
// ending in "\n", and the code point offset at which each page starts.
// Repeated page headers and footers and page-number lines are left out.
// A document of which some pages could not be read returns the others
// with a *PartialError.
func pdfText(data []byte, password string) (string, []int, error) {
	pages, err := pdfPages(data, password)
	if len(pages) == 0 && err == nil {
		err = fmt.Errorf("%w: it has no pages", ErrPDFDamaged)
	}
	if len(pages) == 0 {
		return "", nil, err
	}
	dropPageFurniture(pages)
	var b strings.Builder
	starts := make([]int, len(pages))
	offset := 0
	empty := true
	for i, p := range pages {
		starts[i] = offset
		for _, line := range p {
			b.WriteString(line)
			b.WriteByte('\n')
			offset += len([]rune(line)) + 1
			empty = empty && strings.TrimSpace(line) == ""
		}
	}
	if empty && err == nil {
		return "", nil, ErrPDFNoText
	}
	if err != nil {
		err = &PartialError{Err: err}
	}
	return b.String(), starts, err
}

// pdfPages reads the lines of each page. On an error after some pages
// were read, those pages come back with the error. A document not read
// within PDFTimeout is abandoned: the pages read by then come back with
// ErrPDFTimeout, and its instance is dropped whenever PDFium returns
// (wazero's way of stopping compiled code at once costs every PDF 2.7
// times its time; see newPDFPool).
func pdfPages(data []byte, password string) ([][]string, error) {
	if len(data) > pdfMaxFile {
		return nil, fmt.Errorf("%w: %d MiB, PDFs of up to %d MiB are read", ErrPDFTooLarge, len(data)>>20, pdfMaxFile>>20)
	}
	s, err := newPDFSession()
	if err != nil {
		return nil, err
	}
	r := &pdfReading{}
	done := make(chan error, 1)
	go func() { done <- s.read(data, password, r) }()
	timer := time.NewTimer(PDFTimeout)
	defer timer.Stop()
	select {
	case err := <-done:
		s.close()
		return r.pages, err
	case <-timer.C:
		go func() {
			<-done
			s.failed = true
			s.close()
		}()
		pages, total := r.sofar()
		if total == 0 {
			return pages, fmt.Errorf("%w (%v)", ErrPDFTimeout, PDFTimeout)
		}
		return pages, fmt.Errorf("%w (%v; %d of %d pages read)", ErrPDFTimeout, PDFTimeout, len(pages), total)
	}
}

// pdfReading is what a read has got so far, for a caller that stops
// waiting for it.
type pdfReading struct {
	mu    sync.Mutex
	pages [][]string
	total int // the document's page count, once known
}

func (r *pdfReading) setTotal(n int) {
	r.mu.Lock()
	r.total = n
	r.mu.Unlock()
}

func (r *pdfReading) add(lines []string) {
	r.mu.Lock()
	r.pages = append(r.pages, lines)
	r.mu.Unlock()
}

func (r *pdfReading) sofar() ([][]string, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pages[:len(r.pages):len(r.pages)], r.total
}

// read opens the document and adds each page's lines to r.
func (s *pdfSession) read(data []byte, password string, r *pdfReading) error {
	req := &requests.OpenDocument{File: &data}
	if password != "" {
		req.Password = &password
	}
	opened, err := s.inst.OpenDocument(req)
	if err != nil {
		return s.openError(err, password)
	}
	doc := opened.Document
	defer s.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc})
	count, err := s.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc})
	if err != nil {
		return s.readError(err)
	}
	r.setTotal(count.PageCount)
	n := count.PageCount
	var tooMany error
	if n > pdfMaxPages {
		tooMany = fmt.Errorf("%w: %d pages, only the first %d are read", ErrPDFTooLarge, n, pdfMaxPages)
		n = pdfMaxPages
	}
	var firstBad error
	total := 0
	for i := 0; i < n; i++ {
		text, err := s.pageText(doc, i)
		if err != nil {
			s.failed = true
			if firstBad == nil {
				firstBad = fmt.Errorf("%w: page %d cannot be read (%s)", ErrPDFDamaged, i+1, callFailure(err))
			}
			text = ""
		}
		total += len(text)
		if total > pdfMaxText {
			return fmt.Errorf("%w: more than %d MB of text, read up to page %d", ErrPDFTooLarge, pdfMaxText>>20, i)
		}
		r.add(pageLines(text))
	}
	if firstBad != nil {
		return firstBad
	}
	return tooMany
}

// pageText returns the text layer of page i as PDFium lays it out, lines
// separated by "\r\n".
func (s *pdfSession) pageText(doc references.FPDF_DOCUMENT, i int) (string, error) {
	page, err := s.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return "", err
	}
	defer s.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: page.Page})
	tp, err := s.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &page.Page}})
	if err != nil {
		return "", err
	}
	defer s.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	chars, err := s.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return "", err
	}
	if chars.Count <= 0 {
		return "", nil
	}
	if chars.Count > pdfMaxChars {
		return "", fmt.Errorf("%d characters on one page", chars.Count)
	}
	got, err := s.inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, Count: chars.Count})
	if err != nil {
		return "", err
	}
	return got.Text, nil
}

func (s *pdfSession) openError(err error, password string) error {
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword) && password != "":
		return errPDFWrongPass
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return ErrPDFPassword
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return errors.New("encrypted: its encryption is not supported")
	case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile):
		return fmt.Errorf("%w: cannot be opened (no readable cross-reference table or trailer)", ErrPDFDamaged)
	}
	return s.readError(err)
}

// readError words a failure of the reader itself: memory exhausted, the
// instance killed, a trap in PDFium.
func (s *pdfSession) readError(err error) error {
	s.failed = true
	return fmt.Errorf("%w: %s", ErrPDFDamaged, callFailure(err))
}

// callFailure words an error of a PDFium call on one line: a trap comes
// with a WebAssembly stack trace, which says nothing to a user.
func callFailure(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if strings.HasPrefix(msg, "wasm error: ") {
		return fmt.Sprintf("PDFium stopped (%s): past its %d MiB memory limit or on a structure it cannot handle",
			strings.TrimPrefix(msg, "wasm error: "), pdfMemoryLimit>>20)
	}
	return msg
}

// pageLines splits a page's text into lines: PDFium ends lines with "\r\n"
// and marks a hyphen at a line end with U+0002; control characters and
// non-characters are dropped and trailing space trimmed.
func pageLines(text string) []string {
	text = strings.Map(func(r rune) rune {
		switch {
		case r == '\n', r == '\t':
			return r
		case r == 0x02:
			return '-'
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r == 0xFEFF:
			return -1
		}
		return r
	}, strings.ReplaceAll(text, "\r\n", "\n"))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\u3000")
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
