package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
	"github.com/zhmetrics/zhmetrics/output"
)

// The tests in this file feed extract the inputs analysts' scrapers really
// produce (binary files under a .txt name, every Chinese encoding, broken
// bytes, odd line ends, empty and unreadable files, odd names) and check
// that each problem gets one stderr line, the batch goes on, the exit status
// says whether anything failed, and the outputs agree with each other.

// extractRun is one run of zhmetrics.
type extractRun struct {
	code           int
	stdout, stderr string
}

func runZh(t *testing.T, args ...string) extractRun {
	t.Helper()
	code, stdout, stderr := runCLI(t, "", args...)
	return extractRun{code, stdout, stderr}
}

// rows parses the run's standard output (CSV, TSV or JSON Lines).
func (r extractRun) rows(t *testing.T) []output.Row {
	t.Helper()
	rows, err := output.ReadRows(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatalf("reading output: %v\n%s", err, r.stdout)
	}
	return rows
}

// stderrLines are the lines written to standard error.
func (r extractRun) stderrLines() []string { return badinput.StderrLines(r.stderr) }

// expectProblems checks that standard error has exactly one line for each
// named file, holding the reason, and no other line but the closing count
// of failed inputs.
func (r extractRun) expectProblems(t *testing.T, reasons map[string]string) {
	t.Helper()
	badinput.ExpectStderr(t, r.stderr, reasons)
}

// withoutDoc returns rows with the doc column cleared, to compare the facts
// of copies of one text.
func withoutDoc(rows []output.Row) []output.Row {
	out := make([]output.Row, len(rows))
	for i, r := range rows {
		r.Doc = ""
		out[i] = r
	}
	return out
}

func diffRows(t *testing.T, label string, want, got []output.Row) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d rows, want %d", label, len(got), len(want))
	}
	for i := 0; i < len(want) && i < len(got); i++ {
		if !reflect.DeepEqual(want[i], got[i]) {
			t.Errorf("%s: row %d\n got %s\nwant %s", label, i, showRow(got[i]), showRow(want[i]))
			return
		}
	}
}

func showRow(r output.Row) string {
	v := "null"
	if r.Value != nil {
		v = strconv.FormatFloat(*r.Value, 'f', -1, 64)
	}
	return fmt.Sprintf("{%s line %d [%d,%d) %s metric=%q canonical=%q value=%s unit=%q qual=%q masked=%v raw=%q sentence=%q}",
		r.Doc, r.Line, r.Start, r.End, r.Kind, r.Metric, r.Canonical, v, r.Unit, r.Qualifier, r.Masked, r.Raw, r.Sentence)
}

func TestBadInputBinaryFilesAreSkipped(t *testing.T) {
	dir := t.TempDir()
	random := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(random)
	good := badinput.WriteFile(t, filepath.Join(dir, "good.txt"), []byte(badinput.ReportSimplified))
	binaries := map[string][]byte{
		"image.txt":   badinput.PNG(t),
		"archive.txt": badinput.Zip(t),
		"random.txt":  random,
	}
	args := []string{"extract", "--format", "jsonl"}
	reasons := map[string]string{}
	for name, data := range binaries {
		args = append(args, badinput.WriteFile(t, filepath.Join(dir, name), data))
		reasons[name] = "binary"
	}
	args = append(args, good)
	run := runZh(t, args...)
	if run.code != 0 {
		t.Errorf("exit status %d, want 0: a skipped binary file is no failure\n%s", run.code, run.stderr)
	}
	run.expectProblems(t, reasons)
	for _, line := range run.stderrLines() {
		if !strings.Contains(line, "skipped") {
			t.Errorf("stderr line %q does not say the file was skipped", line)
		}
	}
	for doc := range badinput.RowsByDoc(run.rows(t)) {
		if doc != good {
			t.Errorf("rows from %s", doc)
		}
	}
	if len(run.rows(t)) == 0 {
		t.Error("no rows from the text file after the binary ones")
	}
}

func TestBadInputEncodingsGiveSameFacts(t *testing.T) {
	dir := t.TempDir()
	type variant struct {
		name string
		data []byte
	}
	texts := []struct {
		name     string
		text     string
		variants []variant
	}{
		{"simplified", badinput.ReportSimplified, []variant{
			{"utf8-bom", append([]byte("\xEF\xBB\xBF"), badinput.ReportSimplified...)},
			{"utf16le", badinput.UTF16WithBOM(badinput.ReportSimplified, false)},
			{"utf16be", badinput.UTF16WithBOM(badinput.ReportSimplified, true)},
			{"gb18030", badinput.Encode(t, simplifiedchinese.GB18030, badinput.ReportSimplified)},
			{"gbk", badinput.Encode(t, simplifiedchinese.GBK, badinput.ReportSimplified)},
		}},
		{"traditional", badinput.ReportTraditional, []variant{
			{"utf8-bom", append([]byte("\xEF\xBB\xBF"), badinput.ReportTraditional...)},
			{"utf16le", badinput.UTF16WithBOM(badinput.ReportTraditional, false)},
			{"big5", badinput.Encode(t, traditionalchinese.Big5, badinput.ReportTraditional)},
			{"gb18030", badinput.Encode(t, simplifiedchinese.GB18030, badinput.ReportTraditional)},
		}},
	}
	// Every corpus document, in each encoding that can hold all of it.
	corpus, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "docs", "*.txt"))
	if err != nil || len(corpus) == 0 {
		t.Fatalf("no corpus documents: %v", err)
	}
	for _, path := range corpus {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.TrimPrefix(string(data), "\uFEFF")
		texts = append(texts, struct {
			name     string
			text     string
			variants []variant
		}{filepath.Base(path), text, []variant{
			{"utf8-bom", append([]byte("\xEF\xBB\xBF"), text...)},
			{"utf16le", badinput.UTF16WithBOM(text, false)},
			{"utf16be", badinput.UTF16WithBOM(text, true)},
			{"gb18030", badinput.Encode(t, simplifiedchinese.GB18030, text)},
		}})
	}

	args := []string{"extract", "--format", "jsonl", "--jobs", "2"}
	for _, tx := range texts {
		args = append(args, badinput.WriteFile(t, filepath.Join(dir, tx.name, "utf8.txt"), []byte(tx.text)))
		for _, v := range tx.variants {
			args = append(args, badinput.WriteFile(t, filepath.Join(dir, tx.name, v.name+".txt"), v.data))
		}
	}
	run := runZh(t, args...)
	if run.code != 0 || run.stderr != "" {
		t.Fatalf("exit status %d, stderr:\n%s", run.code, run.stderr)
	}
	byDoc := badinput.RowsByDoc(run.rows(t))
	for _, tx := range texts {
		want := byDoc[filepath.Join(dir, tx.name, "utf8.txt")]
		if len(want) == 0 {
			t.Errorf("%s: no rows from the UTF-8 copy", tx.name)
			continue
		}
		badinput.CheckGrounded(t, tx.name+"/utf8", tx.text, want)
		for _, v := range tx.variants {
			got := byDoc[filepath.Join(dir, tx.name, v.name+".txt")]
			diffRows(t, tx.name+"/"+v.name, withoutDoc(want), withoutDoc(got))
		}
	}
}

