// Package badinput holds the inputs and checks shared by the bad-input
// tests: the in-process ones in cmd/zhmetrics and the subprocess torture
// run. It is test support; nothing in the tool imports it.
package badinput

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding"

	"github.com/zhmetrics/zhmetrics/output"
)

// ReportSimplified is a short report in simplified script with every kind
// of fact; every character is in GBK.
const ReportSimplified = `2023年全市教育事业发展统计公报
一、基本情况
全市共有各级各类学校1268所，在校学生42.6万人，比上年增加1.2万人。
专任教师3.1万名，其中研究生学历教师占比达到18.5%。
全年教育经费总投入98.7亿元，同比增长6.3%。
二、重点工作
深入落实“双减”政策，义务教育阶段学生作业量减少约三成。
新建、改扩建幼儿园46所，新增学位1.8万个，普惠性幼儿园覆盖率达到91.2%。
高中阶段毛入学率达到百分之九十八点五，较上年提高1.5个百分点。
实施《县域普通高中发展提升行动计划》，新增校舍面积12万平方米。
`

// ReportTraditional is a report in traditional script; every character is
// in Big5.
const ReportTraditional = `全市教育事業發展統計公報
全市共有各級各類學校1268所，在校學生42.6萬人，比上年增加1.2萬人。
專任教師3.1萬名，其中研究生學歷教師佔比達到18.5%。
全年教育經費總投入98.7億元，同比增長6.3%。
深入落實「雙減」政策，義務教育階段學生作業量減少約三成。
新建、改擴建幼兒園46所，新增學位1.8萬個，普惠性幼兒園覆蓋率達到91.2%。
高中階段毛入學率達到百分之九十八點五，較上年提高1.5個百分點。
`

// Encode encodes s with e, failing the test on characters e cannot hold.
func Encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding test text: %v", err)
	}
	return b
}

// UTF16WithBOM encodes s as UTF-16 with its byte order mark.
func UTF16WithBOM(s string, bigEndian bool) []byte {
	b := []byte{0xFF, 0xFE}
	if bigEndian {
		b = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// PNG is a small PNG image.
func PNG(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 16, 16))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Zip is a zip archive holding report text uncompressed, so that a reader
// that took it for text would find facts in it.
func Zip(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "report.txt", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, ReportSimplified)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// RepeatReport repeats report, each copy under a numbered heading, until
// the text holds at least size bytes.
func RepeatReport(report string, size int) string {
	var b strings.Builder
	for i := 1; b.Len() < size; i++ {
		fmt.Fprintf(&b, "第%d部分\n%s", i, report)
	}
	return b.String()
}

// Unreadable makes path a file whose reading fails for the user the tests
// run as, and returns the reason expected in the error: a file without read
// permission for ordinary users; for root, who reads any file, a link to
// the reading process's own memory, whose first page is unmapped.
func Unreadable(t testing.TB, path string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		WriteFile(t, path, []byte(ReportSimplified))
		if err := os.Chmod(path, 0); err != nil {
			t.Fatal(err)
		}
		return "permission denied"
	}
	if runtime.GOOS != "linux" {
		t.Skip("no unreadable file can be made for root on " + runtime.GOOS)
	}
	if err := os.Symlink("/proc/self/mem", path); err != nil {
		t.Fatal(err)
	}
	return "input/output error"
}

// WriteFile writes data at path, making its folders, and returns path.
func WriteFile(t testing.TB, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// RowsByDoc groups rows by their doc column.
func RowsByDoc(rows []output.Row) map[string][]output.Row {
	m := map[string][]output.Row{}
	for _, r := range rows {
		m[r.Doc] = append(m[r.Doc], r)
	}
	return m
}

// StderrLines splits standard error into its lines.
func StderrLines(stderr string) []string {
	s := strings.TrimSuffix(stderr, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// ExpectStderr checks that stderr has exactly one line naming each file in
// reasons and holding its reason, and no other line but the closing count
// of failed inputs.
func ExpectStderr(t testing.TB, stderr string, reasons map[string]string) {
	t.Helper()
	lines := StderrLines(stderr)
	used := make([]bool, len(lines))
	for name, reason := range reasons {
		var hits []int
		for i, line := range lines {
			if strings.Contains(line, name) {
				hits = append(hits, i)
			}
		}
		if len(hits) != 1 {
			t.Errorf("%d stderr lines name %q, want 1:\n%s", len(hits), name, stderr)
			continue
		}
		used[hits[0]] = true
		if !strings.Contains(lines[hits[0]], reason) {
			t.Errorf("stderr line %q does not give the reason %q", lines[hits[0]], reason)
		}
	}
	for i, line := range lines {
		if !used[i] && !closingLine.MatchString(line) {
			t.Errorf("unexpected stderr line %q", line)
		}
	}
}

// closingLine is the summary that ends standard error when inputs failed.
var closingLine = regexp.MustCompile(`^zhmetrics: \d+ (of \d+ inputs?|records? or inputs?) failed$`)

// CheckGrounded checks every row against the decoded text of its document:
// offsets in range, raw == text[start:end] and the right 1-based line, with
// lines ending at "\n", "\r\n" or a lone "\r".
func CheckGrounded(t testing.TB, label, decoded string, rows []output.Row) {
	t.Helper()
	rs := []rune(decoded)
	lineAt := make([]int, len(rs)+1)
	line := 1
	for i, r := range rs {
		lineAt[i] = line
		if r == '\n' || r == '\r' && (i+1 == len(rs) || rs[i+1] != '\n') {
			line++
		}
	}
	lineAt[len(rs)] = line
	failures := 0
	fail := func(format string, args ...any) {
		t.Helper()
		if failures++; failures <= 5 {
			t.Errorf(label+": "+format, args...)
		}
	}
	for _, r := range rows {
		if !(0 <= r.Start && r.Start < r.End && r.End <= len(rs)) {
			fail("offsets [%d,%d) outside the text of %d characters", r.Start, r.End, len(rs))
			continue
		}
		if got := string(rs[r.Start:r.End]); got != r.Raw {
			fail("raw %q but text[%d:%d] is %q", r.Raw, r.Start, r.End, got)
		}
		if r.Line != lineAt[r.Start] {
			fail("%q at offset %d says line %d, want %d", r.Raw, r.Start, r.Line, lineAt[r.Start])
		}
	}
	if failures > 5 {
		t.Errorf("%s: %d more failures", label, failures-5)
	}
}
