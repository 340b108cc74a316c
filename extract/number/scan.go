package number

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
)

// scanner walks the folded input once, left to right, trying a match at
// each position that may start a number.
type scanner struct {
	c    []rune  // folded input
	off  []int32 // byte offset in the source of each rune, plus the end
	hits []hit   // where scan appends; reused scratch in FindRunes
	// plain reports bare numbers only: no percent or money affixes, and
	// fractions as ratios. It mirrors what a number-only model reports and
	// is used to compare with one.
	plain bool
	// inFraction is set while the numeral after 百分之 is read, where a
	// middle dot can only be a decimal point.
	inFraction bool
}

// hit is a match in folded coordinates.
type hit struct {
	start, end int
	kind       string
	value      float64
	high       float64
	isRange    bool
	masked     bool
	more       bool
	unit       string
	hasUnit    bool    // the numeral carries a scale word
	scale      float64 // multiplier of the trailing scale words (5万 → 1e4)
}

// newScanner folds s into runes and records the byte offset of each rune,
// so that a match's Text is a substring of s.
func newScanner(s string, plain bool) *scanner {
	c := make([]rune, 0, len(s)/2)
	off := make([]int32, 0, len(s)/2+1)
	for k, r := range s {
		c = append(c, fold(r))
		off = append(off, int32(k))
	}
	off = append(off, int32(len(s)))
	return &scanner{c: c, off: off, plain: plain}
}

// Find returns every number, percentage and money amount in s, in order,
// non-overlapping. See Match for what each carries.
func Find(s string) []Match {
	sc := newScanner(s, false)
	return sc.matches(sc.sourceText(s))
}

// FindRunes is Find for text already held as runes, as extraction holds
// it: the same matches at the same offsets, without converting the text to
// a string and back.
func FindRunes(rs []rune) []Match {
	work := scratchPool.Get().(*scratch)
	defer work.release()
	c := slices.Grow(work.c[:0], len(rs))[:len(rs)]
	for i, r := range rs {
		c[i] = fold(r)
	}
	work.c = c
	sc := &scanner{c: c, hits: work.hits[:0]}
	ms := sc.matches(func(start, end int) string { return string(rs[start:end]) })
	work.hits = sc.hits
	return ms
}

