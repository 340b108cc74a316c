package normalize

import (
	"regexp"
	"slices"
	"strings"
)

// Layout noise is what PDF converters and OCR add to a report's text: page
// numbers and running titles between the halves of a sentence, lines
// wrapped at the width of the page, spaces between digits and around every
// character, ASCII punctuation for full-width. The steps here undo it
// through the position map, so later stages read the sentences as written.

// pageNumberPatterns match a line that holds only a page number, in the
// forms reports print them (data/page_numbers.txt).
var pageNumberPatterns = compileLines(embeddedLines(pageNumbersData))

func compileLines(lines []string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(lines))
	for i, l := range lines {
		out[i] = regexp.MustCompile(l)
	}
	return out
}

// Running headers and footers are short lines repeated down the pages.
const (
	maxFurnitureLine = 40 // characters
	minRepeats       = 3
)

// DropPageFurniture removes page numbers and running headers or footers
// (a short line without sentence punctuation repeated at least three times
// in the text), with the blank lines around them, and joins the halves of
// a sentence the page break cut.
var DropPageFurniture Step = StepFunc(dropPageFurniture)

func dropPageFurniture(src *Text) *Text {
	rs := src.Runes
	lines := splitLines(rs)
	repeats := map[string]int{}
	keys := make([]string, len(lines)) // "" for a line too long or punctuated to be furniture
	for i, l := range lines {
		if key, ok := furnitureKey(rs[l.start:l.end]); ok {
			keys[i] = key
			repeats[key]++
		}
	}
	drop := make([]bool, len(lines))
	any := false
	for i, l := range lines {
		if keys[i] != "" && (repeats[keys[i]] >= minRepeats || isPageNumber(string(rs[l.start:l.end]))) {
			drop[i], any = true, true
		}
	}
	if bare := bareNumberLines(rs, lines, drop); len(bare) >= 2 {
		for _, i := range bare {
			drop[i], any = true, true
		}
	} else if len(bare) == 1 && atFormFeed(rs, lines, bare[0]) {
		drop[bare[0]], any = true, true // one page break, marked by a form feed
	}
	if !any && !slices.Contains(rs, '\f') {
		return src
	}
	dropHeadersAtCuts(rs, lines, drop)
	// Blank lines next to furniture go with it.
	for i := range lines {
		if !drop[i] {
			continue
		}
		for j := i - 1; j >= 0 && !drop[j] && isBlank(rs[lines[j].start:lines[j].end]); j-- {
			drop[j] = true
		}
		for j := i + 1; j < len(lines) && !drop[j] && isBlank(rs[lines[j].start:lines[j].end]); j++ {
			drop[j] = true
		}
	}
	b := newBuilder(src)
	for i, l := range lines {
		end := l.end
		if end < len(rs) && !(!drop[i] && i+1 < len(lines) && drop[i+1] && cutByPage(rs, lines, drop, i)) {
			end++ // its line break
		}
		if !drop[i] {
			start := l.start
			if start < end && rs[start] == '\f' {
				start++ // the page break has done its work
			}
			b.keepRange(start, end)
		}
	}
	return b.text()
}

// cutByPage reports whether line i, followed by dropped furniture, is the
// first half of a sentence the page cut: it stops mid-sentence and the
// line after the furniture goes on with it rather than opening an item.
func cutByPage(rs []rune, lines []lineSpan, drop []bool, i int) bool {
	j := i + 1
	for j < len(lines) && drop[j] {
		j++
	}
	if j == len(lines) || isBlank(rs[lines[i].start:lines[i].end]) {
		return false
	}
	prev, next := rs[lines[i].start:lines[i].end], rs[lines[j].start:lines[j].end]
	if opensItem(prev) && len(prev) <= maxHeading {
		return false // a heading, which ends without punctuation
	}
	return endsMidSentence(prev) && !isBlank(next) && !opensItem(next)
}

// maxHeading is the longest numbered line read as a heading.
const maxHeading = 30

type lineSpan struct{ start, end int }

func splitLines(rs []rune) []lineSpan {
	n := 1
	for _, r := range rs {
		if r == '\n' {
			n++
		}
	}
	out := make([]lineSpan, 0, n)
	start := 0
	for i, r := range rs {
		if r == '\n' {
			out = append(out, lineSpan{start, i})
			start = i + 1
		}
	}
	return append(out, lineSpan{start, len(rs)})
}

