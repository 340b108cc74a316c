package normalize

import "strings"

// DropPinyin removes pinyin that some sites insert after characters, in
// brackets ("經(jīng)費(fèi)", "億(yi)元") or bare between two characters
// ("教jiao育yu"). Only a run of letters that spells a pinyin syllable, in
// lower case and with or without tone marks or a tone digit, is taken for
// pinyin: words, codes and abbreviations in Latin letters stay.
var DropPinyin Step = StepFunc(dropPinyin)

func dropPinyin(src *Text) *Text {
	rs := src.Runes
	b := newBuilder(src)
	kept := 0
	for i := 0; i+1 < len(rs); i++ {
		if !mayStartPinyin(rs[i+1]) || !isHan(rs[i]) {
			continue
		}
		j := bracketedPinyinEnd(rs, i+1)
		if j == 0 {
			j = barePinyinEnd(rs, i+1)
		}
		if j > 0 {
			b.keepRange(kept, i+1)
			kept = j
			i = j - 1
		}
	}
	b.keepRange(kept, len(rs))
	return b.text()
}

func mayStartPinyin(r rune) bool { return r == '(' || r == '（' || isPinyinLetter(r) }

// bracketedPinyinEnd returns the end of "(syllable)" starting at i, or 0.
func bracketedPinyinEnd(rs []rune, i int) int {
	if rs[i] != '(' && rs[i] != '（' {
		return 0
	}
	var buf [8]rune // the letters, without the stray spaces OCR puts between them
	letters := buf[:0]
	j := i + 1
	for ; j < len(rs) && j-i <= 12 && (isPinyinLetter(rs[j]) || rs[j] == ' '); j++ {
		if rs[j] != ' ' && len(letters) < len(buf) {
			letters = append(letters, rs[j])
		}
	}
	if j < len(rs) && rs[j] >= '1' && rs[j] <= '5' {
		j++
	}
	if j >= len(rs) || (rs[j] != ')' && rs[j] != '）') || len(letters) == 0 || !isPinyinSyllable(letters) {
		return 0
	}
	return j + 1
}

// barePinyinEnd returns the end of a bare syllable starting at i that is
// followed by a Han character, or 0.
func barePinyinEnd(rs []rune, i int) int {
	j := i
	for j < len(rs) && j-i <= 7 && isPinyinLetter(rs[j]) {
		j++
	}
	if j == i || j >= len(rs) || !isHan(rs[j]) || !isPinyinSyllable(rs[i:j]) {
		return 0
	}
	// A plain ASCII syllable of one or two letters (an, e, ge) is too
	// easily a real abbreviation; take it only with a tone mark.
	if j-i <= 2 && !hasToneMark(rs[i:j]) {
		return 0
	}
	return j
}

// toneless maps vowels with tone marks to plain ones.
var toneless = map[rune]rune{
	'ā': 'a', 'á': 'a', 'ǎ': 'a', 'à': 'a', 'ē': 'e', 'é': 'e', 'ě': 'e', 'è': 'e',
	'ī': 'i', 'í': 'i', 'ǐ': 'i', 'ì': 'i', 'ō': 'o', 'ó': 'o', 'ǒ': 'o', 'ò': 'o',
	'ū': 'u', 'ú': 'u', 'ǔ': 'u', 'ù': 'u', 'ǖ': 'v', 'ǘ': 'v', 'ǚ': 'v', 'ǜ': 'v', 'ü': 'v',
}

func isPinyinLetter(r rune) bool {
	if r >= 'a' && r <= 'z' {
		return true
	}
	if r < 0xE0 || r > 0x1DC { // outside Latin-1 and Latin Extended, where the marked vowels are
		return false
	}
	_, marked := toneless[r]
	return marked
}

func hasToneMark(rs []rune) bool {
	for _, r := range rs {
		if t, ok := toneless[r]; ok && t != 'v' {
			return true
		}
	}
	return false
}

// isPinyinSyllable reports whether rs spells one syllable: an initial
// (possibly none) and a final of Mandarin pinyin.
func isPinyinSyllable(rs []rune) bool {
	var s strings.Builder
	for _, r := range rs {
		if t, ok := toneless[r]; ok {
			r = t
		}
		s.WriteRune(r)
	}
	word := s.String()
	for _, initial := range pinyinInitials {
		if rest, ok := strings.CutPrefix(word, initial); ok && pinyinFinals[rest] {
			return true
		}
	}
	return false
}

// pinyinInitials are tried longest first, so that "zh" is not read as "z",
// and last the empty initial of syllables such as "an" and "er".
var pinyinInitials = append(embeddedLines(pinyinInitialsData), "")

var pinyinFinals = setOfWords(embeddedLines(pinyinFinalsData))
