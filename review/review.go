// Package review writes a self-contained HTML page that shows every fact
// highlighted in the text of its document, next to a table of the rows.
// It knows nothing of how facts are found or where texts come from: a
// caller hands it rows with their spans and each document's text, in
// document order, and the page is streamed through temporary files so that
// a batch of any size needs memory for one document at a time.
//
// Every piece of text, every name and every field reaches the page through
// html/template, so nothing in a document can become markup or script.
package review

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"
)

// Row is one row as the page shows it. N, the row's number on the page, is
// its 1-based position among the rows added.
type Row struct {
	Doc        string
	Line       int
	Page       int // 1-based page of a PDF's row; 0 for other inputs
	Start, End int // code point offsets into the document's text, end exclusive
	Kind       string
	Metric     string
	Canonical  string
	Value      string // as the delimited outputs write it; "" for none
	Unit       string
	Qualifier  string
	Masked     bool
	Raw        string // the text at [Start, End)
	// Op is "added", "removed" or "changed" on a diff page, else "".
	Op string
	// Changes lists what changed in a changed row.
	Changes []Change
}

// Change is one field of a changed row, before and after.
type Change struct {
	Field, Old, New string
}

// Document closes a document's part of the page.
type Document struct {
	Name    string
	Error   string // why the document could not be read, or ""
	Skipped bool   // Error is a skip (binary content), not a failure
	// Note is shown with the document, e.g. why its text is missing.
	Note string
}

// Options describe a page.
type Options struct {
	Title string
	// Diff marks a page of differences: rows carry an Op and the table
	// has a column for it.
	Diff bool
	// Summary is a line shown under the title; "" shows the row and
	// document counts.
	Summary string
	// Labels names the table's columns (doc, line, kind, metric, value,
	// unit, qualifier, op); a missing one keeps its English name.
	Labels map[string]string
}

// Page streams a review page. Add the rows of a document, then its text
// (AddText, any number of pieces, in order), then EndDocument; documents
// come one after another. Close writes the page to its io.Writer. A Page is
// not safe for concurrent use.
type Page struct {
	out  io.Writer
	opts Options

	sections *spool // document sections, in order
	rows     *spool // row data, in chunks

	rowCount int
	rowBatch [][]any // row data not yet written to rows
	hasPages bool    // some row has a page: the table shows the column
	docs     []docSummary

	cur     *docSummary // the open document, or nil
	pending []pendingRow
	base    int // code point offset of the next text piece
	text    textRenderer
	err     error
}

// docSummary is what the document list shows of one document.
type docSummary struct {
	Index    int
	Name     string
	Kinds    map[string]int
	Rows     int
	Unmarked int // rows whose span is not in the text
	Error    string
	Skipped  bool
	Note     string
	HasText  bool
	Ops      map[string]int
}

type pendingRow struct {
	n   int
	row Row
}

// New starts a page that Close writes to w.
func New(w io.Writer, opts Options) (*Page, error) {
	if opts.Title == "" {
		opts.Title = "zhmetrics review"
	}
	sections, err := newSpool()
	if err != nil {
		return nil, err
	}
	rows, err := newSpool()
	if err != nil {
		sections.remove()
		return nil, err
	}
	return &Page{out: w, opts: opts, sections: sections, rows: rows}, nil
}

// AddRow adds a row of the current document (a row naming another
// document closes the current one first). Its mark is placed when the text
// holding its span arrives; rows must come in order of Start.
func (p *Page) AddRow(r Row) error {
	if err := p.switchTo(r.Doc); err != nil {
		return err
	}
	p.rowCount++
	if r.Page > 0 {
		p.hasPages = true
	}
	p.pending = append(p.pending, pendingRow{n: p.rowCount, row: r})
	p.cur.Rows++
	p.cur.Kinds[r.Kind]++
	if r.Op != "" {
		p.cur.Ops[r.Op]++
	}
	return nil
}

// AddText adds the next piece of the current document's text, which is
// named doc, and marks the rows that lie in it. A row whose span reaches
// past the piece is not marked: pieces are cut between facts.
func (p *Page) AddText(doc, text string) error {
	if err := p.switchTo(doc); err != nil {
		return err
	}
	if !p.cur.HasText {
		p.cur.HasText = true
		p.write(p.sections, sectionStart, p.cur)
	}
	n := utf8.RuneCountInString(text)
	var here []pendingRow
	keep := p.pending[:0]
	for _, pr := range p.pending {
		if pr.row.End <= p.base+n {
			here = append(here, pr)
		} else {
			keep = append(keep, pr)
		}
	}
	placed := p.text.render(text, p.base, here, p.writeChunk)
	for i, pr := range here {
		p.addRowData(pr, placed[i])
	}
	p.pending = keep
	p.base += n
	return p.err
}

