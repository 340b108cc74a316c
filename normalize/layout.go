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
	}
	if !any {
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
			b.keepRange(l.start, end)
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
	var out []lineSpan
	forEachLine(rs, func(s, e int) { out = append(out, lineSpan{s, e}) }, func(int) {})
	return out
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
		digits := 0
		for _, r := range rs[l.start:l.end] {
			if isDigit(r) {
				digits++
			} else if r != ' ' {
				digits = 0
				break
			}
		}
		if digits >= 1 && digits <= 3 && blank(i-1) && blank(i+1) {
			out = append(out, i)
		}
	}
	return out
}

// furnitureKey returns a line trimmed of spaces when it is short and
// without sentence punctuation, as page furniture is. In a line with
// words its digits are masked, so that a footer repeated with the page
// number changing ("某县统计局 第3页") repeats as one key.
func furnitureKey(line []rune) (string, bool) {
	a, b := 0, len(line)
	for a < b && line[a] == ' ' {
		a++
	}
	for b > a && line[b-1] == ' ' {
		b--
	}
	if a == b || b-a > maxFurnitureLine {
		return "", false
	}
	for _, r := range line[a:b] {
		switch r {
		case '。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?':
			return "", false
		}
	}
	if holdsQuantity(line[a:b]) {
		return "", false // a table's total or a short fact, however often it repeats
	}
	key := []rune(string(line[a:b]))
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
	for _, re := range pageNumberPatterns {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

func isBlank(line []rune) bool {
	for _, r := range line {
		if r != ' ' {
			return false
		}
	}
	return true
}

// JoinWrappedLines joins a line wrapped at the width of the page to the
// line that continues it: a line that stops without sentence punctuation
// and fills the width most lines of the text fill, followed by a line that
// does not open a list item. A real heading or short line is shorter than
// the width and stays. Two more cuts are joined across blank lines, where
// a page break falls: a number cut from its unit or its other digits, with
// a page number left at the cut ("16.11 1\n\n亿元").
var JoinWrappedLines Step = StepFunc(joinWrappedLines)

// fullLine is the share of the page width from which a line counts as
// filling it.
const fullLine = 0.85

// maxWrapWidth is the widest page in characters; texts whose lines are
// longer hold a paragraph a line and are not wrapped.
const maxWrapWidth = 100

func joinWrappedLines(src *Text) *Text {
	rs := src.Runes
	lines := splitLines(rs)
	if len(lines) < 2 {
		return src
	}
	width, units := pageWidth(rs, lines)
	b := newBuilder(src)
	next := 0 // source characters before next are written
	for i := 0; i+1 < len(lines); i++ {
		prev := rs[lines[i].start:lines[i].end]
		if !endsMidSentence(prev) {
			continue
		}
		j := i + 1
		for j < len(lines) && isBlank(rs[lines[j].start:lines[j].end]) {
			j++
		}
		if j == len(lines) {
			break
		}
		following := rs[lines[j].start:lines[j].end]
		cut := lines[i].end // the break and any blank lines after it are dropped
		switch {
		case endsWithDigit(prev) && continuesNumber(following):
			if n := pageNumberAtCut(prev); n > 0 && isUnitStart(following[0]) {
				cut -= n
			}
		case j == i+1 && width > 0 && isFull(prev, width, units) && !opensItem(following):
		default:
			continue
		}
		b.keepRange(next, cut)
		if isLatinLetter(prev[len(prev)-1]) && isLatinLetter(following[0]) {
			b.emit(' ', lines[i].end, lines[i].end+1) // a word wrap stands for a space
		}
		next = lines[j].start
		i = j - 1
	}
	b.keepRange(next, len(rs))
	return b.text()
}

// pageWidth estimates the width lines are wrapped at, in characters and in
// display units (a Han character two, others one): the length most long
// lines reach. It is 0 when the text is not wrapped.
func pageWidth(rs []rune, lines []lineSpan) (chars, units int) {
	var ns []int
	for _, l := range lines {
		if n := l.end - l.start; n > 0 && !isBlank(rs[l.start:l.end]) {
			ns = append(ns, n)
		}
	}
	if len(ns) < 4 {
		return 0, 0
	}
	slices.Sort(ns)
	at := len(ns) * 3 / 4
	if ns[at] > maxWrapWidth {
		return 0, 0
	}
	chars = ns[at]
	us := ns[:0] // the same lines' display widths, in the lengths' place
	for _, l := range lines {
		if l.end > l.start && !isBlank(rs[l.start:l.end]) {
			us = append(us, displayWidth(rs[l.start:l.end]))
		}
	}
	slices.Sort(us)
	return chars, us[at]
}

func displayWidth(line []rune) int {
	w := 0
	for _, r := range line {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func isFull(line []rune, width, units int) bool {
	return float64(len(line)) >= fullLine*float64(width) || float64(displayWidth(line)) >= fullLine*float64(units)
}

// opensItem reports whether a line starts a list item or a section
// ("一、", "（二）", "3.", "(1)"), which a wrap never does.
func opensItem(line []rune) bool {
	return itemOpening.MatchString(string(line[:min(len(line), 8)]))
}

var itemOpening = regexp.MustCompile(`^\s*([(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．][^\d]|第[一二三四五六七八九十\d]{1,3}[章节条部分])`)

func endsWithDigit(line []rune) bool { return len(line) > 0 && isDigit(line[len(line)-1]) }

// continuesNumber reports whether a line goes on with a number's digits or
// its scale or unit.
func continuesNumber(line []rune) bool {
	return len(line) > 0 && (isDigit(line[0]) || isUnitStart(line[0]))
}

// pageNumberAtCut returns the length of " N" (a space and one to three
// digits) ending a line where it follows a number of several characters:
// the page number a page cut leaves behind, or 0.
func pageNumberAtCut(line []rune) int {
	n := len(line)
	k := n
	for k > 0 && n-k < 3 && isDigit(line[k-1]) {
		k--
	}
	if k == n || k < 3 || line[k-1] != ' ' || !isDigit(line[k-2]) || !isNumberChar(line[k-3]) {
		return 0 // digits spaced out one by one are no page number
	}
	return n - k + 1
}

func isLatinLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// CloseLayoutSpaces removes spaces that layout put inside Chinese text: a
// single space around each character of letter-spaced text, up to three
// spaces between Han characters, between a Han character or
// Chinese punctuation and a number, between the digits of a spaced-out
// number ("3 6 2 1 0 亿元", "1 2 . 5 %"), before % and units, inside
// brackets and around brackets in Chinese text. Other spaces next to a
// Latin letter separate words and stay; so do the wider gaps between the
// numbers of a table row.
var CloseLayoutSpaces Step = StepFunc(closeLayoutSpaces)

func closeLayoutSpaces(src *Text) *Text {
	rs := src.Runes
	b := newBuilder(src)
	kept := 0 // characters before kept are written
	for i := 1; i < len(rs); i++ {
		if rs[i] != ' ' {
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if j < len(rs) && j-i <= maxLayoutSpaces && spaceIsLayout(rs, i-1, j, j-i) {
			b.keepRange(kept, i)
			kept = j
		}
		i = j - 1
	}
	b.keepRange(kept, len(rs))
	return b.text()
}

// maxLayoutSpaces is the longest run of spaces read as layout: letter
// spacing around a space of the text itself makes three.
const maxLayoutSpaces = 3

// spaceIsLayout decides for the n spaces between rs[a] and rs[c].
func spaceIsLayout(rs []rune, a, c, n int) bool {
	x, y := rs[a], rs[c]
	if x == '\n' || y == '\n' {
		return false
	}
	if n == 1 && standsAlone(rs, a) && standsAlone(rs, c) {
		return true // letter-spaced text: one character between single spaces
	}
	switch {
	case x == '(' || x == '（' || y == ')' || y == '）':
		return true // inside brackets
	case (x == ')' || x == '）') && (isChinese(y) || isNumberChar(y)), (y == '(' || y == '（') && (isChinese(x) || isNumberChar(x)):
		return true // brackets inside Chinese text
	}
	xNum, yNum := isNumberChar(x) || isMask(rs, a), isNumberChar(y) || isMask(rs, c)
	if isLatinLetter(x) && !xNum || isLatinLetter(y) && !yNum {
		return false
	}
	switch {
	case xNum && yNum:
		// One space inside a number is layout, unless the digits on both
		// sides are numbers of their own: the columns of a table row
		// ("蔬菜 4120 3.6"), where the second ends the row or is followed by
		// another column.
		return n == 1 && !separateNumbers(rs, a, c)
	case xNum || yNum:
		return isChinese(x) || isChinese(y)
	default:
		return isChinese(x) && isChinese(y)
	}
}

// standsAlone reports whether rs[i] has a space or a line end on each side.
func standsAlone(rs []rune, i int) bool {
	return (i == 0 || rs[i-1] == ' ' || rs[i-1] == '\n') && (i+1 == len(rs) || rs[i+1] == ' ' || rs[i+1] == '\n')
}

// isMask reports a mask character standing for a digit (x, X, *, ×) that
// is not a letter of a Latin word.
func isMask(rs []rune, i int) bool {
	switch rs[i] {
	case '*', '×':
		return true
	case 'x', 'X':
		word := func(j int) bool { return j >= 0 && j < len(rs) && isLatinLetter(rs[j]) && rs[j] != 'x' && rs[j] != 'X' }
		return !word(i-1) && !word(i+1)
	}
	return false
}

func separateNumbers(rs []rune, a, c int) bool {
	if numberRunBefore(rs, a) < 2 || numberRunAfter(rs, c) < 2 {
		return false // digits spaced out one by one
	}
	end := c + numberRunAfter(rs, c)
	return end == len(rs) || rs[end] == ' ' || rs[end] == '\n'
}

func isNumberChar(r rune) bool { return isDigit(r) || r == '.' }

func numberRunBefore(rs []rune, i int) int {
	n := 0
	for ; i >= 0 && isNumberChar(rs[i]); i-- {
		n++
	}
	return n
}

func numberRunAfter(rs []rune, i int) int {
	n := 0
	for ; i < len(rs) && isNumberChar(rs[i]); i++ {
		n++
	}
	return n
}

// isChinese reports Han characters and Chinese punctuation.
func isChinese(r rune) bool {
	return isHan(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF65 || strings.ContainsRune("“”‘’…—·%‰", r)
}

// ChinesePunctuation writes full-width punctuation for the ASCII comma,
// semicolon, colon, question and exclamation marks and full stop where
// they stand after Chinese text, as PDF and OCR text often gives them. A
// point or comma between digits is a number's and stays.
var ChinesePunctuation Step = StepFunc(chinesePunctuation)

// fullWidthPunct returns the full-width form of an ASCII mark it replaces.
func fullWidthPunct(r rune) (rune, bool) {
	switch r {
	case ',':
		return '，', true
	case ';':
		return '；', true
	case ':':
		return '：', true
	case '?':
		return '？', true
	case '!':
		return '！', true
	case '.':
		return '。', true
	}
	return 0, false
}

func chinesePunctuation(src *Text) *Text {
	rs := src.Runes
	b := newBuilder(src)
	kept := 0
	for i, r := range rs {
		if r >= 0x80 || i == 0 {
			continue
		}
		if f, ok := fullWidthPunct(r); ok && endsChinesePhrase(rs, i) {
			b.keepRange(kept, i)
			b.emit(f, i, i+1)
			kept = i + 1
		}
	}
	b.keepRange(kept, len(rs))
	return b.text()
}

// endsChinesePhrase reports whether the punctuation mark at i closes
// Chinese text: it follows a Han character, or a number, bracket or quote
// with Chinese text right after.
func endsChinesePhrase(rs []rune, i int) bool {
	prev := rs[i-1]
	atEnd := i+1 == len(rs) || rs[i+1] == '\n'
	nextChinese := !atEnd && isChinese(rs[i+1])
	if rs[i] == '.' {
		// No number's decimal point follows a Han character, a percent sign or
		// a closing bracket or quote ("增长5.9%.2005年…").
		return isHan(prev) || !isDigit(prev) && isChineseClose(prev)
	}
	return isHan(prev) || isChineseClose(prev) && nextChinese
}

// isChineseClose reports characters that end a Chinese phrase before a
// comma: a unit after a number, a closing bracket or quote, a percent sign.
func isChineseClose(r rune) bool {
	return isDigit(r) || strings.ContainsRune(")）”’%‰", r)
}
