package output

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// referenceCSV writes rows with encoding/csv, the writer csvWriter must
// match byte for byte.
func referenceCSV(t *testing.T, rows []Row, escape bool) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(Columns); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, r := range rows {
		fields = rowFields(fields, r, escape)
		if err := w.Write(fields); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.Bytes()
}

func writeCSV(t *testing.T, rows []Row, escape bool) []byte {
	t.Helper()
	return writeAll(t, "csv", Options{EscapeFormulas: escape}, rows, nil)
}

func TestCSVMatchesEncodingCSV(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	tests := []struct {
		name string
		row  Row
	}{
		{"plain", Row{Doc: "a.txt", Line: 3, Start: 10, End: 14, Kind: "count", Metric: "学校", Value: v(12), Unit: "所", Raw: "12所", Sentence: "全市共有学校12所。"}},
		{"no value", Row{Doc: "a.txt", Kind: "program", Raw: "“双减”", Sentence: "落实“双减”", Masked: true}},
		{"quotes and commas", Row{Doc: `my "doc", 1.txt`, Metric: `a,b`, Raw: `"x"`, Sentence: `he said "5,000"`}},
		{"line breaks", Row{Doc: "a\r\nb", Metric: "x\ny", Sentence: "\r"}},
		{"leading space", Row{Doc: " a", Metric: "\tb", Unit: "\u3000c", Sentence: "\u00a0d"}},
		{"backslash dot", Row{Doc: `\.`, Metric: `\.x`}},
		{"formula", Row{Doc: "=1+1", Metric: "-5", Raw: "+3", Sentence: "@x", Kind: "-"}},
		{"big and small values", Row{Value: v(1.5e21), Unit: "元"}},
		{"negative", Row{Value: v(-0.25), Line: -1}},
	}
	for _, tt := range tests {
		for _, escape := range []bool{false, true} {
			got := writeCSV(t, []Row{tt.row, tt.row}, escape)
			want := referenceCSV(t, []Row{tt.row, tt.row}, escape)
			if !bytes.Equal(got, want) {
				t.Errorf("%s (escape %v):\ngot  %q\nwant %q", tt.name, escape, got, want)
			}
		}
	}
}

func FuzzCSVMatchesEncodingCSV(f *testing.F) {
	f.Add("a.txt", "学校", "12所", "全市,\"共有\"\n学校", 12.5, true)
	f.Add(" ", `\.`, "\r", "=x", -1.0, false)
	f.Fuzz(func(t *testing.T, doc, metric, raw, sentence string, value float64, escape bool) {
		r := Row{Doc: doc, Line: 1, Start: 2, End: 3, Kind: "count", Metric: metric, Canonical: metric,
			Unit: raw, Qualifier: doc, Raw: raw, Sentence: sentence}
		if checkRow(Row{Value: &value}) == nil {
			r.Value = &value
		}
		got := writeCSV(t, []Row{r}, escape)
		want := referenceCSV(t, []Row{r}, escape)
		if !bytes.Equal(got, want) {
			t.Fatalf("got  %q\nwant %q", got, want)
		}
	})
}
