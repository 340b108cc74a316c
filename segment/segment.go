// Package segment cuts clean text into sentences and words. Words come from
// gse with its embedded simplified-Chinese dictionary, loaded once per
// process on first use and shared by every worker.
package segment

import (
	"sync"

	"github.com/go-ego/gse"
)

// Segmenter cuts text into words. It is safe for concurrent use.
type Segmenter struct {
	once sync.Once
	seg  gse.Segmenter
	err  error
}

var shared Segmenter

// Default returns the process-wide segmenter.
func Default() *Segmenter { return &shared }

func (s *Segmenter) load() {
	s.once.Do(func() {
		s.seg.SkipLog = true
		s.err = s.seg.LoadDictEmbed("zh_s")
	})
}

// Load loads the dictionary now rather than on the first Cut.
func (s *Segmenter) Load() error {
	s.load()
	return s.err
}

// Cut returns the words of text in order; joined they give text back.
func (s *Segmenter) Cut(text string) []string {
	s.load()
	if s.err != nil {
		return splitRunes(text)
	}
	return s.seg.Cut(text, true)
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
