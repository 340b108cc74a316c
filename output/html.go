package output

import (
	"io"

	"github.com/zhmetrics/zhmetrics/review"
)

// TextWriter is a Writer that also shows each document's original text,
// the text that Start and End index. WriteText hands it the next piece of
// doc's text, after the rows that lie in the piece and before the
// document's WriteDocument; pieces are cut between facts.
type TextWriter interface {
	Writer
	WriteText(doc, text string) error
}

// htmlWriter writes a review page (see package review): every document's
// text with each row marked in it, and the rows as a table. Row N of the
// page is the N-th row written, as in the CSV output of the same run.
type htmlWriter struct {
	page *review.Page
}

func newHTMLWriter(w io.Writer, opts Options) (*htmlWriter, error) {
	labels := map[string]string{}
	if opts.Header == "zh" {
		labels = chineseNames
	}
	page, err := review.New(w, review.Options{Title: "zhmetrics review", Labels: labels})
	if err != nil {
		return nil, err
	}
	return &htmlWriter{page: page}, nil
}

func (hw *htmlWriter) WriteRow(r Row) error {
	if err := checkRow(r); err != nil {
		return err
	}
	return hw.page.AddRow(review.Row{
		Doc: r.Doc, Line: r.Line, Page: r.Page, Start: r.Start, End: r.End, Kind: r.Kind,
		Metric: r.Metric, Canonical: r.Canonical, Value: string(r.appendValue(nil)), Unit: r.Unit,
		Qualifier: r.Qualifier, Masked: r.Masked, Raw: r.Raw,
	})
}

func (hw *htmlWriter) WriteText(doc, text string) error { return hw.page.AddText(doc, text) }

func (hw *htmlWriter) WriteDocument(d DocInfo) error {
	return hw.page.EndDocument(review.Document{Name: d.Doc, Error: d.Error, Skipped: d.Skipped})
}

// Close writes the page. It may be called more than once.
func (hw *htmlWriter) Close() error {
	if hw.page == nil {
		return nil
	}
	err := hw.page.Close()
	hw.page = nil
	return err
}
