package normalize

import (
	"slices"
	"strings"
)

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
	if n == 1 && (isGroupComma(rs, a, a-1, c) || isGroupComma(rs, c, a, c+1)) {
		return true // "1, 213億元": a digit group torn off at its comma
	}
	if n == 1 && (isMinus(x) && isDigit(y) && signsNumber(rs, a) || isMinus(y) && isChinese(x) && signsNumber(rs, c)) {
		return true // "增长 - 3.2%": a sign and its number
	}
	if n == 1 && slashBetweenDigits(rs, a, c) {
		return true // "3 / 5", "186.5/ 10万": a fraction or a rate
	}
	if n == 1 && splitsAbbreviation(rs, a, c) {
		return true // "人均GD P": one abbreviation inside Chinese text
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
		// another column. Letter spacing around a space of the text makes
		// three ("3   1 . 0" of "3 1 . 0").
		return (n == 1 || n == 3 && standsAlone(rs, a) && standsAlone(rs, c)) && !separateNumbers(rs, a, c)
	case xNum || yNum:
		return isChinese(x) || isChinese(y)
	default:
		return isChinese(x) && isChinese(y)
	}
}

// slashBetweenDigits reports a space at a+1 beside a slash that stands
// between numbers, spaces around it aside (3 / 5, 186.5/ 10万).
func slashBetweenDigits(rs []rune, a, c int) bool {
	digitAt := func(k, step int) bool {
		if k >= 0 && k < len(rs) && rs[k] == ' ' {
			k += step
		}
		return k >= 0 && k < len(rs) && isDigit(rs[k])
	}
	switch {
	case rs[a] == '/':
		return isDigit(rs[c]) && digitAt(a-1, -1)
	case rs[c] == '/':
		return isDigit(rs[a]) && digitAt(c+1, 1)
	}
	return false
}

// splitsAbbreviation reports a space at a+1 between capital letters
// whose run, space and all, stands between Chinese text or digits: in
// "人均GD P3万" it is one abbreviation cut by a scanner, not two words.
func splitsAbbreviation(rs []rune, a, c int) bool {
	if !isUpper(rs[a]) || !isUpper(rs[c]) {
		return false
	}
	i, j := a, c
	for i >= 0 && isUpper(rs[i]) {
		i--
	}
	for j < len(rs) && isUpper(rs[j]) {
		j++
	}
	if a-i < 2 && j-c < 2 {
		return false // letter-spaced capitals are another rule's
	}
	bounded := func(k int) bool { return k < 0 || k >= len(rs) || isChinese(rs[k]) || isDigit(rs[k]) }
	return bounded(i) && bounded(j) && (i >= 0 && isChinese(rs[i]) || j < len(rs) && isChinese(rs[j]))
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
	before, after := numberRunBefore(rs, a), numberRunAfter(rs, c)
	if before < 2 || after < 2 {
		return false // digits spaced out one by one
	}
	end := c + after
	// Further runs of digits after single spaces belong to the same
	// decision: "17 8.3 8亿元" (stray spaces) is one number, as its unit
	// shows; "4120 3.6 12" ending the row is columns.
	chained := false
	for end+1 < len(rs) && rs[end] == ' ' && isNumberChar(rs[end+1]) {
		end += 1 + numberRunAfter(rs, end+1)
		chained = true
	}
	if end == len(rs) || rs[end] == '\n' {
		return true
	}
	if rs[end] != ' ' {
		return chained && !isUnitStart(rs[end]) && !isHan(rs[end]) && rs[end] != '%'
	}
	next := end
	for next < len(rs) && rs[next] == ' ' {
		next++
	}
	if next-end > maxLayoutSpaces || next == len(rs) {
		return true
	}
	// A group of three digits after one to three, then a word ("27 415 元"
	// in spaced-out text), is one number in groups; so is any number whose
	// unit follows it ("138 3.5 万元"). The columns of a table row are
	// numbers alone.
	grouped := before <= 3 && after == 3 && !slices.Contains(rs[a-before+1:a+1], '.') && !slices.Contains(rs[c:end], '.')
	return !(grouped && isHan(rs[next]) || isUnitStart(rs[next]))
}

func isNumberChar(r rune) bool { return isDigit(r) || r == '.' }

func isMinus(r rune) bool { return r == '-' || r == '－' || r == '−' }

// signsNumber reports a minus at rs[i] that is the sign of the number
// after it (at most one space away): it follows Chinese text or the
// line's start, alone or after a space, never a number (3 - 5 is a range).
func signsNumber(rs []rune, i int) bool {
	j := i + 1
	if j < len(rs) && rs[j] == ' ' {
		j++
	}
	if j >= len(rs) || !isDigit(rs[j]) {
		return false
	}
	k := i - 1
	if k >= 0 && rs[k] == ' ' {
		k--
	}
	return k < 0 || rs[k] == '\n' || isChinese(rs[k])
}

// isGroupComma reports a comma at rs[comma] that separates a digit group:
// one to three digits ending at rs[last] before it (a whole number: no
// point or digit before them) and exactly three starting at rs[first]
// after it, with the space to be closed on one side. Single spaces
// between the digits themselves are layout too ("5 ,21 6亿元").
func isGroupComma(rs []rune, comma, last, first int) bool {
	if r := rs[comma]; r != ',' && r != '，' {
		return false
	}
	if last < 0 || first >= len(rs) {
		return false
	}
	before, i := 0, last
	for i >= 0 && isDigit(rs[i]) {
		before++
		i--
		if i > 0 && rs[i] == ' ' && isDigit(rs[i-1]) {
			i--
		}
	}
	if before == 0 || before > 3 || i >= 0 && rs[i] == '.' {
		return false
	}
	after, j := 0, first
	for j < len(rs) && isDigit(rs[j]) {
		after++
		j++
		if j+1 < len(rs) && rs[j] == ' ' && isDigit(rs[j+1]) {
			j++
		}
	}
	return after == 3
}

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
	return isHan(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF65 || strings.ContainsRune("“”‘’…—·‧・%‰", r)
}
