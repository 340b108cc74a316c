// Package output writes metric rows as CSV, TSV, JSON Lines, XLSX and
// Parquet, and reads the delimited and JSON Lines forms back. It knows
// nothing of how the facts were found.
package output

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
	Unit      string
	Qualifier string // approx, at_least, more_than, at_most, less_than or ""
	Masked    bool
	Raw       string // original[Start:End]
	Sentence  string // the cleaned, simplified sentence holding the fact
	Page      int    // 1-based page of Start in a PDF; 0 (empty) for other inputs
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
}