// EndDocument closes the current document (or, when no row or text of it
// came, adds it with nothing to show) and adds it to the document list.
func (p *Page) EndDocument(d Document) error {
	if err := p.switchTo(d.Name); err != nil {
		return err
	}
	for _, pr := range p.pending {
		p.addRowData(pr, false)
	}
	p.pending = p.pending[:0]
	p.cur.Error, p.cur.Skipped, p.cur.Note = d.Error, d.Skipped, d.Note
	if p.cur.HasText {
		p.text.finish(p.writeChunk)
	} else {
		p.write(p.sections, sectionStart, p.cur)
	}
	p.write(p.sections, sectionEnd, p.cur)
	p.docs = append(p.docs, *p.cur)
	p.cur = nil
	p.base = 0
	return p.err
}

// switchTo makes doc the current document, closing another one left open
// (a document named by rows or text without its EndDocument).
func (p *Page) switchTo(doc string) error {
	if p.err != nil {
		return p.err
	}
	if p.cur != nil && p.cur.Name != doc {
		if err := p.EndDocument(Document{Name: p.cur.Name}); err != nil {
			return err
		}
	}
	if p.cur == nil {
		p.cur = &docSummary{Index: len(p.docs), Name: doc, Kinds: map[string]int{}, Ops: map[string]int{}}
		p.base = 0
	}
	return nil
}

// rowBatchSize rows share one block of row data on the page.
const rowBatchSize = 500

func (p *Page) addRowData(pr pendingRow, marked bool) {
	if !marked {
		p.cur.Unmarked++
	}
	p.rowBatch = append(p.rowBatch, rowData(pr.n, p.cur.Index, pr.row, marked))
	if len(p.rowBatch) == rowBatchSize {
		p.flushRows()
	}
}

func (p *Page) flushRows() {
	if len(p.rowBatch) > 0 {
		p.write(p.rows, rowsTemplate, p.rowBatch)
		p.rowBatch = p.rowBatch[:0]
	}
}

func (p *Page) writeChunk(c chunkData) { p.write(p.sections, chunkTemplate, c) }

// write executes a template into a spool, keeping the first error.
func (p *Page) write(s *spool, name string, data any) {
	if p.err == nil {
		p.err = templates.ExecuteTemplate(s.w, name, data)
	}
}

// Close ends the open document, writes the page and removes the temporary
// files. After an error it only removes them.
func (p *Page) Close() error {
	defer p.sections.remove()
	defer p.rows.remove()
	if p.err != nil {
		return p.err
	}
	if p.cur != nil {
		if err := p.EndDocument(Document{Name: p.cur.Name}); err != nil {
			return err
		}
	}
	p.flushRows()
	if p.err != nil {
		return p.err
	}
	out := bufio.NewWriterSize(p.out, 256<<10)
	head := pageData{Options: p.opts, Docs: p.docs, Rows: p.rowCount, Pages: p.hasPages, Script: appScript, ScriptHash: appScriptHash, Style: appStyle}
	if head.Summary == "" {
		head.Summary = plural(p.rowCount, "row") + " in " + plural(len(p.docs), "document")
	}
	head.Errors, head.Skips = countProblems(p.docs)
	// The rows and the script come before the texts, so that the table
	// works while a long batch of texts is still being parsed.
	steps := []func() error{
		func() error { return templates.ExecuteTemplate(out, pageHead, head) },
		func() error { return templates.ExecuteTemplate(out, pageMiddle, head) },
		func() error { return p.rows.copyTo(out) },
		func() error { return templates.ExecuteTemplate(out, pageTail, head) },
		func() error { return p.sections.copyTo(out) },
		func() error { return templates.ExecuteTemplate(out, pageEnd, head) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return out.Flush()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func countProblems(docs []docSummary) (errs, skips int) {
	for _, d := range docs {
		switch {
		case d.Skipped:
			skips++
		case d.Error != "":
			errs++
		}
	}
	return errs, skips
}

// rowData is a row as the page's script reads it: a compact array, in
// the order page.js reads it. A marked row's raw is left out (the script
// takes it from the mark); page, op and changes are left out at the end
// when they are empty.
func rowData(n, doc int, r Row, marked bool) []any {
	flags, raw := 0, r.Raw
	if r.Masked {
		flags |= 1
	}
	if marked {
		flags |= 2
		raw = ""
	}
	a := []any{n, doc, r.Line, r.Kind, r.Metric, r.Canonical, r.Value, r.Unit, r.Qualifier, flags, raw}
	if r.Op == "" {
		if r.Page > 0 {
			a = append(a, r.Page)
		}
		return a
	}
	a = append(a, r.Page)
	var changes []string
	for _, c := range r.Changes {
		changes = append(changes, c.Field, c.Old, c.New)
	}
	return append(a, r.Op, changes)
}

// spool is a temporary file that a part of the page is written to.
type spool struct {
	f *os.File
	w *bufio.Writer
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "zhmetrics-review-*")
	if err != nil {
		return nil, fmt.Errorf("review page: %w", err)
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

func (s *spool) copyTo(w io.Writer) error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.f)
	return err
}

// remove closes and deletes the file; it may be called more than once.
func (s *spool) remove() {
	if s.f == nil {
		return
	}
	err := s.f.Close()
	err = errors.Join(err, os.Remove(s.f.Name()))
	_ = err // a temporary file left behind is no reason to fail the page
	s.f = nil
}
