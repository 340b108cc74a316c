package output

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func cellValue(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// isNumberCell reports whether cell holds a number (no type, or "n").
func isNumberCell(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) && cellValue(t, f, sheet, cell) != ""
}

func sampleDocs() []DocInfo {
	return []DocInfo{
		{Doc: "reports/2023 年报.txt", Bytes: 2048, Encoding: "gb18030", Script: "simplified", Rows: 3},
		{Doc: "gwr1957.txt", Bytes: 99999, Encoding: "utf-8", Script: "traditional", Converted: true, Rows: 4},
		{Doc: "=broken.txt", Bytes: 10, Encoding: "utf-8", Script: "none", Error: "invalid UTF-8"},
	}
}

func TestXLSXWorkbook(t *testing.T) {
	data := writeAll(t, "xlsx", Options{EscapeFormulas: true}, sampleRows(), sampleDocs())
	f := openXLSX(t, data)
	defer f.Close()

	if got, want := f.GetSheetList(), []string{"metrics", "programs", "documents", "summary"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want 0 (metrics)", f.GetActiveSheetIndex())
	}

	// Every sheet: bold, frozen header and an autofilter over its rows.
	filters := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
	wantFilters := map[string]string{
		"metrics":   "'metrics'!$A$1:$N$7",
		"programs":  "'programs'!$A$1:$N$2",
		"documents": "'documents'!$A$1:$G$4",
		"summary":   "'summary'!$A$1:$G$4",
	}
	if !reflect.DeepEqual(filters, wantFilters) {
		t.Errorf("autofilters %q, want %q", filters, wantFilters)
	}
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
			t.Errorf("%s panes %+v, want the first row frozen", sheet, panes)
		}
		styleID, err := f.GetCellStyle(sheet, "A1")
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(styleID)
		if err != nil {
			t.Fatal(err)
		}
		if style.Font == nil || !style.Font.Bold {
			t.Errorf("%s header is not bold", sheet)
		}
	}
	if w, _ := f.GetColWidth("metrics", "M"); w != 80 {
		t.Errorf("sentence column width %v, want 80", w)
	}

	rows, err := f.GetRows("metrics")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], Columns) {
		t.Errorf("metrics header %q, want %q", rows[0], Columns)
	}
	for i, row := range rows[1:] {
		if row[4] == "program" {
			t.Errorf("metrics row %d is a program", i+2)
		}
	}
	// Row 2 is the first sample row; row 5 the negative measure.
	for _, cell := range []string{"B2", "C2", "D2", "H2", "H5"} {
		if !isNumberCell(t, f, "metrics", cell) {
			t.Errorf("metrics %s is not a number", cell)
		}
	}
	checks := []struct{ sheet, cell, want string }{
		{"metrics", "H2", "12000"},
		{"metrics", "H3", "99.8"},
		{"metrics", "H4", ""}, // masked: no value
		{"metrics", "K4", "1"},
		{"metrics", "H5", "17700000000"},
		{"metrics", "H6", "-3.5"},
		{"metrics", "L6", "'-3.5℃"},
		{"metrics", "M3", "他说：\"入学率达99.8%\"，较上年提高,\n见附表\t一。"},
		{"programs", "A2", "gwr1957.txt"},
		{"programs", "E2", "program"},
		{"programs", "F2", "“双减”工作"},
		{"programs", "H2", ""},
		{"documents", "A4", "'=broken.txt"},
		{"documents", "B3", "99999"},
		{"documents", "E3", "1"},
		{"documents", "F3", "4"},
		{"documents", "G4", "invalid UTF-8"},
		{"summary", "A2", "reports/2023 年报.txt"},
		{"summary", "A4", "'=broken.txt"},
	}
	for _, c := range checks {
		if got := cellValue(t, f, c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	for _, cell := range []string{"B3", "F3"} {
		if !isNumberCell(t, f, "documents", cell) {
			t.Errorf("documents %s is not a number", cell)
		}
	}

	summary, err := f.GetRows("summary")
	if err != nil {
		t.Fatal(err)
	}
	wantSummary := [][]string{
		{"doc", "count", "percent", "money", "measure", "program", "total"},
		{"reports/2023 年报.txt", "1", "1", "1", "0", "0", "3"},
		{"gwr1957.txt", "0", "1", "1", "1", "1", "4"},
		{"'=broken.txt", "0", "0", "0", "0", "0", "0"},
	}
	if !reflect.DeepEqual(summary, wantSummary) {
		t.Errorf("summary %q, want %q", summary, wantSummary)
	}
	if !isNumberCell(t, f, "summary", "G3") {
		t.Error("summary total is not a number")
	}
}

func TestXLSXChineseHeader(t *testing.T) {
	f := openXLSX(t, writeAll(t, "xlsx", Options{Header: "zh"}, sampleRows(), sampleDocs()))
	defer f.Close()
	for sheet, want := range map[string]string{"metrics": "文档", "documents": "文档", "summary": "文档"} {
		if got := cellValue(t, f, sheet, "A1"); got != want {
			t.Errorf("%s!A1 = %q, want %q", sheet, got, want)
		}
	}
	if got := cellValue(t, f, "summary", "G1"); got != "合计" {
		t.Errorf("summary!G1 = %q, want 合计", got)
	}
}

func TestXLSXEmpty(t *testing.T) {
	f := openXLSX(t, writeAll(t, "xlsx", Options{}, nil, nil))
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"metrics", "programs", "documents", "summary"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	rows, _ := f.GetRows("metrics")
	if len(rows) != 1 {
		t.Errorf("metrics has %d rows, want the header only", len(rows))
	}
}

func TestXLSXSheetSplit(t *testing.T) {
	defer func(old int) { maxSheetRows = old }(maxSheetRows)
	maxSheetRows = 3

	var rows []Row
	for i := range 7 {
		rows = append(rows, Row{Doc: "a.txt", Line: i + 1, Kind: "count", Value: ptr(float64(i))})
	}
	for i := range 4 {
		rows = append(rows, Row{Doc: "a.txt", Line: 100 + i, Kind: "program", Metric: fmt.Sprint("p", i)})
	}
	f := openXLSX(t, writeAll(t, "xlsx", Options{}, rows, nil))
	defer f.Close()

	want := []string{"metrics", "metrics_2", "metrics_3", "programs", "programs_2", "documents", "summary"}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	wantLines := map[string][]string{
		"metrics":    {"1", "2", "3"},
		"metrics_2":  {"4", "5", "6"},
		"metrics_3":  {"7"},
		"programs":   {"100", "101", "102"},
		"programs_2": {"103"},
	}
	filters := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
	for sheet, lines := range wantLines {
		got, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[0], Columns) {
			t.Errorf("%s header %q", sheet, got[0])
		}
		var gotLines []string
		for _, r := range got[1:] {
			gotLines = append(gotLines, r[1])
		}
		if !reflect.DeepEqual(gotLines, lines) {
			t.Errorf("%s lines %q, want %q", sheet, gotLines, lines)
		}
		wantFilter := fmt.Sprintf("'%s'!$A$1:$N$%d", sheet, len(lines)+1)
		if filters[sheet] != wantFilter {
			t.Errorf("%s autofilter %q, want %q", sheet, filters[sheet], wantFilter)
		}
		if panes, _ := f.GetPanes(sheet); !panes.Freeze {
			t.Errorf("%s header not frozen", sheet)
		}
	}
	summary, _ := f.GetRows("summary")
	if want := []string{"a.txt", "7", "0", "0", "0", "4", "11"}; !reflect.DeepEqual(summary[1], want) {
		t.Errorf("summary %q, want %q", summary[1], want)
	}
}

