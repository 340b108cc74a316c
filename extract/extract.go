package extract

import (
	"sort"
	"strings"

	"github.com/zhmetrics/zhmetrics/extract/number"
	"github.com/zhmetrics/zhmetrics/segment"
)

// Options configure an Extractor.
type Options struct {
	// Kinds to report; nil or empty reports every kind.
	Kinds map[string]bool
	// Lexicon gives canonical indicator names; nil leaves Canonical empty.
	Lexicon *Lexicon
	// Segmenter finds word boundaries for metric names; nil cuts by character.
	Segmenter Segmenter
}

// Extractor finds facts in clean text. It is safe for concurrent use.
type Extractor struct {
	opts Options
}

// New returns an Extractor.
func New(opts Options) *Extractor { return &Extractor{opts: opts} }

func (e *Extractor) wants(kind string) bool {
	return len(e.opts.Kinds) == 0 || e.opts.Kinds[kind]
}

// Extract returns the facts of clean text rs in order of their start.
// Every amount is named whatever Kinds asks for, so that a row's fields
// never depend on which other rows are wanted; Kinds only filters.
func (e *Extractor) Extract(rs []rune) []Fact {
	quotes := findQuoted(rs)
	matches := number.FindRunes(rs)
	facts := make([]Fact, 0, len(quotes)+len(matches))
	if e.wants(KindProgram) {
		for _, q := range quotes {
			if f, ok := programFact(rs, q); ok {
				facts = append(facts, f)
			}
		}
	}
	// The amounts follow the programmes in facts; all are named, then the
	// kinds not wanted are filtered out in place.
	inName := nameTest(rs, quotes)
	programs := len(facts)
	covered := 0 // the end of the last amount: a unit may hold digits (8.2/10万)
	for _, m := range matches {
		if m.Start < covered {
			continue
		}
		if f, ok := quantity(rs, m, inName); ok {
			facts = append(facts, f)
			covered = f.End
		}
	}
	sentences := segment.Sentences(rs)
	n := namer{rs: rs, sentences: sentences, amounts: facts[programs:], seg: e.opts.Segmenter, current: -1}
	for i := range n.amounts {
		n.amounts[i] = n.name(i) // naming changes no span that later names read
	}
	kept := programs
	for _, f := range n.amounts {
		if f.Kind != "" && e.wants(f.Kind) {
			facts[kept] = f
			kept++
		}
	}
	facts = facts[:kept]
	sort.SliceStable(facts, func(i, j int) bool { return facts[i].Start < facts[j].Start })
	applyCurrencyNotes(rs, facts)
	k := 0
	for i := range facts {
		f := &facts[i]
		for k < len(sentences) && sentences[k][1] <= f.Start {
			k++
		}
		if k < len(sentences) && sentences[k][0] <= f.Start {
			f.SentenceStart, f.SentenceEnd = sentences[k][0], sentences[k][1]
		} else {
			f.SentenceStart, f.SentenceEnd = f.Start, f.End
		}
		if f.SentenceEnd < f.End {
			f.SentenceEnd = f.End
		}
		f.SentenceStart, f.SentenceEnd = boundSentence(rs, f.SentenceStart, f.SentenceEnd, f.Start, f.End)
		if f.Kind != KindProgram {
			f.Canonical = e.opts.Lexicon.Canonical(f.Metric)
		}
	}
	return facts
}

// qualifierStart moves start back over a qualifier word before a quantity,
// so that the metric name is read from before it. A qualifier word that is
// also a share verb (约占) stays with the name: 急诊约占6% is a share.
func qualifierStart(rs []rune, start int) int {
	_, at := qualifierBefore(rs, start)
	if at < start && shareVerbs[strings.TrimRight(string(rs[at:start]), " ")] {
		return start
	}
	return at
}

// nameTest returns a function telling whether a position lies inside a
// quoted name: short quotations and every 《》 title. Numbers there are
// part of the name.
func nameTest(rs []rune, quotes []quoted) func(int) bool {
	return func(pos int) bool {
		i := sort.Search(len(quotes), func(i int) bool { return quotes[i].end > pos })
		if i == len(quotes) || quotes[i].start > pos {
			return false
		}
		q := quotes[i]
		return q.open == '《' || q.end-q.start <= 20
	}
}

// sentenceIndex returns the index of the sentence holding pos, or -1.
func sentenceIndex(sentences [][2]int, pos int) int {
	i := sort.Search(len(sentences), func(i int) bool { return sentences[i][1] > pos })
	if i < len(sentences) && sentences[i][0] <= pos {
		return i
	}
	return -1
}

// maxSentenceContext bounds the characters a sentence keeps on each side of
// its fact, so that text without punctuation does not make every row carry
// a whole page.
const maxSentenceContext = 120

// boundSentence narrows a sentence [ss, se) to at most maxSentenceContext
// characters each side of the fact [fs, fe), cutting at a clause mark where
// one is near.
func boundSentence(rs []rune, ss, se, fs, fe int) (int, int) {
	if fs-ss > maxSentenceContext {
		ss = fs - maxSentenceContext
		for i := ss; i < fs && i < ss+maxSentenceContext/2; i++ {
			if strings.ContainsRune("，,、；;：: ", rs[i]) {
				ss = i + 1
				break
			}
		}
	}
	if se-fe > maxSentenceContext {
		se = fe + maxSentenceContext
		for i := se - 1; i > fe && i > se-maxSentenceContext/2; i-- {
			if strings.ContainsRune("，,、；;：: ", rs[i]) {
				se = i
				break
			}
		}
	}
	return ss, se
}
