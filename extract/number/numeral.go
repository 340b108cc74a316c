package number

import "math"

// numeral is a bare number as parsed: Arabic, Chinese, mixed or masked,
// with its scale words but without sign, percent or currency.
type numeral struct {
	end      int
	lo, hi   float64 // hi differs from lo only for 五六百-style ranges
	isRange  bool
	more     bool // 余 多 几 inside
	masked   bool
	chinese  bool // contains a Chinese digit or scale character
	arabic   bool // contains Arabic digits
	integer  bool // no decimal part
	single   bool // exactly one Chinese digit character (or 十) and nothing else
	halfOnly bool // just 半, a number only before 打
	hasUnit  bool // contains a scale word (十百千万亿兆)
	scale    float64
}

// acc accumulates the value of a Chinese numeral: total holds the groups
// closed by 万 亿 兆, section the part below 万, pending the last digit.
type acc struct{ total, section, pending float64 }

// arabicNum is one run of Arabic digits with separators, decimals and
// exponent.
type arabicNum struct {
	end     int
	value   float64
	integer bool
	closed  bool // exponent, power or k/M suffix: nothing may follow
}

// pow10 returns 10^e for small e exactly.
func pow10(e int) float64 {
	if e >= 0 && e < len(powers) {
		return powers[e]
	}
	return math.Pow(10, float64(e))
}

var powers = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// digitsValue reads ASCII digits c[from:to], skipping commas, as mantissa and
// exponent so that the final value is rounded once.
func digitsValue(c []rune, from, to int) (mant uint64, exp int) {
	for k := from; k < to; k++ {
		r := c[k]
		if !isASCIIDigit(r) {
			continue
		}
		if mant < 1e17 {
			mant = mant*10 + uint64(r-'0')
		} else {
			exp++
		}
	}
	return mant, exp
}

// arabic parses an Arabic number at k: 1,234.5  2.5e-3  2^5  12k. It does not
// take a sign.
func (s *scanner) arabic(k int, leadDot bool) (arabicNum, bool) {
	c, n := s.c, len(s.c)
	j := k
	for j < n && isASCIIDigit(c[j]) {
		j++
	}
	intDigits := j - k
	if intDigits == 0 && !(leadDot && j < n && c[j] == '.') {
		return arabicNum{}, false
	}
	if intDigits == 1 && j < n && c[j] == ' ' {
		if sp, ok := s.spacedDigits(k); ok {
			return sp, true
		}
	}
	intEnd := j
	// Thousands separators: 1,234,567 (a full-width comma folds to ',' too).
	if intDigits >= 1 && intDigits <= 3 {
		for j+4 <= n && c[j] == ',' && isASCIIDigit(c[j+1]) && isASCIIDigit(c[j+2]) && isASCIIDigit(c[j+3]) &&
			(j+4 == n || !isASCIIDigit(c[j+4])) {
			j += 4
		}
		intEnd = j
	}
	mant, exp := digitsValue(c, k, intEnd)
	res := arabicNum{integer: true}
	// Decimal part, unless the number is one link of a dotted chain
	// (2222.2222.22 or an IP address).
	chainBefore := k >= 2 && c[k-1] == '.' && isASCIIDigit(c[k-2])
	if j+1 < n && c[j] == '.' && isASCIIDigit(c[j+1]) && !chainBefore {
		m := j + 1
		for m < n && isASCIIDigit(c[m]) {
			m++
		}
		if !(m+1 < n && c[m] == '.' && isASCIIDigit(c[m+1])) {
			for q := j + 1; q < m; q++ {
				if mant < 1e17 {
					mant = mant*10 + uint64(c[q]-'0')
					exp--
				}
			}
			j = m
			res.integer = false
		}
	} else if intDigits == 0 {
		return arabicNum{}, false
	}
	var v float64
	if exp >= 0 {
		v = float64(mant) * pow10(exp)
	} else {
		v = float64(mant) / pow10(-exp)
	}
	// Exponent 2.5e-3 or power 2^5.
	if j < n && (c[j] == 'e' || c[j] == 'E' || c[j] == '^') {
		m := j + 1
		neg := false
		if m < n && (c[m] == '-' || c[m] == '+') {
			neg = c[m] == '-'
			m++
		}
		q := m
		for q < n && isASCIIDigit(c[q]) {
			q++
		}
		if q > m && (q == n || !isASCIILetter(c[q])) {
			e, _ := digitsValue(c, m, q)
			ee := float64(e)
			if neg {
				ee = -ee
			}
			if c[j] == '^' {
				v = math.Pow(v, ee)
			} else {
				v *= math.Pow(10, ee)
			}
			res.integer = false
			res.closed = true
			j = q
		}
	}
	// Multiplier suffix 12k, 2.5 M.
	if !res.closed {
		m := j
		for m < n && c[m] == ' ' {
			m++
		}
		if m < n && (c[m] == 'k' || c[m] == 'K' || c[m] == 'M') && (m+1 == n || !isASCIILetter(c[m+1])) {
			if c[m] == 'M' {
				v *= 1e6
			} else {
				v *= 1e3
			}
			j = m + 1
			res.closed = true
		}
	}
	if j < n && isASCIILetter(c[j]) && !s.latinUnitAt(j) {
		return arabicNum{}, false // 5G, 3D, 10MB: part of a name or code
	}
	res.end = j
	res.value = v
	return res, true
}

