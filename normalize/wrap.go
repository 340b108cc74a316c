package normalize

import (
	"regexp"
	"slices"
	"strings"
)

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
	width, units := pageWidth(src, lines)
	gap := lineGap(rs, lines) // blank lines between the lines of a paragraph
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
		if j == i+1+gap && isSpacedNumberWrap(prev, following) {
			// "9 6 1 3 \n 2元": a spaced-out number goes on; the spaces at
			// the break make one, which closing layout spaces then reads.
			tail, head := trailingSpaces(prev), leadingSpaces(following)
			if head > 0 {
				b.keepRange(next, lines[i].end-tail)
				next = lines[j].start + head - 1
			} else {
				b.keepRange(next, lines[i].end-tail+1)
				next = lines[j].start
			}
			continue
		}
		// The margin a line of PDF text starts with is layout, not text.
		margin := leadingSpaces(following)
		body := following[margin:]
		if len(body) == 0 {
			continue
		}
		cut := lines[i].end // the break and any blank lines after it are dropped
		switch {
		case endsWithDecimalPoint(prev) && isDigit(body[0]):
		case endsWithDigit(prev) && continuesNumber(body):
			if n := pageNumberAtCut(prev); n > 0 && isUnitStart(body[0]) {
				cut -= n
			}
		case j == i+1+gap && width > 0 && isFull(lastSourceLine(src, lines[i]), width, units) && !opensItem(following):
		default:
			continue
		}
		b.keepRange(next, cut)
		if isLatinLetter(prev[len(prev)-1]) && isLatinLetter(body[0]) && !isUpper(prev[len(prev)-1]) && !isUpper(body[0]) {
			b.emit(' ', lines[i].end, lines[i].end+1) // a word wrap stands for a space
		}
		next = lines[j].start + margin
		i = j - 1
	}
	b.keepRange(next, len(rs))
	return b.text()
}

// lineGap returns 1 for double-spaced text, where a blank line follows
// every line (as some converters write PDF text) and paragraphs are set
// apart by more, and 0 otherwise: a text whose lines mostly follow each
// other directly, or are paragraphs of their own, is not double-spaced.
func lineGap(rs []rune, lines []lineSpan) int {
	runs, adjacent, single := 0, 0, 0 // breaks between text lines; with no blank line; with one
	blanks, seen := 0, false
	for _, l := range lines {
		if isBlank(rs[l.start:l.end]) {
			blanks++
			continue
		}
		if seen {
			runs++
			switch blanks {
			case 0:
				adjacent++
			case 1:
				single++
			}
		}
		seen, blanks = true, 0
	}
	if runs >= 4 && float64(adjacent) <= 0.1*float64(runs) && float64(single) >= 0.5*float64(runs) {
		return 1
	}
	return 0
}

// pageWidth estimates the width lines are wrapped at, in characters and in
// display units (a Han character two, others one): the length most long
// lines reach. It is 0 when the text is not wrapped. A line that an
// earlier step joined (a number cut at a break) is measured as the lines
// it was, so that the joins do not widen the page.
func pageWidth(src *Text, lines []lineSpan) (chars, units int) {
	var ns, us []int
	for _, l := range lines {
		if l.end == l.start || isBlank(src.Runes[l.start:l.end]) {
			continue
		}
		for _, p := range sourceLines(src, l) {
			ns = append(ns, p.end-p.start)
			us = append(us, displayWidth(src.Runes[p.start:p.end]))
		}
	}
	if len(ns) < 4 {
		return 0, 0
	}
	slices.Sort(ns)
	slices.Sort(us)
	at := len(ns) * 3 / 4
	if ns[at] > maxWrapWidth {
		return 0, 0
	}
	return ns[at], us[at]
}

// sourceLines splits a line of src where the original had characters that
// src dropped (the line break of an earlier join): the lines of the
// original it is made of.
func sourceLines(src *Text, l lineSpan) []lineSpan {
	var out []lineSpan
	from := l.start
	for k := l.start + 1; k < l.end; k++ {
		if src.Start[k] > src.End[k-1] {
			out = append(out, lineSpan{start: from, end: k})
			from = k
		}
	}
	return append(out, lineSpan{start: from, end: l.end})
}

// lastSourceLine is the end of a line as the original had it, which
// decides whether the line was wrapped.
func lastSourceLine(src *Text, l lineSpan) []rune {
	pieces := sourceLines(src, l)
	p := pieces[len(pieces)-1]
	return src.Runes[p.start:p.end]
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
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i == len(line) || !strings.ContainsRune("(（第一二三四五六七八九十0123456789", line[i]) {
		return false // no item opens otherwise; spares the expression most lines
	}
	return itemOpening.MatchString(string(line[:min(len(line), 8)]))
}

var itemOpening = regexp.MustCompile(`^\s*([(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．][^\d]|第[一二三四五六七八九十\d]{1,3}[章节条部分])`)

// isSpacedNumberWrap reports a line break inside a number spaced out
// digit by digit, with spaces before or after the break: the line ends
// "d d" or "d ." (then spaces) and the next begins with a digit or a point
// after spaces, or the line ends with a digit and the next goes on " d d".
func isSpacedNumberWrap(prev, following []rune) bool {
	tail, head := trailingSpaces(prev), leadingSpaces(following)
	if tail == 0 && head == 0 || tail > maxLayoutSpaces || head > maxLayoutSpaces {
		return false
	}
	p, f := prev[:len(prev)-tail], following[head:]
	if len(p) == 0 || len(f) == 0 || !isNumberChar(p[len(p)-1]) || !isNumberChar(f[0]) {
		return false
	}
	// One space, or three where letter spacing surrounds a space of the
	// text, between number characters on either side; a line holding
	// only the digit continues the one before it.
	spacedBefore := leadingSpaces(p) == len(p)-1 || spacedNumberChar(p, len(p)-2, -1)
	spacedAfter := spacedNumberChar(f, 1, 1)
	return spacedBefore || spacedAfter
}

// spacedNumberChar reports one or three spaces from line[i] on in the
// direction step, then a number character.
func spacedNumberChar(line []rune, i, step int) bool {
	n := 0
	for i >= 0 && i < len(line) && line[i] == ' ' {
		n++
		i += step
	}
	return (n == 1 || n == 3) && i >= 0 && i < len(line) && isNumberChar(line[i])
}

func trailingSpaces(line []rune) int {
	n := 0
	for n < len(line) && line[len(line)-1-n] == ' ' {
		n++
	}
	return n
}

func leadingSpaces(line []rune) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

func endsWithDigit(line []rune) bool { return len(line) > 0 && isDigit(line[len(line)-1]) }

// continuesNumber reports whether a line goes on with a number's digits or
// its scale or unit.
func continuesNumber(line []rune) bool {
	return len(line) > 0 && (isDigit(line[0]) || isUnitStart(line[0]) || line[0] == '.' && len(line) > 1 && isDigit(line[1]))
}

// endsWithDecimalPoint reports a line ending in a digit and a point
// ("48.\n7万只"): a number cut at its point when the next line goes on
// with digits, which the number case checks.
func endsWithDecimalPoint(line []rune) bool {
	n := len(line)
	return n >= 2 && line[n-1] == '.' && isDigit(line[n-2])
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

// isUpper reports a capital Latin letter: an abbreviation (GDP, CPI)
// wrapped in Chinese text is one word, not two.
func isUpper(r rune) bool { return r >= 'A' && r <= 'Z' }

func isLatinLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