func utf16Units(s string) int { return len(utf16.Encode([]rune(s))) }

func TestTruncateCell(t *testing.T) {
	limit := maxCellChars
	tests := []struct {
		name string
		in   string
		cut  bool
	}{
		{"short", "短文本", false},
		{"at limit", strings.Repeat("a", limit), false},
		{"at limit in Chinese", strings.Repeat("字", limit), false},
		{"one over", strings.Repeat("a", limit+1), true},
		{"Chinese over", strings.Repeat("字", limit+5), true},
		{"astral at the cut", strings.Repeat("a", limit-utf16Units(truncatedMarker)-1) + strings.Repeat("𠀀", 10), true},
		{"astral at limit", strings.Repeat("𠀀", limit/2), false},
	}
	for _, tt := range tests {
		got := truncateCell(tt.in)
		if n := utf16Units(got); n > limit {
			t.Errorf("%s: %d UTF-16 units, over %d", tt.name, n, limit)
		}
		if cut := got != tt.in; cut != tt.cut {
			t.Errorf("%s: cut = %v, want %v", tt.name, cut, tt.cut)
		}
		if tt.cut {
			if !strings.HasSuffix(got, truncatedMarker) || !strings.HasPrefix(tt.in, strings.TrimSuffix(got, truncatedMarker)) {
				t.Errorf("%s: %q…%q is not a marked prefix", tt.name, got[:10], got[len(got)-20:])
			}
			if strings.ContainsRune(got, '\uFFFD') {
				t.Errorf("%s: cut split a character", tt.name)
			}
		}
	}
}

