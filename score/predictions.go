package score

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Prediction is one extracted row as the scorer sees it.
type Prediction struct {
	Doc       string // base name of the doc column
	Start     int    // code point offset, inclusive
	End       int    // code point offset, exclusive
	Kind      string
	Value     *float64 // nil when empty, null or not a number
	Unit      string
	Masked    bool
	Qualifier string
	Metric    string
	Canonical string // the canonical column, when the rows have one
}

// maxOffset bounds offsets that overflow an int; Python's ints do not
// overflow, and a span that far out overlaps nothing either way.
const maxOffset = 1 << 62

// ReadPredictions reads predicted rows as score.py's read_pred does. A
// leading UTF-8 byte order mark is dropped and line ends are made "\n".
// When the data, after leading white space, starts with "{" it is JSON
// Lines; otherwise it is CSV with a header row. Rows whose start or end is
// missing or not an integer are skipped; a value that is empty or not a
// number is nil; masked is true for JSON true and for "true", "1" or "yes"
// in any case; doc is reduced to its base name; kind, unit, qualifier and
// metric are trimmed.
//
// One extension: a header line with tabs and no commas is read as the TSV
// that zhmetrics writes (tab-separated, no quoting), which score.py would
// read as a single useless column.
//
// Differences that only matter where score.py stops with an exception:
// JSON Lines are split at line ends only (Python's splitlines also splits at
// U+0085, U+2028 and the like, then fails to parse the pieces), and NaN and
// Infinity are not accepted as JSON literals. CSV is read by encoding/csv
// with lazy quotes, which treats a quote after a closing quote differently
// from Python's csv module.
func ReadPredictions(r io.Reader) ([]Prediction, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, errors.New("predictions are not valid UTF-8")
	}
	text := universalNewlines(strings.TrimPrefix(string(data), "\uFEFF"))
	var rows []map[string]any
	if strings.HasPrefix(strings.TrimLeftFunc(text, pyIsSpace), "{") {
		rows, err = jsonLinesRows(text)
	} else {
		rows, err = delimitedRows(text)
	}
	if err != nil {
		return nil, err
	}
	preds := make([]Prediction, 0, len(rows))
	for i, row := range rows {
		p, ok, err := predictionFromRow(row)
		if err != nil {
			return nil, fmt.Errorf("prediction row %d: %w", i+1, err)
		}
		if ok {
			preds = append(preds, p)
		}
	}
	return preds, nil
}

// jsonLinesRows decodes each non-blank line. A line that is valid JSON but
// not an object gives a nil row, which has no start and is skipped.
func jsonLinesRows(text string) ([]map[string]any, error) {
	var rows []map[string]any
	for n, line := range strings.Split(text, "\n") {
		if strings.TrimFunc(line, pyIsSpace) == "" {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("line %d: %w", n+1, err)
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, fmt.Errorf("line %d: extra data after the JSON value", n+1)
		}
		obj, _ := v.(map[string]any)
		rows = append(rows, obj)
	}
	return rows, nil
}

