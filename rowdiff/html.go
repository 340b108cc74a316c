package rowdiff

import (
	"fmt"
	"io"
	"slices"

	"github.com/zhmetrics/zhmetrics/output"
	"github.com/zhmetrics/zhmetrics/review"
)

// TextFunc returns the text of the document at path, the text that rows'
// offsets index, or why it cannot.
type TextFunc func(path string) (string, error)

// WriteHTML writes a review page of the differences (see package review):
// each document that differs, with its added, removed and changed rows
// marked in its text, and every difference in the table. texts reads a
// document by the path its rows name, the new rows' first. A removed row
// is marked only where the text still holds its raw; the page says how
// many rows have no mark, and when a document's text cannot be read.
func WriteHTML(w io.Writer, r Result, texts TextFunc) error {
	page, err := review.New(w, review.Options{Title: "zhmetrics diff", Diff: true, Summary: headline(r)})
	if err != nil {
		return err
	}
	counts := map[string]Counts{}
	for _, c := range r.Docs {
		counts[c.Doc] = c
	}
	for start := 0; start < len(r.Differences); {
		end := start
		for end < len(r.Differences) && r.Differences[end].Key.Doc == r.Differences[start].Key.Doc {
			end++
		}
		if err := writeHTMLDocument(page, r.Differences[start:end], counts[r.Differences[start].Key.Doc], texts); err != nil {
			page.Close()
			return err
		}
		start = end
	}
	return page.Close()
}

// writeHTMLDocument adds one document's differences and its text.
func writeHTMLDocument(page *review.Page, diffs []Difference, c Counts, texts TextFunc) error {
	var paths []string
	for _, d := range diffs {
		for _, row := range []*output.Row{d.New, d.Old} {
			if row != nil && !slices.Contains(paths, row.Doc) {
				paths = append(paths, row.Doc)
			}
		}
	}
	name := paths[0]
	text, textErr := "", error(nil)
	for i, p := range paths {
		if text, textErr = texts(p); textErr == nil {
			name = paths[i]
			break
		}
	}
	for _, d := range diffs {
		if err := page.AddRow(reviewRow(name, d)); err != nil {
			return err
		}
	}
	if textErr == nil {
		if err := page.AddText(name, text); err != nil {
			return err
		}
	}
	note := fmt.Sprintf("%d added, %d removed, %d changed; %d rows before, %d after.",
		c.Added, c.Removed, c.Changed, c.OldRows, c.NewRows)
	if textErr != nil {
		note += fmt.Sprintf(" Text not shown: %v.", textErr)
	}
	return page.EndDocument(review.Document{Name: name, Note: note})
}

// reviewRow is a difference as the page shows it: the new row unless it
// was removed, and for a changed row each changed field before and after.
func reviewRow(doc string, d Difference) review.Row {
	r := d.row()
	out := review.Row{
		Doc: doc, Line: r.Line, Page: r.Page, Start: r.Start, End: r.End, Kind: r.Kind,
		Metric: r.Metric, Canonical: r.Canonical, Value: FieldText(r, "value"), Unit: r.Unit,
		Qualifier: r.Qualifier, Masked: r.Masked, Raw: r.Raw, Op: string(d.Op),
	}
	for _, f := range d.Fields {
		out.Changes = append(out.Changes, review.Change{Field: f, Old: FieldText(*d.Old, f), New: FieldText(*d.New, f)})
	}
	return out
}