func TestXLSXTruncatesLongCells(t *testing.T) {
	long := strings.Repeat("句", 40000)
	f := openXLSX(t, writeAll(t, "xlsx", Options{}, []Row{{Doc: "a", Kind: "count", Sentence: long}}, nil))
	defer f.Close()
	got := cellValue(t, f, "metrics", "M2")
	if utf16Units(got) > maxCellChars || !strings.HasSuffix(got, truncatedMarker) || !strings.HasPrefix(got, "句句句") {
		t.Errorf("long cell not truncated with marker: %d units, ends %q", utf16Units(got), got[len(got)-30:])
	}
}

// TestXLSXColumnsInOrder checks the raw sheet XML: Excel reports a broken
// file when <col> elements are not in column order.
func TestXLSXColumnsInOrder(t *testing.T) {
	data := writeAll(t, "xlsx", Options{}, sampleRows(), nil)
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	colMin := regexp.MustCompile(`<col min="(\d+)"`)
	sheets := 0
	for _, file := range z.File {
		if !strings.HasPrefix(file.Name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		rc, err := file.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		last := 0
		for _, m := range colMin.FindAllSubmatch(xml, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n <= last {
				t.Errorf("%s: <col min=%d> after <col min=%d>", file.Name, n, last)
			}
			last = n
		}
		if last == 0 {
			t.Errorf("%s has no column widths", file.Name)
		}
	}
	if sheets != 4 {
		t.Errorf("%d worksheets, want 4", sheets)
	}
}

// TestXLSXDeterministic writes the same rows twice, with sheets split so
// that excelize has several streamed parts to write in map order, and
// expects the same bytes, with no temporary file left behind.
func TestXLSXDeterministic(t *testing.T) {
	defer func(old int) { maxSheetRows = old }(maxSheetRows)
	maxSheetRows = 2
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	var rows []Row
	for i := range 9 {
		kind := "count"
		if i%3 == 0 {
			kind = "program"
		}
		rows = append(rows, Row{Doc: fmt.Sprint("d", i%2, ".txt"), Line: i + 1, Kind: kind, Metric: fmt.Sprint("m", i), Value: ptr(float64(i))})
	}
	first := writeAll(t, "xlsx", Options{}, rows, sampleDocs())
	for range 5 {
		if again := writeAll(t, "xlsx", Options{}, rows, sampleDocs()); !bytes.Equal(again, first) {
			t.Fatal("same rows gave different workbook bytes")
		}
	}
	f := openXLSX(t, first)
	defer f.Close()
	if got := len(f.GetSheetList()); got != 10 {
		t.Errorf("%d sheets, want 10", got)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("temporary file %s left behind", e.Name())
	}
}

// TestSortedZipWriter checks that members come out in name order, each
// with its content, however they were created.
func TestSortedZipWriter(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	contents := map[string]string{
		"xl/worksheets/sheet2.xml": strings.Repeat("<row/>", 5000),
		"[Content_Types].xml":      "types",
		"xl/worksheets/sheet1.xml": "",
		"docProps/app.xml":         "app",
	}
	var buf bytes.Buffer
	z := newSortedZipWriter(&buf)
	for _, name := range []string{"xl/worksheets/sheet2.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml", "docProps/app.xml"} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, contents[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if string(got) != contents[f.Name] {
			t.Errorf("%s: %d bytes, want %d", f.Name, len(got), len(contents[f.Name]))
		}
	}
	want := []string{"[Content_Types].xml", "docProps/app.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("members %q, want %q", names, want)
	}
}

// TestXLSXPrintsReadably: every sheet prints landscape, one page wide,
// with its header row on every page, and masked shows TRUE or FALSE.
func TestXLSXPrintsReadably(t *testing.T) {
	f := openXLSX(t, writeAll(t, "xlsx", Options{}, sampleRows(), sampleDocs()))
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" {
			t.Errorf("%s: not landscape", sheet)
		}
		if layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.FitToHeight == nil || *layout.FitToHeight != 0 {
			t.Errorf("%s: not fitted to one page wide", sheet)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page not set (%v)", sheet, err)
		}
		if want := "'" + sheet + "'!$1:$1"; titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
	}
	// masked is column K of the metrics sheet.
	for row := 2; ; row++ {
		cell := fmt.Sprintf("K%d", row)
		v, _ := f.GetCellValue("metrics", cell)
		if v == "" {
			break
		}
		id, err := f.GetCellStyle("metrics", cell)
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(id)
		if err != nil || style.CustomNumFmt == nil || *style.CustomNumFmt != `"TRUE";"TRUE";"FALSE"` {
			t.Errorf("%s: masked has no TRUE/FALSE format (%v)", cell, err)
		}
		if typ, _ := f.GetCellType("metrics", cell); typ != excelize.CellTypeBool {
			t.Errorf("%s: masked is not a boolean cell", cell)
		}
	}
}

