package output

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
	value := string(r.appendValue(nil))
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
		pageField(r.Page),
	)
}

// csvWriter writes RFC 4180 CSV (fields quoted when needed, quotes doubled)
// in UTF-8 with a header row and "\n" line ends: byte for byte what
// encoding/csv's Writer writes, appended into one reused buffer per row
// instead of written field by field, since the writer is the one part of a
// run that no worker shares.
type csvWriter struct {
	out    *bufio.Writer
	escape bool
	record []byte
}

func newCSVWriter(w io.Writer, opts Options) (*csvWriter, error) {
	names, err := header(Columns, opts.Header)
	if err != nil {
		return nil, err
	}
	cw := &csvWriter{out: bufio.NewWriterSize(w, 64*1024), escape: opts.EscapeFormulas}
	if opts.BOM {
		cw.out.WriteString(utf8BOM)
	}
	for i, name := range names {
		if i > 0 {
			cw.record = append(cw.record, ',')
		}
		cw.record = appendCSVField(cw.record, name)
	}
	cw.record = append(cw.record, '\n')
	if _, err := cw.out.Write(cw.record); err != nil {
		return nil, err
	}
	return cw, nil
}

func (cw *csvWriter) WriteRow(r Row) error {
	if err := checkRow(r); err != nil {
		return err
	}
	b := cw.record[:0]
	b = cw.appendText(b, r.Doc)
	b = strconv.AppendInt(append(b, ','), int64(r.Line), 10)
	b = strconv.AppendInt(append(b, ','), int64(r.Start), 10)
	b = strconv.AppendInt(append(b, ','), int64(r.End), 10)
	b = cw.appendText(append(b, ','), r.Kind)
	b = cw.appendText(append(b, ','), r.Metric)
	b = cw.appendText(append(b, ','), r.Canonical)
	b = r.appendValue(append(b, ','))
	b = cw.appendText(append(b, ','), r.Unit)
	b = cw.appendText(append(b, ','), r.Qualifier)
	b = strconv.AppendBool(append(b, ','), r.Masked)
	b = cw.appendText(append(b, ','), r.Raw)
	b = cw.appendText(append(b, ','), r.Sentence)
	b = append(b, ',')
	if r.Page > 0 {
		b = strconv.AppendInt(b, int64(r.Page), 10)
	}
	b = append(b, '\n')
	cw.record = b
	_, err := cw.out.Write(b)
	return err
}

// appendText appends a text column, formula-escaped when asked.
func (cw *csvWriter) appendText(b []byte, s string) []byte {
	if cw.escape {
		s = EscapeFormula(s)
	}
	return appendCSVField(b, s)
}

// appendCSVField appends one field as encoding/csv writes it with a comma
// separator and "\n" line ends: quoted, with quotes doubled, when it holds a
// comma, quote or line break, starts with a space, or is `\.`; else as is.
func appendCSVField(b []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(field, '"')
		if i < 0 {
			break
		}
		b = append(b, field[:i+1]...)
		b = append(b, '"')
		field = field[i+1:]
	}
	b = append(b, field...)
	return append(b, '"')
}

// csvNeedsQuotes is encoding/csv's rule for a comma separator.
func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	// One vectorised search per character beats one loop testing four:
	// sentence fields are long and rarely hold any of them.
	for _, c := range [...]byte{',', '"', '\n', '\r'} {
		if strings.IndexByte(field, c) >= 0 {
			return true
		}
	}
	r := rune(field[0])
	if r >= utf8.RuneSelf {
		r, _ = utf8.DecodeRuneInString(field)
	}
	return unicode.IsSpace(r)
}

func (cw *csvWriter) WriteDocument(DocInfo) error { return nil }

func (cw *csvWriter) Close() error { return cw.out.Flush() }

// Flush writes the buffered rows, so that a stream's rows leave at once.
func (cw *csvWriter) Flush() error { return cw.out.Flush() }

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

// pageField is the page column: empty for documents without pages.
func pageField(page int) string {
	if page <= 0 {
		return ""
	}
	return strconv.Itoa(page)
}
