package normalize

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// encodeKnown encodes s with e, leaving out the runes e cannot encode (or
// that do not decode back to themselves). It returns the bytes and the text
// they stand for.
func encodeKnown(t testing.TB, e encoding.Encoding, s string) ([]byte, string) {
	t.Helper()
	enc, dec := e.NewEncoder(), e.NewDecoder()
	var out []byte
	var kept strings.Builder
	for _, r := range s {
		b, err := enc.Bytes([]byte(string(r)))
		if err != nil {
			continue
		}
		if back, err := dec.Bytes(b); err != nil || string(back) != string(r) {
			continue
		}
		out = append(out, b...)
		kept.WriteRune(r)
	}
	return out, kept.String()
}

func mustEncode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, kept := encodeKnown(t, e, s)
	if kept != s {
		t.Fatalf("test text %q is not fully encodable", s)
	}
	return b
}

func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

const (
	sampleSimplified  = "2023年全市共有各级各类学校1,256所，在校学生38.6万人，比上年增长2.3%。\r\n全面推进素质教育，加强教师队伍建设。\n"
	sampleTraditional = "本年度全區共有學校一百二十所，在校學生三萬八千人，較上年增加百分之二。\n教育局將繼續推動課程改革，提升教學質量。\n"
)

func TestDecode(t *testing.T) {
	gbSimplified := mustEncode(t, simplifiedchinese.GB18030, sampleSimplified)
	gbTraditional := mustEncode(t, simplifiedchinese.GB18030, sampleTraditional)
	big5Traditional := mustEncode(t, traditionalchinese.Big5, sampleTraditional)

	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	pe := make([]byte, 256)
	copy(pe, "MZ")
	pe[0x3C] = 0x80
	copy(pe[0x80:], "PE\x00\x00")
	tarHeader := make([]byte, 512)
	copy(tarHeader, "report.txt")
	copy(tarHeader[257:], "ustar\x0000")
	randomBytes := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(randomBytes)

	tests := []struct {
		name     string
		in       []byte
		want     string
		wantText string
		wantEnc  string
		wantErr  string // substring of the error; binary errors must wrap ErrBinary
	}{
		{name: "empty", in: nil, want: "auto", wantText: "", wantEnc: EncUTF8},
		{name: "empty want means auto", in: []byte("abc"), want: "", wantText: "abc", wantEnc: EncUTF8},
		{name: "ascii", in: []byte("hello, world\n"), want: "auto", wantText: "hello, world\n", wantEnc: EncUTF8},
		{name: "utf-8 chinese keeps CRLF", in: []byte(sampleSimplified), want: "auto", wantText: sampleSimplified, wantEnc: EncUTF8},
		{name: "utf-8 bom stripped", in: concat(bomUTF8, []byte(sampleSimplified)), want: "auto", wantText: sampleSimplified, wantEnc: EncUTF8BOM},
		{name: "utf-8 bom only", in: bomUTF8, want: "auto", wantText: "", wantEnc: EncUTF8BOM},
		{name: "utf-16le bom", in: concat(bomUTF16LE, utf16Bytes(sampleSimplified, false)), want: "auto", wantText: sampleSimplified, wantEnc: EncUTF16LE},
		{name: "utf-16be bom", in: concat(bomUTF16BE, utf16Bytes(sampleTraditional, true)), want: "auto", wantText: sampleTraditional, wantEnc: EncUTF16BE},
		{name: "utf-16le surrogate pair", in: concat(bomUTF16LE, utf16Bytes("𠀀字😀", false)), want: "auto", wantText: "𠀀字😀", wantEnc: EncUTF16LE},
		{name: "utf-16le unpaired surrogate and odd byte", in: concat(bomUTF16LE, []byte{0x00, 0xD8, 'a', 0x00, 'b'}), want: "auto", wantText: "\uFFFDa\uFFFD", wantEnc: EncUTF16LE},
		{name: "utf-16le without bom, ascii", in: utf16Bytes("Total: 120 schools\r\n", false), want: "auto", wantText: "Total: 120 schools\r\n", wantEnc: EncUTF16LE},
		{name: "utf-16be without bom, ascii", in: utf16Bytes("Total: 120 schools\r\n", true), want: "auto", wantText: "Total: 120 schools\r\n", wantEnc: EncUTF16BE},
		{name: "utf-16le without bom, chinese", in: utf16Bytes(sampleSimplified, false), want: "auto", wantText: sampleSimplified, wantEnc: EncUTF16LE},
		{name: "gb18030 simplified", in: gbSimplified, want: "auto", wantText: sampleSimplified, wantEnc: EncGB18030},
		{name: "gb18030 traditional", in: gbTraditional, want: "auto", wantText: sampleTraditional, wantEnc: EncGB18030},
		{name: "big5", in: big5Traditional, want: "auto", wantText: sampleTraditional, wantEnc: EncBig5},
		{name: "gb18030 four-byte sequence", in: mustEncode(t, simplifiedchinese.GB18030, "教育经费€𠀀增长了"), want: "auto", wantText: "教育经费€𠀀增长了", wantEnc: EncGB18030},
		{name: "gb18030 with NUL inside", in: concat(gbSimplified, []byte{0}, gbSimplified), want: "auto", wantText: sampleSimplified + "\x00" + sampleSimplified, wantEnc: EncGB18030},
		{
			name: "invalid byte inside utf-8", want: "auto", wantEnc: EncUTF8,
			in:       []byte(strings.Repeat(sampleSimplified, 3) + "\xff" + sampleSimplified),
			wantText: strings.Repeat(sampleSimplified, 3) + "\uFFFD" + sampleSimplified,
		},
		{
			name: "each invalid byte is one replacement", want: "auto", wantEnc: EncUTF8,
			in:       []byte(strings.Repeat(sampleSimplified, 10) + "\xe4\xb8\xff\xc0" + sampleSimplified),
			wantText: strings.Repeat(sampleSimplified, 10) + "\uFFFD\uFFFD\uFFFD\uFFFD" + sampleSimplified,
		},
		{name: "short utf-8 line cut mid-character", in: []byte("全面推进素质教育\xe5\x8a"), want: "auto", wantText: "全面推进素质教育\uFFFD\uFFFD", wantEnc: EncUTF8},
		{name: "sparse NUL inside utf-8 text", in: []byte("第一行\x00第二行\n"), want: "auto", wantText: "第一行\x00第二行\n", wantEnc: EncUTF8},
		{name: "single NUL", in: []byte{0}, want: "auto", wantText: "\x00", wantEnc: EncUTF8},
		{name: "ESC and form feed are text", in: []byte("\x1b[1mtitle\x1b[0m\f\vnext page\n"), want: "auto", wantText: "\x1b[1mtitle\x1b[0m\f\vnext page\n", wantEnc: EncUTF8},

		{name: "png", in: png, want: "auto", wantErr: "binary content (PNG image)"},
		{name: "zip", in: []byte("PK\x03\x04\x14\x00\x06\x00"), want: "auto", wantErr: "binary content (ZIP archive"},
		{name: "pdf", in: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), want: "auto", wantErr: "binary content (PDF document)"},
		{name: "gzip", in: []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), want: "auto", wantErr: "(gzip archive)"},
		{name: "jpeg", in: []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), want: "auto", wantErr: "(JPEG image)"},
		{name: "elf", in: []byte("\x7fELF\x02\x01\x01"), want: "auto", wantErr: "(ELF binary)"},
		{name: "windows executable", in: pe, want: "auto", wantErr: "(Windows executable)"},
		{name: "java class", in: []byte("\xca\xfe\xba\xbe\x00\x00\x00\x41"), want: "auto", wantErr: "(Java class file)"},
		{name: "sqlite", in: []byte("SQLite format 3\x00\x10\x00"), want: "auto", wantErr: "(SQLite database)"},
		{name: "ole2 doc", in: []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), want: "auto", wantErr: "(OLE2 document"},
		{name: "tar", in: tarHeader, want: "auto", wantErr: "(tar archive)"},
		{name: "bzip2", in: []byte("BZh91AY&SY\x00\x01"), want: "auto", wantErr: "(bzip2 archive)"},
		{name: "text starting like bzip2", in: []byte("BZh9 is not an archive"), want: "auto", wantText: "BZh9 is not an archive", wantEnc: EncUTF8},
		{name: "text starting with MZ", in: []byte("MZ " + strings.Repeat("plain text ", 10)), want: "auto", wantText: "MZ " + strings.Repeat("plain text ", 10), wantEnc: EncUTF8},
		{name: "random binary", in: randomBytes, want: "auto", wantErr: "binary content ("},
		{name: "all NUL", in: make([]byte, 100), want: "auto", wantErr: "binary content (NUL bytes)"},
		{name: "dense NULs in utf-8 text", in: []byte(strings.Repeat("数据\x00\x00", 20)), want: "auto", wantErr: "binary content (NUL bytes)"},
		{name: "uint16 table is not utf-16", in: concat(utf16Bytes("\x01\x02\x03\x04\x05\x06\x07\x08", false), utf16Bytes("\x10\x11\x12\x13", false)), want: "auto", wantErr: "binary content (NUL bytes)"},
		{name: "control bytes", in: []byte(strings.Repeat("ab\x01\x02\x03", 20)), want: "auto", wantErr: "binary content (control bytes)"},

		{name: "forced utf-8 strips bom and replaces bytes", in: concat(bomUTF8, []byte("a\xffb\xe4\xb8")), want: "utf-8", wantText: "a\uFFFDb\uFFFD\uFFFD", wantEnc: EncUTF8BOM},
		{name: "forced utf8 alias", in: []byte("abc"), want: "UTF8", wantText: "abc", wantEnc: EncUTF8},
		{name: "forced utf-8 on gb18030", in: mustEncode(t, simplifiedchinese.GB18030, "教育"), want: "utf-8", wantText: "\uFFFD\uFFFD\uFFFD\uFFFD", wantEnc: EncUTF8},
		{name: "forced gb18030", in: gbSimplified, want: "gb18030", wantText: sampleSimplified, wantEnc: EncGB18030},
		{name: "forced gbk", in: gbTraditional, want: "GBK", wantText: sampleTraditional, wantEnc: EncGB18030},
		{name: "forced gb18030 on bad bytes", in: []byte("a\xff\x81"), want: "gb18030", wantText: "a\uFFFD\uFFFD", wantEnc: EncGB18030},
		{name: "forced big5", in: big5Traditional, want: "big5", wantText: sampleTraditional, wantEnc: EncBig5},
		{name: "forced big5 on bad bytes", in: []byte("a\x80\xff"), want: "big5", wantText: "a\uFFFD\uFFFD", wantEnc: EncBig5},
		{name: "forced big5 on jpeg does not fail", in: []byte("\xff\xd8\xffabc"), want: "big5", wantText: "\uFFFD\uFFFDabc", wantEnc: EncBig5},
		{name: "forced utf-16 without bom is LE", in: utf16Bytes("教育", false), want: "utf-16", wantText: "教育", wantEnc: EncUTF16LE},
		{name: "forced utf-16 with BE bom", in: concat(bomUTF16BE, utf16Bytes("教育", true)), want: "utf-16", wantText: "教育", wantEnc: EncUTF16BE},
		{name: "forced utf-16 with LE bom", in: concat(bomUTF16LE, utf16Bytes("教育", false)), want: "utf-16", wantText: "教育", wantEnc: EncUTF16LE},
		{name: "forced empty", in: nil, want: "big5", wantText: "", wantEnc: EncBig5},
		{name: "unknown encoding", in: []byte("abc"), want: "latin1", wantErr: `unknown encoding "latin1" (want auto, utf-8, gb18030, big5, utf-16)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode(tt.in, tt.want)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Decode() error = %v, want it to contain %q", err, tt.wantErr)
				}
				if strings.HasPrefix(tt.wantErr, "binary") || strings.HasPrefix(tt.wantErr, "(") {
					if !errors.Is(err, ErrBinary) {
						t.Errorf("error %v does not wrap ErrBinary", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode() error = %v", err)
			}
			if text != tt.wantText || enc != tt.wantEnc {
				t.Errorf("Decode() = %q, %q; want %q, %q", text, enc, tt.wantText, tt.wantEnc)
			}
		})
	}
}

// TestDecodeLargeInput covers inputs longer than the scoring sample, which
// are scored on their start and then decoded whole.
func TestDecodeLargeInput(t *testing.T) {
	simplified := strings.Repeat(sampleSimplified, 2*scoreSampleSize/len(sampleSimplified))
	traditional := strings.Repeat(sampleTraditional, 2*scoreSampleSize/len(sampleTraditional))
	tests := []struct {
		name, text, enc string
		data            []byte
	}{
		{"gb18030", simplified, EncGB18030, mustEncode(t, simplifiedchinese.GB18030, simplified)},
		{"big5", traditional, EncBig5, mustEncode(t, traditionalchinese.Big5, traditional)},
		{"utf-8 with invalid bytes", strings.Replace(simplified, "。", "\uFFFD\uFFFD", -1), EncUTF8, []byte(strings.Replace(simplified, "。", "\xe3\x80", -1))},
	}
	for _, tt := range tests {
		if len(tt.data) <= scoreSampleSize {
			t.Fatalf("%s: input of %d bytes does not exceed the sample", tt.name, len(tt.data))
		}
		text, enc, err := Decode(tt.data, "auto")
		if err != nil || enc != tt.enc || text != tt.text {
			t.Errorf("%s: Decode() = %d bytes, %q, %v; want %d bytes, %q", tt.name, len(text), enc, err, len(tt.text), tt.enc)
		}
	}
}

// corpusFile is a corpus document with what can be encoded of it in each
// legacy charset.
type corpusFile struct {
	name        string
	text        string
	traditional bool
}

// loadCorpus reads the corpus documents. A document counts as traditional
// Chinese when Big5 can encode almost all of its Han characters (simplified
// text loses a large share of them).
func loadCorpus(t *testing.T) []corpusFile {
	return loadCorpusDir(t, filepath.Join("..", "testdata", "corpus", "docs"))
}

func loadCorpusDir(t *testing.T, dir string) []corpusFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus documents found (err %v)", err)
	}
	var files []corpusFile
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(raw) {
			t.Fatalf("%s is not UTF-8", p)
		}
		text := string(raw)
		_, big5Kept := encodeKnown(t, traditionalchinese.Big5, text)
		han, hanKept := countHan(text), countHan(big5Kept)
		files = append(files, corpusFile{
			name:        filepath.Base(p),
			text:        text,
			traditional: han > 0 && hanKept*1000 >= han*995,
		})
	}
	return files
}

func countHan(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

func TestDecodeCorpus(t *testing.T) {
	traditional := 0
	for _, f := range loadCorpus(t) {
		type variant struct {
			enc  string
			data []byte
			text string
		}
		gb, gbText := encodeKnown(t, simplifiedchinese.GB18030, f.text)
		variants := []variant{
			{EncUTF8, []byte(f.text), f.text},
			{EncUTF8BOM, concat(bomUTF8, []byte(f.text)), f.text},
			{EncUTF16LE, concat(bomUTF16LE, utf16Bytes(f.text, false)), f.text},
			{EncUTF16BE, concat(bomUTF16BE, utf16Bytes(f.text, true)), f.text},
			{EncGB18030, gb, gbText},
		}
		if f.traditional {
			traditional++
			big5, big5Text := encodeKnown(t, traditionalchinese.Big5, f.text)
			variants = append(variants, variant{EncBig5, big5, big5Text})
			t.Logf("%s: traditional; Big5 keeps %d of %d runes", f.name, utf8.RuneCountInString(big5Text), utf8.RuneCountInString(f.text))
		}
		for _, v := range variants {
			text, enc, err := Decode(v.data, "auto")
			if err != nil {
				t.Errorf("%s as %s: %v", f.name, v.enc, err)
				continue
			}
			if enc != v.enc {
				t.Errorf("%s as %s: detected %s", f.name, v.enc, enc)
				continue
			}
			if text != v.text {
				t.Errorf("%s as %s: decoded text differs from the encoded text", f.name, v.enc)
			}
		}
	}
	if traditional == 0 {
		t.Error("no traditional Chinese document in the corpus; Big5 detection is untested")
	}
}

// TestDecodeSnippets measures detection on line-sized pieces of the corpus:
// every line, and fixed-size windows of text, encoded both ways.
func TestDecodeSnippets(t *testing.T) {
	checkSnippetDetection(t, loadCorpus(t))
}

func checkSnippetDetection(t *testing.T, files []corpusFile) {
	type tally struct{ right, total, validUTF8 int }
	results := map[string]*tally{}
	var missed []string
	// try encodes text, decodes it in auto mode and counts whether the
	// charset and text came back. Bytes that happen to be valid UTF-8 are
	// UTF-8 by rule; they are counted apart and left out of the share.
	try := func(key, enc string, e encoding.Encoding, text string) {
		data, kept := encodeKnown(t, e, text)
		if countHan(kept) == 0 {
			return
		}
		if results[key] == nil {
			results[key] = &tally{}
		}
		r := results[key]
		if utf8.Valid(data) {
			r.validUTF8++
			return
		}
		r.total++
		got, gotEnc, err := Decode(data, "auto")
		if err == nil && gotEnc == enc && got == kept {
			r.right++
		} else if len(missed) < 10 && countHan(kept) >= 4 {
			missed = append(missed, fmt.Sprintf("%s as %s: %q", key, gotEnc, kept))
		}
	}
	for _, f := range files {
		type charset struct {
			enc string
			e   encoding.Encoding
		}
		charsets := []charset{{EncGB18030, simplifiedchinese.GB18030}}
		script := "simplified"
		if f.traditional {
			script = "traditional"
			charsets = append(charsets, charset{EncBig5, traditionalchinese.Big5})
		}
		for _, cs := range charsets {
			prefix := script + " " + cs.enc + " "
			for _, line := range strings.Split(f.text, "\n") {
				bucket := "10+"
				switch han := countHan(line); {
				case han < 4:
					bucket = "1-3"
				case han < 10:
					bucket = "4-9"
				}
				try(prefix+"lines with "+bucket+" Han", cs.enc, cs.e, line)
			}
			// Windows of n runes, one every 7 runes.
			runes := []rune(f.text)
			for _, n := range []int{2, 4, 8, 16} {
				for start := 0; start+n <= len(runes); start += 7 {
					try(fmt.Sprintf("%swindows of %02d runes", prefix, n), cs.enc, cs.e, string(runes[start:start+n]))
				}
			}
		}
	}
	keys := make([]string, 0, len(results))
	for k := range results {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		r := results[k]
		t.Logf("%-48s %5d/%5d = %5.1f%% (%d more valid UTF-8)", k, r.right, r.total, 100*float64(r.right)/float64(max(r.total, 1)), r.validUTF8)
	}
	for _, m := range missed {
		t.Logf("missed: %s", m)
	}
	// Floors below the measured figures, so the test catches a regression
	// without depending on one document's wording.
	floors := map[string]float64{
		"lines with 10+ Han":  0.99,
		"lines with 4-9 Han":  0.95,
		"windows of 16 runes": 0.99,
		"windows of 08 runes": 0.98,
		"windows of 04 runes": 0.95,
	}
	for _, k := range keys {
		for suffix, floor := range floors {
			if r := results[k]; strings.HasSuffix(k, suffix) && float64(r.right) < floor*float64(r.total) {
				t.Errorf("%s: %d/%d detected, want at least %.0f%%", k, r.right, r.total, floor*100)
			}
		}
	}
}

func TestFrequentHanList(t *testing.T) {
	seen := map[rune]bool{}
	for _, r := range frequentHan {
		if r < 0x4E00 || r > 0x9FFF {
			t.Fatalf("%q is outside U+4E00..U+9FFF", r)
		}
		seen[r] = true
	}
	if len(seen) < 500 {
		t.Errorf("frequent list has %d characters, want at least 500", len(seen))
	}
	for _, r := range "的一是国发这个們國發這個" {
		if !han.frequent.has(r) {
			t.Errorf("%q should be frequent", r)
		}
	}
	for _, r := range "鬯爨龘" {
		if han.frequent.has(r) {
			t.Errorf("%q should not be frequent", r)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	unit := sampleSimplified + sampleTraditional
	utf8Text := []byte(strings.Repeat(unit, 10<<20/len(unit)))
	gbText, _ := encodeKnown(b, simplifiedchinese.GB18030, strings.Repeat(unit, 1<<20/len(unit)))
	inputs := []struct {
		name string
		data []byte
	}{
		{"utf-8 10MB", utf8Text},
		{"gb18030 1MB", gbText},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if _, _, err := Decode(in.data, "auto"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestCheckedReader(t *testing.T) {
	gbk := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	report := strings.Repeat("全年招生1200人，比上年增长百分之五。\n", 5000)
	ascii := strings.Repeat("annual report, summary in English\n", 8000)
	tests := []struct {
		name, in, enc, want, err string
		good                     int // bytes that decode, before the error
	}{
		{"ASCII, then GBK: detected again", ascii + gbk(report), EncUTF8, ascii + report, "", 0},
		{"UTF-8 with a stray byte", report + "\xff" + report, EncUTF8, report + "\uFFFD" + report, "", 0},
		{"UTF-8, then GBK", report + gbk(report), EncUTF8, "", "not valid UTF-8 after byte", len(report)},
		{"GBK throughout", gbk(report + report), EncGB18030, report + report, "", 0},
		{"UTF-8 cut inside its last character", report + "总结"[:5], EncUTF8, report + "总\uFFFD\uFFFD", "", 0},
		{"UTF-8 of a short tail cut inside its last character", report + strings.Repeat("x", checkChunk-2) + "报告"[:5], EncUTF8,
			report + strings.Repeat("x", checkChunk-2) + "报\uFFFD\uFFFD", "", 0},
		{"GBK, then UTF-16", gbk(report) + string(utf16Bytes(report, false)), EncGB18030, "", "not valid GBK/GB18030 after byte", len(gbk(report))},
	}
	for _, tt := range tests {
		r, err := NewCheckedReader(iotest.HalfReader(strings.NewReader(tt.in)), tt.enc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		switch {
		case tt.err != "":
			var de *DecodeError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			} else if de.Offset < int64(tt.good-checkChunk) || de.Offset > int64(tt.good+checkChunk) {
				t.Errorf("%s: failed at byte %d, want within a chunk of %d", tt.name, de.Offset, tt.good)
			}
		case err != nil || string(got) != tt.want:
			t.Errorf("%s: %d bytes, %v; want %d bytes", tt.name, len(got), err, len(tt.want))
		}
	}
}