func utf16NoBOM(s string) []byte { return badinput.UTF16WithBOM(s, false)[2:] }

// TestBadInputStreamedEncodingsGiveSameFacts reads inputs larger than the
// encoding-detection sample from standard input, which streams them through
// a decoder a chunk at a time, and checks they give the same facts as the
// UTF-8 copy.
func TestBadInputStreamedEncodingsGiveSameFacts(t *testing.T) {
	const size = 1<<20 + 300<<10 // past the 1 MiB detection sample
	simplified := badinput.RepeatReport(badinput.ReportSimplified, size)
	traditional := badinput.RepeatReport(badinput.ReportTraditional, size)
	// Invalid bytes and NULs scattered so that some fall on chunk edges.
	dirty := insertEvery(simplified, 997, []string{"\xFF", "\x00", "\xE5\x8A", "\x80"})
	dir := t.TempDir()
	reference := func(name, text string) []output.Row {
		path := badinput.WriteFile(t, filepath.Join(dir, name), []byte(text))
		run := runZh(t, "extract", "--format", "jsonl", path)
		if run.code != 0 || run.stderr != "" {
			t.Fatalf("%s: exit status %d, stderr:\n%s", name, run.code, run.stderr)
		}
		rows := run.rows(t)
		if len(rows) == 0 {
			t.Fatalf("%s: no rows", name)
		}
		return rows
	}
	wantSimplified := reference("simplified.txt", simplified)
	wantTraditional := reference("traditional.txt", traditional)
	for _, c := range []struct {
		name      string
		data      []byte
		want      []output.Row
		factsOnly bool
	}{
		{"utf-8", []byte(simplified), wantSimplified, false},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), simplified...), wantSimplified, false},
		{"utf-16le", badinput.UTF16WithBOM(simplified, false), wantSimplified, false},
		{"utf-16be", badinput.UTF16WithBOM(simplified, true), wantSimplified, false},
		{"utf-16le without BOM", utf16NoBOM(simplified), wantSimplified, false},
		{"gb18030", badinput.Encode(t, simplifiedchinese.GB18030, simplified), wantSimplified, false},
		{"big5", badinput.Encode(t, traditionalchinese.Big5, traditional), wantTraditional, false},
		{"utf-8 with invalid bytes and NULs", []byte(dirty), wantSimplified, true},
	} {
		label := c.name
		code, stdout, stderr := runCLI(t, string(c.data), "extract", "--format", "jsonl", "-")
		if code != 0 || stderr != "" {
			t.Errorf("%s: exit status %d, stderr:\n%s", label, code, stderr)
			continue
		}
		got := extractRun{stdout: stdout}.rows(t)
		if c.factsOnly {
			badinput.CheckGrounded(t, label, string([]rune(string(c.data))), got)
			diffRows(t, label, factIdentity(c.want), factIdentity(got))
		} else {
			diffRows(t, label, withoutDoc(c.want), withoutDoc(got))
		}
	}
}

// insertEvery puts junk after the first clause or sentence mark at or past
// every n bytes of text.
func insertEvery(text string, n int, junk []string) string {
	var b strings.Builder
	next, k := n, 0
	for _, r := range text {
		b.WriteRune(r)
		if b.Len() >= next && (r == '，' || r == '。') {
			b.WriteString(junk[k%len(junk)])
			k++
			next = b.Len() + n
		}
	}
	return b.String()
}

// insertAfterClauses puts junk[k % len(junk)] after the k-th clause or
// sentence mark of text.
func insertAfterClauses(text string, junk []string) (string, int) {
	var b strings.Builder
	k := 0
	for _, r := range text {
		b.WriteRune(r)
		if r == '，' || r == '。' {
			b.WriteString(junk[k%len(junk)])
			k++
		}
	}
	return b.String(), k
}