// delimitedRows reads CSV (or zhmetrics TSV) into rows keyed by the header,
// like csv.DictReader: a short row's missing columns are nil, and of two
// columns with the same name the later one wins.
func delimitedRows(text string) ([]map[string]any, error) {
	// Python's csv reads an empty first line as an empty header, which
	// names no column, so no row has a start.
	if text == "" || strings.HasPrefix(text, "\n") {
		return nil, nil
	}
	firstLine, _, _ := strings.Cut(text, "\n")
	var records [][]string
	if strings.Contains(firstLine, "\t") && !strings.Contains(firstLine, ",") {
		for _, line := range strings.Split(text, "\n") {
			if line != "" {
				records = append(records, strings.Split(line, "\t"))
			}
		}
	} else {
		cr := csv.NewReader(strings.NewReader(text))
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		var err error
		if records, err = cr.ReadAll(); err != nil {
			return nil, err
		}
	}
	if len(records) == 0 {
		return nil, nil
	}
	header := records[0]
	rows := make([]map[string]any, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := make(map[string]any, len(header))
		for i, name := range header {
			if i < len(rec) {
				row[name] = rec[i]
			} else {
				row[name] = nil
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// predictionFromRow converts one row; ok is false when the row is skipped.
func predictionFromRow(row map[string]any) (p Prediction, ok bool, err error) {
	startV, hasStart := row["start"]
	endV, hasEnd := row["end"]
	if !hasStart || !hasEnd {
		return p, false, nil
	}
	if p.Start, ok = pyIntOf(startV); !ok {
		return p, false, nil
	}
	if p.End, ok = pyIntOf(endV); !ok {
		return p, false, nil
	}
	if p.Value, err = pyFloatOf(row["value"]); err != nil {
		return p, false, err
	}
	switch strings.ToLower(pyStr(row["masked"])) {
	case "true", "1", "yes":
		p.Masked = true
	}
	doc := ""
	if v, present := row["doc"]; present {
		doc = pyStr(v)
	}
	p.Doc = doc[strings.LastIndex(doc, "/")+1:]
	kind := ""
	if v, present := row["kind"]; present {
		kind = pyStr(v)
	}
	p.Kind = strings.TrimFunc(kind, pyIsSpace)
	p.Unit = orEmpty(row["unit"])
	p.Qualifier = orEmpty(row["qualifier"])
	p.Metric = orEmpty(row["metric"])
	p.Canonical = orEmpty(row["canonical"])
	return p, true, nil
}

// orEmpty is Python's str(v or "").strip().
func orEmpty(v any) string {
	if !truthy(v) {
		return ""
	}
	return strings.TrimFunc(pyStr(v), pyIsSpace)
}

// pyIntOf is Python's int(v) for a decoded JSON value or CSV field.
func pyIntOf(v any) (int, bool) {
	switch v := v.(type) {
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	case string:
		return pyInt(v)
	case json.Number:
		if n, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return clampOffset(n), true
		}
		x, err := parseNumber(v)
		if err != nil || math.IsNaN(x) {
			return 0, false
		}
		x = math.Trunc(x)
		if x > maxOffset {
			return maxOffset, true
		}
		if x < -maxOffset {
			return -maxOffset, true
		}
		return int(x), true
	}
	return 0, false
}

func clampOffset(n int64) int {
	return int(max(-maxOffset, min(maxOffset, n)))
}

// pyFloatOf is score.py's reading of the value column: "" and null are nil,
// numbers and booleans convert, strings go through Python's float() and are
// nil when it would fail. Lists and objects are an error, as in score.py.
func pyFloatOf(v any) (*float64, error) {
	var x float64
	switch v := v.(type) {
	case nil:
		return nil, nil
	case bool:
		if v {
			x = 1
		}
	case json.Number:
		x, _ = parseNumber(v)
	case string:
		var ok bool
		if x, ok = pyFloat(v); !ok {
			return nil, nil
		}
	default:
		return nil, fmt.Errorf("value: cannot convert %s to a number", pyStr(v))
	}
	return &x, nil
}

// parseNumber converts a JSON number literal as Python's json module and
// float() would: correctly rounded, overflowing to an infinity.
func parseNumber(n json.Number) (float64, error) {
	x, err := strconv.ParseFloat(string(n), 64)
	if errors.Is(err, strconv.ErrRange) {
		err = nil
	}
	return x, err
}

// pyInt is Python's int(s) in base 10: surrounding white space, one sign,
// Unicode decimal digits, single underscores between digits.
func pyInt(s string) (int, bool) {
	digits, neg := cutSign(strings.TrimFunc(s, pyIsSpace))
	if digits == "" {
		return 0, false
	}
	n := 0
	afterDigit := false
	for _, r := range digits {
		if r == '_' {
			if !afterDigit {
				return 0, false
			}
			afterDigit = false
			continue
		}
		d, ok := digitValue(r)
		if !ok {
			return 0, false
		}
		if n > (maxOffset-d)/10 {
			n = maxOffset
		} else {
			n = n*10 + d
		}
		afterDigit = true
	}
	if !afterDigit {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// pyFloat is Python's float(s): surrounding white space, a sign, inf,
// infinity or nan in any case, or a decimal with optional exponent whose
// digit groups may be joined by single underscores.
func pyFloat(s string) (float64, bool) {
	var b strings.Builder
	for _, r := range strings.TrimFunc(s, pyIsSpace) {
		if d, ok := digitValue(r); ok {
			r = rune('0' + d)
		}
		b.WriteRune(r)
	}
	body, neg := cutSign(strings.ToLower(b.String()))
	var x float64
	switch body {
	case "inf", "infinity":
		x = math.Inf(1)
	case "nan":
		x = math.NaN()
	default:
		if !pyFloatSyntax(body) {
			return 0, false
		}
		x, _ = parseNumber(json.Number(strings.ReplaceAll(body, "_", "")))
	}
	if neg {
		x = -x
	}
	return x, true
}

// pyFloatSyntax checks an unsigned decimal against Python's float grammar:
// digitpart "." [digitpart] | [digitpart] "." digitpart | digitpart,
// then an optional exponent e[sign]digitpart.
func pyFloatSyntax(s string) bool {
	i, hasInt := digitPart(s, 0)
	hasFrac := false
	if i < len(s) && s[i] == '.' {
		i++
		i, hasFrac = digitPart(s, i)
	}
	if !hasInt && !hasFrac {
		return false
	}
	if i < len(s) && s[i] == 'e' {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		var ok bool
		if i, ok = digitPart(s, i); !ok {
			return false
		}
	}
	return i == len(s)
}

// digitPart matches digit (["_"] digit)* at s[i:] and returns where it
// ends; on no match it returns i and false.
func digitPart(s string, i int) (int, bool) {
	j := i
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
		j++
	}
	part := s[i:j]
	if part == "" || part[0] == '_' || part[len(part)-1] == '_' || strings.Contains(part, "__") {
		return i, false
	}
	return j, true
}

func cutSign(s string) (rest string, neg bool) {
	if strings.HasPrefix(s, "-") {
		return s[1:], true
	}
	return strings.TrimPrefix(s, "+"), false
}

// digitValue gives the value of a Unicode decimal digit (category Nd).
// Unicode keeps such digits in runs of ten from zero, so the value is the
// distance from the start of the run, modulo ten.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if !unicode.IsDigit(r) {
		return 0, false
	}
	zero := r
	for unicode.IsDigit(zero - 1) {
		zero--
	}
	return int(r-zero) % 10, true
}

// pyIsSpace is Python's str.isspace for one character.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// truthy is Python's truth value of a decoded JSON value or CSV field.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case string:
		return v != ""
	case json.Number:
		x, _ := parseNumber(v)
		return x != 0
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	return true
}

// pyStr is Python's str(v) for a decoded JSON value or CSV field. Lists and
// objects, which no sensible prediction holds, are rendered as JSON.
func pyStr(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case string:
		return v
	case json.Number:
		return pyNumberRepr(v)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// pyNumberRepr prints a JSON number as Python prints what json.loads made of
// it: an int for a literal without fraction or exponent, else a float.
func pyNumberRepr(n json.Number) string {
	s := string(n)
	if !strings.ContainsAny(s, ".eE") {
		if strings.Trim(s, "-0") == "" {
			return "0"
		}
		return s
	}
	x, _ := parseNumber(n)
	return pyFloatRepr(x)
}
