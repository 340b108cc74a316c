package number

import "math"

// fraction handles 五分之一, 三又三分之一, 1/5 and 1 4/3 after the numeral np
// that starts at j (i includes the sign). A plain fraction is a percent in
// Find (五分之一 → 20%) and a ratio in plain mode; a mixed number
// (三又三分之一) is a number in both.
func (s *scanner) fraction(i, j int, np numeral, sign float64) (hit, bool) {
	c, n := s.c, len(s.c)
	a := sign * np.lo
	// Chinese: A 分之 B, A 又 X 分之 Y.
	e := s.skipSpaces(np.end)
	switch s.at(e) {
	case '分':
		if num, end, ok := s.chineseFraction(np.end); ok && a != 0 {
			return s.ratioHit(i, end, num/a), true
		}
	case '又':
		k := s.skipSpaces(e + 1)
		neg := 1.0
		if s.at(k) == '负' {
			neg = -1
			k++
		}
		if den, ok := s.numeral(k, false); ok && !den.isRange && !den.masked && den.lo != 0 {
			if num, end, ok := s.chineseFraction(den.end); ok {
				v := a + sign*num/(neg*den.lo)
				return hit{start: i, end: end, kind: KindNumber, value: v}, true
			}
		}
	}
	// A rate per a round number (8.2/10万, 0/100000) is no fraction: the
	// number is the rate, and "/10万" its unit, as written.
	if s.at(np.end) == '/' {
		if den, ok := s.numeral(np.end+1, false); ok && isRoundBase(den) {
			return hit{}, false
		}
	}
	if !np.arabic || np.chinese || !np.integer || np.end >= n {
		return hit{}, false
	}
	// Arabic: a/b and the mixed form 1 4/3.
	e = np.end
	if c[e] == '/' && (j == 0 || c[j-1] != '/') {
		if b, ok := s.arabic(e+1, false); ok && b.integer && b.value != 0 && !s.slashChain(b.end) {
			return s.ratioHit(i, b.end, a/b.value), true
		}
	}
	if c[e] == ' ' && isASCIIDigit(s.at(e+1)) {
		if x, ok := s.arabic(e+1, false); ok && x.integer && s.at(x.end) == '/' {
			if y, ok := s.arabic(x.end+1, false); ok && y.integer && y.value != 0 && !s.slashChain(y.end) {
				v := a + sign*x.value/y.value
				return hit{start: i, end: y.end, kind: KindNumber, value: v}, true
			}
		}
	}
	return hit{}, false
}

// isRoundBase reports the base of a rate: 10万, 十万, 1000 (1000 and more,
// a power of ten, or a number with a scale word).
func isRoundBase(den numeral) bool {
	if den.isRange || den.masked || den.more || den.lo < 1000 {
		return false
	}
	if den.hasUnit {
		return true
	}
	if !den.integer {
		return false
	}
	for v := den.lo; v >= 10; v /= 10 {
		if math.Mod(v, 10) != 0 {
			return false
		}
	}
	return true
}

// slashChain reports a further /digit or .digit after a fraction: dates
// such as 2023/9/1 are not fractions.
func (s *scanner) slashChain(k int) bool {
	r := s.at(k)
	return (r == '/' || r == '.') && isASCIIDigit(s.at(k+1))
}

// chineseFraction reads "分之 [负] B" at k (spaces allowed) and returns B.
func (s *scanner) chineseFraction(k int) (float64, int, bool) {
	k = s.skipSpaces(k)
	if s.at(k) != '分' {
		return 0, 0, false
	}
	k = s.skipSpaces(k + 1)
	if s.at(k) != '之' {
		return 0, 0, false
	}
	k = s.skipSpaces(k + 1)
	neg := 1.0
	if s.at(k) == '负' {
		neg = -1
		k++
	}
	b, ok := s.numeral(k, false)
	if !ok || b.isRange || b.masked || b.halfOnly {
		return 0, 0, false
	}
	return neg * b.lo, b.end, true
}

func (s *scanner) ratioHit(start, end int, ratio float64) hit {
	if s.plain {
		return hit{start: start, end: end, kind: KindNumber, value: ratio}
	}
	return hit{start: start, end: end, kind: KindPercent, value: ratio * 100, unit: "%"}
}

