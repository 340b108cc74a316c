package output

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Reader reads rows back from CSV, TSV or JSON Lines, as written by this
// package or by other tools using the same columns.
//
// The format is sniffed: JSON Lines when the first non-space byte is "{",
// else TSV when the header line holds a tab, else CSV. A leading UTF-8 byte
// order mark is skipped. Headers may use the English or the Chinese column
// names, in any order; every column must be present but page (absent from
// files written before it was added), and unknown columns are ignored. Nothing is unescaped: a quote added by formula escaping stays
// part of the text (read "'-5%" as "'-5%"), so rows read back compare equal
// only to rows written without EscapeFormulas or not needing it.
//
// Errors name the line of the input they concern.
type Reader struct {
	format string
	in     *bufio.Reader
	csv    *csv.Reader
	index  []int // position of each of Columns in a CSV or TSV record
	width  int   // fields in a TSV record
	line   int   // lines consumed, for TSV and JSON Lines
}

// NewReader sniffs the format of r and reads its header.
func NewReader(r io.Reader) (*Reader, error) {
	in := bufio.NewReaderSize(r, 64*1024)
	if b, _ := in.Peek(len(utf8BOM)); string(b) == utf8BOM {
		in.Discard(len(utf8BOM))
	}
	head, err := in.Peek(in.Size())
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	rd := &Reader{in: in}
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return rd, nil // empty input: no rows
	case trimmed[0] == '{':
		rd.format = "jsonl"
		return rd, nil
	}
	firstLine, _, _ := bytes.Cut(head, []byte("\n"))
	if bytes.IndexByte(firstLine, '\t') >= 0 {
		rd.format = "tsv"
		return rd, rd.readTSVHeader()
	}
	rd.format = "csv"
	rd.csv = csv.NewReader(in)
	rd.csv.ReuseRecord = true
	names, err := rd.csv.Read()
	if err != nil {
		return nil, fmt.Errorf("csv header: %w", err)
	}
	if rd.index, err = columnIndex(names); err != nil {
		return nil, fmt.Errorf("csv line 1: %w", err)
	}
	return rd, nil
}

// Format returns "csv", "tsv" or "jsonl", or "" for empty input.
func (rd *Reader) Format() string { return rd.format }

// Read returns the next row, or io.EOF after the last.
func (rd *Reader) Read() (Row, error) {
	switch rd.format {
	case "csv":
		return rd.readCSV()
	case "tsv":
		return rd.readTSV()
	case "jsonl":
		return rd.readJSONL()
	}
	return Row{}, io.EOF
}

// ReadRows reads every row of r; see Reader.
func ReadRows(r io.Reader) ([]Row, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for {
		row, err := rd.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
}

// columnByName maps English and Chinese column names (English in any
// case) to positions in Columns.
var columnByName = func() map[string]int {
	m := map[string]int{}
	for i, c := range Columns {
		m[c] = i
		m[chineseNames[c]] = i
	}
	return m
}()

// ColumnName returns the column of Columns that a header name stands for:
// the English name (in any case) or the Chinese one of --header zh.
func ColumnName(name string) (string, bool) {
	name = strings.TrimSpace(name)
	c, ok := columnByName[name]
	if !ok {
		c, ok = columnByName[strings.ToLower(name)]
	}
	if !ok {
		return "", false
	}
	return Columns[c], true
}

// columnIndex finds each of Columns in a header.
func columnIndex(names []string) ([]int, error) {
	index := make([]int, len(Columns))
	for i := range index {
		index[i] = -1
	}
	for pos, name := range names {
		name = strings.TrimSpace(name)
		c, ok := columnByName[name]
		if !ok {
			c, ok = columnByName[strings.ToLower(name)]
		}
		if !ok {
			continue
		}
		if index[c] >= 0 {
			return nil, fmt.Errorf("column %q appears twice in the header", Columns[c])
		}
		index[c] = pos
	}
	var missing []string
	for c, pos := range index {
		if pos < 0 && c != pageColumn {
			missing = append(missing, Columns[c])
		}
	}
	if missing != nil {
		return nil, fmt.Errorf("header lacks column(s) %s", strings.Join(missing, ", "))
	}
	return index, nil
}

// pageColumn is the index of page in Columns, the one optional column.
const pageColumn = 13

// fieldOf returns a function giving column c of a record, "" for an
// optional column the header lacks.
func fieldOf(record []string, index []int) func(c int) string {
	return func(c int) string {
		if index[c] < 0 {
			return ""
		}
		return record[index[c]]
	}
}

// fieldError is a bad value in one column.
type fieldError struct {
	column int // index into Columns
	err    error
}

func (e *fieldError) Error() string {
	return fmt.Sprintf("column %s: %v", Columns[e.column], e.err)
}

// parseRow builds a Row from text fields, field(c) giving column c.
func parseRow(field func(c int) string) (Row, error) {
	var r Row
	ints := []struct {
		column int
		dst    *int
	}{{1, &r.Line}, {2, &r.Start}, {3, &r.End}}
	for _, n := range ints {
		v, err := strconv.Atoi(strings.TrimSpace(field(n.column)))
		if err != nil {
			return r, &fieldError{n.column, fmt.Errorf("want an integer, got %q", field(n.column))}
		}
		*n.dst = v
	}
	if s := strings.TrimSpace(field(7)); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return r, &fieldError{7, fmt.Errorf("want a number or nothing, got %q", s)}
		}
		r.Value = &v
	}
	masked, err := strconv.ParseBool(strings.TrimSpace(field(10)))
	if err != nil {
		return r, &fieldError{10, fmt.Errorf("want true or false, got %q", field(10))}
	}
	r.Masked = masked
	r.Doc, r.Kind, r.Metric, r.Canonical = field(0), field(4), field(5), field(6)
	r.Unit, r.Qualifier, r.Raw, r.Sentence = field(8), field(9), field(11), field(12)
	if s := strings.TrimSpace(field(pageColumn)); s != "" {
		page, err := strconv.Atoi(s)
		if err != nil || page < 1 {
			return r, &fieldError{pageColumn, fmt.Errorf("want a page number or nothing, got %q", s)}
		}
		r.Page = page
	}
	return r, nil
}

