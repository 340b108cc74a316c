package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/extract/number"
	"github.com/zhmetrics/zhmetrics/segment"
)

// nameWord is a word of a sentence with its place in the clean text.
type nameWord struct {
	segment.Word
	start, end int // code point offsets into the clean text
}

// sentenceWords is one sentence cut into words once; every name read in
// the sentence is read from these words. Pinyin insertions (業(yè)) are left
// out before cutting so that they neither split words nor reach a name,
// and words keep the case of the text (GDP, not gdp).
type sentenceWords struct {
	rs    []rune
	words []nameWord
	plain []segment.Word // the words without their places, for callers to read
	cut   []segment.Word // the segmenter's words, reused from cut to cut
	kept  []rune         // the sentence without pinyin, reused from sentence to sentence
	pos   []int          // offset in rs of each kept character
}

// cutSentence cuts rs[start:end] into words, reusing the buffers of sw.
func (sw *sentenceWords) cutSentence(rs []rune, start, end int, seg Segmenter) {
	sw.reset(rs)
	sw.appendCut(rs, start, end, start, seg)
}

// reset empties sw for a new cut of rs.
func (sw *sentenceWords) reset(rs []rune) {
	sw.rs, sw.words, sw.plain = rs, sw.words[:0], sw.plain[:0]
}

// appendCut cuts rs[start:end] into words after those sw holds; the cut
// began at sentenceStart.
func (sw *sentenceWords) appendCut(rs []rune, start, end, sentenceStart int, seg Segmenter) {
	sw.kept, sw.pos = sw.kept[:0], sw.pos[:0]
	for i := start; i < end; {
		if n := pinyinAt(rs, i, sentenceStart); n > 0 {
			i += n
			continue
		}
		sw.kept = append(sw.kept, rs[i])
		sw.pos = append(sw.pos, i)
		i++
	}
	if len(sw.kept) == 0 {
		return
	}
	text := string(sw.kept)
	if seg == nil {
		k := 0
		for b, r := range text {
			n := utf8.RuneLen(r)
			sw.add(nameWord{Word: segment.Word{Text: text[b : b+n], Pos: "x"}, start: sw.pos[k], end: sw.pos[k] + 1})
			k++
		}
		return
	}
	// Words come back lower-cased; the same bytes of text keep the case.
	b, k := 0, 0
	for _, w := range sw.cutPos(seg, text) {
		n := utf8.RuneCountInString(w.Text)
		if n == 0 || k+n > len(sw.kept) || b+len(w.Text) > len(text) {
			continue
		}
		sw.add(nameWord{Word: segment.Word{Text: text[b : b+len(w.Text)], Pos: w.Pos}, start: sw.pos[k], end: sw.pos[k+n-1] + 1})
		b += len(w.Text)
		k += n
	}
}

// appendingSegmenter is a Segmenter that can append its words to a
// buffer (segment.Segmenter does).
type appendingSegmenter interface {
	AppendCutPos(dst []segment.Word, text string) []segment.Word
}

// cutPos cuts text with seg, into sw's buffer when seg can append.
func (sw *sentenceWords) cutPos(seg Segmenter, text string) []segment.Word {
	if a, ok := seg.(appendingSegmenter); ok {
		sw.cut = a.AppendCutPos(sw.cut[:0], text)
		return sw.cut
	}
	return seg.CutPos(text)
}

func (sw *sentenceWords) add(w nameWord) {
	sw.words = append(sw.words, w)
	sw.plain = append(sw.plain, w.Word)
}

// cutSentence returns rs[start:end] cut into words.
func cutSentence(rs []rune, start, end int, seg Segmenter) *sentenceWords {
	sw := &sentenceWords{}
	sw.cutSentence(rs, start, end, seg)
	return sw
}

// toneLetters are the Latin letters pinyin is written with.
const toneLetters = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"

func isPinyinLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || strings.ContainsRune(toneLetters, r)
}

// pinyinAt returns the length of a pinyin insertion starting at rs[i], or
// 0: "(yè)" or "(yi)" right after a Chinese character, and the stray
// halves "(fèi" and "wù)" that line breaks leave at the edges of a
// sentence. Lower-case Latin words in brackets after Chinese text ("(yoy)")
// are glosses and are left out of names as well.
func pinyinAt(rs []rune, i, sentenceStart int) int {
	if rs[i] == '(' || rs[i] == '（' {
		if i == 0 || !number.IsHan(rs[i-1]) {
			return 0
		}
		j := i + 1
		for j < len(rs) && j-i <= 8 && isPinyinLetter(rs[j]) {
			j++
		}
		if j == i+1 || j-i > 8 {
			return 0
		}
		if j < len(rs) && (rs[j] == ')' || rs[j] == '）') {
			return j + 1 - i
		}
		if hasTone(rs[i+1 : j]) {
			return j - i // "(fèi" cut by the end of a line
		}
		return 0
	}
	if i != sentenceStart || !isPinyinLetter(rs[i]) {
		return 0
	}
	j := i
	for j < len(rs) && j-i <= 7 && isPinyinLetter(rs[j]) {
		j++
	}
	if j < len(rs) && (rs[j] == ')' || rs[j] == '）') && hasTone(rs[i:j]) {
		return j + 1 - i // "wù)" left by a line break
	}
	return 0
}

func hasTone(rs []rune) bool {
	for _, r := range rs {
		if strings.ContainsRune(toneLetters, r) {
			return true
		}
	}
	return false
}

// firstEndingAfter returns the index of the first word ending after pos.
func (sw *sentenceWords) firstEndingAfter(pos int) int {
	return sort.Search(len(sw.words), func(i int) bool { return sw.words[i].end > pos })
}

