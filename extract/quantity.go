package extract

import (
	"strings"

	"github.com/zhmetrics/zhmetrics/extract/number"
)

// maxUnitLen is the longest unit surface, in characters.
const maxUnitLen = 4

// qualifiersBefore and qualifiersAfter map words around a quantity to its
// qualifier. They stay outside the quantity's span.
var qualifiersBefore = map[string]string{
	"近": QualApprox, "约": QualApprox, "大约": QualApprox, "将近": QualApprox, "接近": QualApprox,
	"大概": QualApprox, "约为": QualApprox, "约有": QualApprox, "近乎": QualApprox,
	"超过": QualMoreThan, "高于": QualMoreThan, "突破": QualMoreThan, "逾": QualMoreThan, "超": QualMoreThan,
	"多于": QualMoreThan, "大于": QualMoreThan,
	"不少于": QualAtLeast, "不低于": QualAtLeast, "至少": QualAtLeast, "最少": QualAtLeast,
	"不超过": QualAtMost, "不高于": QualAtMost, "最多": QualAtMost, "至多": QualAtMost, "不多于": QualAtMost,
	"不足": QualLessThan, "低于": QualLessThan, "不到": QualLessThan, "少于": QualLessThan, "小于": QualLessThan,
}

var qualifiersAfter = []struct{ word, qualifier string }{
	// Longest first: 及以上 before 以上.
	{"及以上", QualAtLeast}, {"左右", QualApprox}, {"上下", QualApprox}, {"以上", QualAtLeast},
	{"以下", QualAtMost}, {"以内", QualAtMost}, {"之内", QualAtMost},
}

// categoryAfterBound are words that, right after 以上 or 以下, show that the
// quantity defines a category ("600分以上人数") rather than reports an amount.
var categoryAfterBound = []string{"人数", "比例", "学生", "的学生", "考生", "的考生", "年级", "分数段"}

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
		f.Value, f.HasValue = m.Value, true
	}
	if inName(m.Start) || isOrdinal(rs, m.Start) || partOfCode(rs, m.Start, m.End) {
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
		if onlySmallChinese(m.Text) || isRanking(rs, m.Start, unit) || isSessionName(rs, f.End, unit) {
			return Fact{}, false
		}
	}
	q, category := qualifierAfter(rs, f.End)
	if category {
		return Fact{}, false
	}
	if f.Qualifier == "" {
		f.Qualifier = q
	}
	if q, _ := qualifierBefore(rs, f.Start); q != "" {
		f.Qualifier = q
	}
	return f, true
}

// unitAt finds the longest unit starting at rs[at], unless a blocker word
// starts there.
func unitAt(rs []rune, at int) (surface, unit, kind string) {
	rest := prefix(rs, at, maxUnitLen+2)
	for _, b := range unitBlockers {
		if strings.HasPrefix(rest, b) {
			return "", "", ""
		}
	}
	restRunes := []rune(rest)
	for n := min(maxUnitLen, len(restRunes)); n >= 1; n-- {
		s := string(restRunes[:n])
		if u, ok := countUnits[s]; ok {
			return s, u, KindCount
		}
		if u, ok := measureUnits[s]; ok {
			return s, u, KindMeasure
		}
	}
	return "", "", ""
}

// isDate reports whether a number before 年 is a year (2020年, 20xx年,
// 一九五七年) rather than a number of years.
func isDate(rs []rune, m number.Match, unit string) bool {
	if unit != "年" && unit != "度" {
		return false
	}
	text := []rune(m.Text)
	if m.Masked && len(text) >= 2 && unit == "年" {
		return true // 20xx年, __年: a redacted year
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
		if !strings.ContainsRune("〇零一二三四五六七八九", r) {
			return false
		}
	}
	return true
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

func isOrdinal(rs []rune, start int) bool {
	return start > 0 && rs[start-1] == '第'
}

// partOfCode reports numbers glued to Latin letters or plus signs, as in
// 5G, 1+X or 3+x: labels, not amounts.
func partOfCode(rs []rune, start, end int) bool {
	if start > 0 {
		p := rs[start-1]
		if p == '+' || isLatin(p) {
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
		if !strings.ContainsRune(chineseSmall+"兩至到或", r) {
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
	for n := 3; n >= 1; n-- {
		if end-n < 0 {
			continue
		}
		if q, ok := qualifiersBefore[string(rs[end-n:end])]; ok {
			return q, end - n
		}
	}
	return "", start
}

// qualifierAfter finds a qualifier word right after end. category reports
// a bound that defines a category ("600分以上人数"), which makes the number
// no amount at all.
func qualifierAfter(rs []rune, end int) (qualifier string, category bool) {
	rest := prefix(rs, end, 6)
	for _, q := range qualifiersAfter {
		if !strings.HasPrefix(rest, q.word) {
			continue
		}
		if q.qualifier == QualAtLeast || q.qualifier == QualAtMost {
			after := strings.TrimPrefix(rest, q.word)
			for _, c := range categoryAfterBound {
				if strings.HasPrefix(after, c) {
					return "", true
				}
			}
		}
		return q.qualifier, false
	}
	return "", false
}

// prefix returns up to n characters of rs starting at at.
func prefix(rs []rune, at, n int) string {
	if at >= len(rs) {
		return ""
	}
	end := min(at+n, len(rs))
	return string(rs[at:end])
}
