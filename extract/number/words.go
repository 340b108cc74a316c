package number

import (
	_ "embed"
	"slices"

	"github.com/zhmetrics/zhmetrics/internal/wordlist"
)

// Word lists of the grammar live in data/, one entry a line, so that each
// entry can be reviewed on its own.
var (
	//go:embed data/fu_words.txt
	fuWordsFile string
	//go:embed data/cheng_words.txt
	chengWordsFile string
	//go:embed data/zhe_words.txt
	zheWordsFile string
	//go:embed data/shu_words.txt
	shuWordsFile string
	//go:embed data/scale_units.txt
	scaleUnitsFile string
	//go:embed data/latin_units.txt
	latinUnitsFile string
)

// runeWords holds words (in folded script) and the runes they begin with.
// The lists are short and looked up in the scanner's hot path, where most
// look-ups find no word: a scan of the first runes settles those.
type runeWords struct {
	words  [][]rune
	firsts []rune
}

func newRuneWords(file string) runeWords {
	var m runeWords
	for _, w := range wordlist.Lines(file) {
		rs := []rune(w)
		for i, r := range rs {
			rs[i] = fold(r)
		}
		m.words = append(m.words, rs)
		if !slices.Contains(m.firsts, rs[0]) {
			m.firsts = append(m.firsts, rs[0])
		}
	}
	return m
}

// at returns the length of the longest word starting at c[k], or 0.
func (m runeWords) at(c []rune, k int) int {
	if k < 0 || k >= len(c) || !slices.Contains(m.firsts, c[k]) {
		return 0
	}
	best := 0
	for _, w := range m.words {
		if w[0] != c[k] {
			continue
		}
		if len(w) > best && k+len(w) <= len(c) && equalRunes(c[k:k+len(w)], w) {
			best = len(w)
		}
	}
	return best
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var (
	fuWords    = newRuneWords(fuWordsFile)
	chengWords = newRuneWords(chengWordsFile)
	zheWords   = newRuneWords(zheWordsFile)
	shuWords   = newRuneWords(shuWordsFile)
	scaleUnits = newRuneWords(scaleUnitsFile)
	latinUnits = newRuneWords(latinUnitsFile)
)

// LatinUnits lists the Latin unit symbols a number may end at.
func LatinUnits() []string { return wordlist.Lines(latinUnitsFile) }

// ScaleUnits lists the units that begin with a scale character (千瓦).
func ScaleUnits() []string { return wordlist.Lines(scaleUnitsFile) }

// LatinUnitAt returns the length of a Latin unit symbol (m2, km, kWh)
// starting at rs[k], or 0. rs is in the input's script.
func LatinUnitAt(rs []rune, k int) int { return latinUnits.at(rs, k) }