// scratch is a scan's working memory: the folded characters and the hits
// found. Nothing of it outlives the call that uses it (Matches copy what
// they keep), so it is reused from call to call rather than allocated for
// every window of every document.
type scratch struct {
	c    []rune
	hits []hit
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledScratch bounds the folded text kept for reuse, in characters.
const maxPooledScratch = 1 << 18

func (w *scratch) release() {
	if cap(w.c) <= maxPooledScratch {
		w.hits = w.hits[:0] // hits hold only table strings: nothing to clear
		scratchPool.Put(w)
	}
}

// Recognize returns every reading of s, the way `zhmetrics numbers` prints
// it: each plain number (the numeral inside 百分之五十 or 1200万元 too, and a
// fraction as a ratio), and each percentage and money amount numbers form.
// Results are ordered by start, then the longer first; readings of
// different kinds may overlap.
func Recognize(s string) []Match {
	out := findPlain(s)
	for _, m := range Find(s) {
		if m.Kind != KindNumber {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	return out
}

// findPlain is Find in plain-number mode (see scanner.plain).
func findPlain(s string) []Match {
	sc := newScanner(s, true)
	return sc.matches(sc.sourceText(s))
}

// sourceText returns the characters of s, the string the scanner was made
// from, in [start, end): a substring of s, or for invalid UTF-8 the same
// characters as []rune(s) has there (an invalid byte is one U+FFFD).
func (s *scanner) sourceText(src string) func(start, end int) string {
	valid := utf8.ValidString(src)
	return func(start, end int) string {
		if valid {
			return src[s.off[start]:s.off[end]]
		}
		return string([]rune(src[s.off[start]:s.off[end]]))
	}
}

// matches turns the scan's hits into Matches; text returns the input's
// characters in [start, end).
func (s *scanner) matches(text func(start, end int) string) []Match {
	hits := s.scan()
	out := make([]Match, 0, len(hits))
	for _, h := range hits {
		if math.IsInf(h.value, 0) || math.IsNaN(h.value) || math.IsInf(h.high, 0) || math.IsNaN(h.high) {
			continue // 1e999, a 400-digit code: not an amount
		}
		m := Match{
			Start:   h.start,
			End:     h.end,
			Kind:    h.kind,
			Value:   h.value,
			High:    h.value,
			IsRange: h.isRange,
			Masked:  h.masked,
			Unit:    h.unit,
		}
		m.Text = text(h.start, h.end)
		m.Value = tidy(m.Value)
		m.High = m.Value
		if h.isRange {
			m.High = tidy(h.high)
		}
		if h.masked {
			m.Value, m.High = 0, 0
		}
		if h.more {
			m.Qualifier = QualifierMoreThan
		}
		if !h.masked && !h.isRange && !h.more && (h.kind == KindNumber || h.kind == KindMoney) &&
			math.Abs(m.Value) >= maxExactFloat && m.Value == math.Trunc(m.Value) {
			m.Exact = exactInteger(s.c[h.start:h.end], m.Value)
		}
		out = append(out, m)
	}
	return out
}

// scan returns the hits in s.c, appended to s.hits, and keeps them there
// for the caller that lent the slice.
func (s *scanner) scan() []hit {
	c, n := s.c, len(s.c)
	out := s.hits
	for i := 0; i < n; {
		r := c[i]
		if isASCIILetter(r) {
			if j := s.skipURL(i); j > i {
				i = j
				continue
			}
			// A word or code (A2021…, Python, 5G) is skipped whole unless it
			// consists of mask letters only (xx, XX, n).
			j := i
			onlyMask := true
			for j < n && (isASCIILetter(c[j]) || isASCIIDigit(c[j]) || c[j] == '_' || isCodePoint(c, j)) {
				if isASCIILetter(c[j]) && c[j] != 'x' && c[j] != 'X' && c[j] != 'n' {
					onlyMask = false
				}
				j++
			}
			if !onlyMask || (i > 0 && (isASCIIDigit(c[i-1]) || c[i-1] == '_')) {
				if h, ok := s.amountAfterWord(i, j); ok {
					out = append(out, h)
					i = h.end
					continue
				}
				i = j
				continue
			}
		}
		if !mayStart(r) {
			i++
			continue
		}
		if h, ok := s.matchAt(i); ok && h.end > h.start {
			out = append(out, h)
			i = h.end
			continue
		}
		if isMaskRune(r) {
			// No mask starts inside a run of mask characters either.
			for i++; i < n && isMaskRune(c[i]); i++ {
			}
			continue
		}
		i++
	}
	s.hits = out
	return out
}

// isCodePoint reports a point inside a code's digits (PM2.5): a digit on
// each side, so that the code is skipped whole and its last digits start
// no number (5年 of PM2.5年均浓度).
func isCodePoint(c []rune, j int) bool {
	return c[j] == '.' && j > 0 && isASCIIDigit(c[j-1]) && j+1 < len(c) && isASCIIDigit(c[j+1])
}

// amountAfterWord reads an amount glued to a Latin word of two or more
// letters (GDP3万美元, CPI2.1%) in the run [i, j) of letters and digits: a
// sum of money, a percent or a number with a scale word of 万 or more is
// written after an indicator so, while a bare number there is part of a
// name or code (PM2.5, MP3, H7N9).
func (s *scanner) amountAfterWord(i, j int) (hit, bool) {
	if s.plain || i > 0 && (isASCIIDigit(s.c[i-1]) || s.c[i-1] == '_') {
		return hit{}, false
	}
	k := i
	for k < j && isASCIILetter(s.c[k]) {
		k++
	}
	if k-i < 2 || k == j || !isASCIIDigit(s.c[k]) {
		return hit{}, false
	}
	h, ok := s.matchAt(k)
	if !ok || h.end <= k || h.kind == KindNumber && (!h.hasUnit || math.Abs(h.value) < 1e4) {
		return hit{}, false
	}
	return h, true
}

// skipURL returns the end of a URL starting at i, or i.
func (s *scanner) skipURL(i int) int {
	c, n := s.c, len(s.c)
	if !(s.hasPrefix(i, "http://") || s.hasPrefix(i, "https://") || s.hasPrefix(i, "www.")) {
		return i
	}
	j := i
	for j < n && c[j] < 0x80 && c[j] > ' ' {
		j++
	}
	return j
}

func (s *scanner) hasPrefix(i int, p string) bool {
	c := s.c
	if i < 0 {
		return false
	}
	for _, r := range p {
		if i >= len(c) || c[i] != r {
			return false
		}
		i++
	}
	return true
}

// mayStart is a cheap filter for positions where a match can begin.
func mayStart(r rune) bool {
	if r < 0x80 {
		return isASCIIDigit(r) || r == '-' || r == '.' || r == '$' || isMaskRune(r)
	}
	if r >= hanLo && r <= hanHi {
		return hanStart[(r-hanLo)>>6]&(1<<((r-hanLo)&63)) != 0
	}
	switch r {
	case '〇', '¥', '￥', '×', '€', '£':
		return true
	}
	return false
}

const hanLo, hanHi = 0x4E00, 0x9FFF

// hanStart is a bitmap of the ideographs that may begin a match.
var hanStart = func() (bits [(hanHi-hanLo)/64 + 1]uint64) {
	for r := rune(hanLo); r <= hanHi; r++ {
		switch r {
		case '负', '半', '几', '人', '对', '数':
		default:
			if !isChineseNumeral(r) {
				continue
			}
		}
		bits[(r-hanLo)>>6] |= 1 << ((r - hanLo) & 63)
	}
	return bits
}()

// skipSpaces returns the first position at or after k that is not a space.
func (s *scanner) skipSpaces(k int) int {
	for k < len(s.c) && s.c[k] == ' ' {
		k++
	}
	return k
}

// at returns the folded rune at k, or 0 past the end.
func (s *scanner) at(k int) rune {
	if k >= 0 && k < len(s.c) {
		return s.c[k]
	}
	return 0
}

func (s *scanner) matchAt(i int) (hit, bool) {
	if !s.plain {
		if h, ok := s.prefixed(i); ok {
			return h, true
		}
		if h, ok := s.discount(i); ok {
			return h, true
		}
	} else if h, ok := s.unitFraction(i); ok {
		return h, true
	}
	h, ok := s.quantity(i, true)
	if !ok {
		return hit{}, false
	}
	if !s.plain {
		h = s.extendRange(h)
	}
	return h, true
}

// prefixed handles matches that begin with a word rather than a number:
// 百分之 千分之 万分之…, 人民币100元, ¥100, 打对折, 半折, 半成.
func (s *scanner) prefixed(i int) (hit, bool) {
	c := s.c
	switch c[i] {
	case '人':
		if !s.hasPrefix(i, "人民币") {
			return hit{}, false
		}
		h, ok := s.quantity(s.skipSpaces(i+3), false)
		if !ok || !(h.kind == KindNumber || h.kind == KindMoney && h.unit == "元") {
			return hit{}, false
		}
		h.start = i
		h.kind, h.unit = KindMoney, "元"
		return h, true
	case '¥', '￥', '$', '€', '£':
		h, ok := s.quantity(s.skipSpaces(i+1), false)
		if !ok || h.kind != KindNumber {
			return hit{}, false
		}
		h.start = i
		h.kind = KindMoney
		switch c[i] {
		case '$':
			h.unit = "美元"
			switch {
			case s.hasPrefix(i-2, "HK"):
				h.unit, h.start = "港元", i-2
			case s.hasPrefix(i-2, "US"):
				h.start = i - 2
			}
		case '€':
			h.unit = "欧元"
		case '£':
			h.unit = "英镑"
		default:
			h.unit = "元"
		}
		return h, true
	case '负':
		// 负百分之五
		if !s.minusSignAt(i) {
			return hit{}, false
		}
		if h, ok := s.unitFraction(i + 1); ok && h.kind == KindPercent {
			h.start = i
			h.value, h.high = -h.value, -h.high
			return h, true
		}
		return hit{}, false
	case '对':
		if i > 0 && c[i-1] == '打' && s.at(s.skipSpaces(i+1)) == '折' {
			return hit{start: i, end: s.skipSpaces(i+1) + 1, kind: KindPercent, value: 50, unit: "%"}, true
		}
		return hit{}, false
	case '半':
		k := s.skipSpaces(i + 1)
		if s.at(k) == '折' || s.at(k) == '成' {
			v := 50.0
			if s.at(k) == '成' {
				v = 5
			}
			return hit{start: i, end: k + 1, kind: KindPercent, value: v, unit: "%"}, true
		}
		return hit{}, false
	}
	if isUnit(c[i]) {
		return s.unitFraction(i)
	}
	return hit{}, false
}

// unitDenominator reads a denominator made of scale words only (百, 千,
// 万, 千万, 百万万) followed by 分之, and returns its value and the position
// after 之.
func (s *scanner) unitDenominator(i int) (float64, int, bool) {
	c, n := s.c, len(s.c)
	if i > 0 {
		if _, ok := digitValue(c[i-1]); ok {
			return 0, 0, false
		}
		if isASCIIDigit(c[i-1]) {
			return 0, 0, false
		}
	}
	d := 1.0
	k := i
	for units := 0; k < n && units < 4; units++ { // 百万万分之 is the longest in use
		if u := smallUnit(c[k]); u > 0 {
			d *= u
		} else if u := bigUnit(c[k]); u > 0 {
			d *= u
		} else {
			break
		}
		k = s.skipSpaces(k + 1)
	}
	if k == i || s.at(k) != '分' {
		return 0, 0, false
	}
	k = s.skipSpaces(k + 1)
	if s.at(k) != '之' {
		return 0, 0, false
	}
	return d, s.skipSpaces(k + 1), true
}

// unitFraction handles 百分之九十五点三, 千分之五, 万分之四: a percent in
// Find, and in plain mode a ratio for every denominator but 百 (the numeral
// after 百分之 is then reported on its own).
func (s *scanner) unitFraction(i int) (hit, bool) {
	d, k, ok := s.unitDenominator(i)
	if !ok {
		return hit{}, false
	}
	if s.plain && d == 100 {
		return hit{}, false
	}
	neg := false
	if s.at(k) == '负' {
		neg = true
		k++
	}
	var v float64
	var end int
	var masked, more bool
	s.inFraction = true
	np, ok := s.numeral(k, false)
	s.inFraction = false
	if ok && !np.isRange && !np.halfOnly {
		v, end, masked, more = np.lo, np.end, np.masked, np.more
	} else if s.at(k) == '百' && !isChineseNumeral(s.at(k+1)) { // 百分之百
		v, end = 100, k+1
	} else {
		return hit{}, false
	}
	if neg {
		v = -v
	}
	if s.plain {
		return hit{start: i, end: end, kind: KindNumber, value: v / d, masked: masked, more: more}, true
	}
	return hit{start: i, end: end, kind: KindPercent, value: v * 100 / d, unit: "%", masked: masked, more: more}, true
}

// discount handles 折: 九折 (90%), 75折, 三八折, 八點五折, 2.5折.
func (s *scanner) discount(i int) (hit, bool) {
	c := s.c
	digit := func(k int) (float64, bool, bool) { // value, ok, arabic
		r := s.at(k)
		if isASCIIDigit(r) {
			return float64(r - '0'), true, true
		}
		if d, ok := digitValue(r); ok && !isZero(r) {
			return d, true, false
		}
		return 0, false, false
	}
	d1, ok, ar1 := digit(i)
	if !ok {
		return hit{}, false
	}
	if i > 0 {
		p := c[i-1]
		if _, isD := digitValue(p); isD || isASCIIDigit(p) || p == '.' || p == '点' {
			return hit{}, false
		}
	}
	k := s.skipSpaces(i + 1) // 九 九 折, 7 5 折
	v := d1 * 10
	if s.at(k) == '.' || s.at(k) == '点' {
		m := s.skipSpaces(k + 1)
		d2, ok, ar2 := digit(m)
		if !ok || ar2 != ar1 {
			return hit{}, false
		}
		v += d2
		k = s.skipSpaces(m + 1)
	} else if d2, ok, ar2 := digit(k); ok && ar2 == ar1 {
		v += d2
		k = s.skipSpaces(k + 1)
	} else {
		k = s.skipSpaces(k)
	}
	if s.at(k) != '折' {
		return hit{}, false
	}
	if zheWords.at(s.c, k) > 0 {
		return hit{}, false // 折合, 折算: no discount
	}
	return hit{start: i, end: k + 1, kind: KindPercent, value: v, unit: "%"}, true
}

// quantity parses [sign] numeral [fraction | dozen | percent | currency] at i.
func (s *scanner) quantity(i int, allowSign bool) (hit, bool) {
	c := s.c
	j := i
	neg, leadDot := false, false
	if allowSign {
		switch {
		case c[i] == '负':
			if !s.minusSignAt(i) {
				return hit{}, false // 减负30亿元: the number starts after 负
			}
			neg = true
			j = i + 1
		case c[i] == '-' && s.minusIsSign(i):
			neg, leadDot = true, true
			j = i + 1
		case c[i] == '.':
			// .5: a decimal without its zero, unless it continues a number
			p := s.at(i - 1)
			leadDot = !(isASCIIDigit(p) || isASCIILetter(p) || p == '.')
		}
	}
	np, ok := s.numeral(j, leadDot)
	if !ok {
		np, ok = s.bareUnit(j)
		if !ok {
			return hit{}, false
		}
	}
	sign := 1.0
	if neg {
		sign = -1
	}
	h := hit{start: i, end: np.end, kind: KindNumber, value: sign * np.lo, high: sign * np.hi,
		isRange: np.isRange, masked: np.masked, more: np.more, hasUnit: np.hasUnit, scale: np.scale}

	if !np.masked && !np.isRange && !np.halfOnly {
		if fh, ok := s.fraction(i, j, np, sign); ok {
			return fh, true
		}
	}
	e := np.end
	if np.single && j > 0 {
		if _, ok := digitValue(c[j-1]); ok {
			return hit{}, false // 三五成群: a digit of a longer word
		}
	}
	// 五十打: dozens
	if np.chinese && s.at(e) == '打' && !s.dozenVerb(e+1) {
		h.end = e + 1
		h.value *= 12
		h.high *= 12
		return h, true
	}
	if np.halfOnly {
		return hit{}, false
	}
	if !s.plain {
		if ph, ok := s.percentSuffix(h, np); ok {
			return ph, true
		}
		if mh, ok := s.moneySuffix(h); ok {
			return mh, true
		}
	}
	if np.single {
		if isFinancial(c[j]) || !s.singleFollowerAt(e) {
			return hit{}, false
		}
	}
	return h, true
}

// minusSignAt reports whether 负 at i is a minus sign, not the end of a
// word such as 减负 or 担负.
func (s *scanner) minusSignAt(i int) bool {
	return fuWords.at(s.c, i-1) != 2
}

// minusIsSign reports whether '-' at i is a minus sign rather than a dash
// or hyphen: it is followed by a digit and not preceded by a digit, a
// letter or another minus.
func (s *scanner) minusIsSign(i int) bool {
	nx := s.at(i + 1)
	if !(isASCIIDigit(nx) || nx == '.' && isASCIIDigit(s.at(i+2))) {
		return false
	}
	p := s.at(i - 1)
	return !(isASCIIDigit(p) || isASCIILetter(p) || p == '-' || p == '.' || p == '—' || p == '~' || isChineseNumeral(p) || p == '%')
}

// dozenVerb reports a character after 打 that makes it a verb (打击, 打造).
func (s *scanner) dozenVerb(k int) bool {
	switch s.at(k) {
	case '击', '造', '赢', '好', '破', '通', '开', '下', '牢', '响', '卡', '工', '印', '算', '压', '架', '扫', '球', '折', '针', '扮', '出', '入', '败', '退', '听', '电', '车', '扰', '动', '拼', '进', '捞', '假', '黑', '的':
		return true
	}
	r := s.at(k)
	return isChineseNumeral(r)
}

// bareUnit reads a scale word standing alone after an approximating word:
// 近万名, 上千人, 逾百所, 近千万元.
func (s *scanner) bareUnit(j int) (numeral, bool) {
	c, n := s.c, len(s.c)
	if j <= 0 || j >= n || !approxBeforeBareUnit(c[j-1]) || smallUnit(c[j]) == 10 || isFinancial(c[j]) || !isUnit(c[j]) {
		return numeral{}, false
	}
	v := 1.0
	k := j
	for k < n && k-j < 4 && isUnit(c[k]) && !isFinancial(c[k]) && smallUnit(c[k]) != 10 {
		v *= smallUnit(c[k]) + bigUnit(c[k])
		k++
	}
	if k < n {
		if _, ok := digitValue(c[k]); ok || isASCIIDigit(c[k]) || c[k] == '分' {
			return numeral{}, false
		}
	}
	return numeral{end: k, lo: v, hi: v, chinese: true, integer: true, hasUnit: true, scale: v}, true
}

// singleFollowerAt reports whether a lone Chinese digit ending before k is
// a number: the end of text, a space, punctuation (but not %), or a
// classifier or function word.
func (s *scanner) singleFollowerAt(k int) bool {
	n := len(s.c)
	if k >= n {
		return true
	}
	r := s.c[k]
	if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
		return true
	}
	if r == '%' || r == '‰' {
		return false
	}
	if isPunct(r) {
		return true
	}
	if singleFollowers[r] {
		return true
	}
	nx := s.at(k + 1)
	switch r {
	case '这', '那', '不', '也', '还', '而', '却', '更', '但':
		return nx == '是'
	case '小':
		return nx == '时'
	case '公':
		return nx == '里' || nx == '顷' || nx == '斤' || nx == '分'
	case '平', '立':
		return nx == '方'
	case '英':
		return nx == '尺' || nx == '寸' || nx == '里'
	case '学':
		return nx == '期' || nx == '年'
	}
	return false
}

// tidy rounds away the binary noise of decimal arithmetic (1.13亿 would
// otherwise be 112999999.99999999) by keeping 15 significant digits.
func tidy(v float64) float64 {
	if v == math.Trunc(v) || math.Abs(v) >= 1e15 {
		return v // integers are exact already
	}
	t, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		return v
	}
	return t
}
