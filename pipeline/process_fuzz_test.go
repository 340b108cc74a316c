package pipeline

import (
	"errors"
	"math"
	"sync"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/segment"
)

var (
	fuzzExtractorOnce sync.Once
	fuzzExtractor     *extract.Extractor
)

// sharedExtractor loads the segmenter dictionary once for all fuzz inputs.
func sharedExtractor() *extract.Extractor {
	fuzzExtractorOnce.Do(func() {
		fuzzExtractor = extract.New(extract.Options{Lexicon: extract.DefaultLexicon(), Segmenter: segment.Default()})
	})
	return fuzzExtractor
}

// fuzzEncodings are the --encoding values a fuzz input is processed with,
// chosen by its second argument.
var fuzzEncodings = []string{"auto", "utf-8", "gb18030", "big5", "utf-16"}

// FuzzProcess runs arbitrary bytes through the whole per-document pipeline
// and checks what every consumer of the rows relies on: Process never
// panics, and every row is grounded in the decoded text, with
// 0 <= start < end <= len(decoded runes), raw == decoded[start:end], the
// right 1-based line, a finite value, and rows in document order.
func FuzzProcess(f *testing.F) {
	simplified := "学校共有教师1200余人，学生3.5万名；投入资金2亿元，合格率达到99.8%。\r\n实施“双减”政策，完成《国家职业教育改革实施方案》。"
	traditional := "學校共有教師1200餘人，投入資金三點五億元，合格率達到百分之九十五。"
	seeds := [][]byte{
		nil,
		[]byte(simplified),
		[]byte("\xEF\xBB\xBF" + simplified),
		[]byte("第一行\r第二行投入100万元\r\r第四行增长5个百分点\n"),
		[]byte("学生１２００名，\xff占比\x0035%，教师xx人，学校*所"),
		[]byte("近万名学生，约1.2万名教师，不足五分之一，九成以上"),
		[]byte("全面推进素质教育深化课程改革教师1200人加强师资队伍建设学生300名"),
		[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		[]byte("PK\x03\x04\x14\x00"),
		encodeOrSkip(f, simplifiedchinese.GBK.NewEncoder().Bytes, simplified),
		encodeOrSkip(f, traditionalchinese.Big5.NewEncoder().Bytes, traditional),
		append([]byte{0xFF, 0xFE}, utf16LE(simplified)...),
		utf16LE("Total 120 students, 35%\n"),
	}
	for _, s := range seeds {
		f.Add(s, uint8(0))
	}
	f.Add([]byte(simplified), uint8(1))
	f.Add(encodeOrSkip(f, simplifiedchinese.GBK.NewEncoder().Bytes, simplified), uint8(2))
	f.Add(encodeOrSkip(f, traditionalchinese.Big5.NewEncoder().Bytes, traditional), uint8(3))
	f.Add(utf16LE(simplified), uint8(4))

	f.Fuzz(func(t *testing.T, data []byte, encodingChoice uint8) {
		enc := fuzzEncodings[int(encodingChoice)%len(fuzzEncodings)]
		cfg := Config{Encoding: enc, Script: "auto", Extractor: sharedExtractor()}
		res := Process("fuzz.txt", data, cfg)
		decoded, _, decodeErr := normalize.Decode(data, enc)
		if res.Err != nil {
			if decodeErr == nil || !errors.Is(res.Err, normalize.ErrBinary) || !res.Skipped {
				t.Fatalf("Process(%q, %s) failed with %v (decode error %v, skipped %v)", data, enc, res.Err, decodeErr, res.Skipped)
			}
			if len(res.Rows) != 0 {
				t.Fatalf("Process(%q, %s): %d rows from a skipped document", data, enc, len(res.Rows))
			}
			return
		}
		if decodeErr != nil {
			t.Fatalf("Process(%q, %s) succeeded but Decode failed: %v", data, enc, decodeErr)
		}
		if res.Info.Rows != len(res.Rows) {
			t.Fatalf("Info.Rows = %d, but %d rows", res.Info.Rows, len(res.Rows))
		}
		runes := []rune(decoded)
		lines := lineNumbers(runes)
		prevStart := 0
		for k, row := range res.Rows {
			if !(0 <= row.Start && row.Start < row.End && row.End <= len(runes)) {
				t.Fatalf("%q (%s): row %d has offsets [%d,%d) outside [0,%d)", data, enc, k, row.Start, row.End, len(runes))
			}
			if want := string(runes[row.Start:row.End]); row.Raw != want {
				t.Fatalf("%q (%s): row %d raw %q, but decoded[%d:%d] is %q", data, enc, k, row.Raw, row.Start, row.End, want)
			}
			if row.Line != lines[row.Start] {
				t.Fatalf("%q (%s): row %d at offset %d says line %d, want %d", data, enc, k, row.Start, row.Line, lines[row.Start])
			}
			if row.Start < prevStart {
				t.Fatalf("%q (%s): row %d starts at %d, before the previous row's %d", data, enc, k, row.Start, prevStart)
			}
			prevStart = row.Start
			if row.Value != nil && (math.IsNaN(*row.Value) || math.IsInf(*row.Value, 0)) {
				t.Fatalf("%q (%s): row %d has value %v", data, enc, k, *row.Value)
			}
			if row.Doc != "fuzz.txt" {
				t.Fatalf("row %d names document %q", k, row.Doc)
			}
		}
	})
}

// lineNumbers gives the 1-based line of every offset in rs, lines ending at
// "\n", "\r\n" or a lone "\r", computed independently of the pipeline.
func lineNumbers(rs []rune) []int {
	out := make([]int, len(rs)+1)
	line := 1
	for i, r := range rs {
		out[i] = line
		if r == '\n' || r == '\r' && (i+1 == len(rs) || rs[i+1] != '\n') {
			line++
		}
	}
	out[len(rs)] = line
	return out
}

func encodeOrSkip(f *testing.F, encode func([]byte) ([]byte, error), s string) []byte {
	b, err := encode([]byte(s))
	if err != nil {
		f.Fatalf("seed %q is not encodable: %v", s, err)
	}
	return b
}

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}
