package output

import (
	"io"
	"reflect"
	"strings"
	"testing"
)

const csvHeader = "doc,line,start,end,kind,metric,canonical,value,unit,qualifier,masked,raw,sentence\n"

func TestReaderSniffsFormat(t *testing.T) {
	want := Row{Doc: "a.txt", Line: 1, Start: 2, End: 5, Kind: "percent", Metric: "入学率",
		Value: ptr(99.8), Unit: "%", Raw: "99.8%", Sentence: "入学率99.8%。"}
	tsvHeader := strings.ReplaceAll(csvHeader, ",", "\t")
	tests := []struct {
		name, input, format string
	}{
		{"csv", csvHeader + "a.txt,1,2,5,percent,入学率,,99.8,%,,false,99.8%,入学率99.8%。\n", "csv"},
		{"csv crlf", strings.ReplaceAll(csvHeader, "\n", "\r\n") + "a.txt,1,2,5,percent,入学率,,99.8,%,,false,99.8%,入学率99.8%。\r\n", "csv"},
		{"csv bom", utf8BOM + csvHeader + "a.txt,1,2,5,percent,入学率,,99.8,%,,false,99.8%,入学率99.8%。", "csv"},
		{"csv zh header reordered", "\uFEFF句子,文档,行号,起始,结束,类型,指标,标准指标,数值,单位,限定词,脱敏,原文,extra\n" +
			"入学率99.8%。,a.txt,1,2,5,percent,入学率,,99.8,%,,FALSE,99.8%,ignored\n", "csv"},
		{"tsv", tsvHeader + "a.txt\t1\t2\t5\tpercent\t入学率\t\t99.8\t%\t\tfalse\t99.8%\t入学率99.8%。\n\n", "tsv"},
		{"tsv bom crlf", utf8BOM + strings.ReplaceAll(tsvHeader, "\n", "\r\n") + "a.txt\t1\t2\t5\tpercent\t入学率\t\t99.8\t%\t\tfalse\t99.8%\t入学率99.8%。\r\n", "tsv"},
		{"jsonl", `{"doc":"a.txt","line":1,"start":2,"end":5,"kind":"percent","metric":"入学率","canonical":"","value":99.8,"unit":"%","qualifier":"","masked":false,"raw":"99.8%","sentence":"入学率99.8%。"}` + "\n\n", "jsonl"},
		{"jsonl bom, zh keys, nulls", utf8BOM + "  \n" + `{"文档":"a.txt","行号":1,"起始":2,"结束":5.0,"类型":"percent","指标":"入学率","标准指标":null,"数值":99.8,"单位":"%","限定词":null,"脱敏":false,"原文":"99.8%","句子":"入学率99.8%。","extra":[1]}`, "jsonl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := NewReader(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if rd.Format() != tt.format {
				t.Errorf("format %q, want %q", rd.Format(), tt.format)
			}
			rows, err := ReadRows(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || !reflect.DeepEqual(rows[0], want) {
				t.Errorf("rows %+v, want [%+v]", rows, want)
			}
		})
	}
}

func TestReaderEmptyInput(t *testing.T) {
	for _, input := range []string{"", utf8BOM, " \n\n"} {
		rd, err := NewReader(strings.NewReader(input))
		if err != nil {
			t.Fatalf("%q: %v", input, err)
		}
		if _, err := rd.Read(); err != io.EOF {
			t.Errorf("%q: Read error %v, want io.EOF", input, err)
		}
	}
	rows, err := ReadRows(strings.NewReader(csvHeader))
	if err != nil || len(rows) != 0 {
		t.Errorf("header only: %d rows, error %v", len(rows), err)
	}
}

