package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func ptr(v float64) *float64 { return &v }

// sampleRows covers every kind, masked and nil values, large and small
// numbers, and text that needs CSV quoting or JSON care.
func sampleRows() []Row {
	return []Row{
		{Doc: "reports/2023 年报.txt", Line: 3, Start: 40, End: 45, Kind: "count",
			Metric: "在校学生", Canonical: "在校生数", Value: ptr(12000), Unit: "名",
			Qualifier: "more_than", Raw: "1.2萬余名", Sentence: "全市共有在校学生1.2万余名，比上年增加3%。"},
		{Doc: "reports/2023 年报.txt", Line: 4, Start: 61, End: 66, Kind: "percent",
			Metric: "入学率", Value: ptr(99.8), Unit: "%",
			Raw: "99.8%", Sentence: "他说：\"入学率达99.8%\"，较上年提高,\n见附表\t一。"},
		{Doc: "reports/2023 年报.txt", Line: 9, Start: 120, End: 126, Kind: "money",
			Metric: "教育经费", Canonical: "教育经费投入", Unit: "元", Masked: true,
			Raw: "xxxx万元", Sentence: "投入教育经费xxxx万元。"},
		{Doc: "gwr1957.txt", Line: 1, Start: 6, End: 13, Kind: "money",
			Metric: "工业总产值增加", Value: ptr(17700000000), Unit: "元",
			Raw: "一百七十七亿元", Sentence: "三年共增加了一百七十七亿元。"},
		{Doc: "gwr1957.txt", Line: 2, Start: 30, End: 36, Kind: "measure",
			Metric: "气温变化", Value: ptr(-3.5), Unit: "℃", Qualifier: "approx",
			Raw: "-3.5℃", Sentence: "平均气温约-3.5℃ <低于> 常年 & 往年。"},
		{Doc: "gwr1957.txt", Line: 5, Start: 80, End: 84, Kind: "percent",
			Metric: "误差", Value: ptr(0.0001), Unit: "%",
			Raw: "0.0001%", Sentence: "误差仅0.0001%。"},
		{Doc: "gwr1957.txt", Line: 7, Start: 100, End: 106, Kind: "program",
			Metric: "“双减”工作", Raw: "“双减”工作", Sentence: "深入推进“双减”工作。"},
	}
}

func writeAll(t testing.TB, format string, opts Options, rows []Row, docs []DocInfo) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(&buf, format, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range docs {
		if err := w.WriteDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		file   string
		format string
		opts   Options
	}{
		{"rows.csv", "csv", Options{EscapeFormulas: true}},
		{"rows.tsv", "tsv", Options{EscapeFormulas: true}},
		{"rows.jsonl", "jsonl", Options{EscapeFormulas: true}},
		{"rows_zh_bom.csv", "csv", Options{EscapeFormulas: true, BOM: true, Header: "zh"}},
		{"rows_zh_bom.tsv", "tsv", Options{BOM: true, Header: "zh"}},
		{"rows_bom.jsonl", "jsonl", Options{BOM: true, Header: "zh"}}, // both ignored
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := writeAll(t, tt.format, tt.opts, sampleRows(), []DocInfo{{Doc: "ignored.txt"}})
			path := filepath.Join("testdata", "golden", tt.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test -update):\n%s", path, got)
			}
		})
	}
}

func TestBOMAndHeader(t *testing.T) {
	tests := []struct {
		format     string
		opts       Options
		wantPrefix string
	}{
		{"csv", Options{}, "doc,line,start,end,kind,metric,canonical,value,unit,qualifier,masked,raw,sentence,page\n"},
		{"csv", Options{BOM: true}, "\uFEFFdoc,line,"},
		{"csv", Options{Header: "zh"}, "文档,行号,起始,结束,类型,指标,标准指标,数值,单位,限定词,脱敏,原文,句子,页码\n"},
		{"tsv", Options{}, "doc\tline\tstart\tend\tkind\tmetric\tcanonical\tvalue\tunit\tqualifier\tmasked\traw\tsentence\tpage\n"},
		{"tsv", Options{BOM: true, Header: "zh"}, "\uFEFF文档\t行号\t"},
		{"jsonl", Options{BOM: true, Header: "zh"}, `{"doc":"reports/2023 年报.txt","line":3,`},
	}
	for _, tt := range tests {
		got := string(writeAll(t, tt.format, tt.opts, sampleRows(), nil))
		if !strings.HasPrefix(got, tt.wantPrefix) {
			t.Errorf("%s %+v: output starts %q, want %q", tt.format, tt.opts, got[:min(len(got), 80)], tt.wantPrefix)
		}
		if !tt.opts.BOM || tt.format == "jsonl" {
			if strings.HasPrefix(got, utf8BOM) {
				t.Errorf("%s %+v: unexpected BOM", tt.format, tt.opts)
			}
		}
	}
}

