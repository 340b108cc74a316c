package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// quotePairs are the marks that enclose names.
var quotePairs = map[rune]rune{'“': '”', '"': '"', '「': '」', '《': '》', '『': '』', '〈': '〉'}

// maxNameLen is the longest quoted text, in characters, taken as a name;
// longer quotations are speech.
const maxNameLen = 60

// nameMarks are inner title marks, spaces and line breaks left out of a program's name.
var nameMarks = strings.NewReplacer("<", "", ">", "", "〈", "", "〉", "", " ", "", "\n", "")

// quoted is a span of text inside quote marks, excluding the marks.
type quoted struct {
	start, end int
	open       rune
}

// findQuoted returns the quoted spans of rs in order. Scraped text often
// repeats an opening mark where a closing one belongs (“文态“); a second
// opening mark of the same kind closes the span then.
func findQuoted(rs []rune) []quoted {
	var out []quoted
	for i := 0; i < len(rs); i++ {
		closer, ok := quotePairs[rs[i]]
		if !ok {
			continue
		}
		breaks := 0
		for j := i + 1; j < len(rs) && j-i-1 <= maxNameLen; j++ {
			r := rs[j]
			if r == '\n' && (rs[i] != '《' || breaks > 0) {
				break // a title may run over one line break, nothing else
			}
			if r == '\n' {
				breaks++
			}
			if r == closer || (r == rs[i] && rs[i] != '《') || rs[i] == '“' && (r == '〞' || r == '〟') {
				if j > i+1 {
					out = append(out, quoted{start: i + 1, end: j, open: rs[i]})
				}
				i = j
				break
			}
			if rs[i] == '《' && r == '《' {
				break
			}
		}
	}
	return out
}

// sentenceMarks end a sentence; a quotation holding one is speech, not a name.
const sentenceMarks = "。！？!?；;"

// Word lists of programme names, one entry a line in data/*.txt.
var (
	sloganCues         = wordList("slogan_cues")                       // words before a slogan
	speechVerbs        = wordList("speech_verbs")                      // words before reported speech
	programSuffixes    = wordList("program_suffixes")                  // nouns after a programme's name
	departmentSuffixes = newSuffixSet(wordList("department_suffixes")) // endings of unit names
	personWords        = newSuffixSet(wordList("person_words"))        // person groups and abuse terms
	emphasisedWords    = wordSetOf("ization_words")                    // common words quotes only stress
	principleWords     = wordList("principle_words")                   // 原则 in “…”的原则
)

// programFact turns a quoted span into a program fact when it names a
// programme: not reported speech, a slogan, a list of parallel phrases
// (“严格标准、强化监督”) unless a programme noun follows it, a unit's name,
// a label of people or a common word in quotes.
func programFact(rs []rune, q quoted) (Fact, bool) {
	name := string(rs[q.start:q.end])
	trimmed := strings.TrimSpace(name)
	if len([]rune(trimmed)) < 2 || strings.ContainsAny(trimmed, sentenceMarks) {
		return Fact{}, false
	}
	metric := nameMarks.Replace(trimmed)
	if q.open == '《' || q.open == '〈' {
		return Fact{Kind: KindProgram, Start: q.start, End: q.end, Metric: metric}, true // a title
	}
	if departmentSuffixes.endsIn(metric) || personWords.endsIn(metric) || emphasisedWords[metric] {
		return Fact{}, false
	}
	if principleAfter(rs, q.end+1) {
		return Fact{}, false
	}
	named := programEndings.endsIn(metric) || programSuffix(rs, q.end+1)
	if !named && (cueBefore(rs, q.start-1, sloganCues) || cueBefore(rs, q.start-1, speechVerbs) || isParallelList(metric)) {
		return Fact{}, false
	}
	return Fact{Kind: KindProgram, Start: q.start, End: q.end, Metric: metric}, true
}

// isParallelList reports a quotation of three or more short parallel
// phrases, or two long ones, joined by 、 or commas: a slogan or a list of
// demands, not one name.
func isParallelList(text string) bool {
	parts := strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune("、，,", r) })
	return len(parts) >= 3
}

// suffixSet tells whether a text ends with one of its words, by one map
// probe per word length.
type suffixSet struct {
	words   map[string]bool
	lengths []int // in characters, longest first
}

var programEndings = newSuffixSet(programSuffixes)

func newSuffixSet(words []string) suffixSet {
	s := suffixSet{words: wordSet(words...)}
	seen := map[int]bool{}
	for _, w := range words {
		if n := utf8.RuneCountInString(w); !seen[n] {
			seen[n] = true
			s.lengths = append(s.lengths, n)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(s.lengths)))
	return s
}

// endsIn reports text ending with one of the words, or being one of two
// characters or more; a text of one word of one character is no match.
func (s suffixSet) endsIn(text string) bool {
	rs := []rune(text)
	for _, n := range s.lengths {
		if n > len(rs) || n == len(rs) && n < 2 {
			continue
		}
		if s.words[string(rs[len(rs)-n:])] {
			return true
		}
	}
	return false
}

// cueBefore reports whether one of cues (maybe followed by 了, 的 or 着,
// and by a colon or comma) stands right before the opening quote at open.
func cueBefore(rs []rune, open int, cues []string) bool {
	end := open
	for end > 0 && strings.ContainsRune("了的着:：,， ", rs[end-1]) {
		end--
	}
	for _, c := range cues {
		if endsWithRunes(rs[:end], c) {
			return true
		}
	}
	return false
}

// endsWithRunes reports whether rs ends with the characters of s.
func endsWithRunes(rs []rune, s string) bool {
	i := len(rs)
	for j := len(s); j > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if i == 0 || rs[i-1] != r {
			return false
		}
		i--
		j -= size
	}
	return true
}

// principleAfter reports 的 or 为 and a word of principle right after a
// closing quote ("“稳中求进”的原则", "以“…”为目标").
func principleAfter(rs []rune, at int) bool {
	if at >= len(rs) || rs[at] != '的' && rs[at] != '为' {
		return false
	}
	rest := prefix(rs, at+1, 2)
	for _, w := range principleWords {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// maxSuffixGap is how far after a closing quote a programme noun may
// start ("“生态立县”发展战略", "“321”素质提升工程").
const maxSuffixGap = 4

// programSuffix reports a programme noun starting at most maxSuffixGap
// characters after at, with nothing but characters of a name between.
func programSuffix(rs []rune, at int) bool {
	for i := at; i < len(rs) && i <= at+maxSuffixGap; i++ {
		if strings.ContainsRune(clauseBreaks, rs[i]) || rs[i] == '的' {
			return false
		}
		rest := prefix(rs, i, 4)
		for _, sfx := range programSuffixes {
			if strings.HasPrefix(rest, sfx) {
				return true
			}
		}
	}
	return false
}