// isRangePair reports two adjacent digits that make an approximate range:
// 五六, 二三, 一两.
func isRangePair(a, b rune) bool {
	if isFinancial(a) || isFinancial(b) || isZero(a) || isZero(b) {
		return false
	}
	da, _ := digitValue(a)
	db, _ := digitValue(b)
	if a == '一' && b == '两' {
		return true
	}
	if a == '两' || b == '两' {
		return false
	}
	return db == da+1
}

// numeral parses a number without sign at i: Arabic, Chinese or mixed
// (1.2万, 1万6千, 一百七十七亿, 十余万, 五六百, 三點五億), or a masked one.
func (s *scanner) numeral(i int, leadDot bool) (numeral, bool) {
	c, n := s.c, len(s.c)
	if i >= n {
		return numeral{}, false
	}
	if isASCIIDigit(c[i]) && i > 0 && isASCIIDigit(c[i-1]) {
		return numeral{}, false
	}
	if isMaskRune(c[i]) || isASCIIDigit(c[i]) {
		if m, ok := s.mask(i); ok {
			return m, true
		}
		if isMaskRune(c[i]) {
			return numeral{}, false
		}
	}
	if r := c[i]; r == '数' || smallUnit(r) >= 100 || bigUnit(r) > 0 {
		if np, ok := s.scaleLed(i); ok {
			return np, true
		}
	}
	var lo, hi acc
	st := numeral{integer: true, scale: 1}
	var (
		hasPending, pendChinese, pendDecimal, leadZero bool
		lastWasBig, lastUnitTok, zeroGap, abbrevArabic bool
		lastBig, lastSmall, afterUnit, abbrevUnit      float64
		trailScale                                     float64 = 1
		run, tokens, chineseTokens                     int
		prevDigit                                      rune
		approx                                         rune // trailing 多/余 not yet confirmed
		approxPos                                      int
		firstRune                                      rune
	)
	noUnits := func() bool { return lastSmall == 0 && lastBig == 0 && !st.hasUnit }
	j, end := i, i
	// tookSmallScale records a 十 百 千 (or 廿, as 十) read at k.
	tookSmallScale := func(u float64, k int) {
		lastSmall, afterUnit, trailScale = u, u, u
		lastUnitTok, lastWasBig, zeroGap = true, false, false
		st.chinese, st.hasUnit = true, true
		chineseTokens++
		run = 0
		j, end = k+1, k+1
		tokens++
	}
loop:
	for {
		k := j
		if tokens > 0 {
			for k < n && c[k] == ' ' {
				k++
			}
		}
		if k >= n {
			break
		}
		r := c[k]
		if tokens == 0 {
			firstRune = r
		}
		switch {
		case isASCIIDigit(r) || (r == '.' && tokens == 0 && leadDot):
			if hasPending || approx != 0 {
				break loop
			}
			if tokens > 0 && !lastUnitTok && !zeroGap {
				break loop
			}
			a, ok := s.arabic(k, leadDot && tokens == 0)
			if !ok {
				break loop
			}
			lo.pending, hi.pending = a.value, a.value
			hasPending, pendChinese, pendDecimal, leadZero = true, false, !a.integer, false
			// A single digit right after a scale word abbreviates like a
			// Chinese one: 1千2 = 1200, but 3万4000 = 34000.
			abbrevUnit, abbrevArabic = 0, false
			if a.end-k == 1 && a.integer && lastUnitTok && !zeroGap {
				abbrevUnit, abbrevArabic = afterUnit, true
			}
			if !a.integer {
				st.integer = false
			}
			st.arabic = true
			run = 0
			lastUnitTok, lastWasBig, zeroGap = false, false, false
			j, end = a.end, a.end
			tokens++
			if a.closed {
				break loop
			}
		case isZero(r) || (r == 'O' && st.chinese && k == j && s.latinZero(k)):
			if approx != 0 {
				break loop
			}
			switch {
			case hasPending && pendChinese && run > 0 && noUnits() && k == j && !st.isRange:
				lo.pending *= 10
				hi.pending *= 10
				run++
			case tokens == 0:
				hasPending, pendChinese, leadZero = true, true, true
				run = 1
			case !hasPending && lastUnitTok:
				zeroGap = true
			default:
				break loop
			}
			st.chinese = true
			chineseTokens++
			lastUnitTok, lastWasBig = false, false
			prevDigit = r
			j, end = k+1, k+1
			tokens++
		case func() bool { _, ok := digitValue(r); return ok }():
			if approx != 0 {
				break loop
			}
			d, _ := digitValue(r)
			if hasPending {
				if !pendChinese || leadZero || k != j || st.isRange {
					break loop
				}
				if run == 1 && isRangePair(prevDigit, r) && s.rangePairFollows(k+1, afterUnit) {
					hi.pending = d
					st.isRange = true
					run = 2
				} else if noUnits() {
					lo.pending = lo.pending*10 + d
					hi.pending = hi.pending*10 + d
					run++
				} else {
					break loop
				}
			} else {
				if tokens > 0 && !lastUnitTok && !zeroGap {
					break loop
				}
				lo.pending, hi.pending = d, d
				hasPending, pendChinese, pendDecimal, leadZero = true, true, false, false
				run = 1
				abbrevUnit, abbrevArabic = 0, false
				if lastUnitTok && !zeroGap {
					abbrevUnit = afterUnit
				}
			}
			st.chinese = true
			chineseTokens++
			lastUnitTok, lastWasBig, zeroGap = false, false, false
			prevDigit = r
			j, end = k+1, k+1
			tokens++
		case tensValue(r) > 0: // 廿五 = 二十五
			if approx != 0 || hasPending || (lastSmall != 0 && lastSmall <= 10) || (tokens > 0 && !lastUnitTok && !zeroGap) {
				break loop
			}
			// 廿 is 二十: the reading goes on as after 十 (廿五).
			lo.section += tensValue(r)
			hi.section += tensValue(r)
			tookSmallScale(10, k)
		case smallUnit(r) > 0:
			u := smallUnit(r)
			if hasPending && !pendChinese && s.scaleUnitAt(k) {
				break loop // 1500千瓦: 千 begins the unit
			}
			if u == 100 && s.percentPointAt(k) {
				break loop // 3百分点 is 3 percentage points, not 300
			}
			if approx != 0 || (lastSmall != 0 && u >= lastSmall) || (run >= 2 && !st.isRange) {
				break loop
			}
			switch {
			case hasPending && leadZero && u == 10: // 零十
				lo.section += 10
				hi.section += 10
			case hasPending:
				lo.section += lo.pending * u
				hi.section += hi.pending * u
			case u == 10 && (tokens == 0 || zeroGap || lastWasBig):
				lo.section += 10
				hi.section += 10
			default:
				break loop
			}
			lo.pending, hi.pending = 0, 0
			hasPending, leadZero, pendDecimal = false, false, false
			tookSmallScale(u, k)
		case bigUnit(r) > 0:
			u := bigUnit(r)
			if hasPending && !pendChinese && s.scaleUnitAt(k) {
				break loop // 5兆瓦: 兆 begins the unit
			}
			if lastWasBig && (approx == 0 || u > lastBig) {
				// 万亿, 万万: the second scale multiplies the first.
				lo.total *= u
				hi.total *= u
				lastBig *= u
				trailScale *= u
			} else {
				if !hasPending && lo.section == 0 && hi.section == 0 {
					break loop
				}
				if (lastBig != 0 && u == lastBig) || (run >= 2 && !st.isRange) {
					break loop
				}
				if lastBig != 0 && u > lastBig {
					// 三万五千亿: the groups read so far count the larger scale.
					lo.total = (lo.total + lo.section + lo.pending) * u
					hi.total = (hi.total + hi.section + hi.pending) * u
				} else {
					lo.total += (lo.section + lo.pending) * u
					hi.total += (hi.section + hi.pending) * u
				}
				lo.section, lo.pending, hi.section, hi.pending = 0, 0, 0, 0
				lastBig, trailScale = u, u
			}
			if approx != 0 {
				st.more = true // 十余万, 一千多万
				approx = 0
			}
			hasPending, leadZero, pendDecimal = false, false, false
			lastSmall, afterUnit = 0, u
			lastUnitTok, lastWasBig, zeroGap = true, true, false
			st.chinese, st.hasUnit = true, true
			chineseTokens++
			run = 0
			j, end = k+1, k+1
			tokens++
		case r == '多' || r == '余':
			if approx != 0 || tokens == 0 {
				break loop
			}
			if !(lastUnitTok || (hasPending && !pendChinese && !pendDecimal)) {
				break loop
			}
			approx, approxPos = r, k
			j = k + 1 // end stays before the approximator until confirmed
			tokens++
		case r == '几':
			if approx != 0 || hasPending {
				break loop
			}
			nx := k + 1
			for nx < n && c[nx] == ' ' {
				nx++
			}
			nextUnit := nx < n && isUnit(c[nx])
			switch {
			case tokens == 0 && nextUnit: // 几十, 几百万
				lo.pending, hi.pending = 1, 1
			case (lastUnitTok || zeroGap) && (nextUnit || afterUnit == 10): // 二十几万, 零几万, 二十几
				lo.pending, hi.pending = 0, 0
			default:
				break loop
			}
			hasPending, pendChinese, leadZero = true, false, false
			st.more, st.chinese = true, true
			chineseTokens++
			lastUnitTok, lastWasBig, zeroGap = false, false, false
			run = 0
			j, end = k+1, k+1
			tokens++
		case r == '半':
			if tokens != 0 {
				break loop
			}
			nx := k + 1
			if !(nx < n && (isUnit(c[nx]) && c[nx] != '十' || c[nx] == '打')) {
				break loop
			}
			lo.pending, hi.pending = 0.5, 0.5
			hasPending, pendChinese = true, false
			st.chinese = true
			chineseTokens++
			j, end = k+1, k+1
			tokens++
		case r == '点' || isMidDot(r):
			if approx != 0 || !st.chinese || !st.integer || (isMidDot(r) && k != j) {
				break loop
			}
			// Chinese decimal point: 三點五億, 四百 点 五, 两千点零.
			m := k + 1
			for m < n && c[m] == ' ' {
				m++
			}
			if m >= n {
				break loop
			}
			if _, ok := digitValue(c[m]); !ok || c[m] == '两' {
				break loop
			}
			loV := finish(lo, hasPending, pendChinese || abbrevArabic, run, abbrevUnit)
			hiV := finish(hi, hasPending, pendChinese || abbrevArabic, run, abbrevUnit)
			var frac, place float64 = 0, 0.1
			q := m
			last := m
			for q < n {
				if c[q] == ' ' {
					q++
					continue
				}
				d, ok := digitValue(c[q])
				if !ok || c[q] == '两' {
					break
				}
				frac += d * place
				place /= 10
				q++
				last = q
			}
			loV += frac
			hiV += frac
			end = last
			// A scale after the decimals multiplies the whole: 三點五億.
			sc := 1.0
			for q = end; ; {
				for q < n && c[q] == ' ' {
					q++
				}
				if q < n && bigUnit(c[q]) > 0 {
					sc *= bigUnit(c[q])
					q++
					end = q
					continue
				}
				break
			}
			if isMidDot(r) && sc == 1 && !s.inFraction && !s.amountFollows(end) {
				break loop // 九·一八事变: a date, not 9.18
			}
			st.lo, st.hi = loV*sc, hiV*sc
			st.integer = false
			st.end = end
			if sc > 1 {
				st.hasUnit = true
				st.scale = sc
			}
			return st, true
		default:
			break loop
		}
	}
	if tokens == 0 || end == i {
		return numeral{}, false
	}
	// A trailing 余 always belongs to the number (1200余); a trailing 多 only
	// when something follows it (300多位, but not 四百多 at the end).
	if approx != 0 {
		nx := approxPos + 1
		if approx == '余' || (nx < n && IsHan(c[nx]) && !isPunct(c[nx])) {
			end = approxPos + 1
			st.more = true
		}
	}
	if run >= 2 && !st.isRange && (run < 3 || !noUnits()) {
		return numeral{}, false // 九九, 三八: not a number by itself
	}
	if st.isRange && run == 2 && hasPending && abbrevUnit == 0 && noUnits() {
		// 五六 with nothing after: only before a classifier (五六个)
		if !s.singleFollowerAt(end) {
			return numeral{}, false
		}
	}
	if firstRune == '半' && tokens == 1 {
		st.halfOnly = true
	}
	st.lo = finish(lo, hasPending, pendChinese || abbrevArabic, run, abbrevUnit)
	st.hi = finish(hi, hasPending, pendChinese || abbrevArabic, run, abbrevUnit)
	st.end = end
	st.single = chineseTokens == 1 && tokens == 1 && !st.arabic && (func() bool { _, ok := digitValue(firstRune); return ok }() || smallUnit(firstRune) == 10 || tensValue(firstRune) > 0)
	if !hasPending && lastUnitTok {
		st.scale = trailScale
	}
	return st, true
}

