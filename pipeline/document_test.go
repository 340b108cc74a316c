package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/output"
	"github.com/zhmetrics/zhmetrics/segment"
)

func testConfig() Config {
	return Config{Encoding: "auto", Script: "auto",
		Extractor: extract.New(extract.Options{Lexicon: extract.DefaultLexicon(), Segmenter: segment.Default()})}
}

// TestProcessGroundsEveryRow checks the promise every row makes: raw is
// exactly original[start:end] and line is the line of start.
func TestProcessGroundsEveryRow(t *testing.T) {
	inputs := map[string]string{
		"lf":   "全区新增学位1200个。\n资助学生1200余人次，投入资金3.5亿元。\n",
		"crlf": "全区新增学位1200个。\r\n资助学生1200余人次，\r\n投入资金3.5亿元。\r\n",
		"cr":   "全区新增学位1200个。\r资助学生1200余人次，\r投入资金3.5亿元。\r",
		"nul":  "全区新增学位1200个。\x00资助学生1200余人次",
		"bad":  "全区新增学位1200个。\xff\xfe资助学生1200余人次",
	}
	for name, text := range inputs {
		res := Process(name, []byte(text), testConfig())
		if res.Err != nil {
			t.Fatalf("%s: %v", name, res.Err)
		}
		if len(res.Rows) < 2 {
			t.Fatalf("%s: %d rows, want at least 2", name, len(res.Rows))
		}
		decoded := []rune(strings.ToValidUTF8(text, "\uFFFD"))
		if name == "bad" {
			decoded = []rune(string(bytes.Runes([]byte(text))))
		}
		checkRows(t, name, decoded, res.Rows)
	}
}

func checkRows(t *testing.T, name string, original []rune, rows []output.Row) {
	t.Helper()
	for _, r := range rows {
		if r.Start < 0 || r.End > len(original) || r.Start >= r.End {
			t.Fatalf("%s: row [%d,%d) outside the text of %d characters", name, r.Start, r.End, len(original))
		}
		if got := string(original[r.Start:r.End]); got != r.Raw {
			t.Errorf("%s: raw %q but original[%d:%d] is %q", name, r.Raw, r.Start, r.End, got)
		}
		if want := 1 + lineBreaksBefore(original, r.Start); r.Line != want {
			t.Errorf("%s: %q on line %d, want %d", name, r.Raw, r.Line, want)
		}
	}
}

func lineBreaksBefore(rs []rune, at int) int {
	n := 0
	for i := 0; i < at; i++ {
		if rs[i] == '\n' || (rs[i] == '\r' && (i+1 >= len(rs) || rs[i+1] != '\n')) {
			n++
		}
	}
	return n
}

// TestProcessStreamsLargeDocuments checks that a document larger than the
// detection sample, decoded and extracted window by window, gives every
// copy of a repeated report the same rows at running offsets and lines.
func TestProcessStreamsLargeDocuments(t *testing.T) {
	data, err := os.ReadFile("../testdata/corpus/docs/gwr2018.txt")
	if err != nil {
		t.Fatal(err)
	}
	one := strings.TrimRight(string(data), "\n") + "\n"
	single := Process("one", []byte(one), testConfig())
	copies := 3*sampleBytes/len(one) + 1
	big := strings.Repeat(one, copies)
	oneRunes, oneLines := utf8.RuneCountInString(one), strings.Count(one, "\n")

	gb, err := simplifiedchinese.GB18030.NewEncoder().String(big)
	if err != nil {
		t.Fatal(err)
	}
	for enc, raw := range map[string][]byte{"utf-8": []byte(big), "gb18030": []byte(gb)} {
		res := Process("big", raw, testConfig())
		if res.Err != nil {
			t.Fatalf("%s: %v", enc, res.Err)
		}
		if res.Info.Encoding != enc {
			t.Errorf("encoding %s, want %s", res.Info.Encoding, enc)
		}
		if len(res.Rows) != copies*len(single.Rows) {
			t.Fatalf("%s: %d rows, want %d", enc, len(res.Rows), copies*len(single.Rows))
		}
		for i, r := range res.Rows {
			c, want := i/len(single.Rows), single.Rows[i%len(single.Rows)]
			if r.Start != want.Start+c*oneRunes || r.End != want.End+c*oneRunes || r.Line != want.Line+c*oneLines ||
				r.Raw != want.Raw || r.Metric != want.Metric || r.Kind != want.Kind {
				t.Fatalf("%s: copy %d row %+v, want %+v shifted", enc, c, r, want)
			}
		}
	}
}