func TestReaderKeepsFormulaQuote(t *testing.T) {
	rows, err := ReadRows(strings.NewReader(csvHeader + "'=a.txt,1,2,5,measure,m,,-1,,,false,'-1,'@x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r := rows[0]; r.Doc != "'=a.txt" || r.Raw != "'-1" || r.Sentence != "'@x" || *r.Value != -1 {
		t.Errorf("row %+v: quotes must stay and the value be -1", r)
	}
}

func TestReaderErrors(t *testing.T) {
	row := "a.txt,1,2,5,percent,m,,99.8,%,,false,99.8%,s\n"
	tsvHeader := strings.ReplaceAll(csvHeader, ",", "\t")
	tsvRow := strings.ReplaceAll(row, ",", "\t")
	jsonRow := `{"doc":"a","line":1,"start":2,"end":5,"kind":"count","metric":"m","canonical":"","value":1,"unit":"","qualifier":"","masked":false,"raw":"1","sentence":"s"}` + "\n"
	tests := []struct {
		name, input string
		want        []string // parts of the error message
	}{
		{"csv missing column", "doc,line,start,end,kind\n", []string{"line 1", "metric", "sentence"}},
		{"csv duplicate column", strings.TrimSuffix(csvHeader, "\n") + ",文档\n", []string{"line 1", `"doc"`, "twice"}},
		{"csv bad integer", csvHeader + row + "a.txt,x,2,5,percent,m,,99.8,%,,false,99.8%,s\n", []string{"line 3", "column line", `"x"`}},
		{"csv bad value", csvHeader + row + row + "a.txt,1,2,5,percent,m,,9,9,%,,false,99.8%,s\n", []string{"line 4"}},
		{"csv bad number", csvHeader + "a.txt,1,2,5,percent,m,,abc,%,,false,99.8%,s\n", []string{"line 2", "column value", `"abc"`}},
		{"csv NaN", csvHeader + "a.txt,1,2,5,percent,m,,NaN,%,,false,99.8%,s\n", []string{"line 2", "column value"}},
		{"csv bad bool", csvHeader + "a.txt,1,2,5,percent,m,,1,%,,maybe,99.8%,s\n", []string{"line 2", "column masked"}},
		{"csv bad quote", csvHeader + "a.txt,1,2,5,percent,m,,1,%,,false,9\"9,s\n", []string{"line 2"}},
		{"csv error after multiline field", csvHeader + "a.txt,1,2,5,percent,m,,1,%,,false,9,\"s\nt\"\n" + "a.txt,1,2,5,percent,m,,1,%,,false,x,s,extra\n", []string{"line 4"}},
		{"tsv wrong field count", tsvHeader + tsvRow + "a\t1\n", []string{"tsv line 3", "2 fields", "13"}},
		{"tsv bad end", tsvHeader + strings.Replace(tsvRow, "\t5\t", "\t5.5\t", 1), []string{"tsv line 2", "column end"}},
		{"jsonl bad json", jsonRow + "{\"doc\":\n", []string{"jsonl line 2"}},
		{"jsonl missing key", jsonRow + `{"doc":"a"}` + "\n", []string{"jsonl line 2", "lacks", "sentence"}},
		{"jsonl string line", jsonRow + strings.Replace(jsonRow, `"line":1`, `"line":"one"`, 1), []string{"jsonl line 2", "column line"}},
		{"jsonl fractional start", strings.Replace(jsonRow, `"start":2`, `"start":2.5`, 1), []string{"jsonl line 1", "column start"}},
		{"jsonl string value", strings.Replace(jsonRow, `"value":1`, `"value":"1"`, 1), []string{"jsonl line 1", "column value"}},
		{"jsonl number masked", strings.Replace(jsonRow, `"masked":false`, `"masked":0`, 1), []string{"jsonl line 1", "column masked"}},
		{"jsonl number doc", strings.Replace(jsonRow, `"doc":"a"`, `"doc":7`, 1), []string{"jsonl line 1", "column doc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRows(strings.NewReader(tt.input))
			if err == nil {
				t.Fatal("no error")
			}
			for _, part := range tt.want {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not mention %q", err, part)
				}
			}
		})
	}
}
