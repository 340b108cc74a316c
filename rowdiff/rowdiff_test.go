package rowdiff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/output"
)

var update = flag.Bool("update", false, "rewrite testdata/expected")

func value(v float64) *float64 { return &v }

// row makes a count row of doc at start with value v.
func row(doc string, start int, v float64) output.Row {
	return output.Row{Doc: doc, Line: 1, Start: start, End: start + 2, Kind: "count",
		Metric: "学校", Value: value(v), Unit: "所", Raw: "12所", Sentence: "有学校12所。"}
}

func with(r output.Row, change func(*output.Row)) output.Row {
	change(&r)
	return r
}

// summary lists a result's differences as "op doc start kind [fields]".
func summary(res Result) []string {
	var out []string
	for _, d := range res.Differences {
		s := string(d.Op) + " " + d.Key.Doc + " " + itoa(d.Key.Start) + " " + d.Key.Kind
		if d.Fields != nil {
			s += " " + strings.Join(d.Fields, ",")
		}
		out = append(out, s)
	}
	return out
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestCompare(t *testing.T) {
	a0, a5, b0 := row("a.txt", 0, 12), row("a.txt", 5, 3), row("b.txt", 0, 7)
	tests := []struct {
		name     string
		old, new []output.Row
		want     []string
		total    Counts
	}{
		{
			name:  "same rows in another order",
			old:   []output.Row{a0, a5, b0},
			new:   []output.Row{b0, a5, a0},
			total: Counts{OldRows: 3, NewRows: 3},
		},
		{
			name:  "both empty",
			total: Counts{},
		},
		{
			name:  "added and removed, sorted by doc and start",
			old:   []output.Row{b0, a5},
			new:   []output.Row{a0, a5},
			want:  []string{"added a.txt 0 count", "removed b.txt 0 count"},
			total: Counts{OldRows: 2, NewRows: 2, Added: 1, Removed: 1},
		},
		{
			name: "every compared field",
			old:  []output.Row{a0},
			new: []output.Row{with(a0, func(r *output.Row) {
				r.Metric, r.Canonical, r.Value, r.Unit = "学校数", "学校", value(13), "个"
				r.Qualifier, r.Masked, r.Raw, r.Sentence, r.Line = "approx", true, "13个", "", 2
			})},
			want:  []string{"changed a.txt 0 count metric,canonical,value,unit,qualifier,masked,raw,sentence,line"},
			total: Counts{OldRows: 1, NewRows: 1, Changed: 1},
		},
		{
			name:  "value present and missing",
			old:   []output.Row{a0},
			new:   []output.Row{with(a0, func(r *output.Row) { r.Value = nil })},
			want:  []string{"changed a.txt 0 count value"},
			total: Counts{OldRows: 1, NewRows: 1, Changed: 1},
		},
		{
			name:  "a different kind is another row",
			old:   []output.Row{a0},
			new:   []output.Row{with(a0, func(r *output.Row) { r.Kind = "measure" })},
			want:  []string{"removed a.txt 0 count", "added a.txt 0 measure"},
			total: Counts{OldRows: 1, NewRows: 1, Added: 1, Removed: 1},
		},
		{
			name:  "a different end is another row",
			old:   []output.Row{a0},
			new:   []output.Row{with(a0, func(r *output.Row) { r.End++ })},
			want:  []string{"removed a.txt 0 count", "added a.txt 0 count"},
			total: Counts{OldRows: 1, NewRows: 1, Added: 1, Removed: 1},
		},
		{
			name: "documents pair by base name",
			old:  []output.Row{with(a0, func(r *output.Row) { r.Doc = "old/run/a.txt" })},
			new: []output.Row{
				with(a0, func(r *output.Row) { r.Doc = `C:\reports\a.txt` }),
				with(a5, func(r *output.Row) { r.Doc = "new/a.txt" }),
			},
			want:  []string{"added a.txt 5 count"},
			total: Counts{OldRows: 1, NewRows: 2, Added: 1},
		},
		{
			name: "formula escapes are ignored",
			old: []output.Row{with(a0, func(r *output.Row) {
				r.Raw, r.Sentence, r.Metric, r.Doc = "'-5%", "'=SUM(1)", "'@x", "'-in.txt"
			})},
			new: []output.Row{with(a0, func(r *output.Row) {
				r.Raw, r.Sentence, r.Metric, r.Doc = "-5%", "=SUM(1)", "@x", "-in.txt"
			})},
			total: Counts{OldRows: 1, NewRows: 1},
		},
		{
			name:  "a quote before other text is kept",
			old:   []output.Row{with(a0, func(r *output.Row) { r.Raw = "'12所" })},
			new:   []output.Row{a0},
			want:  []string{"changed a.txt 0 count raw"},
			total: Counts{OldRows: 1, NewRows: 1, Changed: 1},
		},
		{
			name: "duplicate keys pair in order, the rest added",
			old:  []output.Row{a0, with(a0, func(r *output.Row) { r.Metric = "二" })},
			new: []output.Row{
				a0,
				with(a0, func(r *output.Row) { r.Metric = "三" }),
				with(a0, func(r *output.Row) { r.Metric = "四" }),
			},
			want:  []string{"changed a.txt 0 count metric", "added a.txt 0 count"},
			total: Counts{OldRows: 2, NewRows: 3, Added: 1, Changed: 1},
		},
		{
			name: "duplicate keys pair in order, the rest removed",
			old: []output.Row{
				with(a0, func(r *output.Row) { r.Line = 1 }),
				with(a0, func(r *output.Row) { r.Line = 2 }),
			},
			new:   []output.Row{with(a0, func(r *output.Row) { r.Line = 2 })},
			want:  []string{"changed a.txt 0 count line", "removed a.txt 0 count"},
			total: Counts{OldRows: 2, NewRows: 1, Removed: 1, Changed: 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Compare(tc.old, tc.new)
			if got := summary(res); !slices.Equal(got, tc.want) {
				t.Errorf("differences\n got  %q\n want %q", got, tc.want)
			}
			if res.Total != tc.total {
				t.Errorf("total %+v, want %+v", res.Total, tc.total)
			}
			if res.Equal() != (tc.want == nil) {
				t.Errorf("Equal() = %v with %d differences", res.Equal(), len(tc.want))
			}
		})
	}
}

func TestCompareDocumentCounts(t *testing.T) {
	res := Compare(readRows(t, "old.jsonl"), readRows(t, "new.jsonl"))
	want := []Counts{
		{Doc: "a.txt", OldRows: 4, NewRows: 4, Changed: 1},
		{Doc: "b.txt", OldRows: 3, NewRows: 3, Added: 1, Removed: 1, Changed: 1},
		{Doc: "c.txt", OldRows: 1, NewRows: 1},
		{Doc: "d.txt", OldRows: 0, NewRows: 1, Added: 1},
	}
	if !slices.Equal(res.Docs, want) {
		t.Errorf("documents\n got  %+v\n want %+v", res.Docs, want)
	}
	if res.DiffersIn() != 3 {
		t.Errorf("DiffersIn() = %d, want 3", res.DiffersIn())
	}
}

// TestFormatsCompareEqual writes the same rows as CSV (formula-escaped),
// TSV and JSON Lines and compares every pair.
func TestFormatsCompareEqual(t *testing.T) {
	rows := readRows(t, "old.jsonl")
	read := map[string][]output.Row{}
	for _, format := range []string{"csv", "tsv", "jsonl"} {
		var buf bytes.Buffer
		w, err := output.New(&buf, format, output.Options{EscapeFormulas: true, Header: "en"})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.WriteRow(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if read[format], err = output.ReadRows(&buf); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
	}
	if !strings.HasPrefix(read["csv"][3].Raw, "'") {
		t.Fatalf("the CSV raw %q should be formula-escaped for this test", read["csv"][3].Raw)
	}
	for a := range read {
		for b := range read {
			if res := Compare(read[a], read[b]); !res.Equal() {
				t.Errorf("%s and %s differ: %q", a, b, summary(res))
			}
		}
	}
}

func TestWrite(t *testing.T) {
	changed := Compare(readRows(t, "old.jsonl"), readRows(t, "new.jsonl"))
	equal := Compare(readRows(t, "old.jsonl"), readRows(t, "old.jsonl"))
	writers := []struct {
		ext   string
		write func(w *bytes.Buffer, r Result, limit int) error
	}{
		{"txt", func(w *bytes.Buffer, r Result, limit int) error { return WriteText(w, r, limit) }},
		{"md", func(w *bytes.Buffer, r Result, limit int) error { return WriteMarkdown(w, r, limit) }},
		{"json", func(w *bytes.Buffer, r Result, limit int) error { return WriteJSON(w, r, limit) }},
	}
	cases := []struct {
		name  string
		res   Result
		limit int
	}{
		{"changed", changed, -1},
		{"changed-max2", changed, 2},
		{"equal", equal, 50},
	}
	for _, w := range writers {
		for _, tc := range cases {
			name := tc.name + "." + w.ext
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := w.write(&buf, tc.res, tc.limit); err != nil {
					t.Fatal(err)
				}
				if w.ext == "json" && !json.Valid(buf.Bytes()) {
					t.Fatalf("invalid JSON:\n%s", buf.String())
				}
				golden(t, name, buf.Bytes())
			})
		}
	}
}