// before returns the words of the clause ending at pos, after from (the
// end of an earlier amount) and at most maxClause characters back. A word
// cut by pos or from keeps its part inside. The words are shared with sw:
// callers only read them.
func (sw *sentenceWords) before(pos, from int) []segment.Word {
	i := sw.firstEndingAfter(pos)
	var tail *segment.Word // the part of a word cut by pos
	if i < len(sw.words) && sw.words[i].start < pos {
		if a := max(sw.words[i].start, from); a < pos {
			w := partWord(sw.rs[a:pos])
			tail = &w
		}
	}
	j := i
	var head *segment.Word // the part of a word cut by from
	for j > 0 {
		w := sw.words[j-1]
		if w.end <= from || sw.breaksClause(w) || pos-w.start > maxClause {
			break
		}
		if w.start < from {
			h := partWord(sw.rs[from:w.end])
			head = &h
			break
		}
		j--
	}
	if head == nil && tail == nil {
		return sw.plain[j:i:i]
	}
	out := make([]segment.Word, 0, i-j+2)
	if head != nil {
		out = append(out, *head)
	}
	out = append(out, sw.plain[j:i]...)
	if tail != nil {
		out = append(out, *tail)
	}
	return out
}

// after returns the words of the clause starting at pos, up to until (the
// start of the next amount) and at most maxClause characters on. The words
// are shared with sw: callers only read them.
func (sw *sentenceWords) after(pos, until int) []segment.Word {
	first := sw.firstEndingAfter(pos)
	j := first
	for ; j < len(sw.words); j++ {
		w := sw.words[j]
		if w.start >= until || sw.breaksClause(w) || w.end-pos > maxClause {
			break
		}
		if w.start < pos || w.end > until {
			return sw.afterCopy(first, pos, until)
		}
	}
	return sw.plain[first:j:j]
}

// afterCopy is after for a clause with a word cut at an edge, which keeps
// its part inside.
func (sw *sentenceWords) afterCopy(first, pos, until int) []segment.Word {
	var out []segment.Word
	for _, w := range sw.words[first:] {
		if w.start >= until || sw.breaksClause(w) || w.end-pos > maxClause {
			break
		}
		if w.start < pos || w.end > until {
			a, b := max(w.start, pos), min(w.end, until)
			out = append(out, partWord(sw.rs[a:b]))
			if w.end > until {
				break
			}
			continue
		}
		out = append(out, w.Word)
	}
	return out
}

func isClauseBreak(w string) bool {
	return isMark(w) && strings.ContainsAny(w, clauseBreaks)
}

// maxInnerQuote is the longest quoted text, in characters, read as part of
// the name around it ("上划中央“两税”收入"); a longer quotation ends the clause.
const maxInnerQuote = 6

// breaksClause reports a word that ends a clause: punctuation, and quote
// marks unless they enclose a short name inside a name. Title marks 《》
// always end it.
func (sw *sentenceWords) breaksClause(w nameWord) bool {
	if !isClauseBreak(w.Text) {
		return false
	}
	if w.Text == "、" && joinsNouns(sw.rs, w.start) {
		return false
	}
	if !isQuoteMark(w.Text) || strings.ContainsAny(w.Text, "《》") {
		return true
	}
	r := []rune(w.Text)[0]
	if closer, ok := quotePairs[r]; ok && innerQuote(sw.rs, w.start, closer, 1) {
		return false // an opening mark
	}
	if open, ok := openerOf[r]; ok && innerQuote(sw.rs, w.start, open, -1) {
		return false // a closing mark
	}
	return true
}

// joinsNouns reports an enumeration comma at rs[at] between nouns of one
// subject ("教育、社会福利及医疗卫生的经常开支"): Han characters on both
// sides and no digit back to the clause's start. A comma after a number
// ("学校12所、教师300名") ends a clause.
func joinsNouns(rs []rune, at int) bool {
	if at == 0 || at+1 >= len(rs) || rs[at] != '、' || !number.IsHan(rs[at-1]) || !number.IsHan(rs[at+1]) {
		return false
	}
	for i := at - 1; i >= 0 && at-i <= maxClause; i-- {
		r := rs[i]
		if isNumeral(r) && !number.IsHan(r) || r == '%' {
			return false
		}
		if strings.ContainsRune(clauseBreaks, r) && r != '、' {
			return true
		}
	}
	return true
}

// openerOf maps closing quote marks to their opening ones.
var openerOf = map[rune]rune{'”': '“', '」': '「', '』': '『', '"': '"'}

// innerQuote looks from the mark at rs[at] in direction dir for its pair
// within maxInnerQuote characters, with no clause mark between.
func innerQuote(rs []rune, at int, pair rune, dir int) bool {
	for i, n := at+dir, 0; i >= 0 && i < len(rs) && n <= maxInnerQuote; i, n = i+dir, n+1 {
		switch {
		case rs[i] == pair:
			return n > 0
		case strings.ContainsRune("，,；;：:。！？!?\n、", rs[i]):
			return false
		}
	}
	return false
}

// partWord is the part of a word that an amount cuts ("楼" of 栋楼 after
// 16栋): Chinese characters read as a noun, anything else as unknown.
func partWord(rs []rune) segment.Word {
	w := string(rs)
	if !allHan(w) {
		return segment.Word{Text: w, Pos: "x"}
	}
	return segment.Word{Text: w, Pos: "n"}
}

// allHan reports a word of Chinese characters only.
func allHan(w string) bool {
	for _, r := range w {
		if !number.IsHan(r) {
			return false
		}
	}
	return w != ""
}