// finish closes an accumulator. A lone digit right after a scale word is
// abbreviated (二百五 = 250, 一万三 = 13000); after 零 it is not.
func finish(a acc, hasPending, mayAbbreviate bool, run int, abbrevUnit float64) float64 {
	v := a.total + a.section
	if hasPending {
		p := a.pending
		if mayAbbreviate && run <= 2 && abbrevUnit >= 10 {
			p *= abbrevUnit / 10
		}
		v += p
	}
	return v
}

// rangePairFollows reports whether a 五六-style digit pair ending before k is
// a range: a scale word follows (五六百), or it ends an abbreviated numeral
// (十五六), or a classifier follows (五六个).
func (s *scanner) rangePairFollows(k int, afterUnit float64) bool {
	c, n := s.c, len(s.c)
	if k < n && isUnit(c[k]) {
		return true
	}
	if k < n && (isChineseNumeral(c[k]) || c[k] == '点') {
		return false
	}
	if afterUnit > 0 {
		// After a scale word the pair must itself be followed by one
		// (三百五六十); 十四五 names a five-year plan, not 14 to 15.
		return false
	}
	return s.singleFollowerAt(k)
}

// maxMaskLen bounds a masked number; longer runs are rules or decoration.
const maxMaskLen = 24

// mask parses a redacted number: xxxx, xx.xx, 20xx, **, ×××, n, __, with an
// optional scale (x.x亿, xxxx万) and approximator (20xx余).
func (s *scanner) mask(i int) (numeral, bool) {
	c, n := s.c, len(s.c)
	if i > 0 && (isASCIILetter(c[i-1]) || isASCIIDigit(c[i-1])) {
		return numeral{}, false
	}
	j := i
	var sawMask, sawDot bool
	onlyN, onlySym := true, true
	for j < n {
		if j-i > maxMaskLen {
			return numeral{}, false // a rule or a row of stars, not a number
		}
		r := c[j]
		switch {
		case isASCIIDigit(r):
			j++
			continue
		case isMaskRune(r):
			sawMask = true
			if r != 'n' {
				onlyN = false
			}
			if r == 'x' || r == 'X' {
				onlySym = false
			}
			j++
			continue
		case r == '.' && !sawDot && j > i && j+1 < n && (isASCIIDigit(c[j+1]) || isMaskRune(c[j+1])):
			sawDot = true
			j++
			continue
		}
		break
	}
	if !sawMask {
		return numeral{}, false
	}
	if j < n && isASCIILetter(c[j]) {
		return numeral{}, false
	}
	next := rune(0)
	if j < n {
		next = c[j]
	}
	hanNext := IsHan(next) && !isPunct(next)
	if onlyN && (j-i > 3 || !hanNext) {
		return numeral{}, false // n only counts as a digit before a word: n个
	}
	if onlyN || onlySym {
		// *, _ and × alone are bullets, rules and multiplication signs unless
		// a word, a scale or % follows.
		if !(hanNext || next == '%') {
			return numeral{}, false
		}
		if onlySym && j-i == 1 && c[i] == '×' && i > 0 && isASCIIDigit(c[i-1]) {
			return numeral{}, false
		}
	}
	st := numeral{masked: true, arabic: true, integer: !sawDot, scale: 1}
	end := j
	// scale words and approximator
	q := j
	for q < n {
		if u := bigUnit(c[q]); u > 0 {
			st.scale *= u
			st.hasUnit = true
			q++
			end = q
			continue
		}
		if u := smallUnit(c[q]); u > 0 && !isFinancial(c[q]) {
			st.scale *= u
			st.hasUnit = true
			q++
			end = q
			continue
		}
		break
	}
	if q < n && (c[q] == '余' || c[q] == '多') {
		nx := q + 1
		if c[q] == '余' || (nx < n && IsHan(c[nx]) && !isPunct(c[nx])) {
			st.more = true
			q++
			end = q
			// 20xx余万
			if q < n && bigUnit(c[q]) > 0 {
				q++
				end = q
			}
		}
	}
	st.end = end
	return st, true
}