func TestWriteJSONCounts(t *testing.T) {
	res := Compare(readRows(t, "old.jsonl"), readRows(t, "new.jsonl"))
	for _, limit := range []int{-1, 0, 3, 5, 9} {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, res, limit); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Equal       bool
			Total       map[string]int
			Differences []map[string]any
			Omitted     int
		}
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		listed := min(5, limit)
		if limit < 0 {
			listed = 5
		}
		if got.Equal || len(got.Differences) != listed || got.Omitted != 5-listed {
			t.Errorf("limit %d: equal %v, %d listed, %d omitted; want false, %d, %d",
				limit, got.Equal, len(got.Differences), got.Omitted, listed, 5-listed)
		}
		if got.Total["added"] != 2 || got.Total["removed"] != 1 || got.Total["changed"] != 2 {
			t.Errorf("limit %d: total %v", limit, got.Total)
		}
	}
}

func TestCodeSpan(t *testing.T) {
	tests := []struct{ in, want string }{
		{"12所", "`12所`"},
		{"", "*(empty)*"},
		{"a`b", "``a`b``"},
		{"`x``", "``` `x`` ```"},
		{" a ", "`  a  `"},
		{"line\nbreak\r\nand\rreturn", "`line break and return`"},
	}
	for _, tc := range tests {
		if got := codeSpan(tc.in); got != tc.want {
			t.Errorf("codeSpan(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := tableCell(codeSpan("a|b.txt")); got != "`a\\|b.txt`" {
		t.Errorf("tableCell = %q", got)
	}
}

func readRows(t *testing.T, name string) []output.Row {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := output.ReadRows(f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "expected", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; review and run with -update\n got:\n%s\n want:\n%s", path, got, want)
	}
}
