package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/extract/number"
)

// kindImplicit marks a quantity whose unit is implied by its indicator.
const kindImplicit = "implicit"

// implicitUnits map the last word of an indicator's name to the unit its
// amounts are counted in when the text leaves the unit out.
var implicitUnits = []struct{ suffix, kind, unit string }{
	{"人次", KindCount, "人次"},
	{"人口", KindCount, "人"}, {"人数", KindCount, "人"}, {"人员", KindCount, "人"}, {"学生", KindCount, "人"},
	{"职工", KindCount, "人"}, {"居民", KindCount, "人"}, {"农民", KindCount, "人"}, {"群众", KindCount, "人"},
	{"就业", KindCount, "人"}, {"游客", KindCount, "人"},
	{"经费", KindMoney, "元"}, {"投入", KindMoney, "元"}, {"资金", KindMoney, "元"}, {"收入", KindMoney, "元"},
	{"支出", KindMoney, "元"}, {"总额", KindMoney, "元"}, {"产值", KindMoney, "元"}, {"投资", KindMoney, "元"},
	{"金额", KindMoney, "元"}, {"预算", KindMoney, "元"}, {"税收", KindMoney, "元"},
}

// implicitUnit finds the unit implied by the names around an amount.
func implicitUnit(names ...string) (kind, unit string) {
	// The head of a Chinese noun phrase comes last: the word found
	// latest in the name decides.
	for _, name := range names {
		best := -1
		for _, u := range implicitUnits {
			if at := strings.LastIndex(name, u.suffix); at >= 0 && at+len(u.suffix) > best {
				best, kind, unit = at+len(u.suffix), u.kind, u.unit
			}
		}
		if best >= 0 {
			return kind, unit
		}
	}
	return "", ""
}

// chineseSmall holds the characters of small counts written out in words
// (三项, 两次), which reports use as prose rather than as figures.
const chineseSmall = "零〇一二两三四五六七八九十"

// quantity turns a number match into a fact, or reports false when the
// number is not an amount (a date, an ordinal, part of a name, …).
func quantity(rs []rune, m number.Match, inName func(int) bool) (Fact, bool) {
	f := Fact{Start: m.Start, End: m.End, Masked: m.Masked, Qualifier: m.Qualifier}
	if !m.Masked {
		f.Value, f.HasValue, f.Exact = m.Value, true, m.Exact
	}
	if inName(m.Start) || isOrdinal(rs, m.Start) || partOfCode(rs, m) && number.LatinUnitAt(rs, m.End) == 0 ||
		isRateBase(rs, m.Start) || isDateTail(rs, m.Start) {
		return Fact{}, false
	}
	switch m.Kind {
	case number.KindPercent:
		f.Kind, f.Unit = KindPercent, m.Unit
	case number.KindMoney:
		f.Kind, f.Unit = KindMoney, m.Unit
	default:
		at := m.End
		if at < len(rs) && rs[at] == ' ' {
			at++ // "1 名": read through a stray space
		}
		surface, unit, kind := unitAt(rs, at)
		if kind == "" && !m.Masked && strings.ContainsAny(m.Text, "万亿萬億") && !m.IsRange {
			// A large amount with its unit left implicit ("8000多万农业转移
			//人口"); the unit is read from the indicator's name later.
			f.Kind = kindImplicit
			break
		}
		if kind == "" || isDate(rs, m, unit) {
			return Fact{}, false
		}
		f.Kind, f.Unit, f.End = kind, unit, at+len([]rune(surface))
		if f.HasValue && strings.HasPrefix(surface, "个半") {
			f.Value, f.Exact = f.Value+0.5, "" // 3个半月
		} else if f.HasValue && halfAfter(rs, f.End) {
			f.Value, f.Exact = f.Value+0.5, "" // 8天半
			f.End++
		}
		if onlySmallChinese(m.Text) || isRanking(rs, m.Start, unit) || isSessionName(rs, f.End, unit) || isPairing(rs, f.End, unit) {
			return Fact{}, false
		}
	}
	q, category := qualifierAfter(rs, f.End, f.Kind == KindPercent)
	if category || isAgeBand(rs, m, f, q) || definesGroup(rs, f) || isLabelledNumber(rs, m.Start) || isPhoneNumber(rs, m.Start) {
		return Fact{}, false
	}
	if f.Qualifier == "" {
		f.Qualifier = q
	}
	if q, at := qualifierBefore(rs, f.Start); q != "" {
		if definesBand(rs, at, f.Start, f.End) {
			return Fact{}, false
		}
		f.Qualifier = q
	}
	return f, true
}

