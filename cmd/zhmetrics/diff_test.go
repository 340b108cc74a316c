package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/output"
)

// Fixtures from the repository root: diffOld and diffNew differ by two
// rows added, one removed and two changed, in three of four documents.
const (
	diffOld = "rowdiff/testdata/old.jsonl"
	diffNew = "rowdiff/testdata/new.jsonl"
)

// writeRowsAs writes the rows of a JSON Lines fixture to dir in format,
// as extract would (formulas escaped in CSV and TSV), and returns the path.
func writeRowsAs(t *testing.T, fixture, dir, format string) string {
	t.Helper()
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := output.ReadRows(f)
	if err != nil {
		t.Fatal(err)
	}
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
	path := filepath.Join(dir, strings.TrimSuffix(filepath.Base(fixture), ".jsonl")+"."+format)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDiffEqual(t *testing.T) {
	toRepoRoot(t)
	dir := t.TempDir()
	csvPath := writeRowsAs(t, diffOld, dir, "csv")
	tsvPath := writeRowsAs(t, diffOld, dir, "tsv")
	tests := []struct {
		name     string
		old, new string
		format   string
		want     string
	}{
		{"same file", diffOld, diffOld, "text", "no differences: 8 rows in 3 documents\n"},
		{"csv and jsonl", csvPath, diffOld, "text", "no differences: 8 rows in 3 documents\n"},
		{"jsonl and tsv", diffOld, tsvPath, "text", "no differences: 8 rows in 3 documents\n"},
		{"csv and tsv, markdown", csvPath, tsvPath, "markdown", "**zhmetrics diff:** no differences: 8 rows in 3 documents.\n"},
		{"bundled golden csv and jsonl", "testdata/golden/corpus.csv", "testdata/golden/corpus.jsonl", "text", "no differences: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", "diff", tc.old, tc.new, "--format", tc.format)
			if code != 0 {
				t.Fatalf("exit %d, want 0; stderr: %s\n%s", code, stderr, stdout)
			}
			if !strings.HasPrefix(stdout, tc.want) || stderr != "" {
				t.Errorf("stdout %q, stderr %q; want %q", stdout, stderr, tc.want)
			}
		})
	}
	code, stdout, _ := runCLI(t, "", "diff", csvPath, diffOld, "--format", "json")
	var res struct{ Equal bool }
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != 0 || !res.Equal {
		t.Errorf("json: exit %d, equal %v, %v", code, res.Equal, err)
	}
}

