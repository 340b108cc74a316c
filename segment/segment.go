// Package segment cuts clean text into sentences and words. Words come from
// gse's simplified-Chinese dictionary and gse's algorithms, reproduced here
// over a prebuilt trie embedded in the binary (tools/gensegdict), so that
// a run starts in microseconds instead of spending seconds building gse's
// dictionary. The words are exactly gse's; tests check that against gse.
package segment

import (
	"sync"
)

// Segmenter cuts text into words. It is safe for concurrent use.
type Segmenter struct {
	once sync.Once
	dict *dictionary
	err  error
}

var shared Segmenter

// Default returns the process-wide segmenter.
func Default() *Segmenter { return &shared }

func (s *Segmenter) load() {
	s.once.Do(func() {
		s.dict, s.err = openDict(dictData)
	})
}

// Load opens the dictionary now rather than on the first Cut.
func (s *Segmenter) Load() error {
	s.load()
	return s.err
}

// Cut returns the words of text in order, lower-cased; joined they give
// the lower-cased text back. It is gse's Cut(text, true): the most probable
// path through the dictionary's words, with runs of unknown characters cut
// by gse's hidden Markov model.
func (s *Segmenter) Cut(text string) []string {
	s.load()
	if s.err != nil {
		return splitRunes(text)
	}
	return s.dict.cutDAG(text)
}

func splitRunes(text string) []string {
	out := make([]string, 0, len(text)/3)
	for _, r := range text {
		out = append(out, string(r))
	}
	return out
}

// Sentences returns the [start, end) spans of the sentences of rs. A
// sentence ends after 。！？；!?; or at a line break; spans exclude the
// line breaks and surrounding spaces, and empty sentences are left out.
func Sentences(rs []rune) [][2]int {
	var out [][2]int
	start := 0
	flush := func(end int) {
		a, b := start, end
		for a < b && (rs[a] == ' ' || rs[a] == '\n') {
			a++
		}
		for b > a && (rs[b-1] == ' ' || rs[b-1] == '\n') {
			b--
		}
		if b > a {
			out = append(out, [2]int{a, b})
		}
	}
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '\n':
			flush(i)
			start = i + 1
		case '。', '！', '？', '；', '!', '?', ';':
			// Closing quotes and brackets stay with the sentence they close.
			j := i + 1
			for j < len(rs) && isCloser(rs[j]) {
				j++
			}
			flush(j)
			start = j
			i = j - 1
		}
	}
	flush(len(rs))
	return out
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '）', ')', '》', '」', '』':
		return true
	}
	return false
}
