package output

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// utf8BOM is written first when Options.BOM is set.
const utf8BOM = "\uFEFF"

// rowFields renders r as the text of its columns, reusing dst. value is a
// plain decimal (no exponent, no thousands separators) or empty when nil;
// masked is "true" or "false". Text columns are formula-escaped when escape
// is set; numeric ones never are.
func rowFields(dst []string, r Row, escape bool) []string {
	text := func(s string) string {
		if escape {
			return EscapeFormula(s)
		}
		return s
	}
	value := ""
	if r.Value != nil {
		value = strconv.FormatFloat(*r.Value, 'f', -1, 64)
	}
	return append(dst[:0],
		text(r.Doc),
		strconv.Itoa(r.Line),
		strconv.Itoa(r.Start),
		strconv.Itoa(r.End),
		text(r.Kind),
		text(r.Metric),
		text(r.Canonical),
		value,
		text(r.Unit),
		text(r.Qualifier),
		strconv.FormatBool(r.Masked),
		text(r.Raw),
		text(r.Sentence),
	)
}

// csvWriter writes RFC 4180 CSV (fields quoted when needed, quotes doubled)
// in UTF-8 with a header row and "\n" line ends.
type csvWriter struct {
	out    *csv.Writer
	escape bool
	fields []string
}

func newCSVWriter(w io.Writer, opts Options) (*csvWriter, error) {
	if opts.BOM {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return nil, err
		}
	}
	names, err := header(Columns, opts.Header)
	if err != nil {
		return nil, err
	}
	// csv.Writer buffers only 4 KB; given a larger bufio.Writer it uses
	// that one, which cuts the write calls sixteenfold.
	cw := &csvWriter{out: csv.NewWriter(bufio.NewWriterSize(w, 64*1024)), escape: opts.EscapeFormulas}
	if err := cw.out.Write(names); err != nil {
		return nil, err
	}
	return cw, nil
}

func (cw *csvWriter) WriteRow(r Row) error {
	if err := checkRow(r); err != nil {
		return err
	}
	cw.fields = rowFields(cw.fields, r, cw.escape)
	return cw.out.Write(cw.fields)
}

func (cw *csvWriter) WriteDocument(DocInfo) error { return nil }

func (cw *csvWriter) Close() error {
	cw.out.Flush()
	return cw.out.Error()
}

// Flush writes the buffered rows, so that a stream's rows leave at once.
func (cw *csvWriter) Flush() error { return cw.Close() }

// tsvWriter writes tab-separated values with a header row and no quoting.
// So that every record stays one line and every field one column, tabs,
// carriage returns and line feeds inside a field are each replaced by a
// space. A field is otherwise written as is, quotes included; pandas reads
// it faithfully with read_csv(path, sep="\t", quoting=csv.QUOTE_NONE).
type tsvWriter struct {
	out    *bufio.Writer
	escape bool
	fields []string
}

func newTSVWriter(w io.Writer, opts Options) (*tsvWriter, error) {
	names, err := header(Columns, opts.Header)
	if err != nil {
		return nil, err
	}
	tw := &tsvWriter{out: bufio.NewWriterSize(w, 64*1024), escape: opts.EscapeFormulas}
	if opts.BOM {
		tw.out.WriteString(utf8BOM)
	}
	return tw, tw.writeFields(names)
}

func (tw *tsvWriter) WriteRow(r Row) error {
	if err := checkRow(r); err != nil {
		return err
	}
	tw.fields = rowFields(tw.fields, r, tw.escape)
	return tw.writeFields(tw.fields)
}

// writeFields writes one record. Escaping has already happened, so a field
// that began with a tab keeps its quote: "\tx" is written as "' x".
func (tw *tsvWriter) writeFields(fields []string) error {
	for i, f := range fields {
		if i > 0 {
			tw.out.WriteByte('\t')
		}
		tw.out.WriteString(flattenTSV(f))
	}
	return tw.out.WriteByte('\n')
}

// flattenTSV replaces tabs and line breaks with spaces.
func flattenTSV(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\r', '\n':
			return ' '
		}
		return r
	}, s)
}

func (tw *tsvWriter) WriteDocument(DocInfo) error { return nil }

func (tw *tsvWriter) Close() error { return tw.out.Flush() }

// Flush writes the buffered rows, so that a stream's rows leave at once.
func (tw *tsvWriter) Flush() error { return tw.out.Flush() }
