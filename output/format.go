package output

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
)

// Formats lists the output formats New accepts.
var Formats = []string{"csv", "tsv", "jsonl", "xlsx", "parquet", "html"}

// Options control how rows are written.
type Options struct {
	// EscapeFormulas neutralises text cells that a spreadsheet would run as
	// a formula (CSV, TSV and XLSX only; never JSON Lines or Parquet). See
	// EscapeFormula.
	EscapeFormulas bool
	// BOM writes a UTF-8 byte order mark before CSV and TSV output, which
	// makes older Excel versions read the file as UTF-8. Other formats
	// ignore it.
	BOM bool
	// Header is "en" (or "") for English column names or "zh" for Chinese
	// ones, in CSV, TSV and XLSX headers. JSON Lines keys, Parquet column
	// names and XLSX sheet names are always English so that programs can
	// rely on them.
	Header string
}

// Writer writes rows in one format. A Writer is not safe for concurrent use.
type Writer interface {
	// WriteRow writes one fact.
	WriteRow(Row) error
	// WriteDocument records an input document. Only XLSX shows documents
	// (on its documents and summary sheets); other formats ignore them.
	WriteDocument(DocInfo) error
	// Close flushes buffered output; for XLSX it writes the whole workbook.
	// It does not close the underlying io.Writer.
	Close() error
}

// New returns a Writer for format ("csv", "tsv", "jsonl", "xlsx", "parquet"
// or "html", a review page that is a TextWriter) that writes to w. CSV and
// TSV write their header row at once.
func New(w io.Writer, format string, opts Options) (Writer, error) {
	if _, err := header(Columns, opts.Header); err != nil {
		return nil, err
	}
	switch format {
	case "csv":
		return newCSVWriter(w, opts)
	case "tsv":
		return newTSVWriter(w, opts)
	case "jsonl":
		return newJSONLWriter(w), nil
	case "xlsx":
		return newXLSXWriter(w, opts)
	case "parquet":
		return newParquetWriter(w), nil
	case "html":
		return newHTMLWriter(w, opts)
	}
	return nil, fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// FormatFromPath picks the format from path's extension, ignoring case:
// .csv, .tsv, .jsonl or .ndjson (both "jsonl"), .xlsx, .parquet and .html
// or .htm (both "html").
func FormatFromPath(path string) (string, error) {
	ext := filepath.Ext(path)
	switch strings.ToLower(ext) {
	case ".csv":
		return "csv", nil
	case ".tsv":
		return "tsv", nil
	case ".jsonl", ".ndjson":
		return "jsonl", nil
	case ".xlsx":
		return "xlsx", nil
	case ".parquet":
		return "parquet", nil
	case ".html", ".htm":
		return "html", nil
	case "":
		return "", fmt.Errorf("output path %q has no extension; want .csv, .tsv, .jsonl, .ndjson, .xlsx, .parquet or .html", path)
	}
	return "", fmt.Errorf("unknown output extension %q in %q; want .csv, .tsv, .jsonl, .ndjson, .xlsx, .parquet or .html", ext, path)
}

// EscapeFormula guards against formula injection (see OWASP's "CSV
// Injection" guidance): text beginning with = + - @, a tab or a carriage
// return is returned with a single quote (') in front, so that a spreadsheet
// shows it as text instead of evaluating it. Other text is returned as is.
//
// With Options.EscapeFormulas, CSV, TSV and XLSX writers apply it to every
// text cell, including raw and sentence, so a raw text such as "-5%" is
// written as "'-5%". Numeric cells (line, start, end, value) are numbers and
// never escaped: a negative value stays a number. JSON Lines and Parquet are
// never escaped, since spreadsheets do not open them. The readers in this
// package do not remove the quote again.
//
// A lone "-" or "+" (the doc name of standard input) cannot start a formula
// and is left alone.
func EscapeFormula(s string) string {
	if s == "" || s == "-" || s == "+" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// errNonFinite reports a value no format can carry as a number.
var errNonFinite = errors.New("value is not a finite number")

// checkRow rejects rows that cannot be written faithfully.
func checkRow(r Row) error {
	if r.Value != nil && (math.IsNaN(*r.Value) || math.IsInf(*r.Value, 0)) {
		return fmt.Errorf("%s:%d-%d: %w: %v", r.Doc, r.Start, r.End, errNonFinite, *r.Value)
	}
	return nil
}

// chineseNames gives the Chinese name of every column of every table
// (rows, the XLSX documents sheet and the XLSX summary sheet).
var chineseNames = map[string]string{
	// rows
	"doc":       "文档",
	"line":      "行号",
	"start":     "起始",
	"end":       "结束",
	"kind":      "类型",
	"metric":    "指标",
	"canonical": "标准指标",
	"value":     "数值",
	"unit":      "单位",
	"qualifier": "限定词",
	"masked":    "脱敏",
	"raw":       "原文",
	"sentence":  "句子",
	"page":      "页码",
	// documents
	"bytes":     "字节数",
	"encoding":  "编码",
	"script":    "字形",
	"converted": "已转简体",
	"rows":      "条数",
	"error":     "错误",
	// summary
	"count":   "计数",
	"percent": "百分比",
	"money":   "金额",
	"measure": "度量",
	"program": "项目",
	"total":   "合计",
}

// documentColumns and summaryColumns head the XLSX documents and summary
// sheets.
var (
	documentColumns = []string{"doc", "bytes", "encoding", "script", "converted", "rows", "error"}
	summaryColumns  = []string{"doc", "count", "percent", "money", "measure", "program", "total"}
)

// header returns cols named in language lang ("", "en" or "zh").
func header(cols []string, lang string) ([]string, error) {
	switch lang {
	case "", "en":
		return append([]string(nil), cols...), nil
	case "zh":
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = chineseNames[c]
		}
		return names, nil
	}
	return nil, fmt.Errorf("unknown header language %q (want en or zh)", lang)
}
