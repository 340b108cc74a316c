package extract

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/zhmetrics/zhmetrics/internal/wordlist"
)

// The word lists of quantities are data in data/, one entry a line, so that
// a new unit or blocker is one reviewable line.
var (
	//go:embed data/units.tsv
	unitsFile string
	//go:embed data/unit_blockers.txt
	unitBlockersFile string
	//go:embed data/qualifiers.tsv
	qualifiersFile string
	//go:embed data/half_words.txt
	halfWordsFile string
	//go:embed data/calendar_words.txt
	calendarWordsFile string
	//go:embed data/currency_notes.txt
	currencyNotesFile string
	//go:embed data/duration_cues.txt
	durationCuesFile string
	//go:embed data/currency_scope_words.txt
	currencyScopeWordsFile string
	//go:embed data/local_currencies.txt
	localCurrenciesFile string
	//go:embed data/group_nouns.txt
	groupNounsFile string
	//go:embed data/number_labels.txt
	numberLabelsFile string
	//go:embed data/not_qualifiers.txt
	notQualifiersFile string
)

// unitInfo is one unit after a number: the unit reported and its kind.
type unitInfo struct {
	unit, kind string
	afterNoun  bool // a describing noun may come first: 11.2门诊人次
}

var (
	units         = loadUnits(unitsFile)
	unitBlockers  = wordlist.Lines(unitBlockersFile)
	halfWords     = wordlist.Lines(halfWordsFile)
	calendarWords = wordlist.Lines(calendarWordsFile)
	durationCues  = wordlist.Lines(durationCuesFile)

	currencyScopeWords = wordlist.Lines(currencyScopeWordsFile)
	localCurrencies    = wordSet(wordlist.Lines(localCurrenciesFile)...)
	groupNouns         = wordlist.Lines(groupNounsFile)
	numberLabels       = wordlist.Lines(numberLabelsFile)
	notQualifiers      = wordlist.Lines(notQualifiersFile)
	currencyNotes      = loadPairs(currencyNotesFile, "data/currency_notes.txt")
	maxUnitLen         = longestUnit(units)
	qualifierWords     = loadQualifiers(qualifiersFile)

	// countUnits and measureUnits map each surface of the kind to its unit.
	countUnits, measureUnits = unitsOfKind(units, KindCount), unitsOfKind(units, KindMeasure)
)

func unitsOfKind(m map[string]unitInfo, kind string) map[string]string {
	out := map[string]string{}
	for s, u := range m {
		if u.kind == kind {
			out[s] = u.unit
		}
	}
	return out
}

func loadUnits(file string) map[string]unitInfo {
	m := map[string]unitInfo{}
	for _, line := range wordlist.Lines(file) {
		f := strings.Split(line, "\t")
		if len(f) < 3 || (f[2] != KindCount && f[2] != KindMeasure) {
			panic(fmt.Sprintf("data/units.tsv: bad line %q", line)) // the embedded file is tested
		}
		m[f[0]] = unitInfo{unit: f[1], kind: f[2], afterNoun: len(f) > 3 && f[3] == "noun"}
	}
	return m
}

func longestUnit(m map[string]unitInfo) int {
	n := 0
	for s := range m {
		n = max(n, len([]rune(s)))
	}
	return n
}

// qualifierEntry is a word that qualifies a quantity next to it.
type qualifierEntry struct {
	word, qualifier string
	onlyScale       bool // qualifies a bare scale word only: 上千名
	band            bool // a comparison: 低于3000元的家庭 names a group
}

// qualifiers holds the words before a quantity by word, and those after
// it longest first.
type qualifiers struct {
	before        map[string]qualifierEntry
	longestBefore int // in characters
	after         []qualifierEntry
}

func loadQualifiers(file string) qualifiers {
	q := qualifiers{before: map[string]qualifierEntry{}}
	for _, line := range wordlist.Lines(file) {
		f := strings.Split(line, "\t")
		if len(f) < 3 || len(f) > 4 || len(f) == 4 && f[3] != "band" {
			panic(fmt.Sprintf("data/qualifiers.tsv: bad line %q", line))
		}
		w := qualifierEntry{word: f[0], qualifier: f[1], band: len(f) == 4}
		switch f[2] {
		case "before", "before-scale":
			w.onlyScale = f[2] == "before-scale"
			q.before[w.word] = w
			q.longestBefore = max(q.longestBefore, len([]rune(w.word)))
		case "after":
			q.after = append(q.after, w)
		default:
			panic(fmt.Sprintf("data/qualifiers.tsv: bad place %q", f[2]))
		}
	}
	longestFirst := func(ws []qualifierEntry) {
		for i := 1; i < len(ws); i++ {
			for j := i; j > 0 && len(ws[j].word) > len(ws[j-1].word); j-- {
				ws[j], ws[j-1] = ws[j-1], ws[j]
			}
		}
	}
	longestFirst(q.after)
	return q
}

// pair is one line of a two-field list: a word and what it stands for.
type pair struct{ word, value string }

// loadPairs reads lines of two tab-separated fields, in file order.
func loadPairs(file, name string) []pair {
	var ps []pair
	for _, line := range wordlist.Lines(file) {
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			panic(fmt.Sprintf("%s: bad line %q", name, line))
		}
		ps = append(ps, pair{f[0], f[1]})
	}
	return ps
}