// percentSuffix attaches %, ‰, 个百分点 or 成 to the number h.
func (s *scanner) percentSuffix(h hit, np numeral) (hit, bool) {
	k := s.skipSpaces(h.end)
	pct := func(end int, f float64, unit string) (hit, bool) {
		h.end = end
		h.kind = KindPercent
		h.value *= f
		h.high *= f
		h.unit = unit
		return h, true
	}
	switch s.at(k) {
	case '%':
		if isASCIIDigit(s.at(k + 1)) {
			return hit{}, false // %25 in a URL
		}
		return pct(k+1, 1, "%")
	case '‰':
		return pct(k+1, 0.1, "%")
	case '个', '百':
		m := k
		if s.at(m) == '个' {
			m = s.skipSpaces(m + 1)
		}
		if s.at(m) != '百' {
			return hit{}, false
		}
		m = s.skipSpaces(m + 1)
		if s.at(m) != '分' {
			return hit{}, false
		}
		m = s.skipSpaces(m + 1)
		if s.at(m) != '点' {
			return hit{}, false
		}
		return pct(m+1, 1, "百分点")
	case '成':
		return s.tenths(h, np, k)
	}
	return hit{}, false
}

// tenths handles 成: 九成 (90%), 7.2成, 三成半 (35%), 七成五 (75%).
func (s *scanner) tenths(h hit, np numeral, k int) (hit, bool) {
	if np.masked || np.more || h.value < 0 || h.high > 10 || h.value <= 0 {
		return hit{}, false
	}
	if v := h.value * 10; v != float64(int(v+0.5)) && v-float64(int(v)) > 1e-9 {
		return hit{}, false // at most one decimal: 7.2成
	}
	if bigUnit(s.at(h.end-1)) > 0 {
		return hit{}, false
	}
	end := k + 1
	add := 0.0
	m := s.skipSpaces(end)
	r := s.at(m)
	if r == '半' {
		add, end = 5, m+1
	} else if d, ok := digitValue(r); ok && !isZero(r) && !isFinancial(r) && m == end && !isChineseNumeral(s.at(m+1)) && s.at(m+1) != '点' {
		add, end = d, m+1 // 七成五
	} else if chengWords.at(s.c, k) > 0 {
		return hit{}, false // 成员, 一成不变: 成 begins a word
	}
	h.end = end
	h.kind = KindPercent
	h.unit = "%"
	h.value = h.value*10 + add
	h.high = h.high*10 + add
	return h, true
}

// currencyNames lists currency names in folded (simplified) script and
// the unit each reports.
var currencyNames = []struct{ name, unit string }{
	// yuan and its sub-units (块 alone is handled in moneySuffix)
	{"元人民币", "元"}, {"人民币元", "元"}, {"人民币", "元"}, {"块钱", "元"}, {"元", "元"},
	{"毛钱", "元"}, {"角钱", "元"}, {"分钱", "元"},
	// dollars
	{"美元", "美元"}, {"美金", "美元"}, {"美圆", "美元"}, {"美分", "美元"},
	{"港元", "港元"}, {"港币", "港元"}, {"港圆", "港元"},
	{"澳门元", "澳门元"}, {"澳门币", "澳门元"}, {"澳元", "澳元"}, {"澳大利亚元", "澳元"},
	{"加元", "加元"}, {"加拿大元", "加元"}, {"新加坡元", "新加坡元"}, {"新元", "新加坡元"},
	{"新西兰元", "新西兰元"}, {"纽元", "新西兰元"}, {"新台币", "新台币"}, {"台币", "新台币"},
	// Europe
	{"欧元", "欧元"}, {"欧分", "欧元"}, {"英镑", "英镑"}, {"便士", "英镑"},
	{"瑞士法郎", "瑞士法郎"}, {"法国法郎", "法郎"}, {"法郎", "法郎"}, {"德国马克", "马克"}, {"马克", "马克"},
	{"卢布", "卢布"}, {"俄罗斯卢布", "卢布"}, {"里拉", "里拉"}, {"土耳其里拉", "里拉"},
	{"克朗", "克朗"}, {"瑞典克朗", "瑞典克朗"}, {"挪威克朗", "挪威克朗"}, {"丹麦克朗", "丹麦克朗"},
	{"捷克克朗", "捷克克朗"}, {"冰岛克朗", "冰岛克朗"}, {"兹罗提", "兹罗提"}, {"波兰兹罗提", "兹罗提"},
	{"福林", "福林"}, {"匈牙利福林", "福林"}, {"列伊", "列伊"},
	// Asia
	{"日元", "日元"}, {"日圆", "日元"}, {"日币", "日元"}, {"韩元", "韩元"}, {"韩圆", "韩元"},
	{"卢比", "卢比"}, {"印度卢比", "卢比"}, {"巴基斯坦卢比", "卢比"}, {"泰铢", "泰铢"},
	{"越南盾", "越南盾"}, {"印尼盾", "印尼盾"}, {"印度尼西亚盾", "印尼盾"},
	{"林吉特", "林吉特"}, {"马来西亚林吉特", "林吉特"}, {"马币", "林吉特"},
	{"比索", "比索"}, {"菲律宾比索", "比索"}, {"坚戈", "坚戈"},
	{"里亚尔", "里亚尔"}, {"沙特里亚尔", "里亚尔"}, {"迪拉姆", "迪拉姆"}, {"阿联酋迪拉姆", "迪拉姆"},
	{"第纳尔", "第纳尔"}, {"谢克尔", "谢克尔"},
	// Americas and Africa
	{"墨西哥比索", "比索"}, {"阿根廷比索", "比索"}, {"雷亚尔", "雷亚尔"}, {"巴西雷亚尔", "雷亚尔"},
	{"兰特", "兰特"}, {"南非兰特", "兰特"}, {"奈拉", "奈拉"}, {"尼日利亚奈拉", "奈拉"},
	{"先令", "先令"}, {"埃及镑", "埃及镑"},
}

