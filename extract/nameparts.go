package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/segment"
)

var (
	glossCues         = wordList("gloss_cues") // words opening a gloss in brackets (即, 简称)
	conversionList    = wordList("conversion_verbs")
	conversionVerbs   = wordSet(conversionList...) // verbs restating an amount (折合)
	currencyNames     = currencyNoteNames()        // currencies written before an amount (新台币)
	counterparts      = loadCounterparts()         // words set side by side (收入, 支出)
	bandUnits         = wordSetOf("band_units")    // units of a band that defines a group (岁)
	bandWords         = wordSetOf("band_words")    // words closing a band (以上)
	productAttrList   = wordList("product_attributes")
	productAttributes = wordSet(productAttrList...) // what statistics report of a product (产量)
)

// productOf returns the product a name gives an attribute of (蔬菜 of
// 蔬菜播种面积), or "" when the name ends in none or is one alone.
func productOf(name string) string {
	for _, a := range productAttrList {
		if product, ok := strings.CutSuffix(name, a); ok && utf8.RuneCountInString(product) >= 2 {
			return product
		}
	}
	return ""
}

// bandAt returns how many words from words[i] write a band that defines
// a group (65岁以上, 15至59岁, 3周岁以下) and are followed by the group's
// noun, or 0.
func bandAt(words []segment.Word, i int) int {
	if i >= len(words) || !isBandNumber(words[i].Text) {
		return 0
	}
	j, ranged := i+1, false
	if j+1 < len(words) && rangeMarks[words[j].Text] && isBandNumber(words[j+1].Text) {
		j, ranged = j+2, true
	}
	if j >= len(words) || !bandUnits[words[j].Text] {
		return 0
	}
	j++
	if j < len(words) && bandWords[words[j].Text] {
		j++
	} else if !ranged {
		return 0
	}
	if j < len(words) && (isNoun(words[j]) || allHan(words[j].Text) && words[j].Pos != "v" && !isFunctionWord(words[j].Pos)) {
		return j - i // the group's noun (青年 is tagged a time word)
	}
	return 0
}

// skipBand drops a band that defines the counted group from the start of
// the words after a count: "8.1万名65岁以上老年人" counts 老年人, and so
// does "3200名18至25岁青年". Other words come back as they are.
func skipBand(words []segment.Word) []segment.Word {
	if n := bandAt(words, 0); n > 0 {
		return words[n:]
	}
	return words
}

func isBandNumber(w string) bool { return isAmountWord(w) || isNumberWord(w) }

// loadCounterparts reads data/counterpart_words.txt both ways round.
func loadCounterparts() map[string][]string {
	m := map[string][]string{}
	for _, p := range loadPairs(wordFile("counterpart_words"), "data/counterpart_words.txt") {
		m[p.word] = append(m[p.word], p.value)
		m[p.value] = append(m[p.value], p.word)
	}
	return m
}

// counterpartName names one side of a pair by the subject of the other
// side: after 中央政府总预算岁入, a bare 岁出 is 中央政府总预算岁出. Any other
// name comes back as it is.
func counterpartName(name, previous string) string {
	for _, other := range counterparts[name] {
		if strings.HasSuffix(previous, other) && len(previous) > len(other) {
			return strings.TrimSuffix(previous, other) + name
		}
	}
	return name
}

// dropGlosses leaves out of a name's words a bracket that explains or
// shortens what stands before it: an abbreviation in Latin letters
// (国内生产总值(GDP), 成长率(yoy)) or a gloss opened by a word such as 即
// or 简称. A bracket that qualifies the name (民办学校(幼儿园),
// 因公出国(境)) stays. A gloss the clause cuts before its closing bracket
// goes too.
func dropGlosses(words []segment.Word) []segment.Word {
	for i := 1; i < len(words); i++ {
		if !isOpeningBracket(words[i].Text) {
			continue
		}
		end := i + 1
		for end < len(words) && !isClosingBracket(words[end].Text) && !isOpeningBracket(words[end].Text) {
			end++
		}
		if end < len(words) && isOpeningBracket(words[end].Text) {
			continue
		}
		if !isGloss(joinWords(words[i+1 : end])) {
			continue
		}
		if end < len(words) {
			end++ // the closing bracket
		}
		out := make([]segment.Word, 0, len(words)-(end-i))
		out = append(out, words[:i]...)
		return append(out, words[end:]...)
	}
	return words
}

func isOpeningBracket(w string) bool { return w == "（" || w == "(" }
func isClosingBracket(w string) bool { return w == "）" || w == ")" }

// isGloss reports the text inside a bracket that explains a name rather
// than qualifying it.
func isGloss(inner string) bool {
	if isAbbreviation(inner) {
		return true
	}
	for _, cue := range glossCues {
		if strings.HasPrefix(inner, cue) && len(inner) > len(cue) {
			return true
		}
	}
	return false
}

// isAbbreviation reports an abbreviation in Latin letters (GDP, R&D, yoy).
func isAbbreviation(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case isLatin(r):
			letters++
		case r >= '0' && r <= '9' || r == '&' || r == '-' || r == '.':
		default:
			return false
		}
	}
	return letters >= 2
}

// isCurrencyName reports a currency a writer puts before an amount
// (为新台币235亿元, 人民币5亿元): it belongs to the amount, not the name.
func isCurrencyName(w string) bool { return currencyNames[w] }

func currencyNoteNames() map[string]bool {
	m := make(map[string]bool, len(currencyNotes))
	for _, c := range currencyNotes {
		m[c.word] = true
	}
	return m
}

// isConversion reports a name that is a conversion alone (折合新台币): it
// restates the amount of the subject before it.
func isConversion(name string) bool {
	for _, v := range conversionList {
		if strings.HasPrefix(name, v) {
			return true
		}
	}
	return false
}