func TestDiffChanged(t *testing.T) {
	toRepoRoot(t)
	dir := t.TempDir()
	oldCSV := writeRowsAs(t, diffOld, dir, "csv")
	newTSV := writeRowsAs(t, diffNew, dir, "tsv")
	oldData, err := os.ReadFile(diffOld)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  []string // lines or fragments of the output, in order
	}{
		{
			name: "text",
			args: []string{diffOld, diffNew},
			want: []string{
				"2 rows added, 1 removed, 2 changed in 3 of 4 documents (8 rows before, 9 after)\n",
				"      0        0        1       4       4  a.txt\n",
				"      2        1        2       8       9  total\n",
				"~ a.txt 20-24 money: raw \"100万元\"\n    metric: \"投入\" → \"投入资金\"\n    value: 1000000 → 1200000\n",
				"- b.txt 5-9 program: raw \"“双减”\", metric \"双减\"\n",
				"~ b.txt 12-14 count: raw \"3个\"\n    value: 3 → 4\n",
				"+ b.txt 12-14 count: raw \"3个\", metric \"项目\", value 3, unit \"个\"\n",
				"+ d.txt 0-5 measure:",
			},
		},
		{
			name: "text, CSV against TSV, capped",
			args: []string{oldCSV, newTSV, "--max", "1"},
			want: []string{"2 rows added, 1 removed, 2 changed", "~ a.txt 20-24 money", "(4 more differences not listed)\n"},
		},
		{
			name:  "markdown, old on stdin",
			stdin: string(oldData),
			args:  []string{"-", newTSV, "--format", "markdown"},
			want: []string{
				"**zhmetrics diff:** 2 rows added, 1 removed, 2 changed",
				"| `a.txt` | 0 | 0 | 1 | 4 | 4 |\n",
				"| **total** | **2** | **1** | **2** | **8** | **9** |\n",
				"<summary>5 differing rows</summary>",
				"- **changed** `a.txt` 20–24 money: raw `100万元`; metric `投入` → `投入资金`; value `1000000` → `1200000`; qualifier `approx` → *(empty)*\n",
				"- **removed** `b.txt` 5–9 program",
				"- **added** `d.txt` 0–5 measure",
				"</details>\n",
			},
		},
		{
			name: "markdown, capped",
			args: []string{diffOld, diffNew, "--format", "markdown", "--max", "2"},
			want: []string{"5 differing rows (the first 2 listed)", "_3 more differences not listed._"},
		},
		{
			name: "json",
			args: []string{diffOld, diffNew, "--format", "json"},
			want: []string{`"equal": false`, `"added": 2`, `"removed": 1`, `"changed": 2`,
				`"op": "changed"`, `"field": "value"`, `"old": 1000000`, `"new": 1200000`,
				`"op": "removed"`, `"op": "added"`, `"omitted": 0`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.stdin, append([]string{"diff"}, tc.args...)...)
			if code != 1 {
				t.Errorf("exit %d, want 1; stderr: %s", code, stderr)
			}
			if stderr != "" {
				t.Errorf("unexpected stderr %q", stderr)
			}
			rest := stdout
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q after the earlier parts:\n%s", w, stdout)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

// TestDiffJSONIsComplete checks the JSON report against itself: every
// difference listed, counts adding up.
func TestDiffJSONIsComplete(t *testing.T) {
	toRepoRoot(t)
	code, stdout, stderr := runCLI(t, "", "diff", diffOld, diffNew, "--format", "json", "--max", "-1")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Total       map[string]int
		Documents   []map[string]any
		Differences []struct {
			Op, Doc string
			Start   int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Differences {
		got = append(got, d.Op+" "+d.Doc)
	}
	want := "changed a.txt,removed b.txt,changed b.txt,added b.txt,added d.txt"
	if strings.Join(got, ",") != want {
		t.Errorf("differences %q, want %q", strings.Join(got, ","), want)
	}
	if len(res.Documents) != 4 || res.Total["old_rows"] != 8 || res.Total["new_rows"] != 9 {
		t.Errorf("documents %d, total %v", len(res.Documents), res.Total)
	}
}

func TestDiffErrors(t *testing.T) {
	toRepoRoot(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	header := strings.Join(output.Columns, ",") + "\n"
	good := "a.txt,1,0,2,count,学校,,12,所,,false,12所,有学校12所。,\n"
	badCSV := write("bad.csv", header+good+"a.txt,1,x,2,count,学校,,12,所,,false,12所,有学校12所。,\n")
	badJSONL := write("bad.jsonl", `{"doc": "a.txt"}`+"\n")
	noHeader := write("noheader.csv", "doc,start\n")
	missing := filepath.Join(dir, "missing.csv")
	xlsx := write("rows.xlsx", "PK")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unreadable old", []string{missing, diffNew}, []string{missing}},
		{"unreadable new", []string{diffOld, missing}, []string{missing}},
		{"malformed csv row", []string{diffOld, badCSV}, []string{badCSV, "line 3", "start"}},
		{"malformed jsonl row", []string{badJSONL, diffNew}, []string{badJSONL, "line 1"}},
		{"header lacks columns", []string{noHeader, diffNew}, []string{noHeader, "line 1", "kind"}},
		{"spreadsheet", []string{xlsx, diffNew}, []string{xlsx, "xlsx"}},
		{"both on stdin", []string{"-", "-"}, []string{"standard input"}},
		{"unknown format", []string{diffOld, diffNew, "--format", "yaml"}, []string{`"yaml"`}},
		{"one argument", []string{diffOld}, []string{"2 arg"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", append([]string{"diff"}, tc.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("unexpected output %q", stdout)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
		})
	}
}