// definesBand reports an amount after a comparison word (from at) that 的
// follows, perhaps after a per-unit (2500元/年的): a bound defining a group,
// as in 收入低于3000元的家庭, not an amount.
func definesBand(rs []rune, at, start, end int) bool {
	if q, ok := qualifierWords.before[strings.TrimSpace(string(rs[at:start]))]; !ok || !q.band {
		return false
	}
	if end+1 < len(rs) && rs[end] == '/' {
		end += 2 // /年, /人
	}
	return end < len(rs) && rs[end] == '的'
}

// unitAt finds the longest unit starting at rs[at], unless a blocker word
// starts there. A unit that may follow a describing noun is also found two
// characters on (11.26诊疗人次 → 人次, surface 诊疗人次).
func unitAt(rs []rune, at int) (surface, unit, kind string) {
	rest := prefix(rs, at, maxUnitLen+2)
	for _, b := range unitBlockers {
		if strings.HasPrefix(rest, b) {
			return "", "", ""
		}
	}
	// 3个半小时: the half sits between 个 and the unit.
	if at+1 < len(rs) && rs[at] == '个' && rs[at+1] == '半' {
		for n := min(maxUnitLen, len(rs)-at-2); n >= 1; n-- {
			s := string(rs[at+2 : at+2+n])
			u, ok := units["个"+s] // 个月
			if !ok {
				u, ok = units[s]
			}
			if ok && u.kind == KindMeasure {
				return "个半" + s, u.unit, u.kind
			}
		}
	}
	const nounLen = 2
	if at+nounLen < len(rs) && isHanWord(rs[at:at+nounLen]) {
		if s, u, ok := longestUnitAt(rs, at+nounLen); ok && u.afterNoun {
			return string(rs[at:at+nounLen]) + s, u.unit, u.kind
		}
	}
	if s, u, ok := longestUnitAt(rs, at); ok {
		return s, u.unit, u.kind
	}
	return "", "", ""
}

// longestUnitAt returns the longest unit surface at rs[at].
func longestUnitAt(rs []rune, at int) (string, unitInfo, bool) {
	var buf [4 * 8]byte
	n := min(maxUnitLen, len(rs)-at)
	if n <= 0 || n > len(buf)/utf8.UTFMax {
		return "", unitInfo{}, false
	}
	// ends[k] is the byte length of the first k+1 characters.
	var ends [8]int
	b := buf[:0]
	for k := 0; k < n; k++ {
		b = utf8.AppendRune(b, rs[at+k])
		ends[k] = len(b)
	}
	for k := n - 1; k >= 0; k-- {
		if u, ok := units[string(b[:ends[k]])]; ok { // no allocation for the lookup
			return string(b[:ends[k]]), u, true
		}
	}
	return "", unitInfo{}, false
}

// isHanWord reports characters that are all ideographs and no numerals.
func isHanWord(rs []rune) bool {
	for _, r := range rs {
		if r < 0x4E00 || r > 0x9FFF || strings.ContainsRune(chineseSmall+"百千万亿", r) {
			return false
		}
	}
	return true
}

// halfAfter reports a 半 right after a unit that adds half of it (8天半,
// 3年半), not one that begins a new word (半年, 半数).
func halfAfter(rs []rune, end int) bool {
	if end >= len(rs) || rs[end] != '半' {
		return false
	}
	rest := prefix(rs, end, 4)
	for _, w := range halfWords {
		if strings.HasPrefix(rest, w) {
			return false
		}
	}
	return true
}

