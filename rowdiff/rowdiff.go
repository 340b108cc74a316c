// Package rowdiff compares two sets of metric rows, as two runs of
// zhmetrics extract write them, and reports the rows added, removed and
// changed, per document and in total.
//
// Rows are paired by Key: the base name of the document, the span and the
// kind. When one side holds several rows with the same key, the first of
// them on the old side pairs with the first on the new side, the second with
// the second, and so on; rows left over are added or removed. Paired rows
// are compared field by field (see Fields).
package rowdiff

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/zhmetrics/zhmetrics/output"
)

// Key identifies a row across two outputs.
type Key struct {
	Doc   string // base name of the doc column
	Start int
	End   int
	Kind  string
}

func compareKeys(a, b Key) int {
	return cmp.Or(
		strings.Compare(a.Doc, b.Doc),
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.End, b.End),
		strings.Compare(a.Kind, b.Kind),
	)
}

// Op says how a row differs.
type Op string

const (
	Added   Op = "added"
	Removed Op = "removed"
	Changed Op = "changed"
)

// Fields are the fields compared between paired rows, in the order they
// are reported. Value compares as a number (12 and 12.0 are equal); the
// others compare as written, except that a formula escape (a quote that CSV
// and TSV output put before a leading = + - @, tab or carriage return) is
// removed first, so that escaped CSV and unescaped JSON Lines compare equal.
var Fields = []string{"metric", "canonical", "value", "unit", "qualifier", "masked", "raw", "sentence", "line"}

// Difference is one row added, removed or changed.
type Difference struct {
	Op  Op
	Key Key
	Old *output.Row // nil when Added
	New *output.Row // nil when Removed
	// Fields names the fields that changed, in the order of Fields; only
	// for Changed.
	Fields []string
}

// Counts are the tallies of one document, or of all of them.
type Counts struct {
	Doc              string // base name; "" for the total
	OldRows, NewRows int
	Added, Removed   int
	Changed          int
}

// Differs reports whether any row was added, removed or changed.
func (c Counts) Differs() bool { return c.Added+c.Removed+c.Changed > 0 }

// Result is the comparison of two sets of rows.
type Result struct {
	Docs        []Counts     // every document of either side, by name
	Total       Counts       // all documents together
	Differences []Difference // by key, then by position among rows with that key
}

// Equal reports whether the two sides hold the same rows.
func (r Result) Equal() bool { return !r.Total.Differs() }

// DiffersIn counts the documents with a difference.
func (r Result) DiffersIn() int {
	n := 0
	for _, d := range r.Docs {
		if d.Differs() {
			n++
		}
	}
	return n
}

// Compare pairs the rows of old and new (see the package comment) and
// reports their differences. The order of rows within each side does not
// matter beyond the pairing of duplicate keys.
func Compare(old, new []output.Row) Result {
	oldRows, newRows := keyed(old), keyed(new)
	counts := map[string]*Counts{}
	count := func(doc string) *Counts {
		c := counts[doc]
		if c == nil {
			c = &Counts{Doc: doc}
			counts[doc] = c
		}
		return c
	}
	for _, r := range oldRows {
		count(r.key.Doc).OldRows++
	}
	for _, r := range newRows {
		count(r.key.Doc).NewRows++
	}

	var res Result
	i, j := 0, 0
	for i < len(oldRows) || j < len(newRows) {
		var order int
		switch {
		case i == len(oldRows):
			order = 1
		case j == len(newRows):
			order = -1
		default:
			order = compareKeyed(oldRows[i], newRows[j])
		}
		switch {
		case order < 0:
			o := oldRows[i]
			res.Differences = append(res.Differences, Difference{Op: Removed, Key: o.key, Old: &o.row})
			count(o.key.Doc).Removed++
			i++
		case order > 0:
			n := newRows[j]
			res.Differences = append(res.Differences, Difference{Op: Added, Key: n.key, New: &n.row})
			count(n.key.Doc).Added++
			j++
		default:
			o, n := oldRows[i], newRows[j]
			if fields := changedFields(o.row, n.row); fields != nil {
				res.Differences = append(res.Differences, Difference{Op: Changed, Key: o.key, Old: &o.row, New: &n.row, Fields: fields})
				count(o.key.Doc).Changed++
			}
			i++
			j++
		}
	}

	for _, c := range counts {
		res.Docs = append(res.Docs, *c)
		res.Total.OldRows += c.OldRows
		res.Total.NewRows += c.NewRows
		res.Total.Added += c.Added
		res.Total.Removed += c.Removed
		res.Total.Changed += c.Changed
	}
	slices.SortFunc(res.Docs, func(a, b Counts) int { return strings.Compare(a.Doc, b.Doc) })
	return res
}

// keyedRow is a row with its key and its position among the rows of its
// side that share the key.
type keyedRow struct {
	key Key
	nth int
	row output.Row
}

func compareKeyed(a, b keyedRow) int {
	return cmp.Or(compareKeys(a.key, b.key), cmp.Compare(a.nth, b.nth))
}

// keyed unescapes and keys rows, numbers duplicates in their input order
// and sorts by key.
func keyed(rows []output.Row) []keyedRow {
	out := make([]keyedRow, len(rows))
	seen := map[Key]int{}
	for i, r := range rows {
		r = unescapeRow(r)
		k := Key{Doc: baseName(r.Doc), Start: r.Start, End: r.End, Kind: r.Kind}
		out[i] = keyedRow{key: k, nth: seen[k], row: r}
		seen[k]++
	}
	slices.SortStableFunc(out, compareKeyed)
	return out
}

// baseName is the last element of a path written with / or \, so that
// outputs made from different directories, or on Windows, pair up.
func baseName(doc string) string {
	return doc[strings.LastIndexAny(doc, `/\`)+1:]
}

// unescapeRow removes formula escapes from the text fields.
func unescapeRow(r output.Row) output.Row {
	for _, s := range []*string{&r.Doc, &r.Kind, &r.Metric, &r.Canonical, &r.Unit, &r.Qualifier, &r.Raw, &r.Sentence} {
		*s = unescapeFormula(*s)
	}
	return r
}

// unescapeFormula undoes output.EscapeFormula.
func unescapeFormula(s string) string {
	if len(s) >= 2 && s[0] == '\'' && output.EscapeFormula(s[1:]) != s[1:] {
		return s[1:]
	}
	return s
}

// changedFields lists the fields in which a and b differ, or nil.
func changedFields(a, b output.Row) []string {
	var fields []string
	for _, f := range Fields {
		same := FieldText(a, f) == FieldText(b, f)
		if f == "value" {
			same = sameValue(a.Value, b.Value)
		}
		if !same {
			fields = append(fields, f)
		}
	}
	return fields
}

// sameValue: both missing, or equal as numbers.
func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// FieldText is a field of r as text: value as a plain decimal or "" when
// there is none, masked as true or false, line as a decimal integer, and
// the other fields as they are. It panics on a name not in Fields.
func FieldText(r output.Row, field string) string {
	switch field {
	case "metric":
		return r.Metric
	case "canonical":
		return r.Canonical
	case "value":
		if r.Value == nil {
			return ""
		}
		return strconv.FormatFloat(*r.Value, 'f', -1, 64)
	case "unit":
		return r.Unit
	case "qualifier":
		return r.Qualifier
	case "masked":
		return strconv.FormatBool(r.Masked)
	case "raw":
		return r.Raw
	case "sentence":
		return r.Sentence
	case "line":
		return strconv.Itoa(r.Line)
	}
	panic("rowdiff: unknown field " + field)
}