func TestEmptyOutputHasHeader(t *testing.T) {
	for _, format := range []string{"csv", "tsv"} {
		got := string(writeAll(t, format, Options{}, nil, nil))
		if strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "doc") {
			t.Errorf("%s without rows = %q, want the header line only", format, got)
		}
	}
	if got := writeAll(t, "jsonl", Options{}, nil, nil); len(got) != 0 {
		t.Errorf("jsonl without rows = %q, want nothing", got)
	}
}

func TestEscapeFormula(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=SUM(1)", "'=SUM(1)"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@x", "'@x"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"", ""},
		{"x=1", "x=1"},
		{"1-2", "1-2"},
		{"'=already", "'=already"},
		{"１２３", "１２３"},
	}
	for _, tt := range tests {
		if got := EscapeFormula(tt.in); got != tt.want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFormulaEscapingInWriters checks that text cells are escaped in CSV,
// TSV and XLSX but never in JSON Lines, and that a negative value stays a
// plain number.
func TestFormulaEscapingInWriters(t *testing.T) {
	inputs := []string{"=SUM(1)", "+1", "-1", "@x", "\tx", "\rx", "plain"}
	for _, escape := range []bool{true, false} {
		for _, in := range inputs {
			row := Row{Doc: in, Line: 1, Start: 0, End: 2, Kind: "measure", Metric: in,
				Value: ptr(-1), Raw: in, Sentence: in}
			want := in
			if escape {
				want = EscapeFormula(in)
			}
			opts := Options{EscapeFormulas: escape}

			rec := csvRecords(t, writeAll(t, "csv", opts, []Row{row}, nil))[1]
			if rec[0] != want || rec[5] != want || rec[11] != want || rec[12] != want {
				t.Errorf("csv escape=%v %q: text fields %q, want %q", escape, in, rec, want)
			}
			if rec[7] != "-1" {
				t.Errorf("csv escape=%v: value %q, want -1", escape, rec[7])
			}

			lines := strings.Split(string(writeAll(t, "tsv", opts, []Row{row}, nil)), "\n")
			fields := strings.Split(lines[1], "\t")
			if len(fields) != len(Columns) || fields[11] != flattenTSV(want) || fields[7] != "-1" {
				t.Errorf("tsv escape=%v %q: fields %q, want raw %q and value -1", escape, in, fields, flattenTSV(want))
			}

			var obj map[string]any
			jl := writeAll(t, "jsonl", opts, []Row{row}, nil)
			if err := json.Unmarshal(jl, &obj); err != nil {
				t.Fatal(err)
			}
			if obj["raw"] != in || obj["value"] != -1.0 {
				t.Errorf("jsonl escape=%v: raw %q value %v, want %q and -1", escape, obj["raw"], obj["value"], in)
			}

			f := openXLSX(t, writeAll(t, "xlsx", opts, []Row{row}, nil))
			for _, cell := range []string{"A2", "F2", "L2", "M2"} {
				if got := cellValue(t, f, "metrics", cell); got != want {
					t.Errorf("xlsx escape=%v %s = %q, want %q", escape, cell, got, want)
				}
			}
			if got := cellValue(t, f, "metrics", "H2"); got != "-1" || !isNumberCell(t, f, "metrics", "H2") {
				t.Errorf("xlsx escape=%v value cell %q, want the number -1", escape, got)
			}
			f.Close()
		}
	}
}

func csvRecords(t *testing.T, data []byte) [][]string {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return records
}

func TestValueFormatting(t *testing.T) {
	tests := []struct {
		value     *float64
		csv, json string
	}{
		{nil, "", "null"},
		{ptr(12000), "12000", "12000"},
		{ptr(1e21), "1000000000000000000000", "1000000000000000000000"},
		{ptr(0.0000001), "0.0000001", "0.0000001"},
		{ptr(99.8), "99.8", "99.8"},
		{ptr(-3), "-3", "-3"},
	}
	for _, tt := range tests {
		row := Row{Doc: "d", Kind: "count", Value: tt.value}
		rec := csvRecords(t, writeAll(t, "csv", Options{}, []Row{row}, nil))[1]
		if rec[7] != tt.csv {
			t.Errorf("csv value = %q, want %q", rec[7], tt.csv)
		}
		jl := string(writeAll(t, "jsonl", Options{}, []Row{row}, nil))
		if !strings.Contains(jl, `"value":`+tt.json+`,`) {
			t.Errorf("jsonl = %s, want value %s", jl, tt.json)
		}
	}
}

func TestNonFiniteValueIsAnError(t *testing.T) {
	inf := math.Inf(1)
	for _, format := range Formats {
		w, err := New(&bytes.Buffer{}, format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRow(Row{Doc: "d", Value: &inf}); err == nil {
			t.Errorf("%s accepted an infinite value", format)
		}
		w.Close()
	}
}

func TestRoundTrip(t *testing.T) {
	for _, format := range []string{"csv", "tsv", "jsonl"} {
		for _, opts := range []Options{{}, {BOM: true, Header: "zh"}} {
			data := writeAll(t, format, opts, sampleRows(), nil)
			got, err := ReadRows(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s %+v: %v", format, opts, err)
			}
			want := sampleRows()
			if format == "tsv" {
				for i := range want {
					want[i].Sentence = flattenTSV(want[i].Sentence)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %+v round trip:\n got %+v\nwant %+v", format, opts, got, want)
			}
		}
	}
}

func TestFormatFromPath(t *testing.T) {
	tests := []struct {
		path, want, errPart string
	}{
		{"out.csv", "csv", ""},
		{"dir.v2/OUT.CSV", "csv", ""},
		{"a.tsv", "tsv", ""},
		{"a.jsonl", "jsonl", ""},
		{"a.ndjson", "jsonl", ""},
		{"a.xlsx", "xlsx", ""},
		{"a.Parquet", "parquet", ""},
		{"review.html", "html", ""},
		{"review.HTM", "html", ""},
		{"a.txt", "", `".txt"`},
		{"a.xls", "", `".xls"`},
		{"noext", "", "no extension"},
	}
	for _, tt := range tests {
		got, err := FormatFromPath(tt.path)
		if got != tt.want {
			t.Errorf("FormatFromPath(%q) = %q, want %q", tt.path, got, tt.want)
		}
		if (err != nil) != (tt.errPart != "") || (err != nil && !strings.Contains(err.Error(), tt.errPart)) {
			t.Errorf("FormatFromPath(%q) error %v, want one naming %s", tt.path, err, tt.errPart)
		}
	}
}

func TestNewRejectsBadArguments(t *testing.T) {
	if _, err := New(&bytes.Buffer{}, "xls", Options{}); err == nil {
		t.Error("New accepted format xls")
	}
	if _, err := New(&bytes.Buffer{}, "csv", Options{Header: "fr"}); err == nil {
		t.Error("New accepted header language fr")
	}
}

func TestChineseNamesCoverEveryColumn(t *testing.T) {
	seen := map[string]string{}
	for _, cols := range [][]string{Columns, documentColumns, summaryColumns} {
		for _, c := range cols {
			zh := chineseNames[c]
			if zh == "" {
				t.Errorf("column %q has no Chinese name", c)
			}
			if other, ok := seen[zh]; ok && other != c {
				t.Errorf("Chinese name %q used for %q and %q", zh, other, c)
			}
			seen[zh] = c
		}
	}
}

func TestCloseTwiceAndWriteAfterClose(t *testing.T) {
	for _, format := range Formats {
		w, err := New(&bytes.Buffer{}, format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("%s: second Close: %v", format, err)
		}
	}
	for _, format := range []string{"xlsx", "parquet"} {
		w, _ := New(&bytes.Buffer{}, format, Options{})
		w.Close()
		if err := w.WriteRow(sampleRows()[0]); err == nil {
			t.Errorf("%s: WriteRow after Close succeeded", format)
		}
	}
}
