// Package noise makes the layout noise that PDF converters, OCR and other
// hosting sites add to report text: spaces between digits or after every
// character, hard wraps at a fixed width, page headers and footers between
// the halves of a sentence, other punctuation and digit widths, the other
// script, other line ends and other encodings. Every transformation keeps
// every fact of the text and moves every character to a known place, so
// that spans found in the clean text can be found again in the noisy one.
package noise

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/liuzl/gocc"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Result is a transformed text. Pos[i] is where character i of the source
// landed in Text (len(Pos) is the source's length plus one, the last entry
// being len(Text)). Bytes is the encoded document when it is not UTF-8.
type Result struct {
	Text  []rune
	Pos   []int
	Bytes []byte
}

// Span maps the source span [start, end) to the span of the same
// characters in the transformed text, inserted noise inside it included.
func (r Result) Span(start, end int) (int, int) {
	if end <= start {
		return r.Pos[start], r.Pos[start]
	}
	return r.Pos[start], r.Pos[end-1] + 1
}

// Encoded returns the document's bytes.
func (r Result) Encoded() []byte {
	if r.Bytes != nil {
		return r.Bytes
	}
	return []byte(string(r.Text))
}

// Transform is one kind of noise.
type Transform struct {
	Name  string
	Apply func(src []rune) (Result, error)
}

// All returns the transformations the layout-noise suite runs.
func All() []Transform {
	ts := []Transform{
		{"spaced-digits", pure(SpaceDigits)},
		{"spaced-chars", pure(SpaceEveryCharacter)},
	}
	for _, width := range []int{17, 33, 40, 61} {
		ts = append(ts, Transform{fmt.Sprintf("wrap-%d", width), pure(func(src []rune) Result { return HardWrap(src, width) })})
	}
	ts = append(ts,
		Transform{"pages", pure(func(src []rune) Result { return Paginate(src, 38, 24, false) })},
		Transform{"pages-layout", pure(func(src []rune) Result { return Paginate(src, 45, 30, true) })},
		Transform{"pages-bare", pure(func(src []rune) Result { return PaginateBare(src, 42, 20) })},
		Transform{"furniture-mid-line", pure(func(src []rune) Result { return FurnitureMidLine(src, 3) })},
		Transform{"pdftotext", pure(func(src []rune) Result { return PDFText(src, 90, 40) })},
		Transform{"ascii-punct", pure(ASCIIPunctuation)},
		Transform{"fullwidth-punct", pure(FullWidthPunctuation)},
		Transform{"fullwidth-digits", pure(FullWidthDigits)},
		Transform{"traditional", Traditional},
		Transform{"crlf", pure(CRLF)},
		Transform{"ocr-spaces", pure(func(src []rune) Result { return SpaceSometimes(src, 5) })},
		Transform{"ocr-spaces-dense", pure(func(src []rune) Result { return SpaceSometimes(src, 3) })},
		Transform{"invisible-chars", pure(func(src []rune) Result { return InsertInvisible(src, 3) })},
		Transform{"double-spaced", pure(func(src []rune) Result { return DoubleSpace(HardWrap(src, 33)) })},
		Transform{"margins", pure(func(src []rune) Result { return Indent(HardWrap(src, 30), "  ") })},
		Then(Transform{"traditional", Traditional}, Transform{"pages", pure(func(src []rune) Result { return Paginate(src, 36, 22, false) })}),
		Then(Transform{"spaced-digits", pure(SpaceDigits)}, Transform{"wrap-29", pure(func(src []rune) Result { return HardWrap(src, 29) })}),
		Then(Transform{"ascii-punct", pure(ASCIIPunctuation)}, Transform{"pdftotext", pure(func(src []rune) Result { return PDFText(src, 76, 35) })}),
		Transform{"gb18030", GB18030},
		Transform{"utf-16", UTF16},
	)
	return ts
}

// Then is a followed by b.
func Then(a, b Transform) Transform {
	return Transform{a.Name + "+" + b.Name, func(src []rune) (Result, error) {
		first, err := a.Apply(src)
		if err != nil {
			return Result{}, err
		}
		second, err := b.Apply(first.Text)
		if err != nil {
			return Result{}, err
		}
		return compose(first, second), nil
	}}
}

func pure(f func([]rune) Result) func([]rune) (Result, error) {
	return func(src []rune) (Result, error) { return f(src), nil }
}

// builder appends the transformed text, recording where each source
// character lands.
type builder struct {
	out []rune
	pos []int
}

func newBuilder(n int) *builder {
	return &builder{out: make([]rune, 0, n+n/4), pos: make([]int, 0, n+1)}
}