func (rd *Reader) readCSV() (Row, error) {
	record, err := rd.csv.Read()
	if err == io.EOF {
		return Row{}, io.EOF
	}
	if err != nil {
		return Row{}, fmt.Errorf("csv: %w", err)
	}
	row, err := parseRow(fieldOf(record, rd.index))
	if err != nil {
		line, _ := rd.csv.FieldPos(0)
		var fe *fieldError
		if errors.As(err, &fe) {
			line, _ = rd.csv.FieldPos(rd.index[fe.column])
		}
		return Row{}, fmt.Errorf("csv line %d: %w", line, err)
	}
	return row, nil
}

// nextLine returns the next line without its line end; ok is false at the
// end of input.
func (rd *Reader) nextLine() (line string, ok bool, err error) {
	s, err := rd.in.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", false, err
	}
	if s == "" && err == io.EOF {
		return "", false, nil
	}
	rd.line++
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r"), true, nil
}

func (rd *Reader) readTSVHeader() error {
	line, _, err := rd.nextLine()
	if err != nil {
		return err
	}
	names := strings.Split(line, "\t")
	if rd.index, err = columnIndex(names); err != nil {
		return fmt.Errorf("tsv line 1: %w", err)
	}
	rd.width = len(names)
	return nil
}

func (rd *Reader) readTSV() (Row, error) {
	for {
		line, ok, err := rd.nextLine()
		if err != nil {
			return Row{}, err
		}
		if !ok {
			return Row{}, io.EOF
		}
		if line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != rd.width {
			return Row{}, fmt.Errorf("tsv line %d: %d fields, the header has %d", rd.line, len(fields), rd.width)
		}
		row, err := parseRow(fieldOf(fields, rd.index))
		if err != nil {
			return Row{}, fmt.Errorf("tsv line %d: %w", rd.line, err)
		}
		return row, nil
	}
}

func (rd *Reader) readJSONL() (Row, error) {
	for {
		line, ok, err := rd.nextLine()
		if err != nil {
			return Row{}, err
		}
		if !ok {
			return Row{}, io.EOF
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		row, err := parseJSONRow([]byte(line))
		if err != nil {
			return Row{}, fmt.Errorf("jsonl line %d: %w", rd.line, err)
		}
		return row, nil
	}
}

// parseJSONRow decodes one JSON object with the English or Chinese keys.
func parseJSONRow(data []byte) (Row, error) {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return Row{}, err
	}
	var fields [pageColumn + 1]json.RawMessage
	for key, raw := range object {
		c, ok := columnByName[key]
		if !ok {
			c, ok = columnByName[strings.ToLower(key)]
		}
		if !ok {
			continue
		}
		if fields[c] != nil {
			return Row{}, fmt.Errorf("key %q given twice", Columns[c])
		}
		fields[c] = raw
	}
	var missing []string
	for c, raw := range fields {
		if raw == nil && c != pageColumn {
			missing = append(missing, Columns[c])
		}
	}
	if missing != nil {
		return Row{}, fmt.Errorf("object lacks key(s) %s", strings.Join(missing, ", "))
	}
	var r Row
	strs := []struct {
		column int
		dst    *string
	}{{0, &r.Doc}, {4, &r.Kind}, {5, &r.Metric}, {6, &r.Canonical}, {8, &r.Unit},
		{9, &r.Qualifier}, {11, &r.Raw}, {12, &r.Sentence}}
	for _, s := range strs {
		// null leaves the string empty.
		if err := json.Unmarshal(fields[s.column], s.dst); err != nil {
			return r, &fieldError{s.column, fmt.Errorf("want a string, got %s", fields[s.column])}
		}
	}
	ints := []struct {
		column int
		dst    *int
	}{{1, &r.Line}, {2, &r.Start}, {3, &r.End}}
	for _, n := range ints {
		var f float64
		err := json.Unmarshal(fields[n.column], &f)
		if err != nil || string(fields[n.column]) == "null" || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return r, &fieldError{n.column, fmt.Errorf("want an integer, got %s", fields[n.column])}
		}
		*n.dst = int(f)
	}
	if string(fields[7]) != "null" {
		var v float64
		if err := json.Unmarshal(fields[7], &v); err != nil {
			return r, &fieldError{7, fmt.Errorf("want a number or null, got %s", fields[7])}
		}
		r.Value = &v
	}
	if err := json.Unmarshal(fields[10], &r.Masked); err != nil {
		return r, &fieldError{10, fmt.Errorf("want true or false, got %s", fields[10])}
	}
	if raw := fields[pageColumn]; raw != nil && string(raw) != "null" {
		if err := json.Unmarshal(raw, &r.Page); err != nil || r.Page < 1 {
			return r, &fieldError{pageColumn, fmt.Errorf("want a page number or null, got %s", raw)}
		}
	}
	return r, nil
}