// isDate reports whether a number before 年 is a year (2020年, 20xx年,
// 一九五七年) rather than a number of years.
func isDate(rs []rune, m number.Match, unit string) bool {
	if unit == "日" {
		return !isNumberOfDays(rs, m)
	}
	if unit == "届" {
		// 2019届毕业生: a cohort named by its year, not 2019 sessions.
		return !m.IsRange && len([]rune(strings.ReplaceAll(m.Text, " ", ""))) == 4 && m.Value >= 1900 && m.Value <= 2100
	}
	if unit != "年" && unit != "度" {
		return false
	}
	text := []rune(strings.ReplaceAll(m.Text, " ", "")) // 2 0 1 5 年 out of a PDF
	if m.Masked && len(text) >= 2 && unit == "年" {
		return true // 20xx年, __年: a redacted year
	}
	if unit == "年" && (isZeroLedYear(text) || isYearPair(text) || isMarkedYear(text) || isROCYear(rs, m)) {
		return true
	}
	if len(text) != 4 {
		return false
	}
	if m.Masked {
		return true
	}
	if !m.IsRange && m.Value >= 1000 && m.Value <= 2999 && m.Value == float64(int(m.Value)) {
		return true
	}
	// Years written digit by digit in Chinese: 一九五七年.
	for _, r := range text {
		if !strings.ContainsRune("〇零一二三四五六七八九O", r) {
			return false
		}
	}
	return true
}