// put writes source character r (or what it became).
func (b *builder) put(r rune) {
	b.pos = append(b.pos, len(b.out))
	b.out = append(b.out, r)
}

// insert writes noise that stands for no source character.
func (b *builder) insert(s string) { b.out = append(b.out, []rune(s)...) }

func (b *builder) result() Result {
	return Result{Text: b.out, Pos: append(b.pos, len(b.out))}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// SpaceDigits puts a space between two digits and on each side of a
// decimal point between digits, as OCR and PDF text of wide-set numbers
// gives them ("3 6 2 1 0 亿元", "1 2 . 5 %").
func SpaceDigits(src []rune) Result {
	b := newBuilder(len(src))
	for i, r := range src {
		b.put(r)
		if i+1 >= len(src) {
			continue
		}
		next := src[i+1]
		if isDigit(r) && (isDigit(next) || next == '.' && i+2 < len(src) && isDigit(src[i+2])) ||
			r == '.' && i > 0 && isDigit(src[i-1]) && isDigit(next) {
			b.insert(" ")
		}
	}
	return b.result()
}

// SpaceSometimes puts a space after every nth character that is not a
// line break, wherever it falls (inside words and numbers), as OCR of
// unevenly set text gives stray spaces.
func SpaceSometimes(src []rune, n int) Result {
	b := newBuilder(len(src))
	for i, r := range src {
		b.put(r)
		if i%n == n-1 && r != '\n' && i+1 < len(src) && src[i+1] != '\n' && src[i+1] != ' ' && r != ' ' {
			b.insert(" ")
		}
	}
	return b.result()
}

// InsertInvisible puts a zero-width space, soft hyphen or word joiner
// after every nth character, as scraped pages carry them inside words and
// numbers where nothing shows.
func InsertInvisible(src []rune, n int) Result {
	marks := []string{"\u200b", "\u00ad", "\u2060", "\ufeff"}
	b := newBuilder(len(src))
	for i, r := range src {
		b.put(r)
		if i%n == n-1 && i+1 < len(src) {
			b.insert(marks[(i/n)%len(marks)])
		}
	}
	return b.result()
}

// DoubleSpace puts a blank line after every line of a wrapped text, as
// some PDF converters write it.
func DoubleSpace(wrapped Result) Result {
	b := newBuilder(len(wrapped.Text))
	for _, r := range wrapped.Text {
		b.put(r)
		if r == '\n' {
			b.insert("\n")
		}
	}
	return compose(wrapped, b.result())
}

// Indent starts every line of a wrapped text with a margin, as pdftotext
// -layout writes the page's left margin.
func Indent(wrapped Result, margin string) Result {
	b := newBuilder(len(wrapped.Text))
	for i, r := range wrapped.Text {
		if i == 0 || wrapped.Text[i-1] == '\n' {
			b.insert(margin)
		}
		b.put(r)
	}
	return compose(wrapped, b.result())
}

// SpaceEveryCharacter puts a space after every character of a line, as
// text of letter-spaced PDFs and some OCR comes out.
func SpaceEveryCharacter(src []rune) Result {
	b := newBuilder(len(src))
	for i, r := range src {
		b.put(r)
		if r != '\n' && i+1 < len(src) && src[i+1] != '\n' {
			b.insert(" ")
		}
	}
	return b.result()
}

// HardWrap breaks every line after width characters, wherever that falls
// (inside a word or a number), as PDF text of a fixed-width column reads.
func HardWrap(src []rune, width int) Result {
	b := newBuilder(len(src))
	col := 0
	for _, r := range src {
		if r == '\n' {
			col = 0
			b.put(r)
			continue
		}
		if col == width {
			b.insert("\n")
			col = 0
		}
		b.put(r)
		col++
	}
	return b.result()
}

// runningTitle is the running header of the pages Paginate makes.
const runningTitle = "某县2023年国民经济和社会发展统计公报"

// Paginate wraps lines at width and cuts the text into pages of
// linesPerPage lines, as pdftotext gives a multi-page report: each page
// ends with a page number line (in one of the styles reports use) between
// blank lines and a form feed, and the next page starts with the running
// title; the cut falls wherever the page ends, mid-sentence and
// mid-number included. layout indents the furniture as pdftotext -layout
// centres it.
func Paginate(src []rune, width, linesPerPage int, layout bool) Result {
	wrapped := HardWrap(src, width)
	indent := ""
	if layout {
		indent = strings.Repeat(" ", width/2)
	}
	return compose(wrapped, paginateLines(wrapped.Text, linesPerPage, indent))
}

// PaginateBare is Paginate with the page number alone on its line between
// blank lines, and a running header that carries the page number too.
func PaginateBare(src []rune, width, linesPerPage int) Result {
	wrapped := HardWrap(src, width)
	b := newBuilder(len(wrapped.Text))
	page, line := 1, 0
	for _, r := range wrapped.Text {
		b.put(r)
		if r != '\n' {
			continue
		}
		line++
		if line%linesPerPage == 0 {
			b.insert(fmt.Sprintf("\n%d\n\f县统计局  第%d页\n", page, page+1))
			page++
		}
	}
	return compose(wrapped, b.result())
}

// paginateLines puts page furniture after every linesPerPage lines.
func paginateLines(src []rune, linesPerPage int, indent string) Result {
	pages := 1 + countLines(src)/linesPerPage
	b := newBuilder(len(src))
	page, line := 1, 0
	for _, r := range src {
		b.put(r)
		if r != '\n' {
			continue
		}
		line++
		if line%linesPerPage == 0 {
			b.insert("\n" + indent + pageNumber(page, pages) + "\n\f" + indent + runningTitle + "\n\n")
			page++
		}
	}
	return b.result()
}

// FurnitureMidLine cuts every nth line of the text at two fifths of its
// length and puts page furniture in the cut, as a report whose page breaks
// fall inside long paragraphs reads once its lines are unwrapped.
func FurnitureMidLine(src []rune, n int) Result {
	b := newBuilder(len(src))
	lineStart, line, page := 0, 0, 1
	for i, r := range src {
		if r == '\n' {
			lineStart = i + 1
			line++
		}
		b.put(r)
		if line%n == n-1 && i == lineStart+lineLength(src, lineStart)*2/5 && lineLength(src, lineStart) >= 10 {
			b.insert("\n" + pageNumber(page, 99) + "\n" + runningTitle + "\n")
			page++
		}
	}
	return b.result()
}

func lineLength(src []rune, start int) int {
	n := 0
	for start+n < len(src) && src[start+n] != '\n' {
		n++
	}
	return n
}

// pageNumber writes page n of total in one of the styles reports use.
func pageNumber(n, total int) string {
	switch n % 4 {
	case 0:
		return fmt.Sprintf("- %d -", n)
	case 1:
		return fmt.Sprintf("— %d —", n)
	case 2:
		return fmt.Sprintf("第 %d 页 共 %d 页", n, total)
	default:
		return fmt.Sprintf("%d/%d", n, total)
	}
}

func countLines(rs []rune) int {
	n := 1
	for _, r := range rs {
		if r == '\n' {
			n++
		}
	}
	return n
}

// compose maps through two transformations done one after the other.
func compose(first, second Result) Result {
	pos := make([]int, len(first.Pos))
	for i, p := range first.Pos {
		pos[i] = second.Pos[p]
	}
	return Result{Text: second.Text, Pos: pos, Bytes: second.Bytes}
}

// PDFText gives text as pdftotext gives a report typeset from it: a space
// between a Han character and a number or Latin word next to it (the
// typesetter's spacing between scripts), lines broken at a display width
// of units (a Han character two, others one) with a number or word moved
// whole to the next line, and pages of linesPerPage lines with a page
// number and the running title between them.
func PDFText(src []rune, units, linesPerPage int) Result {
	spaced := spaceScripts(src)
	wrapped := wrapWords(spaced.Text, units)
	paged := paginateLines(wrapped.Text, linesPerPage, "")
	return compose(compose(spaced, wrapped), paged)
}

func isWordChar(r rune) bool {
	return isDigit(r) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.'
}

func isWide(r rune) bool { return r >= 0x2E80 }

// spaceScripts puts a space between a wide character and a word of digits
// or Latin letters.
func spaceScripts(src []rune) Result {
	b := newBuilder(len(src))
	for i, r := range src {
		b.put(r)
		if i+1 < len(src) && (isWide(r) && isWordChar(src[i+1]) && src[i+1] != '.' || isWordChar(r) && isWide(src[i+1])) {
			b.insert(" ")
		}
	}
	return b.result()
}

// wrapWords breaks lines at a display width, never inside a word of digits
// or letters, dropping no character (a space at the break stays at the end
// of the line).
func wrapWords(src []rune, units int) Result {
	b := newBuilder(len(src))
	col := 0
	for i := 0; i < len(src); i++ {
		r := src[i]
		if r == '\n' {
			b.put(r)
			col = 0
			continue
		}
		j := i + 1
		w := displayWidth(r)
		if isWordChar(r) && (i == 0 || !isWordChar(src[i-1])) {
			for j < len(src) && isWordChar(src[j]) {
				w += displayWidth(src[j])
				j++
			}
		} else {
			j = i + 1
		}
		if col > 0 && col+w > units {
			b.insert("\n")
			col = 0
		}
		for k := i; k < j; k++ {
			b.put(src[k])
		}
		col += w
		i = j - 1
	}
	return b.result()
}

func displayWidth(r rune) int {
	if isWide(r) {
		return 2
	}
	return 1
}

// replaceEach replaces characters one for one.
func replaceEach(src []rune, swap func(r rune, i int) rune) Result {
	b := newBuilder(len(src))
	for i, r := range src {
		b.put(swap(r, i))
	}
	return b.result()
}

var asciiFor = map[rune]rune{
	'，': ',', '。': '.', '：': ':', '；': ';', '（': '(', '）': ')', '！': '!', '？': '?', '％': '%',
}

// ASCIIPunctuation writes ASCII punctuation for full-width, as PDF text
// and OCR often give it.
func ASCIIPunctuation(src []rune) Result {
	return replaceEach(src, func(r rune, _ int) rune {
		if a, ok := asciiFor[r]; ok {
			return a
		}
		return r
	})
}

var fullWidthFor = map[rune]rune{
	',': '，', ':': '：', ';': '；', '(': '（', ')': '）', '!': '！', '?': '？', '%': '％',
}

// FullWidthPunctuation writes full-width punctuation for ASCII; a point
// between digits becomes the full-width full stop ．, the decimal point of
// text typed in full-width mode.
func FullWidthPunctuation(src []rune) Result {
	return replaceEach(src, func(r rune, i int) rune {
		if r == '.' && i > 0 && isDigit(src[i-1]) {
			return '．'
		}
		if f, ok := fullWidthFor[r]; ok {
			return f
		}
		return r
	})
}

// FullWidthDigits writes digits in full width (０１２…).
func FullWidthDigits(src []rune) Result {
	return replaceEach(src, func(r rune, _ int) rune {
		if isDigit(r) {
			return r - '0' + '０'
		}
		return r
	})
}

// CRLF ends every line with "\r\n".
func CRLF(src []rune) Result {
	b := newBuilder(len(src))
	for _, r := range src {
		if r == '\n' {
			b.insert("\r")
		}
		b.put(r)
	}
	return b.result()
}

var s2t = struct {
	cc  *gocc.OpenCC
	err error
}{}

// Traditional converts the text to traditional script with gocc's s2t.
// A line whose conversion changes its length is converted one character at
// a time, so that every character keeps its place.
func Traditional(src []rune) (Result, error) {
	if s2t.cc == nil && s2t.err == nil {
		s2t.cc, s2t.err = gocc.New("s2t")
	}
	if s2t.err != nil {
		return Result{}, s2t.err
	}
	out := make([]rune, 0, len(src))
	start := 0
	for i := 0; i <= len(src); i++ {
		if i < len(src) && src[i] != '\n' {
			continue
		}
		line := src[start:i]
		conv, err := convertRunes(line)
		if err != nil {
			return Result{}, err
		}
		if len(conv) != len(line) {
			conv = conv[:0]
			for _, r := range line {
				c, err := convertRunes([]rune{r})
				if err != nil {
					return Result{}, err
				}
				if len(c) != 1 {
					c = []rune{r}
				}
				conv = append(conv, c[0])
			}
		}
		out = append(out, conv...)
		if i < len(src) {
			out = append(out, '\n')
		}
		start = i + 1
	}
	return identity(out), nil
}

func convertRunes(rs []rune) ([]rune, error) {
	s, err := s2t.cc.Convert(string(rs))
	return []rune(s), err
}

func identity(text []rune) Result {
	pos := make([]int, len(text)+1)
	for i := range pos {
		pos[i] = i
	}
	return Result{Text: text, Pos: pos}
}

// GB18030 encodes the text in GB18030.
func GB18030(src []rune) (Result, error) {
	data, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(string(src)))
	if err != nil {
		return Result{}, err
	}
	r := identity(src)
	r.Bytes = data
	return r, nil
}

// UTF16 encodes the text in UTF-16 little-endian with a byte order mark,
// as Windows tools save "Unicode" text.
func UTF16(src []rune) (Result, error) {
	units := utf16.Encode(src)
	data := make([]byte, 2, 2+2*len(units))
	data[0], data[1] = 0xFF, 0xFE
	for _, u := range units {
		data = append(data, byte(u), byte(u>>8))
	}
	r := identity(src)
	r.Bytes = data
	return r, nil
}