// percentPointAt reports 百分点 (spaces allowed) at k.
func (s *scanner) percentPointAt(k int) bool {
	if !(s.at(k) == '百' || s.at(k) == '佰') {
		return false
	}
	m := s.skipSpaces(k + 1)
	if s.at(m) != '分' {
		return false
	}
	return s.at(s.skipSpaces(m+1)) == '点'
}

// maxDigitGap bounds the spaces between the digits of a spaced number.
const maxDigitGap = 3

// spacedDigits reads a number whose digits stand apart by the same run of
// spaces, as letter-spaced PDF and OCR text gives them: 3 6 2 1 0, 1 2 . 5,
// 6 . 5, and, when spacing text that had it already, 1   2   8. Every group
// must be a single digit (12 34 stays two numbers), every gap as wide as
// the first, a spaced point has the gap on both sides (1. 5 is a list
// marker and a number), and a slash must not follow (1 4/3 is a mixed
// number).
func (s *scanner) spacedDigits(k int) (arabicNum, bool) {
	c := s.c
	single := func(q int) bool { return isASCIIDigit(s.at(q)) && !isASCIIDigit(s.at(q+1)) }
	gap := 0
	for gap < maxDigitGap+1 && s.at(k+1+gap) == ' ' {
		gap++
	}
	// spaced reports exactly gap spaces at q.
	spaced := func(q int) bool {
		for g := 0; g < gap; g++ {
			if s.at(q+g) != ' ' {
				return false
			}
		}
		return s.at(q+gap) != ' '
	}
	if !single(k) || gap == 0 || gap > maxDigitGap || !(isASCIIDigit(s.at(k+1+gap)) || s.at(k+1+gap) == '.') {
		return arabicNum{}, false
	}
	digits := []rune{c[k]}
	q := k + 1
	for spaced(q) && isASCIIDigit(s.at(q+gap)) {
		if !single(q + gap) {
			return arabicNum{}, false // 1 2 34: not one spaced number
		}
		digits = append(digits, c[q+gap])
		q += gap + 1
	}
	res := arabicNum{integer: true}
	point := len(digits)
	// A decimal point with its spaces: 1 2 . 5
	if spaced(q) && s.at(q+gap) == '.' && spaced(q+gap+1) {
		f := q + 2*gap + 1
		if single(f) {
			digits = append(digits, c[f])
			q = f + 1
			for spaced(q) && single(q+gap) {
				digits = append(digits, c[q+gap])
				q += gap + 1
			}
			res.integer = false
		}
	}
	if len(digits) == 1 || s.at(q) == '/' || s.at(q) == '.' || isASCIILetter(s.at(q)) && !s.latinUnitAt(q) {
		return arabicNum{}, false
	}
	var mant uint64
	exp := 0
	for x, r := range digits {
		if mant < 1e17 {
			mant = mant*10 + uint64(r-'0')
			if x >= point {
				exp--
			}
		} else if x < point {
			exp++
		}
	}
	if exp >= 0 {
		res.value = float64(mant) * pow10(exp)
	} else {
		res.value = float64(mant) / pow10(-exp)
	}
	res.end = q
	return res, true
}

