package rowdiff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/zhmetrics/zhmetrics/output"
)

// The renderers list at most limit differences (all when limit is negative);
// counts always cover every difference.

func listed(r Result, limit int) (shown []Difference, omitted int) {
	if limit < 0 || limit >= len(r.Differences) {
		return r.Differences, 0
	}
	return r.Differences[:limit], len(r.Differences) - limit
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// headline sums up a result in one sentence, without a final full stop.
func headline(r Result) string {
	t := r.Total
	if r.Equal() {
		return fmt.Sprintf("no differences: %s in %s", plural(t.OldRows, "row"), plural(len(r.Docs), "document"))
	}
	return fmt.Sprintf("%s added, %d removed, %d changed in %d of %s (%d rows before, %d after)",
		plural(t.Added, "row"), t.Removed, t.Changed, r.DiffersIn(), plural(len(r.Docs), "document"), t.OldRows, t.NewRows)
}

func opSign(op Op) string {
	switch op {
	case Added:
		return "+"
	case Removed:
		return "-"
	}
	return "~"
}

// row returns the row a difference shows: the new one unless removed.
func (d Difference) row() output.Row {
	if d.New != nil {
		return *d.New
	}
	return *d.Old
}

// describedFields are shown for an added or removed row, when not empty.
var describedFields = []string{"raw", "metric", "value", "unit", "qualifier"}

// WriteText writes a plain-text report: a headline, a table of the
// documents that differ, and the differences, one per line, changed fields
// indented below their row.
func WriteText(w io.Writer, r Result, limit int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, headline(r))
	if r.Equal() {
		return bw.Flush()
	}
	fmt.Fprintln(bw)
	const row = "%7s %8s %8s %7s %7s  %s\n"
	fmt.Fprintf(bw, row, "added", "removed", "changed", "old", "new", "document")
	for _, c := range append(differing(r.Docs), r.Total) {
		doc := c.Doc
		if doc == "" {
			doc = "total"
		}
		fmt.Fprintf(bw, "%7d %8d %8d %7d %7d  %s\n", c.Added, c.Removed, c.Changed, c.OldRows, c.NewRows, doc)
	}
	fmt.Fprintln(bw)
	shown, omitted := listed(r, limit)
	for _, d := range shown {
		fmt.Fprintf(bw, "%s %s %d-%d %s", opSign(d.Op), d.Key.Doc, d.Key.Start, d.Key.End, d.Key.Kind)
		if d.Op != Changed {
			fmt.Fprintf(bw, ": %s\n", describeText(d.row()))
			continue
		}
		fmt.Fprintf(bw, ": raw %q\n", d.New.Raw)
		for _, f := range d.Fields {
			fmt.Fprintf(bw, "    %s: %s → %s\n", f, textValue(*d.Old, f), textValue(*d.New, f))
		}
	}
	if omitted > 0 {
		fmt.Fprintf(bw, "(%s not listed)\n", plural(omitted, "more difference"))
	}
	return bw.Flush()
}

func differing(docs []Counts) []Counts {
	var out []Counts
	for _, c := range docs {
		if c.Differs() {
			out = append(out, c)
		}
	}
	return out
}

// textValue shows a field in text: strings quoted, value a number or none.
func textValue(r output.Row, field string) string {
	s := FieldText(r, field)
	switch field {
	case "value":
		if s == "" {
			return "none"
		}
		return s
	case "masked", "line":
		return s
	}
	return strconv.Quote(s)
}

func describeText(r output.Row) string {
	var parts []string
	for _, f := range describedFields {
		if FieldText(r, f) != "" {
			parts = append(parts, f+" "+textValue(r, f))
		}
	}
	if r.Masked {
		parts = append(parts, "masked")
	}
	return strings.Join(parts, ", ")
}

