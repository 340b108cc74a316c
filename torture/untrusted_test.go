//go:build torture

package torture

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
	"github.com/zhmetrics/zhmetrics/output"
)

// Hostile inputs: each case is generated here, at run time, and checks the
// exit status, the stderr line, the rows found and the peak memory.

func bigRun() bool { return os.Getenv("ZHMETRICS_TORTURE_BIG") == "1" }

// hostileCase is one run on generated input.
type hostileCase struct {
	name   string
	args   []string
	code   int               // exit status wanted
	stderr map[string]string // file name → reason, as expectStderr checks
	rows   int               // rows wanted in the JSON Lines output file out; -1: not checked
	out    string            // the -o file, when rows are counted
}

func (c hostileCase) run(t *testing.T, dir string) runResult {
	t.Helper()
	res := run(t, runSpec{args: c.args, watch: dir, timeout: 5 * time.Minute})
	checkPeak(t, c.name, res)
	if res.code != c.code {
		t.Errorf("%s: exit status %d, want %d; stderr:\n%s", c.name, res.code, c.code, firstBytes([]byte(res.stderr)))
	}
	expectStderr(t, res, c.stderr)
	for _, line := range res.stderrLines() {
		if len(line) > 600 {
			t.Errorf("%s: stderr line of %d bytes", c.name, len(line))
		}
	}
	if c.rows >= 0 && c.out != "" && res.killed == "" {
		got := 0
		if _, err := os.Stat(c.out); err == nil {
			got = lineCount(t, c.out)
		}
		if got != c.rows {
			t.Errorf("%s: %d rows, want %d", c.name, got, c.rows)
		}
	}
	return res
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// writeDOCX writes a Word document whose document.xml body writes.
func writeDOCX(t *testing.T, path string, body func(w io.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>`, wordNS)
	body(bw)
	io.WriteString(bw, `</w:body></w:document>`)
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// repeatTo writes s to w until n bytes are written.
func repeatTo(w io.Writer, s string, n int64) {
	block := strings.Repeat(s, max(1, (64<<10)/len(s)))
	for written := int64(0); written < n; written += int64(len(block)) {
		io.WriteString(w, block)
	}
}

// factText is one line of filler (no number, unit or punctuation) and one
// count, "教师N人": a document of them gives one row per line.
func factText(i int) string {
	var b strings.Builder
	for k := 0; k < 100; k++ {
		b.WriteRune(hugeFiller[(i+k)%len(hugeFiller)])
	}
	fmt.Fprintf(&b, "教师%d人", 2200+i%90000)
	return b.String()
}

func logSize(t *testing.T, path string) {
	if info, err := os.Stat(path); err == nil {
		t.Logf("%s: %s", filepath.Base(path), mib(info.Size()))
	}
}

// TestDOCXBombs: a DOCX whose one text run inflates to 1,000 MiB, one of
// 20 M nested paragraphs, and one of many paragraphs, streamed.
func TestDOCXBombs(t *testing.T) {
	dir := t.TempDir()
	bomb := filepath.Join(dir, "bomb.docx")
	writeDOCX(t, bomb, func(w io.Writer) {
		io.WriteString(w, `<w:p><w:r><w:t>`)
		repeatTo(w, "的", 1000<<20)
		io.WriteString(w, `</w:t></w:r></w:p>`)
	})
	logSize(t, bomb)
	out := filepath.Join(dir, "rows.jsonl")
	hostileCase{name: "1,000 MiB text run", args: []string{"extract", bomb, "-o", out}, code: 1,
		stderr: map[string]string{"bomb.docx": "uncompressed"}, rows: 0, out: out}.run(t, dir)

	nested := filepath.Join(dir, "nested.docx")
	writeDOCX(t, nested, func(w io.Writer) {
		repeatTo(w, "<w:p>", 20_000_000*5)
		repeatTo(w, "</w:p>", 20_000_000*6)
	})
	logSize(t, nested)
	hostileCase{name: "20 M nested paragraphs", args: []string{"extract", nested, "-o", out}, code: 1,
		stderr: map[string]string{"nested.docx": "nested"}, rows: 0, out: out}.run(t, dir)

	paragraphs := 200_000
	dense := filepath.Join(dir, "paragraphs.docx")
	writeDOCX(t, dense, func(w io.Writer) {
		for i := 0; i < paragraphs; i++ {
			fmt.Fprintf(w, `<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>%s</w:t></w:r></w:p>`, factText(i))
		}
	})
	logSize(t, dense)
	hostileCase{name: "DOCX of 200,000 paragraphs", args: []string{"extract", dense, "-o", out}, code: 0,
		rows: paragraphs, out: out}.run(t, dir)
}

// writeRecords writes a JSON Lines file of records, each of n lines of
// factText, and returns the number of facts.
func writeRecords(t *testing.T, path string, records int, size int64) int {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	facts := 0
	for r := 0; r < records; r++ {
		fmt.Fprintf(w, `{"doc": "record %d", "text": "`, r)
		for n := int64(0); n < size; facts++ {
			line := factText(facts) + `\n`
			w.WriteString(line)
			n += int64(len(line))
		}
		w.WriteString("\"}\n")
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return facts
}

// TestLongRecords: one JSON Lines record of 300 MB, and 16 of 8 MB (20 MB
// with ZHMETRICS_TORTURE_BIG=1) with --jobs 8.
func TestLongRecords(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rows.jsonl")
	one := filepath.Join(dir, "one.jsonl")
	facts := writeRecords(t, one, 1, 300<<20)
	logSize(t, one)
	hostileCase{name: "300 MB record", args: []string{"extract", "--input-format", "jsonl", one, "-o", out},
		rows: facts, out: out}.run(t, dir)
	os.Remove(one)

	size := int64(8 << 20)
	if bigRun() {
		size = 20 << 20
	}
	many := filepath.Join(dir, "many.jsonl")
	facts = writeRecords(t, many, 16, size)
	logSize(t, many)
	hostileCase{name: "16 long records, --jobs 8", args: []string{"extract", "--input-format", "jsonl", many, "-o", out, "--jobs", "8"},
		rows: facts, out: out}.run(t, dir)
}

// TestJudgedByFirstBytes: a 1 GB .txt that starts like a zip, and a long
// .txt that starts like an HTML page.
func TestJudgedByFirstBytes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rows.jsonl")
	pk := filepath.Join(dir, "pk.txt")
	f, err := os.Create(pk)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("PK\x03\x04")
	f.Truncate(1 << 30) // sparse: made at once
	f.Close()
	hostileCase{name: "1 GB PK-prefixed .txt", args: []string{"extract", pk, "-o", out}, code: 0,
		stderr: map[string]string{"pk.txt": "skipped: binary content"}, rows: 0, out: out}.run(t, dir)

	size := int64(100 << 20)
	if bigRun() {
		size = 600 << 20
	}
	page := filepath.Join(dir, "page.txt")
	f, err = os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("<html><body>\n")
	facts := 0
	for n := int64(0); n < size; facts++ {
		line := factText(facts) + "\n"
		w.WriteString(line)
		n += int64(len(line))
	}
	w.Flush()
	f.Close()
	logSize(t, page)
	hostileCase{name: "long .txt starting with <html>", args: []string{"extract", page, "-o", out}, code: 0,
		rows: facts, out: out}.run(t, dir)
}

// rowsOf extracts rows from a small file in-process of the binary, to
// count what a document gives when no window is cut.
func rowsOf(t *testing.T, path string, extra ...string) []output.Row {
	t.Helper()
	res := run(t, runSpec{args: append([]string{"extract", "--format", "jsonl", path}, extra...), timeout: time.Minute})
	if res.code != 0 {
		t.Fatalf("%s: exit status %d: %s", path, res.code, res.stderr)
	}
	return readRows(t, res.stdout)
}

// TestFactsAtWindowCuts: a long line without punctuation, dense with facts
// of several characters (units, 个百分点, title marks and quotes), so that
// every window cut falls inside or beside one.
func TestFactsAtWindowCuts(t *testing.T) {
	dir := t.TempDir()
	const unit = "提高1个百分点面积2000平方公里实施《乡村振兴行动方案》落实“双减”"
	sample := badinput.WriteFile(t, filepath.Join(dir, "sample.txt"), []byte(strings.Repeat(unit, 100)))
	want := map[string]int{}
	for _, r := range rowsOf(t, sample) {
		want[r.Kind+" "+r.Raw]++
	}
	reps := (12 << 20) / len(unit)
	long := filepath.Join(dir, "long.txt")
	f, err := os.Create(long)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; i < reps; i++ {
		w.WriteString(unit)
	}
	w.Flush()
	f.Close()
	out := filepath.Join(dir, "rows.jsonl")
	total := 0
	for k, n := range want {
		want[k] = n / 100 * reps
		total += want[k]
	}
	hostileCase{name: "12 MB line of multi-character facts", args: []string{"extract", long, "-o", out}, rows: total, out: out}.run(t, dir)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range readRows(t, string(data)) {
		got[r.Kind+" "+r.Raw]++
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d rows, want %d", k, got[k], n)
		}
	}
	for k, n := range got {
		if want[k] == 0 {
			t.Errorf("%s: %d rows, want none", k, n)
		}
	}
}

// TestEncodingChecked: a file whose first 1.4 MB are ASCII and whose rest is
// GBK, and HTML pages whose meta charset says what the bytes are not.
func TestEncodingChecked(t *testing.T) {
	dir := t.TempDir()
	report := badinput.RepeatReport(badinput.ReportSimplified, 600<<10)
	ascii := strings.Repeat("Annual statistics bulletin, English summary follows.\n", (1400<<10)/53)
	utf := badinput.WriteFile(t, filepath.Join(dir, "utf8.txt"), []byte(ascii+report))
	mixed := badinput.WriteFile(t, filepath.Join(dir, "ascii-then-gbk.txt"),
		append([]byte(ascii), badinput.Encode(t, simplifiedchinese.GBK, report)...))
	want := len(rowsOf(t, utf))
	out := filepath.Join(dir, "rows.jsonl")
	hostileCase{name: "1.4 MB ASCII, then GBK", args: []string{"extract", mixed, "-o", out}, rows: want, out: out}.run(t, dir)

	page := func(charset string, body []byte) []byte {
		return append([]byte(`<html><head><meta charset="`+charset+`"></head><body><pre>`), append(body, "</pre></body></html>"...)...)
	}
	for _, tt := range []struct{ name, charset, report string }{
		{"utf8-declared-gbk-bytes.html", "utf-8", badinput.ReportSimplified},
		{"gbk-declared-big5-bytes.html", "gbk", badinput.ReportTraditional},
	} {
		utfPage := badinput.WriteFile(t, filepath.Join(dir, "utf8-"+tt.name), page("utf-8", []byte(tt.report)))
		want := len(rowsOf(t, utfPage))
		var body []byte
		if tt.charset == "utf-8" {
			body = badinput.Encode(t, simplifiedchinese.GBK, tt.report)
		} else {
			body = badinput.Encode(t, traditionalchinese.Big5, tt.report)
		}
		path := badinput.WriteFile(t, filepath.Join(dir, tt.name), page(tt.charset, body))
		hostileCase{name: tt.name, args: []string{"extract", path, "-o", out}, rows: want, out: out}.run(t, dir)
	}
}

// TestOutputThroughPlantedLink: -o names a link another user planted in a
// sticky world-writable folder.
func TestOutputThroughPlantedLink(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("planting a link owned by another user needs root")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	victim := badinput.WriteFile(t, filepath.Join(dir, "victim.txt"), []byte("precious\n"))
	sticky := filepath.Join(dir, "sticky")
	os.Mkdir(sticky, 0o777)
	if err := os.Chmod(sticky, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(sticky, "metrics.csv")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Lchown(link, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	report := badinput.WriteFile(t, filepath.Join(dir, "report.txt"), []byte(badinput.ReportSimplified))
	hostileCase{name: "-o through a planted link", args: []string{"extract", report, "-o", link}, code: 2,
		stderr: map[string]string{"metrics.csv": "symbolic link"}, rows: -1}.run(t, dir)
	if got, _ := os.ReadFile(victim); string(got) != "precious\n" {
		t.Errorf("the link's target was replaced: %q", firstBytes(got))
	}
}

// TestMessagesFromDocumentBytes: reasons quoting document bytes are capped
// and quoted.
func TestMessagesFromDocumentBytes(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long-name.docx")
	writeDOCX(t, long, func(w io.Writer) {
		io.WriteString(w, "<w:p></w:")
		repeatTo(w, "x", 50<<20)
		io.WriteString(w, ">")
	})
	odd := filepath.Join(dir, "odd-name.docx")
	writeDOCX(t, odd, func(w io.Writer) { io.WriteString(w, "<w:p></w:x\u202Ey\u2028z>") })
	res := hostileCase{name: "50 MB element name and odd characters", args: []string{"extract", long, odd}, code: 1,
		stderr: map[string]string{"long-name.docx": "docx", "odd-name.docx": "docx"}, rows: -1}.run(t, dir)
	if !utf8.ValidString(res.stderr) || strings.ContainsAny(res.stderr, "\u202E\u2028") {
		t.Errorf("stderr holds unquoted characters: %q", res.stderr)
	}
}

// TestSmallOnes: HTML with 600 unclosed elements, a JSON Lines key in the
// wrong case, and a workbook from 300,000 empty records (3 M with
// ZHMETRICS_TORTURE_BIG=1).
func TestSmallOnes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rows.jsonl")
	plain := badinput.WriteFile(t, filepath.Join(dir, "plain.html"), []byte("<html><body><pre>"+badinput.ReportSimplified+"</pre></body></html>"))
	want := len(rowsOf(t, plain))
	spans := badinput.WriteFile(t, filepath.Join(dir, "spans.html"),
		[]byte("<html><body><pre>"+strings.Repeat("<span>", 600)+badinput.ReportSimplified+"</pre></body></html>"))
	hostileCase{name: "600 unclosed spans", args: []string{"extract", spans, "-o", out}, rows: want, out: out}.run(t, dir)

	upper := badinput.WriteFile(t, filepath.Join(dir, "upper.jsonl"), []byte(`{"doc": "a", "TEXT": "增长5%"}`+"\n"))
	hostileCase{name: `"TEXT" key`, args: []string{"extract", "--input-format", "jsonl", upper, "-o", out}, code: 1,
		stderr: map[string]string{"upper.jsonl:1": `no "text" key`}, rows: 0, out: out}.run(t, dir)

	records := 300_000 // about 25 s: writing workbook rows is slow
	if bigRun() {
		records = 3_000_000
	}
	empty := filepath.Join(dir, "empty.jsonl")
	f, err := os.Create(empty)
	if err != nil {
		t.Fatal(err)
	}
	repeatTo(f, `{"text": ""}`+"\n", int64(records)*13)
	f.Close()
	book := filepath.Join(dir, "book.xlsx")
	hostileCase{name: "workbook of empty records", args: []string{"extract", "--input-format", "jsonl", empty, "-o", book},
		rows: -1}.run(t, dir)
}
