package segment

// Word is a word with its part-of-speech tag from the dictionary (n noun,
// v verb, d adverb, p preposition, m numeral, q classifier, …; "x" when the
// word is not in the dictionary).
type Word struct {
	Text string
	Pos  string
}

// CutPos returns the words of text with their part-of-speech tags.
func (s *Segmenter) CutPos(text string) []Word {
	s.load()
	if s.err != nil {
		var out []Word
		for _, w := range splitRunes(text) {
			out = append(out, Word{Text: w, Pos: "x"})
		}
		return out
	}
	segs := s.seg.Pos(text, false)
	out := make([]Word, len(segs))
	for i, p := range segs {
		out[i] = Word{Text: p.Text, Pos: p.Pos}
	}
	return out
}