func TestCutWindowKeepsNumbersWhole(t *testing.T) {
	text := strings.Repeat("新增学位1200个", 1000)
	for len(text) > 0 {
		w := cutWindow(text, 1000)
		if len(w) == 0 {
			t.Fatal("empty window")
		}
		if !strings.HasSuffix(w, "个") && len(w) != len(text) {
			last, _ := utf8.DecodeLastRuneInString(w)
			if mayBeInNumber(last) {
				t.Fatalf("window ends inside a number: %q", w[len(w)-20:])
			}
		}
		text = text[len(w):]
	}
}

// TestWindowCutsKeepEveryFact cuts a text into two windows at every offset
// and into three at every pair of nearby offsets, with margins shorter
// than the text between facts, so that each window sees only its
// neighbours' edges: every fact is found exactly once, as in the whole text.
func TestWindowCutsKeepEveryFact(t *testing.T) {
	// Facts of several characters, separated by filler longer than the
	// margin: units of several characters, 个百分点, title marks and quotes.
	filler := "本地区在这方面的工作持续推进且成效明显并得到群众普遍认可"
	facts := []string{
		"辖区面积2000平方公里",
		"失业率下降0.4个百分点",
		"印发《城乡居民健康促进行动实施方案》",
		"落实“双减”",
		"投入资金98.7亿元",
		"新建学校1268所",
		"覆盖率达到91.2%",
		"人均住房面积38.5平方米",
	}
	text := filler + strings.Join(facts, filler) + filler
	whole := windowRows(t, text, nil, 0)
	if len(whole) < len(facts) {
		t.Fatalf("the whole text gives %d rows, want at least %d: %v", len(whole), len(facts), whole)
	}
	margin := len("印发《城乡居民健康促进行动实施方案》")
	if margin >= len(filler) {
		t.Fatal("the margin must be shorter than the filler for the test to cut facts")
	}
	var offsets []int
	for i := range text {
		offsets = append(offsets, i)
	}
	for _, at := range offsets[1:] {
		if got := windowRows(t, text, []int{at}, margin); !sameFacts(got, whole) {
			t.Fatalf("cut at byte %d (%q|%q): %v, want %v", at, text[max(0, at-12):at], text[at:min(len(text), at+12)], got, whole)
		}
	}
	for k, a := range offsets[1:] {
		for _, b := range offsets[k+2 : min(len(offsets), k+12)] {
			if got := windowRows(t, text, []int{a, b}, margin); !sameFacts(got, whole) {
				t.Fatalf("cuts at bytes %d and %d: %v, want %v", a, b, got, whole)
			}
		}
	}
}

// windowRows extracts text in windows cut at the byte offsets cuts, each
// read with margin bytes either side.
func windowRows(t *testing.T, text string, cuts []int, margin int) []string {
	t.Helper()
	var rows []output.Row
	ex := newWindowExtractor("cut.txt", testConfig(), func(batch []output.Row) error {
		rows = append(rows, batch...)
		return nil
	})
	done := 0 // bytes of text in windows already cut
	ex.longest, ex.margin = 0, margin
	ex.cut = func(rest string) int {
		for _, c := range cuts {
			if c > done {
				n := c - done
				done = c
				return n
			}
		}
		done = len(text)
		return len(rest)
	}
	if err := ex.extractAll(text); err != nil {
		t.Fatal(err)
	}
	checkRows(t, "cut.txt", []rune(text), rows)
	var facts []string
	for _, r := range rows {
		facts = append(facts, fmt.Sprintf("%d:%s:%s", r.Start, r.Kind, r.Raw))
	}
	return facts
}

func sameFacts(a, b []string) bool { return strings.Join(a, " ") == strings.Join(b, " ") }

func TestReasonIsBoundedAndPrintable(t *testing.T) {
	tests := []struct{ name, msg, want string }{
		{"plain", "docx: no word/document.xml", "docx: no word/document.xml"},
		{"controls and invisible characters", "element <x\u202Ey\u2028z\n> closed", `element <x\u202ey\u2028z\n> closed`},
		{"invalid bytes", "bad \xff\xfe name", `bad \xff\xfe name`},
		{"long", strings.Repeat("长", 1000), strings.Repeat("长", 100) + "… (2700 bytes more)"},
	}
	for _, tt := range tests {
		if got := Reason(errors.New(tt.msg)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	// The error kept inside still answers errors.Is.
	if err := safeError(fmt.Errorf("%w: \u202E", io.ErrUnexpectedEOF)); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Error("errors.Is lost the wrapped error")
	}
}
