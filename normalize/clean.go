package normalize

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldWidth folds full-width digits, letters and number punctuation to
// ASCII, drops invisible format characters (zero-width spaces, soft
// hyphens), turns control characters, NUL and odd spaces into plain spaces
// (but a form feed opening a line, a page break, stays for page furniture),
// makes every line end a single '\n' and spells out unit symbols. Full-width
// commas and full stops are left alone: in Chinese they separate clauses,
// and the number grammar reads them where they separate digit groups.
var FoldWidth Step = StepFunc(foldWidth)

// symbolSpellings spells out unit symbols that the extractors read as words
// (data/unit_symbols.txt: a symbol, a tab, its spelling).
var symbolSpellings = func() map[rune]string {
	m := map[rune]string{}
	for _, line := range embeddedLines(unitSymbolsData) {
		symbol, spelling, _ := strings.Cut(line, "\t")
		m[[]rune(symbol)[0]] = spelling
	}
	return m
}()

// isInvisible reports the format characters that pages carry and never
// show: soft hyphens, zero-width spaces and joiners, direction marks, the
// word joiner and byte order marks. Scraped pages put them inside words
// and numbers (1\u200b383.5万元).
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u180e', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\ufeff':
		return true
	}
	return false
}

// isSquaredSymbol reports the block of squared unit symbols (㎡ ㎞ ㎏ …).
func isSquaredSymbol(r rune) bool { return r >= 0x3380 && r <= 0x33FF }

func foldWidth(src *Text) *Text {
	b := newBuilder(src)
	rs := src.Runes
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\r':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				b.emit('\n', i, i+2)
				i++
			} else {
				b.emit('\n', i, i+1)
			}
		case r == '\n':
			b.keep(i)
		case r == '\f' && (i == 0 || rs[i-1] == '\n' || rs[i-1] == '\r'):
			b.keep(i) // a page break as pdftotext marks it; page furniture reads and drops it
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			b.emit(r-0xFEE0, i, i+1)
		case r == '％' || r == '．' || r == '＋' || r == '－' || r == '／' || r == '＊' || r == '＜' || r == '＞' || r == '＝' || r == '～':
			b.emit(r-0xFEE0, i, i+1)
		case r == '\u3000' || r == '\u00a0' || r == '\t':
			b.emit(' ', i, i+1)
		case isInvisible(r):
			// dropped: it shows nothing on the page, not even a space
		case r == '\u2028' || r == '\u2029':
			b.emit('\n', i, i+1)
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			b.emit(' ', i, i+1)
		default:
			if s, ok := symbolSpellings[r]; ok && isSquaredSymbol(r) {
				b.emitString(s, i, i+1)
			} else {
				b.keep(i)
			}
		}
	}
	return b.text()
}

// boilerplatePatterns match lines that hosting sites add around a report:
// download notices, page counts, file sizes, share prompts, contact numbers
// (data/boilerplate.txt). A line matching one is dropped whole when it is
// short; long lines are report paragraphs that merely mention such words.
var boilerplatePatterns = compileAll(embeddedLines(boilerplateData))

// boilerplatePattern is a compiled pattern with the characters a line
// must hold for it to match at all, which lets most lines skip the
// patterns that have no literal text to search for first.
type boilerplatePattern struct {
	re      *regexp.Regexp
	literal string // the whole pattern when it is plain text, searched without the regexp
	needs   string // any of these characters; "" when the pattern has a literal of its own
}

// compileAll compiles lines of the form "pattern" or "pattern<TAB>needs".
func compileAll(lines []string) []boilerplatePattern {
	out := make([]boilerplatePattern, len(lines))
	for i, line := range lines {
		p, needs, _ := strings.Cut(line, "\t")
		re := regexp.MustCompile(p)
		out[i] = boilerplatePattern{re: re, needs: needs}
		if prefix, complete := re.LiteralPrefix(); complete {
			out[i].literal = prefix
		}
	}
	return out
}

// maxBoilerplateLine is the longest line (in characters) that may be dropped
// as boilerplate.
const maxBoilerplateLine = 300

// DropBoilerplate removes hosting-site lines. It keeps the line breaks so
// that line structure survives for the steps that follow.
var DropBoilerplate Step = StepFunc(dropBoilerplate)

func dropBoilerplate(src *Text) *Text {
	b := newBuilder(src)
	var line []byte // the current line as UTF-8, reused from line to line
	forEachLine(src.Runes, func(start, end int) {
		if end-start <= maxBoilerplateLine {
			if candidates := boilerplateTriggers.candidates(src.Runes[start:end]); candidates != 0 {
				line = line[:0]
				for _, r := range src.Runes[start:end] {
					line = utf8.AppendRune(line, r)
				}
				if matchesAny(line, candidates) {
					return
				}
			}
		}
		b.keepRange(start, end)
	}, func(nl int) { b.keep(nl) })
	return b.text()
}