func TestBadInputInvalidBytesAndNULsLoseNoFacts(t *testing.T) {
	dir := t.TempDir()
	clean := badinput.WriteFile(t, filepath.Join(dir, "clean.txt"), []byte(badinput.ReportSimplified))
	docs := map[string]string{
		// Stray invalid bytes: a lone continuation byte, a truncated
		// three-byte sequence, an overlong encoding, a byte never valid.
		"invalid.txt": func() string {
			s, _ := insertAfterClauses(badinput.ReportSimplified, []string{"\x80", "\xE5\x8A", "\xC0\xAF", "\xFF"})
			return s
		}(),
		"nul.txt": func() string {
			s, _ := insertAfterClauses(badinput.ReportSimplified, []string{"\x00"})
			return s
		}(),
		"mixed.txt": func() string {
			s, _ := insertAfterClauses(badinput.ReportSimplified, []string{"\x00", "\xFF", "", "\x00\x00", "\xE5"})
			return s
		}(),
	}
	args := []string{"extract", "--format", "jsonl", clean}
	for name, text := range docs {
		args = append(args, badinput.WriteFile(t, filepath.Join(dir, name), []byte(text)))
	}
	run := runZh(t, args...)
	if run.code != 0 || run.stderr != "" {
		t.Fatalf("exit status %d, stderr:\n%s", run.code, run.stderr)
	}
	byDoc := badinput.RowsByDoc(run.rows(t))
	want := byDoc[clean]
	if len(want) == 0 {
		t.Fatal("no rows from the clean copy")
	}
	for name, text := range docs {
		got := byDoc[filepath.Join(dir, name)]
		// Decoded as Go decodes: each invalid byte is one U+FFFD.
		badinput.CheckGrounded(t, name, string([]rune(text)), got)
		diffRows(t, name, factIdentity(want), factIdentity(got))
	}
}

// factIdentity keeps what makes a fact the same fact when bytes around it
// change: kind, value, unit, qualifier, masking, raw text and line.
func factIdentity(rows []output.Row) []output.Row {
	out := make([]output.Row, len(rows))
	for i, r := range rows {
		out[i] = output.Row{Line: r.Line, Kind: r.Kind, Value: r.Value, Unit: r.Unit,
			Qualifier: r.Qualifier, Masked: r.Masked, Raw: r.Raw}
	}
	return out
}

func TestBadInputLineEnds(t *testing.T) {
	dir := t.TempDir()
	lf := badinput.ReportSimplified
	crlf := strings.ReplaceAll(lf, "\n", "\r\n")
	cr := strings.ReplaceAll(lf, "\n", "\r")
	mixed := func() string {
		var b strings.Builder
		for i, line := range strings.SplitAfter(lf, "\n") {
			switch i % 3 {
			case 0:
				b.WriteString(line)
			case 1:
				b.WriteString(strings.ReplaceAll(line, "\n", "\r\n"))
			default:
				b.WriteString(strings.ReplaceAll(line, "\n", "\r"))
			}
		}
		return b.String()
	}()
	texts := map[string]string{"lf.txt": lf, "crlf.txt": crlf, "cr.txt": cr, "mixed.txt": mixed,
		"crlf-gbk.txt": crlf, "crlf-utf16.txt": crlf}
	args := []string{"extract", "--format", "jsonl"}
	for name, text := range texts {
		data := []byte(text)
		switch name {
		case "crlf-gbk.txt":
			data = badinput.Encode(t, simplifiedchinese.GBK, text)
		case "crlf-utf16.txt":
			data = badinput.UTF16WithBOM(text, false)
		}
		args = append(args, badinput.WriteFile(t, filepath.Join(dir, name), data))
	}
	run := runZh(t, args...)
	if run.code != 0 || run.stderr != "" {
		t.Fatalf("exit status %d, stderr:\n%s", run.code, run.stderr)
	}
	byDoc := badinput.RowsByDoc(run.rows(t))
	want := byDoc[filepath.Join(dir, "lf.txt")]
	if len(want) == 0 {
		t.Fatal("no rows from the LF copy")
	}
	for name, text := range texts {
		got := byDoc[filepath.Join(dir, name)]
		badinput.CheckGrounded(t, name, text, got)
		diffRows(t, name, factIdentity(want), factIdentity(got))
		if strings.HasPrefix(name, "crlf") && len(got) == len(want) {
			// Each line before the fact's adds one "\r".
			for i := range want {
				if got[i].Start != want[i].Start+want[i].Line-1 || got[i].End != want[i].End+want[i].Line-1 {
					t.Errorf("%s: %q at [%d,%d), want [%d,%d)", name, got[i].Raw, got[i].Start, got[i].End,
						want[i].Start+want[i].Line-1, want[i].End+want[i].Line-1)
				}
			}
		}
	}
}

// longLineCRLF is a document whose first line is a filler of fillerBytes
// bytes (or characters, when inChars) with no line break, punctuation or
// digit, so that a window of that size must end inside its "\r\n"; lines
// with one fact each follow, up to half the size again. It returns the text
// and the number of fact lines; the fact on line k+2 has value 1000+k.
func longLineCRLF(size int, inChars bool) (string, int) {
	filler := []rune("全面推进素质教育深化课程改革")
	var b strings.Builder
	n := 0
	for i := 0; ; i++ {
		r := filler[i%len(filler)]
		if inChars && n+1 > size-1 || !inChars && n+len(string(r)) > size-1 {
			break
		}
		b.WriteRune(r)
		if inChars {
			n++
		} else {
			n += len(string(r))
		}
	}
	for ; n < size-1; n++ {
		b.WriteByte('a') // pad the byte count exactly
	}
	b.WriteString("\r\n")
	lines := 0
	for written := 0; written < size/2; lines++ {
		line := fmt.Sprintf("第%s学校共有教师%d人。\r\n", strings.Repeat("甲", lines%5), 1000+lines)
		b.WriteString(line)
		if inChars {
			written += len([]rune(line))
		} else {
			written += len(line)
		}
	}
	return b.String(), lines
}

