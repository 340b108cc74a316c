//go:build torture

package torture

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
)

// insertAfterClauses puts junk[k % len(junk)] after the k-th clause or
// sentence mark of text.
func insertAfterClauses(text string, junk ...string) string {
	var b strings.Builder
	k := 0
	for _, r := range text {
		b.WriteRune(r)
		if r == '，' || r == '。' {
			b.WriteString(junk[k%len(junk)])
			k++
		}
	}
	return b.String()
}

// batch is a directory of report files, one for each kind of bad input.
type batch struct {
	dir string
	// same maps a file to the UTF-8 file whose facts it must give, with
	// the same offsets (sameOffsets) or only the same facts in order.
	same, sameFacts map[string]string
	// texts holds the decoded text of each file that gives rows.
	texts map[string]string
	// noRows lists files that must give no rows.
	noRows []string
	// problems maps files reported on stderr to the reason given;
	// skipped lists those reported as skipped (no failure).
	problems map[string]string
	skipped  []string
	// oddNames are files whose names are not valid UTF-8.
	oddNames []string
	inputs   int // documents the directory holds
}

func newBatch(t *testing.T, dir string) *batch {
	t.Helper()
	b := &batch{dir: dir, same: map[string]string{}, sameFacts: map[string]string{},
		texts: map[string]string{}, problems: map[string]string{}}
	put := func(name string, data []byte, text string) {
		badinput.WriteFile(t, filepath.Join(dir, name), data)
		b.inputs++
		if text != "" {
			b.texts[name] = text
		}
	}
	crlf := strings.ReplaceAll(badinput.ReportSimplified, "\n", "\r\n")
	put("简体 utf8.txt", []byte(badinput.ReportSimplified), badinput.ReportSimplified)
	put("繁體 utf8.txt", []byte(badinput.ReportTraditional), badinput.ReportTraditional)
	put("crlf utf8.txt", []byte(crlf), crlf)
	for name, data := range map[string][]byte{
		"utf8-bom.txt":           append([]byte("\xEF\xBB\xBF"), badinput.ReportSimplified...),
		"utf16le.txt":            badinput.UTF16WithBOM(badinput.ReportSimplified, false),
		"utf16be.txt":            badinput.UTF16WithBOM(badinput.ReportSimplified, true),
		"gb18030.txt":            badinput.Encode(t, simplifiedchinese.GB18030, badinput.ReportSimplified),
		"gbk.txt":                badinput.Encode(t, simplifiedchinese.GBK, badinput.ReportSimplified),
		"sub dir/年度 报告 (终稿).txt": []byte(badinput.ReportSimplified),
	} {
		put(name, data, badinput.ReportSimplified)
		b.same[name] = "简体 utf8.txt"
	}
	put("big5.txt", badinput.Encode(t, traditionalchinese.Big5, badinput.ReportTraditional), badinput.ReportTraditional)
	b.same["big5.txt"] = "繁體 utf8.txt"
	for name, data := range map[string][]byte{
		"crlf gbk.txt":   badinput.Encode(t, simplifiedchinese.GBK, crlf),
		"crlf utf16.txt": badinput.UTF16WithBOM(crlf, false),
	} {
		put(name, data, crlf)
		b.same[name] = "crlf utf8.txt"
	}
	for name, text := range map[string]string{
		"cr.txt":            strings.ReplaceAll(badinput.ReportSimplified, "\n", "\r"),
		"invalid-bytes.txt": insertAfterClauses(badinput.ReportSimplified, "\x80", "\xE5\x8A", "\xC0\xAF", "\xFF"),
		"nul-bytes.txt":     insertAfterClauses(badinput.ReportSimplified, "\x00"),
	} {
		put(name, []byte(text), string([]rune(text)))
		b.sameFacts[name] = "简体 utf8.txt"
	}
	for name, data := range map[string][]byte{"empty.txt": nil, "bom-only.txt": []byte("\xEF\xBB\xBF"), "blank.txt": []byte("\r\n \r\n")} {
		put(name, data, "")
		b.noRows = append(b.noRows, name)
	}
	random := make([]byte, 8192)
	rand.New(rand.NewSource(7)).Read(random)
	for name, data := range map[string][]byte{"image.txt": badinput.PNG(t), "archive.txt": badinput.Zip(t), "random.txt": random} {
		put(name, data, "")
		b.noRows = append(b.noRows, name)
		b.problems[name] = "binary"
		b.skipped = append(b.skipped, name)
	}
	for name, target := range map[string]string{"broken-link.txt": "nowhere.txt", "loop.txt": "loop.txt"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		b.inputs++
	}
	// Names that are not one clean line of UTF-8: a GBK name, as archives
	// made on Chinese Windows unpack to, and a broken link whose name holds
	// a line break (its report must still be one line).
	put("\xB1\xA8\xB8\xE6.txt", []byte(badinput.ReportSimplified), "")
	b.oddNames = append(b.oddNames, "\xB1\xA8\xB8\xE6.txt")
	if err := os.Symlink("nowhere.txt", filepath.Join(dir, "odd\nlink.txt")); err != nil {
		t.Fatal(err)
	}
	b.inputs++
	b.problems[`odd\nlink.txt`] = "broken symbolic link"
	// Larger than the 1 MiB encoding-detection sample, so decoded as a
	// stream: UTF-16 without a BOM, and a line end on a window's edge.
	large := badinput.RepeatReport(badinput.ReportSimplified, 2<<20)
	put("large utf8.txt", []byte(large), large)
	put("large utf16le no BOM.txt", badinput.UTF16WithBOM(large, false)[2:], large)
	b.same["large utf16le no BOM.txt"] = "large utf8.txt"
	longLine := longLineCRLF(1 << 20)
	put("crlf after a long line.txt", []byte(longLine), longLine)

	b.problems["broken-link.txt"] = "no such file"
	b.problems["loop.txt"] = "symbolic link"
	b.problems["unreadable.txt"] = badinput.Unreadable(t, filepath.Join(dir, "unreadable.txt"))
	b.inputs++
	// Passed over: not a regular file, and reading it would wait forever.
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Passed over: not matched by the default globs.
	badinput.WriteFile(t, filepath.Join(dir, "notes.csv"), []byte(badinput.ReportSimplified))
	return b
}