// matchesAny reports whether line matches one of the boilerplate patterns
// whose bits are set in which.
func matchesAny(line []byte, which uint64) bool {
	for i, p := range boilerplatePatterns {
		if which&(1<<i) == 0 {
			continue
		}
		if p.literal != "" {
			if bytes.Contains(line, []byte(p.literal)) {
				return true
			}
		} else if p.re.Match(line) {
			return true
		}
	}
	return false
}

// triggerIndex picks, in one pass over a line's characters, the patterns
// that could match it, so that most lines never reach a pattern at all. A
// pattern starting with literal text can only match a line holding its
// first two characters side by side (its first, for a one-character
// prefix); a pattern with needs only a line holding one of them; a pattern
// with neither is always tried.
type triggerIndex struct {
	always uint64
	single map[rune]uint64    // a character → the patterns it makes candidates
	pairs  map[[2]rune]uint64 // two characters side by side → patterns
	marked [0x10000 / 64]uint64
}

var boilerplateTriggers = newTriggerIndex(boilerplatePatterns)

func newTriggerIndex(patterns []boilerplatePattern) *triggerIndex {
	if len(patterns) > 64 {
		panic("normalize: more boilerplate patterns than bits in a mask")
	}
	x := &triggerIndex{single: map[rune]uint64{}, pairs: map[[2]rune]uint64{}}
	for i, p := range patterns {
		bit := uint64(1) << i
		prefix, _ := p.re.LiteralPrefix()
		switch rs := []rune(prefix); {
		case len(rs) >= 2:
			x.pairs[[2]rune{rs[0], rs[1]}] |= bit
			x.mark(rs[0])
		case len(rs) == 1:
			x.single[rs[0]] |= bit
			x.mark(rs[0])
		case p.needs != "":
			for _, r := range p.needs {
				x.single[r] |= bit
				x.mark(r)
			}
		default:
			x.always |= bit
		}
	}
	return x
}

func (x *triggerIndex) mark(r rune) {
	if r < 0x10000 {
		x.marked[r/64] |= 1 << (r % 64)
	}
}

// candidates returns the patterns that could match the line rs, one bit
// each in boilerplatePatterns order.
func (x *triggerIndex) candidates(rs []rune) uint64 {
	found := x.always
	for i, r := range rs {
		if r < 0x10000 && x.marked[r/64]&(1<<(r%64)) == 0 {
			continue
		}
		found |= x.single[r]
		if i+1 < len(rs) {
			found |= x.pairs[[2]rune{r, rs[i+1]}]
		}
	}
	return found
}

// forEachLine calls line for every line's [start, end) and newline for the
// index of every '\n'.
func forEachLine(rs []rune, line func(start, end int), newline func(i int)) {
	start := 0
	for i, r := range rs {
		if r == '\n' {
			line(start, i)
			newline(i)
			start = i + 1
		}
	}
	line(start, len(rs))
}

// JoinBrokenLines rejoins what page breaks and line wrapping split:
//   - a page-fragment marker ("本科上\n5、线率"): a line that starts with the
//     next page number and "、" right after a line cut mid-sentence;
//   - a number wrapped onto a line of its own ("行政权力\n25\n项");
//   - a break between a digit and more digits, its decimal point or a unit
//     ("25\n项", "12\n.5%").
var JoinBrokenLines Step = StepFunc(joinBrokenLines)

var pageMarker = regexp.MustCompile(`^\s*(\d{1,3})、`)

func joinBrokenLines(src *Text) *Text {
	rs := src.Runes
	var drops []lineSpan // characters to drop, in text order
	lastPage := 0
	prevEnd := -1 // index of the '\n' ending the previous line, or -1
	prevStart := 0
	forEachLine(rs, func(start, end int) {
		var m []int
		var line string
		if mayStartWithPageMarker(rs[start:end]) {
			line = string(rs[start:end])
			m = pageMarker.FindStringSubmatchIndex(line)
		}
		if m != nil {
			n := atoiSmall(line[m[2]:m[3]])
			if prevEnd >= 0 && n >= 2 && (n == lastPage+1 || lastPage == 0) && isPageCut(rs, prevStart, prevEnd) {
				markerEnd := start + len([]rune(line[:m[1]]))
				drops = append(drops, lineSpan{prevEnd, markerEnd})
			}
			if n == lastPage+1 || lastPage == 0 {
				lastPage = n
			}
		} else if prevEnd >= 0 && joinsAcrossBreak(rs, prevStart, prevEnd, start, end) {
			drops = append(drops, lineSpan{prevEnd, prevEnd + 1})
		}
		prevStart, prevEnd = start, end
	}, func(int) {})

	if len(drops) == 0 {
		return src
	}
	b := newBuilder(src)
	kept := 0
	for _, d := range drops {
		b.keepRange(kept, d.start)
		kept = d.end
	}
	b.keepRange(kept, len(rs))
	return b.text()
}