// isNumberOfDays reports a number before 日 that counts days (平均逗留1.2日,
// 为期3日, 3日内) rather than naming a day of the month (5月20日, 于15日召开):
// a decimal, a number followed by 内, or one after a word of duration.
func isNumberOfDays(rs []rune, m number.Match) bool {
	if m.Masked {
		return false
	}
	_, at := qualifierBefore(rs, m.Start)
	for at > 0 && rs[at-1] == ' ' {
		at--
	}
	if at > 0 && rs[at-1] == '月' {
		return false
	}
	if m.Value != float64(int64(m.Value)) || strings.HasPrefix(prefix(rs, m.End+1, 2), "内") {
		return true
	}
	before := string(rs[max(0, at-2):at])
	for _, w := range durationCues {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// isZeroLedYear reports a year of two digits that starts with 0 (05年):
// a number of years is never written so.
func isZeroLedYear(text []rune) bool {
	return len(text) == 2 && text[0] == '0' && text[1] >= '0' && text[1] <= '9'
}

// isMarkedYear reports a list marker glued to a year (1.2024年 for item 1,
// 2024年): four decimals that make a year. No number of years is written
// with four decimals.
func isMarkedYear(text []rune) bool {
	dot := slices.Index(text, '.')
	if dot < 1 || dot > 2 || len(text)-dot-1 != 4 {
		return false
	}
	year := string(text[dot+1:])
	return (strings.HasPrefix(year, "19") || strings.HasPrefix(year, "20")) && allDigits(text[:dot]) && allDigits(text[dot+1:])
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

// isYearPair reports a fiscal or school year whose slash was lost: 202223
// for 2022/23.
func isYearPair(text []rune) bool {
	if len(text) != 6 {
		return false
	}
	v := 0
	for _, r := range text {
		if r < '0' || r > '9' {
			return false
		}
		v = v*10 + int(r-'0')
	}
	year, next := v/100, v%100
	return year >= 1900 && year <= 2099 && (year+1)%100 == next
}

// rocWindow bounds the text searched for a sign of ROC dating, in
// characters each side of a number.
const rocWindow = 3000

// isROCYear reports a year of the Republic of China calendar (112年, 一百零五年),
// which Taiwan texts write bare: a number from 100 to 199 before 年 that a
// calendar word follows (112年第1季, 112年上半年, 110年5月), or any such number
// in text that dates so nearby, or by 民国 (较110年增1.7%).
func isROCYear(rs []rune, m number.Match) bool {
	if m.Masked || m.IsRange || m.Value < 100 || m.Value > 199 || m.Value != float64(int(m.Value)) {
		return false
	}
	if calendarAfter(rs, m.End+1) {
		return true
	}
	if after := prefix(rs, m.End+1, 2); strings.HasPrefix(after, "来") || strings.HasPrefix(after, "以来") {
		return false // 110年来: a number of years
	}
	lo, hi := max(0, m.Start-rocWindow), min(len(rs), m.End+rocWindow)
	for k := lo; k+4 < hi; k++ {
		if rs[k] == '1' && isDigit(rs[k+1]) && isDigit(rs[k+2]) && rs[k+3] == '年' &&
			(k == 0 || !isDigit(rs[k-1])) && calendarAfter(rs, k+4) {
			return true
		}
		if rs[k] == '民' && rs[k+1] == '国' { // 民国108年
			return true
		}
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// calendarAfter reports a word after 年 that makes it a point in time: 第
// (a quarter), 上半年, 底, 5月 ….
func calendarAfter(rs []rune, k int) bool {
	after := prefix(rs, k, 4)
	for _, w := range calendarWords {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	a := []rune(after)
	return len(a) >= 2 && isDigit(a[0]) && (a[1] == '月' || len(a) >= 3 && isDigit(a[1]) && a[2] == '月')
}

// isRanking reports a place in a ranking ("名列前20名"), not a count.
func isRanking(rs []rune, start int, unit string) bool {
	return (unit == "名" || unit == "位") && start > 0 && rs[start-1] == '前'
}

// isSessionName reports a session named by its number ("党的十九届四中全会"):
// 届 followed by more numbering.
func isSessionName(rs []rune, end int, unit string) bool {
	if unit != "届" || end >= len(rs) {
		return false
	}
	return strings.ContainsRune("0123456789xX*一二三四五六七八九十中全", rs[end])
}

// isPairing reports 对 between two numbers (1对1帮扶, 以3对2胜出): a pairing
// or a score, not a count of pairs.
func isPairing(rs []rune, end int, unit string) bool {
	return unit == "对" && end < len(rs) && (isDigit(rs[end]) || strings.ContainsRune(chineseSmall, rs[end]))
}

func isOrdinal(rs []rune, start int) bool {
	return start > 0 && rs[start-1] == '第'
}

// isRateBase reports a number right after 每: the base a rate is counted
// over (每10万人口拥有博物馆1.2个, 每100名学生), not an amount.
func isRateBase(rs []rune, start int) bool {
	k := start
	for k > 0 && rs[k-1] == ' ' {
		k--
	}
	return k > 0 && rs[k-1] == '每'
}

// isDateTail reports a number that ends a date written with separators
// (2023/10/1起, 2024-3-15日): the day or month, not an amount.
func isDateTail(rs []rune, start int) bool {
	k := start
	for parts := 0; parts < 2; parts++ {
		if k < 2 || !strings.ContainsRune("/-.", rs[k-1]) || !isDigit(rs[k-2]) {
			return false
		}
		k--
		digits := 0
		for k > 0 && isDigit(rs[k-1]) {
			k--
			digits++
		}
		if digits == 4 {
			return true // the year opens the date
		}
		if digits > 2 {
			return false
		}
	}
	return false
}

// partOfCode reports numbers glued to Latin letters or plus signs, as in
// 5G, 1+X or 3+x: labels, not amounts. An amount of money, a percent or a
// number with a scale word after a Latin word (GDP3万美元, CPI2.1%) is the
// indicator's figure, as the number grammar reads it.
func partOfCode(rs []rune, m number.Match) bool {
	start, end := m.Start, m.End
	if start > 0 {
		p := rs[start-1]
		afterWord := start > 1 && isLatin(p) && isLatin(rs[start-2]) &&
			(m.Kind != number.KindNumber || strings.ContainsAny(m.Text, "万亿萬億兆"))
		if p == '+' || isLatin(p) && !afterWord {
			return true
		}
	}
	if end < len(rs) {
		n := rs[end]
		if n == '+' || isLatin(n) {
			return true
		}
	}
	return false
}

func isLatin(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

func onlySmallChinese(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune(chineseSmall+"兩至到或数", r) {
			return false
		}
	}
	return s != ""
}

// qualifierBefore finds a qualifier word right before start (spaces
// between allowed) and returns its qualifier and where the word starts; at
// is start when there is none.
func qualifierBefore(rs []rune, start int) (qualifier string, at int) {
	end := start
	for end > 0 && rs[end-1] == ' ' {
		end--
	}
	bareScale := start < len(rs) && strings.ContainsRune("十百千万亿", rs[start])
	for n := qualifierWords.longestBefore; n >= 1; n-- {
		if end-n < 0 {
			continue
		}
		q, ok := qualifierWords.before[string(rs[end-n:end])]
		if !ok || q.onlyScale && (!bareScale || end != start) {
			continue
		}
		if endsWithAny(string(rs[max(0, end-4):end]), notQualifiers) {
			return "", start // 出超80亿美元
		}
		return q.qualifier, end - n
	}
	return "", start
}

// qualifierAfter finds a qualifier word right after end. category reports
// a bound that defines a category, which makes the number no amount at
// all: a bound before the noun of a group (500万元以上项目, 600分以上的考生,
// data/group_nouns.txt), or before the figure counted in it (总分600分以上
// 186人, 以上有186人). A share before such a noun is a share of the group
// (九成以上人口), so a percent defines a group only before a figure.
func qualifierAfter(rs []rune, end int, share bool) (qualifier string, category bool) {
	rest := prefix(rs, end, 8)
	for _, q := range qualifierWords.after {
		if !strings.HasPrefix(rest, q.word) {
			continue
		}
		if q.qualifier == QualAtLeast || q.qualifier == QualAtMost {
			after := []rune(strings.TrimPrefix(rest, q.word))
			if len(after) > 1 && (after[0] == '的' || after[0] == '有' || after[0] == '者') {
				after = after[1:]
			}
			if len(after) > 0 && isDigit(after[0]) || !share && startsWithAny(string(after), groupNouns) {
				return "", true
			}
		}
		return q.qualifier, false
	}
	return "", false
}

func endsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func startsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// isAgeBand reports an age that defines who is counted: an age with a
// bound (65岁以上, 5岁以下儿童) or a range of ages before a noun
// (15-24岁青年失业率, 15至59岁人口), not an age reported (平均年龄38岁).
func isAgeBand(rs []rune, m number.Match, f Fact, qualifierAfter string) bool {
	if f.Unit != "岁" {
		return false
	}
	if qualifierAfter == QualAtLeast || qualifierAfter == QualAtMost {
		return true
	}
	return m.IsRange && f.End < len(rs) && number.IsHan(rs[f.End])
}

// definesGroup reports an amount with a bound and 的 after it (总分600分以上的
// 有87人, 投资1000万元以上的项目): the bound says who or what is counted.
// A percent so bounded is rather a level reached (控制在5%以内的水平).
func definesGroup(rs []rune, f Fact) bool {
	if f.Kind == KindPercent {
		return false
	}
	rest := string(rs[f.End:min(len(rs), f.End+4)])
	for _, w := range []string{"以上的", "及以上的", "以下的", "及以下的"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// isLabelledNumber reports a number after a label and a colon that makes
// it no amount (data/number_labels.txt): the hosting site's counters of a
// page (阅读:2,418次, 浏览次数：35) and identifiers (电话：8399 5311).
func isLabelledNumber(rs []rune, start int) bool {
	k := start
	for k > 0 && rs[k-1] == ' ' {
		k--
	}
	if k == 0 || rs[k-1] != ':' && rs[k-1] != '：' {
		return false
	}
	before := strings.TrimRight(string(rs[max(0, k-6):k-1]), " ")
	for _, w := range numberLabels {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// isPhoneNumber reports a number after an area code in brackets
// ((02)2380-3512, （0755）8312 6600): an identifier.
func isPhoneNumber(rs []rune, start int) bool {
	k := start
	for k > 0 && rs[k-1] == ' ' {
		k--
	}
	if k < 4 || rs[k-1] != ')' && rs[k-1] != '）' {
		return false
	}
	j := k - 2
	for j >= 0 && isDigit(rs[j]) {
		j--
	}
	digits := k - 2 - j
	return j >= 0 && (rs[j] == '(' || rs[j] == '（') && digits >= 2 && digits <= 4 && rs[j+1] == '0'
}

// prefix returns up to n characters of rs starting at at.
func prefix(rs []rune, at, n int) string {
	if at >= len(rs) {
		return ""
	}
	end := min(at+n, len(rs))
	return string(rs[at:end])
}

// currencyScope is what the text has said so far about the currency of a
// bare 元: a note in brackets, an amount of a local currency in the
// current paragraph, and the document's own currency.
type currencyScope struct {
	note, paragraph, document string
	seenMoney                 bool // a money amount came before
}

// bare returns the currency a bare 元 amount is in, or "".
func (c *currencyScope) bare() string {
	switch {
	case c.paragraph != "":
		return c.paragraph
	case c.note != "":
		return c.note
	}
	return c.document
}

// applyCurrencyNotes gives the bare 元 amounts the currency the text names
// for them. Writers name a currency once: right before the amount
// (新台币5,808元, 折合新台币约107万元); in a note in brackets that sets the
// currency of what follows ((港元,下同), （单位：新台币）, （金额除另注明外，均以
// 新台币计算）), which also covers an amount right before it; or, for 港元,
// 澳门元 and 新台币 (data/local_currencies.txt), in an amount earlier in the
// same paragraph, or in the document's first amount of money, which then
// holds for the whole document. A foreign currency (美元) never carries
// over. Facts are in order of their start.
func applyCurrencyNotes(rs []rune, facts []Fact) {
	var scope currencyScope
	from, last := 0, -1 // last: the previous money fact
	for i := range facts {
		f := &facts[i]
		for k := from; k < f.Start; k++ {
			if rs[k] == '\n' {
				scope.paragraph = ""
				continue
			}
			u, end, ok := currencyNoteAt(rs, k)
			if !ok || end > f.Start {
				continue
			}
			scope.note = u
			if last >= 0 && strings.TrimSpace(string(rs[facts[last].End:k])) == "" && isBareYuan(rs, facts[last]) {
				facts[last].Unit = u // 5,216亿元(港元,下同)
			}
			k = end - 1
		}
		from = max(from, f.End)
		if f.Kind != KindMoney {
			continue
		}
		last = i
		named := currencyBefore(rs, f.Start)
		if isBareYuan(rs, *f) {
			if named != "" {
				f.Unit = named
			} else if u := scope.bare(); u != "" {
				f.Unit = u
			}
		}
		if named == "元" || strings.Contains(string(rs[f.Start:f.End]), "人民币") {
			scope.paragraph, scope.document = "", "" // 人民币 named: 元 is yuan again
		}
		if localCurrencies[f.Unit] && (!isBareYuan(rs, *f) || named != "") {
			scope.paragraph = f.Unit
			if !scope.seenMoney {
				scope.document = f.Unit
			}
		}
		scope.seenMoney = true
	}
}

// isBareYuan reports an amount in 元 that names no currency itself.
func isBareYuan(rs []rune, f Fact) bool {
	return f.Kind == KindMoney && f.Unit == "元" && f.End > 0 && rs[f.End-1] == '元' &&
		!strings.Contains(string(rs[f.Start:f.End]), "人民币")
}

// currencyBefore returns the unit of a currency named right before an
// amount starting at start, over a qualifier word (新台币约107万元), or "".
func currencyBefore(rs []rune, start int) string {
	_, at := qualifierBefore(rs, start)
	for at > 0 && rs[at-1] == ' ' {
		at--
	}
	before := string(rs[max(0, at-4):at])
	for _, c := range currencyNotes {
		if strings.HasSuffix(before, c.word) {
			return c.value
		}
	}
	return ""
}

// maxCurrencyNote bounds the characters inside a currency note's brackets.
const maxCurrencyNote = 40

// currencyNoteAt reads a note in brackets at k that names the currency of
// the amounts after it: a currency of data/currency_notes.txt, and a word
// of data/currency_scope_words.txt (下同, 单位, 计算) or 计 right after the
// currency (以港元计). A note holds no digits; a bracket that only names a
// currency sets nothing.
func currencyNoteAt(rs []rune, k int) (unit string, end int, ok bool) {
	if rs[k] != '(' && rs[k] != '（' {
		return "", 0, false
	}
	closing := -1
	for j := k + 1; j < len(rs) && j <= k+maxCurrencyNote; j++ {
		r := rs[j]
		if r == ')' || r == '）' {
			closing = j
			break
		}
		if r == '\n' || r == '(' || r == '（' || isDigit(r) {
			return "", 0, false
		}
	}
	if closing < 0 {
		return "", 0, false
	}
	note := string(rs[k+1 : closing])
	for _, c := range currencyNotes {
		at := strings.Index(note, c.word)
		if at < 0 {
			continue
		}
		if strings.HasPrefix(note[at+len(c.word):], "计") {
			return c.value, closing + 1, true
		}
		for _, w := range currencyScopeWords {
			if strings.Contains(note, w) {
				return c.value, closing + 1, true
			}
		}
		return "", 0, false
	}
	return "", 0, false
}