// TestBadInputLineEndsAcrossWindows puts a "\r\n" exactly where a window of
// a large document would end, for the window sizes a pipeline may use, and
// checks every fact after it keeps its line and offsets.
func TestBadInputLineEndsAcrossWindows(t *testing.T) {
	dir := t.TempDir()
	type doc struct {
		path  string
		text  string
		facts int
	}
	var docs []doc
	args := []string{"extract", "--format", "jsonl"}
	for _, size := range []int{1 << 18, 1 << 19, 1 << 20, 1 << 21} {
		for _, inChars := range []bool{false, true} {
			if inChars && size > 1<<19 {
				continue
			}
			text, facts := longLineCRLF(size, inChars)
			unit := "bytes"
			if inChars {
				unit = "chars"
			}
			path := badinput.WriteFile(t, filepath.Join(dir, fmt.Sprintf("crlf-at-%d-%s.txt", size, unit)), []byte(text))
			docs = append(docs, doc{path, text, facts})
			args = append(args, path)
		}
	}
	run := runZh(t, args...)
	if run.code != 0 || run.stderr != "" {
		t.Fatalf("exit status %d, stderr:\n%s", run.code, run.stderr)
	}
	byDoc := badinput.RowsByDoc(run.rows(t))
	for _, d := range docs {
		rows := byDoc[d.path]
		name := filepath.Base(d.path)
		if len(rows) != d.facts {
			t.Errorf("%s: %d rows, want one for each of the %d lines with a fact", name, len(rows), d.facts)
		}
		badinput.CheckGrounded(t, name, d.text, rows)
		for i, r := range rows {
			if r.Value == nil || *r.Value != float64(1000+i) || r.Line != i+2 {
				t.Errorf("%s: row %d: %s, want value %d on line %d", name, i, showRow(r), 1000+i, i+2)
				break
			}
		}
	}
}

func TestBadInputEmptyFiles(t *testing.T) {
	dir := t.TempDir()
	empties := map[string][]byte{
		"empty.txt":          nil,
		"bom-only.txt":       []byte("\xEF\xBB\xBF"),
		"utf16-bom-only.txt": {0xFF, 0xFE},
		"blank-lines.txt":    []byte("\r\n\r\n  \n"),
	}
	var paths []string
	for name, data := range empties {
		paths = append(paths, badinput.WriteFile(t, filepath.Join(dir, name), data))
	}
	slices.Sort(paths)
	for _, format := range []string{"csv", "jsonl"} {
		run := runZh(t, append([]string{"extract", "--format", format}, paths...)...)
		if run.code != 0 || run.stderr != "" {
			t.Errorf("%s: exit status %d, stderr:\n%s", format, run.code, run.stderr)
		}
		if rows := run.rows(t); len(rows) != 0 {
			t.Errorf("%s: %d rows from empty files", format, len(rows))
		}
	}
	out := filepath.Join(dir, "out.xlsx")
	run := runZh(t, append([]string{"extract", "-o", out}, paths...)...)
	if run.code != 0 || run.stderr != "" {
		t.Fatalf("xlsx: exit status %d, stderr:\n%s", run.code, run.stderr)
	}
	wb := readWorkbook(t, out)
	if len(wb.rows) != 0 {
		t.Errorf("%d rows in the workbook", len(wb.rows))
	}
	if len(wb.docs) != len(paths) {
		t.Fatalf("documents sheet has %d rows, want %d", len(wb.docs), len(paths))
	}
	for i, d := range wb.docs {
		if d["doc"] != paths[i] || d["rows"] != "0" || d["error"] != "" {
			t.Errorf("documents row %d = %v, want %s with 0 rows and no error", i, d, paths[i])
		}
	}
}

func TestBadInputUnreadableMissingAndBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	good := badinput.WriteFile(t, filepath.Join(dir, "a-good.txt"), []byte(badinput.ReportSimplified))
	sub := filepath.Join(dir, "reports")
	inDir := badinput.WriteFile(t, filepath.Join(sub, "m-good.txt"), []byte(badinput.ReportSimplified))
	badinput.WriteFile(t, filepath.Join(sub, "ignored.csv"), []byte("not,a,report\n"))
	unreadableReason := badinput.Unreadable(t, filepath.Join(sub, "b-unreadable.txt"))
	for link, target := range map[string]string{
		"c-broken-link.txt": "nowhere.txt",
		"d-loop.txt":        "d-loop.txt",
		"e-good-link.txt":   "m-good.txt",
	} {
		if err := os.Symlink(target, filepath.Join(sub, link)); err != nil {
			t.Fatal(err)
		}
	}
	explicitBroken := filepath.Join(dir, "f-broken-link.txt")
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), explicitBroken); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "g-missing.txt")

	run := runZh(t, "extract", "--format", "jsonl", good, sub, explicitBroken, missing)
	if run.code != 1 {
		t.Errorf("exit status %d, want 1 when inputs fail", run.code)
	}
	run.expectProblems(t, map[string]string{
		"b-unreadable.txt":  unreadableReason,
		"c-broken-link.txt": "broken symbolic link",
		"d-loop.txt":        "symbolic link loop",
		"f-broken-link.txt": "broken symbolic link",
		"g-missing.txt":     "no such file",
	})
	if !strings.Contains(run.stderr, "5 of 8 inputs failed") {
		t.Errorf("stderr does not count 5 failed inputs of 8:\n%s", run.stderr)
	}
	byDoc := badinput.RowsByDoc(run.rows(t))
	for _, doc := range []string{good, inDir, filepath.Join(sub, "e-good-link.txt")} {
		if len(byDoc[doc]) == 0 {
			t.Errorf("no rows from %s: the batch did not go on", doc)
		}
	}
	if len(byDoc) != 3 {
		t.Errorf("rows from %d documents, want 3", len(byDoc))
	}
}

