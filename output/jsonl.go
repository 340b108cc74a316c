package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// jsonRow is a Row as one JSON object, keys in Columns order.
type jsonRow struct {
	Doc       string       `json:"doc"`
	Line      int          `json:"line"`
	Start     int          `json:"start"`
	End       int          `json:"end"`
	Kind      string       `json:"kind"`
	Metric    string       `json:"metric"`
	Canonical string       `json:"canonical"`
	Value     *json.Number `json:"value"`
	Unit      string       `json:"unit"`
	Qualifier string       `json:"qualifier"`
	Masked    bool         `json:"masked"`
	Raw       string       `json:"raw"`
	Sentence  string       `json:"sentence"`
	Page      *int         `json:"page"` // null for documents without pages
}

// jsonlWriter writes JSON Lines: one object per row, typed (integers,
// value a plain decimal number or null, masked a boolean), with <, > and &
// left unescaped. Keys are always the English column names and text is
// never formula-escaped.
type jsonlWriter struct {
	out *bufio.Writer
	enc *json.Encoder
}

func newJSONLWriter(w io.Writer) *jsonlWriter {
	out := bufio.NewWriterSize(w, 64*1024)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{out: out, enc: enc}
}

func (jw *jsonlWriter) WriteRow(r Row) error {
	if err := checkRow(r); err != nil {
		return err
	}
	return jw.enc.Encode(r.jsonRow())
}

// jsonRow converts a row to its JSON Lines form.
func (r Row) jsonRow() *jsonRow {
	jr := &jsonRow{
		Doc: r.Doc, Line: r.Line, Start: r.Start, End: r.End,
		Kind: r.Kind, Metric: r.Metric, Canonical: r.Canonical,
		Unit: r.Unit, Qualifier: r.Qualifier, Masked: r.Masked,
		Raw: r.Raw, Sentence: r.Sentence,
	}
	if r.Page > 0 {
		page := r.Page
		jr.Page = &page
	}
	if r.Value != nil {
		// A plain decimal, as in CSV, rather than Go's 1e+21 for big values.
		n := json.Number(r.appendValue(nil))
		jr.Value = &n
	}
	return jr
}

// MarshalJSON gives a row the keys and types of the JSON Lines output.
func (r Row) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r.jsonRow()); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func (jw *jsonlWriter) WriteDocument(DocInfo) error { return nil }

func (jw *jsonlWriter) Close() error { return jw.out.Flush() }

// Flush writes the buffered rows, so that a stream's rows leave at once.
func (jw *jsonlWriter) Flush() error { return jw.out.Flush() }