// TestXLSXSummaryStreams: documents go on the summary sheet as they come,
// rows before or after their document's WriteDocument, each once; one named
// again long after gets a row again, since the writer does not keep every
// name it has seen.
func TestXLSXSummaryStreams(t *testing.T) {
	var buf bytes.Buffer
	w, err := New(&buf, "xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := 3 * summaryWindow
	for i := 0; i < docs; i++ {
		doc := fmt.Sprintf("r%03d.txt", i)
		v := 1.0
		if err := w.WriteRow(Row{Doc: doc, Line: 1, Start: 0, End: 2, Kind: "count", Value: &v, Raw: "1所"}); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteDocument(DocInfo{Doc: doc, Rows: 1}); err != nil {
			t.Fatal(err)
		}
	}
	w.WriteDocument(DocInfo{Doc: "r000.txt"}) // named again
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	summary, _ := f.GetRows("summary")
	documents, _ := f.GetRows("documents")
	if len(summary) != docs+2 || len(documents) != docs+2 {
		t.Fatalf("summary has %d rows and documents %d, want %d", len(summary), len(documents), docs+2)
	}
	for i, row := range summary[1 : docs+1] {
		if want := fmt.Sprintf("r%03d.txt", i); row[0] != want || row[6] != "1" {
			t.Fatalf("summary row %d is %q, want %s with one fact", i+2, row, want)
		}
	}
	if last := summary[docs+1]; last[0] != "r000.txt" || last[6] != "0" {
		t.Errorf("last summary row %q, want r000.txt again with no facts", last)
	}
}