// dropHeadersAtCuts drops the running header of a page that starts inside
// a sentence: after furniture that follows a line cut mid-sentence, a short
// line without sentence punctuation cannot be a heading, since the
// sentence has not ended; it is the page's header, in a text too short for
// the header to repeat.
func dropHeadersAtCuts(rs []rune, lines []lineSpan, drop []bool) {
	blank := func(i int) bool { return isBlank(rs[lines[i].start:lines[i].end]) }
	for i := 1; i < len(lines); i++ {
		if !drop[i] || drop[i-1] {
			continue
		}
		p := i - 1 // the last content line before the furniture
		for p >= 0 && blank(p) {
			p--
		}
		q := i // the first line after it
		for q < len(lines) && (drop[q] || blank(q)) {
			q++
		}
		if p >= 0 && q+1 < len(lines) && endsMidSentence(rs[lines[p].start:lines[p].end]) {
			if _, short := furnitureKey(rs[lines[q].start:lines[q].end]); short {
				drop[q] = true
			}
		}
		i = q // the furniture up to q is done

	}
}

// atFormFeed reports whether line i is next to a page break that a form
// feed marks (as pdftotext writes them): it starts with one, or the next
// line that is not blank does.
func atFormFeed(rs []rune, lines []lineSpan, i int) bool {
	for j := i; j < len(lines); j++ {
		line := rs[lines[j].start:lines[j].end]
		if len(line) > 0 && line[0] == '\f' {
			return true
		}
		if j > i && !isBlank(line) {
			return false
		}
	}
	return false
}

// bareNumberLines returns the lines that hold only a number of one to
// three digits and stand between blank lines (or the text's ends, or other
// furniture), as page numbers do. One such line may be a figure set apart; two or more are page
// numbers. A number on a line of its own inside a sentence
// ("投入资金\n1200\n万元") has text right before or after it.
func bareNumberLines(rs []rune, lines []lineSpan, furniture []bool) []int {
	var out []int
	blank := func(i int) bool {
		return i < 0 || i >= len(lines) || furniture[i] || isBlank(rs[lines[i].start:lines[i].end])
	}
	for i, l := range lines {
		line := trimSpaces(rs[l.start:l.end])
		digits := 0
		for _, r := range line {
			if isDigit(r) {
				digits++
			} else {
				digits = 0 // a space inside ("2 5") is a spaced-out number's, not a page's
				break
			}
		}
		if digits >= 1 && digits <= 3 && blank(i-1) && blank(i+1) && !continuesSpacedNumber(rs, lines, i) {
			out = append(out, i)
		}
	}
	return out
}

// continuesSpacedNumber reports a line of digits whose previous text line
// ends inside a spaced-out number ("增加值3 1 ." then "0"): the digits
// are that number's, wrapped, not a page number.
func continuesSpacedNumber(rs []rune, lines []lineSpan, i int) bool {
	p := i - 1
	for p >= 0 && isBlank(rs[lines[p].start:lines[p].end]) {
		p--
	}
	if p < 0 {
		return false
	}
	prev := trimSpaces(rs[lines[p].start:lines[p].end])
	n := len(prev)
	return n >= 3 && isNumberChar(prev[n-1]) && prev[n-2] == ' ' && isNumberChar(prev[n-3])
}

// furnitureKey returns a line trimmed of spaces when it is short and
// without sentence punctuation, as page furniture is. In a line with
// words its digits are masked, so that a footer repeated with the page
// number changing ("某县统计局 第3页") repeats as one key.
func furnitureKey(line []rune) (string, bool) {
	line = trimSpaces(line)
	for len(line) > 0 && line[0] == '\f' {
		line = trimSpaces(line[1:]) // the page break pdftotext opens a page with
	}
	if len(line) == 0 || len(line) > maxFurnitureLine {
		return "", false
	}
	for _, r := range line {
		switch r {
		case '。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?':
			return "", false
		}
	}
	if holdsQuantity(line) {
		return "", false // a table's total or a short fact, however often it repeats
	}
	key := slices.Clone(line)
	words := false
	for _, r := range key {
		words = words || isHan(r) || isLatinLetter(r)
	}
	if words {
		for i, r := range key {
			if isDigit(r) {
				key[i] = '#'
			}
		}
	}
	return string(key), true
}

// holdsQuantity reports a number followed by a unit, a classifier or a
// scale word; the year of a running title and a page count do not count.
func holdsQuantity(line []rune) bool {
	for i := 1; i < len(line); i++ {
		if r := line[i]; isDigit(line[i-1]) && isUnitStart(r) && r != '年' && r != '月' && r != '页' {
			return true
		}
	}
	return false
}

func isPageNumber(line string) bool {
	if !strings.ContainsAny(line, "0123456789") {
		return false // every form holds the number; spares the expressions most lines
	}
	for _, re := range pageNumberPatterns {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

// trimSpaces cuts spaces off both ends of a line, without copying it.
func trimSpaces(line []rune) []rune {
	line = line[leadingSpaces(line):]
	return line[:len(line)-trailingSpaces(line)]
}

func isBlank(line []rune) bool {
	for _, r := range line {
		if r != ' ' && r != '\f' {
			return false
		}
	}
	return true
}