type currency struct {
	name   []rune
	unit   string
	factor float64 // 美分 → 0.01 美元, 毛钱 → 0.1 元
}

// currencies indexes currencyNames by first rune.
var currencies = func() map[rune][]currency {
	m := map[rune][]currency{}
	for _, cn := range currencyNames {
		name := []rune(cn.name)
		f := 1.0
		switch cn.name {
		case "美分", "欧分", "便士", "分钱":
			f = 0.01
		case "毛钱", "角钱":
			f = 0.1
		}
		m[name[0]] = append(m[name[0]], currency{name: name, unit: cn.unit, factor: f})
	}
	return m
}()

// currencyAt returns the longest currency name at k.
func (s *scanner) currencyAt(k int) (cur currency, end int, ok bool) {
	for _, cand := range currencies[s.at(k)] {
		if len(cand.name) > len(cur.name) && s.hasRunes(k, cand.name) {
			cur, ok = cand, true
		}
	}
	return cur, k + len(cur.name), ok
}

func (s *scanner) hasRunes(k int, p []rune) bool {
	if k < 0 || k+len(p) > len(s.c) {
		return false
	}
	for q, r := range p {
		if s.c[k+q] != r {
			return false
		}
	}
	return true
}

// moneySuffix attaches a currency to the number h: 1200万元, 1.95港元,
// 8亿元人民币, 五元三毛.
func (s *scanner) moneySuffix(h hit) (hit, bool) {
	k := s.skipSpaces(h.end)
	cur, end, ok := s.currencyAt(k)
	if !ok {
		// 块 is money only where it cannot be a classifier (两块牌子):
		// at the end of a clause or before 毛/角 (五块三毛).
		if s.at(k) != '块' || !(s.at(k+1) == 0 || isPunct(s.at(k+1)) || s.isJiao(k+1)) {
			return hit{}, false
		}
		cur, end = currency{name: []rune("元"), unit: "元", factor: 1}, k+1
	}
	if len(cur.name) == 1 && cur.name[0] == '元' {
		switch s.at(end) {
		case '旦', '宵', '素', '件', '首', '老', '帅', '月', '年', '气', '音', '代':
			return hit{}, false // 元旦, 元素, 元件: 元 starts a word
		}
	}
	unit := cur.unit
	f := cur.factor
	h.value *= f
	h.high *= f
	if unit == "元" && f == 1 && !h.isRange && !h.masked {
		if s.hasPrefix(end, "人民币") {
			end += 3
		}
		// 五元三毛, 5元3角5分
		if d, ok := s.smallDigit(end); ok && s.isJiao(end) {
			h.value += d / 10
			end += 2
			if d2, ok := s.smallDigit(end); ok && s.at(end+1) == '分' && !IsHan(s.at(end+2)) {
				h.value += d2 / 100
				end += 2
			}
			h.high = h.value
		}
	}
	if f == 1 && !h.isRange && !h.masked {
		if v, e, ok := s.subunitAmount(end, unit); ok { // 5美元又30美分
			h.value += v
			h.high = h.value
			end = e
		}
	}
	h.end = end
	h.kind = KindMoney
	h.unit = unit
	return h, true
}