func TestBadInputUnusualNames(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	names := []string{
		"年度 报告 (终稿).txt",
		"報告  two  spaces .txt",
		"emoji 📊.txt",
		"-starts-with-dash.txt",
		"=1+1.txt",
	}
	for _, name := range names {
		badinput.WriteFile(t, filepath.Join("in", name), []byte(badinput.ReportSimplified))
	}
	run := runZh(t, "extract", "--format", "jsonl", "in")
	if run.code != 0 || run.stderr != "" {
		t.Fatalf("exit status %d, stderr:\n%s", run.code, run.stderr)
	}
	byDoc := badinput.RowsByDoc(run.rows(t))
	for _, name := range names {
		if len(byDoc[filepath.Join("in", name)]) == 0 {
			t.Errorf("no rows for %q", name)
		}
	}

	// Names that are not one clean line of UTF-8: a line break (a problem
	// with it must still be one stderr line) and GBK bytes, as archives made
	// on Chinese Windows unpack to (every format must show the same name).
	odd := filepath.Join(dir, "odd")
	badinput.WriteFile(t, filepath.Join(odd, "a\nb.txt"), []byte(badinput.ReportSimplified))
	badinput.WriteFile(t, filepath.Join(odd, "\xB1\xA8\xB8\xE6.txt"), []byte(badinput.ReportSimplified))
	if err := os.Symlink("nowhere", filepath.Join(odd, "broken\nlink.txt")); err != nil {
		t.Fatal(err)
	}
	run = runZh(t, "extract", "--format", "jsonl", "odd")
	if run.code != 1 {
		t.Errorf("exit status %d, want 1", run.code)
	}
	if lines := run.stderrLines(); len(lines) != 2 {
		t.Errorf("stderr has %d lines, want one for the broken link and the count:\n%s", len(lines), run.stderr)
	}
	csvRun := runZh(t, "extract", "--format", "csv", "odd")
	jsonDocs, csvDocs := docNames(run.rows(t)), docNames(csvRun.rows(t))
	if !slices.Equal(jsonDocs, csvDocs) {
		t.Errorf("doc names differ between JSON Lines %q and CSV %q", jsonDocs, csvDocs)
	}
	// Each name leads back to its file: Go-quoted when it is not clean.
	want := []string{strconv.Quote("odd/\xB1\xA8\xB8\xE6.txt"), strconv.Quote("odd/a\nb.txt")}
	slices.Sort(csvDocs)
	if !slices.Equal(csvDocs, want) {
		t.Errorf("doc names %q, want %q", csvDocs, want)
	}
	for _, d := range csvDocs {
		if !utf8.ValidString(d) || strings.ContainsRune(d, utf8.RuneError) {
			t.Errorf("doc name %q is not valid UTF-8", d)
		}
	}
}

func docNames(rows []output.Row) []string {
	var names []string
	for _, r := range rows {
		if len(names) == 0 || names[len(names)-1] != r.Doc {
			names = append(names, r.Doc)
		}
	}
	return names
}

func TestBadInputExitStatus(t *testing.T) {
	dir := t.TempDir()
	good := badinput.WriteFile(t, filepath.Join(dir, "good.txt"), []byte(badinput.ReportSimplified))
	empty := badinput.WriteFile(t, filepath.Join(dir, "empty.txt"), nil)
	binary := badinput.WriteFile(t, filepath.Join(dir, "image.txt"), badinput.PNG(t))
	missing := filepath.Join(dir, "missing.txt")
	for _, c := range []struct {
		name string
		args []string
		want int
	}{
		{"all read", []string{good, empty}, 0},
		{"binary skipped", []string{binary, good}, 0},
		{"only binary", []string{binary}, 0},
		{"one missing", []string{good, missing}, 1},
		{"empty directory", []string{t.TempDir()}, 1},
		{"unknown flag", []string{"--no-such-flag", good}, 2},
		{"unknown kind", []string{"--kinds", "dollars", good}, 2},
		{"no jobs", []string{"--jobs", "0", good}, 2},
		{"negative jobs", []string{"-j", "-3", good}, 2},
		{"too many jobs", []string{"--jobs", "100000000", good}, 2},
		{"bad glob", []string{"--glob", "[", dir}, 2},
		{"no such output folder", []string{good, "-o", filepath.Join(dir, "nodir", "out.csv")}, 2},
	} {
		run := runZh(t, append([]string{"extract"}, c.args...)...)
		if run.code != c.want {
			t.Errorf("%s: exit status %d, want %d\n%s", c.name, run.code, c.want, run.stderr)
		}
	}
}

func TestOutputRefusesToOverwriteInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	report := badinput.WriteFile(t, "report.csv", []byte(badinput.ReportSimplified))
	badinput.WriteFile(t, filepath.Join("in", "report.txt"), []byte(badinput.ReportSimplified))
	badinput.WriteFile(t, filepath.Join("in", "old.csv"), []byte(badinput.ReportSimplified))
	if err := os.Link(report, "hard.csv"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("report.csv", "soft.csv"); err != nil {
		t.Fatal(err)
	}
	// A FIFO is read only when a writer comes; reading any input before
	// refusing would hang on it until the watchdog below writes.
	fifo := filepath.Join(dir, "in", "a-fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"same path", []string{fifo, "report.csv", "-o", "report.csv"}},
		{"other spelling", []string{fifo, "./report.csv", "-o", filepath.Join(dir, "in", "..", "report.csv")}},
		{"hard link", []string{fifo, "report.csv", "-o", "hard.csv"}},
		{"symbolic link", []string{fifo, "report.csv", "-o", "soft.csv"}},
		{"inside an input directory", []string{"in", "--glob", "*.txt,*.csv", "-o", filepath.Join("in", "old.csv")}},
	} {
		before, _ := os.ReadFile("report.csv")
		beforeOld, _ := os.ReadFile(filepath.Join("in", "old.csv"))
		done := make(chan extractRun)
		go func() {
			var out, errOut bytes.Buffer
			streams := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
			code := execute(context.Background(), streams, append([]string{"extract"}, c.args...))
			done <- extractRun{code, out.String(), errOut.String()}
		}()
		var run extractRun
		select {
		case run = <-done:
		case <-time.After(20 * time.Second):
			t.Errorf("%s: an input was read before the output was refused", c.name)
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			run = <-done
		}
		if run.code != 2 || !strings.Contains(run.stderr, "one of the inputs") {
			t.Errorf("%s: exit status %d, stderr %q; want 2 and a refusal", c.name, run.code, run.stderr)
		}
		if lines := run.stderrLines(); len(lines) != 1 {
			t.Errorf("%s: stderr has %d lines, want the refusal alone:\n%s", c.name, len(lines), run.stderr)
		}
		after, _ := os.ReadFile("report.csv")
		afterOld, _ := os.ReadFile(filepath.Join("in", "old.csv"))
		if !bytes.Equal(before, after) || !bytes.Equal(beforeOld, afterOld) {
			t.Errorf("%s: an input was changed", c.name)
		}
		if leftovers, _ := filepath.Glob(filepath.Join(dir, "*", ".*.tmp*")); len(leftovers) > 0 {
			t.Errorf("%s: temporary files left: %v", c.name, leftovers)
		}
	}
}

