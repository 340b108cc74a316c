package number

// Character classes of the number grammar. The scanner works on a folded
// copy of the input (see fold), so these tables only list canonical forms
// plus the financial numerals, which fold keeps apart because they never
// stand alone as a number.

// fold maps a rune to the canonical form the grammar works on: full-width
// ASCII to ASCII, traditional number characters to simplified ones. It maps
// one rune to one rune, so offsets into the folded text are offsets into the
// input.
func fold(r rune) rune {
	if r < 0x80 {
		return r
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	switch r {
	case 0x3000, 0x00A0:
		return ' '
	case '萬':
		return '万'
	case '億':
		return '亿'
	case '點':
		return '点'
	case '兩', '倆', '俩':
		return '两'
	case '個':
		return '个'
	case '負':
		return '负'
	case '幾':
		return '几'
	case '貳':
		return '贰'
	case '參':
		return '叁'
	case '陸':
		return '陆'
	case '對':
		return '对'
	case '雙':
		return '双'
	case '餘':
		return '余'
	case '塊':
		return '块'
	case '圓':
		return '圆'
	case '幣':
		return '币'
	case '鎊':
		return '镑'
	case '盧':
		return '卢'
	case '韓':
		return '韩'
	case '門':
		return '门'
	case '臺':
		return '台'
	case '歐':
		return '欧'
	case '準':
		return '准'
	case '數': // 數百所
		return '数'
	case '﹪':
		return '%'
	case '〜':
		return '~'
	case '–', '—', '―', '‒':
		return '—'
	case '−', '﹣':
		return '-'
	}
	return r
}

// digitValue reports the value of a Chinese digit character (not Arabic).
func digitValue(r rune) (float64, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一', '壹':
		return 1, true
	case '二', '贰', '两':
		return 2, true
	case '三', '叁', '仨':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// IsNumeral reports a character that writes a number's digits in the
// ordinary scripts: Arabic digits (ASCII and full-width), 〇 零 一 … 九 两,
// 十 百 千 and 廿 卅 卌. The financial forms (壹 … 仟) and the scale words
// 万 亿 兆 are left out: alone they are words.
func IsNumeral(r rune) bool {
	if isASCIIDigit(r) || r >= '０' && r <= '９' || tensValue(r) > 0 {
		return true
	}
	if _, ok := digitValue(r); ok && !isFinancial(r) {
		return true
	}
	return smallUnit(r) > 0 && !isFinancial(r)
}

// isZero reports 零 and 〇.
func isZero(r rune) bool { return r == '零' || r == '〇' }

// isFinancial reports the anti-fraud forms 壹贰叁…拾佰仟, which are also
// ordinary words (队伍, 大陆, 拾取) and so never make a number on their own.
func isFinancial(r rune) bool {
	switch r {
	case '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾', '佰', '仟':
		return true
	}
	return false
}

// smallUnit is the value of 十 百 千 (and 拾 佰 仟), else 0.
func smallUnit(r rune) float64 {
	switch r {
	case '十', '拾':
		return 10
	case '百', '佰':
		return 100
	case '千', '仟':
		return 1000
	}
	return 0
}

// bigUnit is the value of 万 亿 兆, else 0.
func bigUnit(r rune) float64 {
	switch r {
	case '万':
		return 1e4
	case '亿':
		return 1e8
	case '兆':
		return 1e12
	}
	return 0
}

func isUnit(r rune) bool { return smallUnit(r) > 0 || bigUnit(r) > 0 }

// tensValue is the value of 廿 卅 卌 (20, 30, 40), which stand for 二十 三十
// 四十 in Hong Kong, Taiwan and older writing, else 0.
func tensValue(r rune) float64 {
	switch r {
	case '廿':
		return 20
	case '卅':
		return 30
	case '卌':
		return 40
	}
	return 0
}

// isMidDot reports the middle dots that Hong Kong and Taiwan texts use as
// the decimal point of a Chinese numeral (三百二十八‧五億).
func isMidDot(r rune) bool {
	switch r {
	case '‧', '・', '·', '･':
		return true
	}
	return false
}

func isASCIIDigit(r rune) bool  { return r >= '0' && r <= '9' }
func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// isMaskRune reports a character that stands for a redacted digit.
func isMaskRune(r rune) bool {
	switch r {
	case 'x', 'X', '*', '×', '_', 'n':
		return true
	}
	return false
}

// IsHan reports a CJK ideograph: the one test of it that extraction uses.
func IsHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF
}

// isChineseNumeral reports any character that may take part in a Chinese
// numeral.
func isChineseNumeral(r rune) bool {
	if _, ok := digitValue(r); ok {
		return true
	}
	return isUnit(r) || tensValue(r) > 0
}

// approxBeforeBareUnit lists the words after which a bare 万 千 百 亿 is a
// number on its own: 近万名, 上千人, 逾百所, 过万, 超亿元, 破万.
func approxBeforeBareUnit(r rune) bool {
	switch r {
	case '近', '上', '逾', '过', '超', '破':
		return true
	}
	return false
}

// singleFollowers are the characters after which a lone Chinese digit is a
// number: classifiers, units, punctuation and a few function words. A lone
// digit before anything else is part of a word (一看, 四川, 一体化).
var singleFollowers = func() map[rune]bool {
	m := map[rune]bool{}
	const s = "个位名人次项件条种类所家户座栋间套台部本册篇首张份批支门节课场届期级年月日号天周时分秒点岁倍成元角块斤两吨克米亩里层楼排行列口只头匹辆艘架双对打根颗棵片粒组队班群圈轮遍趟番回股笔处区校园村镇县市省国路段章句字页杯碗盒包箱袋桶瓶度是到至以和与或及等的也都又加减乘除票夜升码磅尺寸车船刀枚辈代世声步步集届席桌门轴盘瓶餐顿针滴"
	for _, r := range s {
		m[r] = true
	}
	return m
}()

// isPunct reports punctuation and symbols that end a word.
func isPunct(r rune) bool {
	if r < 0x80 {
		return !isASCIIDigit(r) && !isASCIILetter(r)
	}
	switch {
	case r >= 0x3000 && r <= 0x303F: // CJK punctuation
		return true
	case r >= 0x2000 && r <= 0x206F: // general punctuation
		return true
	case r >= 0xFF00 && r <= 0xFF65: // full-width forms (already folded mostly)
		return true
	case r >= 0xFE30 && r <= 0xFE6F:
		return true
	}
	return false
}