// longLineCRLF is a document whose first line is size-1 bytes of filler
// with no line break, punctuation or digit, then "\r\n", so that a window
// of size bytes must end inside the "\r\n", followed by lines with a fact
// each, up to half the size again.
func longLineCRLF(size int) string {
	var b strings.Builder
	for i := 0; b.Len()+len(string(hugeFiller[i%len(hugeFiller)])) <= size-1; i++ {
		b.WriteRune(hugeFiller[i%len(hugeFiller)])
	}
	for b.Len() < size-1 {
		b.WriteByte('a')
	}
	b.WriteString("\r\n")
	for i := 0; b.Len() < size*3/2; i++ {
		fmt.Fprintf(&b, "第%s学校共有教师%d人。\r\n", strings.Repeat("甲", i%5), 1000+i)
	}
	return b.String()
}

// fact is one fact a generated document holds.
type fact struct {
	start, end int // code point offsets
	value      int
	raw        string
}

// hugeFiller holds characters that are no part of a number, a unit or
// punctuation, so that a line of them has facts only where they are put.
var hugeFiller = []rune("全面推进素质教育深化课程改革加强师资队伍建设提升办学水平")

// writeHugeLine writes about size bytes to path as a single line with no
// punctuation: filler of gapMin to gapMax characters, then a fact
// "教师<n>人", again and again. It returns the facts in order.
func writeHugeLine(t *testing.T, path string, size int64, gapMin, gapMax int) []fact {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewSource(size))
	var facts []fact
	var written int64
	offset := 0
	for written < size {
		gap := gapMin + rng.Intn(gapMax-gapMin+1)
		from := rng.Intn(len(hugeFiller))
		for i := 0; i < gap; i++ {
			n, _ := w.WriteRune(hugeFiller[(from+i)%len(hugeFiller)])
			written += int64(n)
		}
		offset += gap
		n, _ := w.WriteString("教师")
		written += int64(n)
		offset += 2
		// No year-like numbers: 1900–2100 followed by 人 could read as one.
		value := 100 + rng.Intn(1800)
		if rng.Intn(2) == 0 {
			value = 2200 + rng.Intn(97000)
		}
		raw := fmt.Sprintf("%d人", value)
		n, _ = w.WriteString(raw)
		written += int64(n)
		rawLen := len([]rune(raw))
		facts = append(facts, fact{start: offset, end: offset + rawLen, value: value, raw: raw})
		offset += rawLen
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return facts
}

// writeManyFiles writes n small reports into dir, one fact each: file i
// says 学校共有教师<1000+i>人. A few writers share the work, since each
// file costs system calls rather than bytes.
func writeManyFiles(t *testing.T, dir string, n int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const writers = 4
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		go func() {
			buf := make([]byte, 0, 64)
			for i := w; i < n; i += writers {
				buf = fmt.Appendf(buf[:0], "学校共有教师%d人。\n", 1000+i)
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%06d.txt", i)), buf, 0o644); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for w := 0; w < writers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