// formulaReport has lines that a spreadsheet would run as formulas if the
// sentence cells were written as they are.
const formulaReport = `=HYPERLINK("http://example/a","点击")全市学生人数1200人。
+86热线全年服务群众3000人次。
@所有人 全年投入资金2亿元。
-全市共有学校15所，比上年减少5%。
`

// textColumns are the columns written as text cells.
var textColumns = []string{"doc", "kind", "metric", "canonical", "unit", "qualifier", "raw", "sentence"}

func startsFormula(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

func TestOutputFormulaEscapingAndNumbers(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	badinput.WriteFile(t, "=1+1.txt", []byte(formulaReport))
	badinput.WriteFile(t, "@report.txt", []byte(badinput.ReportSimplified))

	for _, format := range []string{"csv", "tsv"} {
		run := runZh(t, "extract", "--format", format, "=1+1.txt", "@report.txt")
		if run.code != 0 {
			t.Fatalf("%s: exit status %d\n%s", format, run.code, run.stderr)
		}
		records := delimitedRecords(t, format, run.stdout)
		escaped := 0
		for _, rec := range records {
			for _, col := range textColumns {
				if startsFormula(rec[col]) {
					t.Errorf("%s: %s cell %q starts a formula", format, col, rec[col])
				}
				if strings.HasPrefix(rec[col], "'") {
					escaped++
				}
			}
			checkNumberCells(t, format, rec)
		}
		if escaped == 0 {
			t.Errorf("%s: no escaped cell; the test input no longer tests escaping", format)
		}
	}

	run := runZh(t, "extract", "--format", "csv", "--no-escape-formulas", "=1+1.txt")
	raw := 0
	for _, rec := range delimitedRecords(t, "csv", run.stdout) {
		if startsFormula(rec["sentence"]) && startsFormula(rec["doc"]) {
			raw++
		}
		checkNumberCells(t, "csv --no-escape-formulas", rec)
	}
	if raw == 0 {
		t.Error("--no-escape-formulas: no sentence or doc cell kept its leading formula character")
	}

	run = runZh(t, "extract", "--format", "jsonl", "=1+1.txt")
	rows := run.rows(t)
	if len(rows) == 0 || rows[0].Doc != "=1+1.txt" || !strings.HasPrefix(rows[0].Sentence, "=HYPERLINK") {
		t.Errorf("JSON Lines is not left untouched: first row %v", rows)
	}

	if code := runZh(t, "extract", "-o", "out.xlsx", "=1+1.txt", "@report.txt").code; code != 0 {
		t.Fatalf("xlsx: exit status %d", code)
	}
	wb := readWorkbook(t, "out.xlsx")
	escaped := 0
	for _, rec := range wb.cells {
		for _, col := range textColumns {
			if startsFormula(rec[col]) {
				t.Errorf("xlsx: %s cell %q starts a formula", col, rec[col])
			}
			if strings.HasPrefix(rec[col], "'") {
				escaped++
			}
		}
	}
	if escaped == 0 {
		t.Error("xlsx: no escaped cell")
	}
	for _, bad := range wb.textNumbers {
		t.Errorf("xlsx: numeric column cell %s is not a number", bad)
	}
}

// delimitedRecords parses CSV or TSV output into records keyed by column.
func delimitedRecords(t *testing.T, format, data string) []map[string]string {
	t.Helper()
	var all [][]string
	if format == "tsv" {
		// One record per line, no quoting.
		for _, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
			all = append(all, strings.Split(line, "\t"))
		}
	} else {
		var err error
		if all, err = csv.NewReader(strings.NewReader(data)).ReadAll(); err != nil {
			t.Fatalf("csv: %v", err)
		}
	}
	if len(all) == 0 {
		t.Fatalf("%s: no header", format)
	}
	var out []map[string]string
	for _, rec := range all[1:] {
		m := map[string]string{}
		for i, name := range all[0] {
			m[name] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func checkNumberCells(t *testing.T, label string, rec map[string]string) {
	t.Helper()
	for _, col := range []string{"line", "start", "end"} {
		if _, err := strconv.Atoi(rec[col]); err != nil {
			t.Errorf("%s: %s cell %q is not an integer", label, col, rec[col])
		}
	}
	if v := rec["value"]; v != "" {
		if _, err := strconv.ParseFloat(v, 64); err != nil || strings.ContainsAny(v, "eE'") {
			t.Errorf("%s: value cell %q is not a plain number", label, v)
		}
	}
	if m := rec["masked"]; m != "true" && m != "false" {
		t.Errorf("%s: masked cell %q", label, m)
	}
}

// workbook is an XLSX output read back with excelize.
type workbook struct {
	rows        []output.Row        // metrics sheets, then programs sheets
	cells       []map[string]string // the same rows as cell text by column
	docs        []map[string]string // the documents sheet
	textNumbers []string            // numeric-column cells that are not numbers
}

func readWorkbook(t *testing.T, path string) workbook {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var wb workbook
	sheets := f.GetSheetList()
	var rowSheets []string
	for _, prefix := range []string{"metrics", "programs"} {
		for _, s := range sheets {
			if s == prefix || strings.HasPrefix(s, prefix+"_") {
				rowSheets = append(rowSheets, s)
			}
		}
	}
	numeric := map[string]bool{"line": true, "start": true, "end": true, "value": true}
	for _, sheet := range rowSheets {
		records, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, rec := range records[1:] {
			m := map[string]string{}
			for c, name := range output.Columns {
				if c < len(rec) {
					m[name] = rec[c]
				}
				if numeric[name] && m[name] != "" {
					cell, _ := excelize.CoordinatesToCellName(c+1, i+2)
					typ, err := f.GetCellType(sheet, cell)
					if err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
						wb.textNumbers = append(wb.textNumbers, sheet+"!"+cell)
					}
				}
			}
			wb.cells = append(wb.cells, m)
			wb.rows = append(wb.rows, rowFromCells(t, m))
		}
	}
	records, err := f.GetRows("documents", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range records[1:] {
		m := map[string]string{}
		for c, name := range records[0] {
			if c < len(rec) {
				m[name] = rec[c]
			}
		}
		wb.docs = append(wb.docs, m)
	}
	return wb
}

func rowFromCells(t *testing.T, m map[string]string) output.Row {
	t.Helper()
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Errorf("xlsx: integer cell %q", s)
		}
		return n
	}
	r := output.Row{Doc: m["doc"], Line: atoi(m["line"]), Start: atoi(m["start"]), End: atoi(m["end"]),
		Kind: m["kind"], Metric: m["metric"], Canonical: m["canonical"], Unit: m["unit"],
		Qualifier: m["qualifier"], Masked: m["masked"] == "1" || strings.EqualFold(m["masked"], "true"),
		Raw: m["raw"], Sentence: m["sentence"]}
	if m["value"] != "" {
		v, err := strconv.ParseFloat(m["value"], 64)
		if err != nil {
			t.Errorf("xlsx: value cell %q", m["value"])
		}
		r.Value = &v
	}
	return r
}

// badInputCorpus fills dir with the bundled corpus and a file of each bad
// kind, and returns the arguments that read it.
func badInputCorpus(t *testing.T, dir string) string {
	t.Helper()
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "docs", "*.txt"))
	for _, path := range corpus {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		badinput.WriteFile(t, filepath.Join(dir, filepath.Base(path)), data)
	}
	badinput.WriteFile(t, filepath.Join(dir, "b-image.txt"), badinput.PNG(t))
	badinput.WriteFile(t, filepath.Join(dir, "b-archive.txt"), badinput.Zip(t))
	badinput.WriteFile(t, filepath.Join(dir, "e-empty.txt"), nil)
	badinput.WriteFile(t, filepath.Join(dir, "g-gbk.txt"), badinput.Encode(t, simplifiedchinese.GBK, strings.ReplaceAll(badinput.ReportSimplified, "\n", "\r\n")))
	badinput.WriteFile(t, filepath.Join(dir, "g-big5.txt"), badinput.Encode(t, traditionalchinese.Big5, badinput.ReportTraditional))
	badinput.WriteFile(t, filepath.Join(dir, "u-utf16.txt"), badinput.UTF16WithBOM(badinput.ReportSimplified, true))
	badinput.WriteFile(t, filepath.Join(dir, "f-formula.txt"), []byte(formulaReport))
	nul, _ := insertAfterClauses(badinput.ReportSimplified, []string{"\x00", "\xFF"})
	badinput.WriteFile(t, filepath.Join(dir, "n-nul.txt"), []byte(nul))
	if err := os.Symlink("nowhere", filepath.Join(dir, "l-broken.txt")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestOutputSameBytesWhateverJobs(t *testing.T) {
	dir := badInputCorpus(t, t.TempDir())
	outDir := t.TempDir()
	for _, format := range []string{"csv", "tsv", "jsonl", "xlsx"} {
		var first extractRun
		var firstFile []byte
		for k, jobs := range []string{"1", "2", "8"} {
			args := []string{"extract", dir, "--jobs", jobs, "--format", format}
			out := filepath.Join(outDir, "jobs"+jobs+"."+format)
			if format == "xlsx" {
				args = append(args, "-o", out)
			}
			run := runZh(t, args...)
			if run.code != 1 {
				t.Errorf("%s --jobs %s: exit status %d, want 1 for the broken link", format, jobs, run.code)
			}
			var file []byte
			if format == "xlsx" {
				var err error
				if file, err = os.ReadFile(out); err != nil {
					t.Fatal(err)
				}
			}
			if k == 0 {
				first, firstFile = run, file
				continue
			}
			if run.stdout != first.stdout || run.stderr != first.stderr || !bytes.Equal(file, firstFile) {
				t.Errorf("%s: --jobs %s output differs from --jobs 1", format, jobs)
			}
		}
	}
}

func TestOutputSameRowsEveryFormat(t *testing.T) {
	dir := badInputCorpus(t, t.TempDir())
	outDir := t.TempDir()
	rowsOf := func(escape bool) map[string][]output.Row {
		got := map[string][]output.Row{}
		for _, format := range []string{"csv", "tsv", "jsonl", "xlsx"} {
			if escape && format == "jsonl" {
				continue
			}
			out := filepath.Join(outDir, fmt.Sprintf("rows-%v.%s", escape, format))
			args := []string{"extract", dir, "-o", out}
			if !escape {
				args = append(args, "--no-escape-formulas")
			}
			if code := runZh(t, args...).code; code != 1 {
				t.Fatalf("%s: exit status %d, want 1 for the broken link", format, code)
			}
			if format == "xlsx" {
				got[format] = readWorkbook(t, out).rows
				continue
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := output.ReadRows(f)
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			got[format] = rows
		}
		return got
	}
	for _, escape := range []bool{false, true} {
		got := rowsOf(escape)
		want := got["csv"]
		if len(want) < 100 {
			t.Fatalf("only %d rows from the corpus", len(want))
		}
		// The workbook puts programs on their own sheet.
		var quantities, programs []output.Row
		for _, r := range want {
			if r.Kind == "program" {
				programs = append(programs, r)
			} else {
				quantities = append(quantities, r)
			}
		}
		label := fmt.Sprintf("escape=%v", escape)
		diffRows(t, label+" xlsx vs csv", append(quantities, programs...), got["xlsx"])
		diffRows(t, label+" tsv vs csv", tsvFlattened(want), got["tsv"])
		if !escape {
			diffRows(t, label+" jsonl vs csv", want, got["jsonl"])
		}
	}
}

// tsvFlattened gives rows as TSV carries them: tabs and line breaks inside
// fields become spaces.
func tsvFlattened(rows []output.Row) []output.Row {
	flat := strings.NewReplacer("\r\n", " ", "\t", " ", "\n", " ", "\r", " ")
	out := make([]output.Row, len(rows))
	for i, r := range rows {
		r.Doc, r.Metric, r.Canonical, r.Unit = flat.Replace(r.Doc), flat.Replace(r.Metric), flat.Replace(r.Canonical), flat.Replace(r.Unit)
		r.Qualifier, r.Raw, r.Sentence = flat.Replace(r.Qualifier), flat.Replace(r.Raw), flat.Replace(r.Sentence)
		out[i] = r
	}
	return out
}

// TestExtractToPipe: -o naming a named pipe (as /dev/stdout or a shell's
// >(…) does) writes into it in place, CSV by default like standard output.
func TestExtractToPipe(t *testing.T) {
	dir := t.TempDir()
	report := badinput.WriteFile(t, filepath.Join(dir, "report.txt"), []byte(badinput.ReportSimplified))
	fifo := filepath.Join(dir, "rows")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- data
	}()
	run := runZh(t, "extract", report, "-o", fifo)
	data := <-got
	if run.code != 0 || run.stderr != "" {
		t.Fatalf("exit status %d, stderr %q", run.code, run.stderr)
	}
	want := runZh(t, "extract", report)
	if string(data) != want.stdout || !strings.HasPrefix(string(data), "doc,line,") {
		t.Fatalf("the pipe read\n%s\nwant the CSV written to standard output\n%s", data, want.stdout)
	}
	if names, _ := os.ReadDir(dir); len(names) != 2 {
		t.Errorf("%d entries in the directory, want the report and the pipe", len(names))
	}
}

// TestUsageMessages checks the one line a user gets for common mistakes.
func TestUsageMessages(t *testing.T) {
	dir := t.TempDir()
	good := badinput.WriteFile(t, filepath.Join(dir, "good.txt"), []byte(badinput.ReportSimplified))
	empty := filepath.Join(dir, "reports")
	os.Mkdir(empty, 0o755)
	missing := filepath.Join(dir, "missing.txt")
	for _, c := range []struct {
		name string
		args []string
		code int
		want string // in a stderr line
	}{
		{"empty folder", []string{"extract", empty}, 1, empty + ": no files to read (looked for "},
		{"one failed", []string{"extract", missing}, 1, "1 of 1 input failed"},
		{"no jobs", []string{"extract", "--jobs", "0", good}, 2, "--jobs 0: want 1 to 1024"},
		{"bad glob", []string{"extract", "--glob", "[", dir}, 2, `--glob "[": bad pattern`},
		{"no folder", []string{"extract", good, "-o", filepath.Join(dir, "nodir", "out.csv")}, 2, "nodir does not exist"},
		{"text missing", []string{"text", missing}, 2, "missing.txt: no such file or directory"},
		{"normalize missing", []string{"normalize", missing}, 2, "missing.txt: no such file or directory"},
		{"segment missing", []string{"segment", missing}, 2, "missing.txt: no such file or directory"},
		{"did you mean", []string{"extract", "--kind", "percent", good}, 2, "unknown flag: --kind (did you mean --kinds?); see 'zhmetrics extract --help'"},
		{"unknown flag", []string{"extract", "--zzzz", good}, 2, "unknown flag: --zzzz; see 'zhmetrics extract --help'"},
	} {
		code, _, stderr := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit status %d, stderr %q; want %d and %q", c.name, code, stderr, c.code, c.want)
		}
		if strings.Contains(stderr, "removed after it was listed") || strings.Contains(stderr, ".tmp") {
			t.Errorf("%s: misleading message %q", c.name, stderr)
		}
	}
}

// TestFormatsIgnoreCase accepts --format XLSX as -o OUT.CSV is accepted.
func TestFormatsIgnoreCase(t *testing.T) {
	dir := t.TempDir()
	good := badinput.WriteFile(t, filepath.Join(dir, "good.txt"), []byte(badinput.ReportSimplified))
	for _, args := range [][]string{
		{"extract", good, "--format", "JSONL"},
		{"extract", good, "--format", "Csv"},
		{"extract", good, "-o", filepath.Join(dir, "OUT.NDJSON")},
	} {
		if code, _, stderr := runCLI(t, "", args...); code != 0 {
			t.Errorf("%v: exit status %d: %s", args, code, stderr)
		}
	}
}