// latinUnitAt reports a Latin unit symbol at k that no further letter
// follows: 51.2m2, 30km, 800kWh.
func (s *scanner) latinUnitAt(k int) bool {
	n := latinUnits.at(s.c, k)
	return n > 0 && !isASCIILetter(s.at(k+n))
}

// scaleUnitAt reports a unit of measurement that begins with a scale
// character at k: 千瓦, 千克, 兆瓦.
func (s *scanner) scaleUnitAt(k int) bool { return scaleUnits.at(s.c, k) > 0 }

// latinZero reports a Latin O standing for 零 inside a Chinese numeral, as
// Hong Kong and Taiwan texts write it (二OO八, 一百O五): it follows a Chinese
// numeral, and no letter or digit follows the run of Os.
func (s *scanner) latinZero(k int) bool {
	if s.at(k) != 'O' || !(isChineseNumeral(s.at(k-1)) || s.at(k-1) == 'O') {
		return false
	}
	q := k
	for s.at(q) == 'O' {
		q++
	}
	r := s.at(q)
	return !isASCIILetter(r) && !isASCIIDigit(r)
}

// amountFollows reports what may follow a decimal written with a middle
// dot: the end of the text, a currency, a percent sign or a classifier.
func (s *scanner) amountFollows(k int) bool {
	r := s.at(k)
	if r == 0 || r == '%' || r == '‰' {
		return true
	}
	if _, _, ok := s.currencyAt(k); ok {
		return true
	}
	return !isPunct(r) && r != ' ' && r != '\n' && s.singleFollowerAt(k)
}