// WriteMarkdown writes a GitHub-flavoured Markdown report for a pull
// request comment: a headline, a table of the documents that differ with a
// total row, and the differences in a collapsed list.
func WriteMarkdown(w io.Writer, r Result, limit int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "**zhmetrics diff:** %s.\n", headline(r))
	if r.Equal() {
		return bw.Flush()
	}
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "| document | added | removed | changed | old rows | new rows |")
	fmt.Fprintln(bw, "| :-- | --: | --: | --: | --: | --: |")
	for _, c := range differing(r.Docs) {
		fmt.Fprintf(bw, "| %s | %d | %d | %d | %d | %d |\n",
			tableCell(codeSpan(c.Doc)), c.Added, c.Removed, c.Changed, c.OldRows, c.NewRows)
	}
	t := r.Total
	fmt.Fprintf(bw, "| **total** | **%d** | **%d** | **%d** | **%d** | **%d** |\n",
		t.Added, t.Removed, t.Changed, t.OldRows, t.NewRows)

	shown, omitted := listed(r, limit)
	if len(shown) == 0 {
		return bw.Flush()
	}
	summary := plural(len(r.Differences), "differing row")
	if omitted > 0 {
		summary = fmt.Sprintf("%s (the first %d listed)", summary, len(shown))
	}
	fmt.Fprintf(bw, "\n<details>\n<summary>%s</summary>\n\n", summary)
	for _, d := range shown {
		fmt.Fprintf(bw, "- **%s** %s %d–%d %s: ", d.Op, codeSpan(d.Key.Doc), d.Key.Start, d.Key.End, d.Key.Kind)
		if d.Op != Changed {
			fmt.Fprintln(bw, describeMarkdown(d.row()))
			continue
		}
		var changes []string
		for _, f := range d.Fields {
			changes = append(changes, fmt.Sprintf("%s %s → %s", f,
				codeSpan(FieldText(*d.Old, f)), codeSpan(FieldText(*d.New, f))))
		}
		fmt.Fprintf(bw, "raw %s; %s\n", codeSpan(d.New.Raw), strings.Join(changes, "; "))
	}
	if omitted > 0 {
		fmt.Fprintf(bw, "\n_%s not listed._\n", plural(omitted, "more difference"))
	}
	fmt.Fprintln(bw, "\n</details>")
	return bw.Flush()
}

func describeMarkdown(r output.Row) string {
	var parts []string
	for _, f := range describedFields {
		if s := FieldText(r, f); s != "" {
			parts = append(parts, f+" "+codeSpan(s))
		}
	}
	if r.Masked {
		parts = append(parts, "masked")
	}
	return strings.Join(parts, ", ")
}

// codeSpan shows s literally in Markdown: line breaks become spaces, the
// fence is longer than any run of backticks inside, and an empty text is
// shown as (empty).
func codeSpan(s string) string {
	if s == "" {
		return "*(empty)*"
	}
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") ||
		(strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ")) {
		s = " " + s + " "
	}
	return fence + s + fence
}

// tableCell escapes the pipes that would end a table cell, even inside a
// code span.
func tableCell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}

type jsonCounts struct {
	Doc     string `json:"doc,omitempty"`
	OldRows int    `json:"old_rows"`
	NewRows int    `json:"new_rows"`
	Added   int    `json:"added"`
	Removed int    `json:"removed"`
	Changed int    `json:"changed"`
}

type jsonField struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

type jsonDifference struct {
	Op     Op          `json:"op"`
	Doc    string      `json:"doc"`
	Start  int         `json:"start"`
	End    int         `json:"end"`
	Kind   string      `json:"kind"`
	Fields []jsonField `json:"fields,omitempty"`
	Old    *output.Row `json:"old,omitempty"`
	New    *output.Row `json:"new,omitempty"`
}

type jsonResult struct {
	Equal       bool             `json:"equal"`
	Total       jsonCounts       `json:"total"`
	Documents   []jsonCounts     `json:"documents"`
	Differences []jsonDifference `json:"differences"`
	Omitted     int              `json:"omitted"` // differences not listed
}

// WriteJSON writes the result as one indented JSON object: equal, total,
// documents (every document, with its counts), differences (each with op,
// doc, start, end, kind, the changed fields with typed old and new values,
// and the old and new rows as JSON Lines writes them, formula escapes
// removed) and omitted, the number of differences left out by limit.
func WriteJSON(w io.Writer, r Result, limit int) error {
	shown, omitted := listed(r, limit)
	out := jsonResult{
		Equal:       r.Equal(),
		Total:       jsonCounts(r.Total),
		Documents:   []jsonCounts{},
		Differences: []jsonDifference{},
		Omitted:     omitted,
	}
	out.Total.Doc = ""
	for _, c := range r.Docs {
		out.Documents = append(out.Documents, jsonCounts(c))
	}
	for _, d := range shown {
		jd := jsonDifference{Op: d.Op, Doc: d.Key.Doc, Start: d.Key.Start, End: d.Key.End, Kind: d.Key.Kind,
			Old: d.Old, New: d.New}
		for _, f := range d.Fields {
			jd.Fields = append(jd.Fields, jsonField{Field: f, Old: jsonValue(*d.Old, f), New: jsonValue(*d.New, f)})
		}
		out.Differences = append(out.Differences, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// jsonValue is a field with its JSON type: value a number or null, masked a
// boolean, line an integer, the others strings.
func jsonValue(r output.Row, field string) any {
	switch field {
	case "value":
		if r.Value == nil {
			return nil
		}
		return json.Number(FieldText(r, field))
	case "masked":
		return r.Masked
	case "line":
		return r.Line
	}
	return FieldText(r, field)
}
