// Package output writes metric rows as CSV, TSV, JSON Lines, XLSX and
// Parquet, and reads the delimited and JSON Lines forms back. It knows
// nothing of how the facts were found.
package output

import "strconv"

// Row is one grounded fact, in the column order of the tidy schema.
type Row struct {
	Doc       string   // the path as given
	Line      int      // 1-based line of Start in the original text
	Start     int      // code point offset into the decoded original, inclusive
	End       int      // code point offset, exclusive
	Kind      string   // count, percent, money, measure or program
	Metric    string   // the indicator's name, simplified script
	Canonical string   // the lexicon's name for the metric, or ""
	Value     *float64 // nil when masked and for programs
	ValueText string   // every digit of Value when a float64 rounds it (beyond 2^53), else ""
	Unit      string
	Qualifier string // approx, at_least, more_than, at_most, less_than or ""
	Masked    bool
	Raw       string // original[Start:End]
	Sentence  string // the cleaned, simplified sentence holding the fact
	Page      int    // 1-based page of Start in a PDF; 0 (empty) for other inputs
}

// appendValue appends the value column as a plain decimal: ValueText when
// it holds digits a float64 would round, else Value without an exponent.
func (r Row) appendValue(b []byte) []byte {
	if r.Value == nil {
		return b
	}
	if r.ValueText != "" {
		return append(b, r.ValueText...)
	}
	return strconv.AppendFloat(b, *r.Value, 'f', -1, 64)
}

// Columns is the header of every tabular output, in order.
var Columns = []string{"doc", "line", "start", "end", "kind", "metric", "canonical",
	"value", "unit", "qualifier", "masked", "raw", "sentence", "page"}

// DocInfo describes one input document for the XLSX documents sheet and for
// reports on stderr.
type DocInfo struct {
	Doc       string
	Bytes     int64
	Encoding  string // utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, big5
	Script    string // simplified, traditional, mixed or none
	Converted bool   // traditional characters were converted for extraction
	Rows      int
	Error     string // why the document could not be read, or ""
	Skipped   bool   // Error is a skip (binary content), not a failure
}