// mayStartWithPageMarker reports whether line starts with a digit after
// any leading white space (what \s matches), which every pageMarker match does.
func mayStartWithPageMarker(line []rune) bool {
	for _, r := range line {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			continue
		}
		return isDigit(r)
	}
	return false
}

// isPageCut reports whether the line [start, end) reads as a page of text
// cut mid-sentence. List items are short, so a line that itself starts with
// a page marker must be long to count.
func isPageCut(rs []rune, start, end int) bool {
	if !endsMidSentence(rs[start:end]) {
		return false
	}
	minLen := 20
	if pageMarker.MatchString(string(rs[start:min(end, start+5)])) {
		minLen = 80
	}
	return end-start >= minLen
}

// joinsAcrossBreak reports whether the break between the line
// [prevStart, prevEnd) and the line [start, end) wraps a single quantity.
func joinsAcrossBreak(rs []rune, prevStart, prevEnd, start, end int) bool {
	if prevEnd <= prevStart || end <= start {
		return false
	}
	last, first := rs[prevEnd-1], rs[start]
	if isDigit(last) && (isDigit(first) || isUnitStart(first)) {
		// A page number left at the cut is JoinWrappedLines' to drop.
		return pageNumberAtCut(rs[prevStart:prevEnd]) == 0 || !isUnitStart(first)
	}
	// A decimal point on either side of the break ("12\n.5%", "12.\n5%").
	if isDigit(first) && last == '.' && prevEnd-prevStart >= 2 && isDigit(rs[prevEnd-2]) ||
		isDigit(last) && first == '.' && end-start >= 2 && isDigit(rs[start+1]) {
		return true
	}
	// A mixed number cut after its scale word ("32萬\n1,004人").
	if (last == '万' || last == '萬') && prevEnd-prevStart >= 2 && isDigit(rs[prevEnd-2]) && isRestOfMixedNumber(rs[start:end]) {
		return true
	}
	// A short line holding only a number, cut from the sentence before it.
	if isDigit(first) && end-start <= 12 && onlyNumber(rs[start:end]) && endsMidSentence(rs[prevStart:prevEnd]) {
		return true
	}
	return false
}

// isRestOfMixedNumber reports a line that starts with what follows 万 in
// a mixed number: under 10,000 and a unit that dates nothing (1,004人, not
// 2024年).
func isRestOfMixedNumber(line []rune) bool {
	digits, k := 0, 0
	for k < len(line) && (isDigit(line[k]) || line[k] == ',' && k > 0) {
		if isDigit(line[k]) {
			digits++
		}
		k++
	}
	return digits > 0 && digits <= 4 && k < len(line) && isUnitStart(line[k]) && !strings.ContainsRune("年月日号", line[k])
}

func onlyNumber(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) && r != '.' && r != ',' && r != ' ' {
			return false
		}
	}
	return true
}

// unitStarts are first characters of classifiers and units that can follow a
// number across a wrapped line (data/unit_starts.txt).
var unitStarts = func() map[rune]bool {
	m := map[rune]bool{}
	for _, line := range embeddedLines(unitStartsData) {
		m[[]rune(line)[0]] = true
	}
	return m
}()

func isUnitStart(r rune) bool { return unitStarts[r] }

// endsMidSentence reports whether a line stops without closing punctuation.
func endsMidSentence(line []rune) bool {
	for i := len(line) - 1; i >= 0; i-- {
		r := line[i]
		if r == ' ' || r == '”' || r == '’' || r == '」' || r == '』' {
			continue // what stands before a closing quote decides
		}
		switch r {
		case '。', '！', '？', '；', '：', '!', '?', ';', ':', '…':
			return false
		case '.': // a sentence's end, unless it is a decimal point cut from its digits
			k := i - 1
			for k >= 0 && line[k] == ' ' {
				k--
			}
			return k >= 0 && isDigit(line[k])
		}
		return true
	}
	return false
}

// RepairDecimalStops reads a full stop between digits before a percent sign
// as the decimal point scraped text often makes of it ("0。05%").
var RepairDecimalStops Step = StepFunc(repairDecimalStops)

func repairDecimalStops(src *Text) *Text {
	rs := src.Runes
	b := newBuilder(src)
	for i := range rs {
		if rs[i] == '。' && i > 0 && isDigit(rs[i-1]) && i+1 < len(rs) && isDigit(rs[i+1]) {
			j := i + 1
			for j < len(rs) && isDigit(rs[j]) {
				j++
			}
			if j < len(rs) && (rs[j] == '%' || rs[j] == '‰') {
				b.emit('.', i, i+1)
				continue
			}
		}
		b.keep(i)
	}
	return b.text()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isHan(r rune) bool { return r >= 0x3400 && unicode.Is(unicode.Han, r) }

func atoiSmall(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