// scaleLed reads numerals that begin with a bare scale word: the colloquial
// 万五 (15000) and 千八 (1800); a scale with an approximator, 百余 and 千多
// (the scale, more than); and 数 before scales, 数百 and 数十万 (the scale,
// more than, as 几百 reads).
func (s *scanner) scaleLed(i int) (numeral, bool) {
	r := s.at(i)
	if r == '数' {
		return s.several(i)
	}
	u := smallUnit(r) + bigUnit(r)
	if u < 100 || isFinancial(r) {
		return numeral{}, false
	}
	if p := s.at(i - 1); isChineseNumeral(p) || isASCIIDigit(p) || p == '.' || p == '点' || p == '第' {
		return numeral{}, false
	}
	nx := s.at(i + 1)
	if nx == '余' || nx == '多' {
		end := i + 2
		v := u
		for bigUnit(s.at(end)) > 0 && end-i < 4 { // 百余万
			v *= bigUnit(s.at(end))
			end++
		}
		after := s.at(end)
		if !IsHan(after) || isChineseNumeral(after) || after == '分' {
			return numeral{}, false
		}
		return numeral{end: end, lo: v, hi: v, more: true, chinese: true, integer: true, hasUnit: true, scale: v}, true
	}
	d, ok := digitValue(nx)
	if !ok || isZero(nx) || nx == '一' || nx == '两' || isFinancial(nx) {
		return numeral{}, false
	}
	if np, ok := s.scaleLedGroup(i, u); ok {
		return np, true
	}
	after := s.at(i + 2)
	if isChineseNumeral(after) || isASCIIDigit(after) || after == '点' || isMidDot(after) || after == 'O' ||
		after == '余' || after == '多' || after == '几' || after == '分' || after == '成' || after == '折' {
		return numeral{}, false
	}
	if IsHan(after) && !s.amountFollows(i+2) {
		return numeral{}, false
	}
	v := u + d*u/10
	return numeral{end: i + 2, lo: v, hi: v, chinese: true, integer: true, hasUnit: true, scale: 1}, true
}