// subunitAmount reads an amount in a smaller unit of the same currency
// right after an amount (又 or 零 may join them): the 30美分 of 5美元又30美分,
// the 5便士 of 2英镑5便士. It returns the amount in the larger unit.
func (s *scanner) subunitAmount(k int, unit string) (float64, int, bool) {
	m := s.skipSpaces(k)
	if s.at(m) == '又' || s.at(m) == '零' {
		m = s.skipSpaces(m + 1)
	}
	if r := s.at(m); !isASCIIDigit(r) && !isChineseNumeral(r) {
		return 0, 0, false
	}
	np, ok := s.numeral(m, false)
	if !ok || np.isRange || np.masked || np.more {
		return 0, 0, false
	}
	cur, end, ok := s.currencyAt(s.skipSpaces(np.end))
	if !ok || cur.unit != unit || cur.factor >= 1 {
		return 0, 0, false
	}
	return np.lo * cur.factor, end, true
}

// isJiao reports a digit followed by 角 or 毛 at k.
func (s *scanner) isJiao(k int) bool {
	_, ok := s.smallDigit(k)
	return ok && (s.at(k+1) == '角' || s.at(k+1) == '毛')
}

// smallDigit reads one digit, Chinese or Arabic, at k.
func (s *scanner) smallDigit(k int) (float64, bool) {
	r := s.at(k)
	if isASCIIDigit(r) && !isASCIIDigit(s.at(k+1)) {
		return float64(r - '0'), true
	}
	if d, ok := digitValue(r); ok {
		return d, true
	}
	return 0, false
}

// extendRange joins a bare number h with a following amount into a range:
// 3-5万元, 3至5万元, 3~5万元, 10-20%. The scale and unit of the high end
// carry to the low end. Two complete amounts (10%-20%) stay apart.
func (s *scanner) extendRange(h hit) hit {
	if h.isRange || h.masked {
		return h
	}
	e := h.end
	sep := s.at(e)
	switch sep {
	case '-', '—', '~', '至', '到':
	default:
		return h
	}
	if sep == '—' && s.at(e+1) == '—' {
		return h
	}
	if !(isASCIIDigit(s.at(e+1)) || isChineseNumeral(s.at(e+1)) || s.at(e+1) == '负') {
		return h
	}
	b, ok := s.quantity(e+1, sep != '-')
	if !ok || b.isRange || b.masked {
		return h
	}
	if h.kind != KindNumber {
		return h // 10%-20%, 3万元至5万元: two complete amounts
	}
	if sep == '到' && h.hasUnit {
		return h // 从十五亿元到二十亿元: two amounts, not one range
	}
	lo := h.value
	if b.kind != KindPercent && b.scale > 1 && lo*b.scale <= b.value {
		lo *= b.scale
	}
	if !(lo < b.value) {
		return h
	}
	// Two years (2019—2021年) are a period, not an amount: keep them apart
	// so that each reads as a date.
	if b.kind == KindNumber && !b.hasUnit && isYear(s.c[h.start:h.end]) && isYear(s.c[e+1:b.end]) {
		return h
	}
	// A range must be about an amount: it carries a unit or scale, or a
	// word follows (3-5人); 2023-09-14 and 9-10 alone are not ranges.
	if b.kind == KindNumber && !b.hasUnit && !(IsHan(s.at(b.end)) && !isPunct(s.at(b.end))) {
		return h
	}
	return hit{start: h.start, end: b.end, kind: b.kind, value: lo, high: b.value, isRange: true,
		more: h.more || b.more, unit: b.unit, hasUnit: b.hasUnit, scale: b.scale}
}

// isYear reports four Arabic digits from 1900 to 2099.
func isYear(c []rune) bool {
	if len(c) != 4 {
		return false
	}
	for _, r := range c {
		if !isASCIIDigit(r) {
			return false
		}
	}
	return c[0] == '1' && c[1] == '9' || c[0] == '2' && c[1] == '0'
}