// scaleLedGroup reads a bare scale word that stands for one of it before
// a full group of the scales below it: 万五千 (15000), 万二千三百余
// (12300, more than), 亿五千万 (150000000).
func (s *scanner) scaleLedGroup(i int, u float64) (numeral, bool) {
	if u < 1000 || smallUnit(s.at(i+2)) == 0 && bigUnit(s.at(i+2)) == 0 {
		return numeral{}, false
	}
	rest, ok := s.numeral(i+1, false)
	if !ok || rest.arabic || rest.isRange || rest.masked || !rest.integer || rest.lo >= u {
		return numeral{}, false
	}
	v := u + rest.lo
	return numeral{end: rest.end, lo: v, hi: v, more: rest.more, chinese: true, integer: true, hasUnit: true, scale: 1}, true
}

// several reads 数 followed by scale words (数十, 数百, 数千万) before a
// classifier. 数 that ends a noun (人数, 次数) is no "several".
func (s *scanner) several(i int) (numeral, bool) {
	if shuWords.at(s.c, i-1) == 2 {
		return numeral{}, false
	}
	v := 1.0
	k := i + 1
	for k-i <= 3 && isUnit(s.at(k)) && !isFinancial(s.at(k)) {
		v *= smallUnit(s.at(k)) + bigUnit(s.at(k))
		k++
	}
	after := s.at(k)
	if k == i+1 || !IsHan(after) || isPunct(after) || isChineseNumeral(after) || after == '分' || after == '余' || after == '多' {
		return numeral{}, false
	}
	return numeral{end: k, lo: v, hi: v, more: true, chinese: true, integer: true, hasUnit: true, scale: v}, true
}
