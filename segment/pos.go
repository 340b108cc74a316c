package segment

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Word is a word with its part-of-speech tag from the dictionary (n noun,
// v verb, d adverb, p preposition, m numeral, q classifier, …; "x" when the
// word is not in the dictionary).
type Word struct {
	Text string
	Pos  string
}

// CutPos returns the words of text with their part-of-speech tags. ASCII
// letters come back lower-cased. It is gse's Pos(text, false): the shortest
// path through the dictionary's words, where a word's length is
// log2(total frequency / its frequency) and an unknown unit costs 32.
func (s *Segmenter) CutPos(text string) []Word {
	s.load()
	if s.err != nil {
		var out []Word
		for _, w := range splitRunes(text) {
			out = append(out, Word{Text: w, Pos: "x"})
		}
		return out
	}
	return s.dict.shortestPath(text, nil)
}

// AppendCutPos is CutPos appending the words to dst, so that a caller
// cutting many short texts can reuse one buffer.
func (s *Segmenter) AppendCutPos(dst []Word, text string) []Word {
	s.load()
	if s.err != nil {
		return append(dst, s.CutPos(text)...)
	}
	return s.dict.shortestPath(text, dst)
}

// unknownLength is gse's path length for a unit that is no word.
const unknownLength float32 = 32

// step is the best way found to reach the end of a unit: the path length
// so far and the word that ends there.
type step struct {
	length float32
	units  int32 // units in the word
	pair   int32 // the word's pair, -1 for an unknown unit
}

// shortestPath is gse's segmentWords (normal mode) over the units of
// text, its words appended to dst (a new slice when dst is nil).
func (d *dictionary) shortestPath(text string, dst []Word) []Word {
	if dst == nil {
		dst = []Word{}
	}
	if text == "" {
		return dst
	}
	text = lowerASCII(text)
	// Clauses are short: their units fit buffers on the stack.
	var unitBuf [64]unit
	var stepBuf [64]step
	units := d.units(text, unitBuf[:0])
	n := len(units) - 1
	steps := stepBuf[:0]
	if n <= len(stepBuf) {
		steps = stepBuf[:n]
	} else {
		steps = make([]step, n)
	}
	for cur := 0; cur < n; cur++ {
		var base float32
		if cur > 0 {
			base = steps[cur-1].length
		}
		oneUnitWord := false
		node := 0
	walk:
		for k := 0; k < d.maxUnits && cur+k < n; k++ {
			if u := units[cur+k]; u.code >= 0 {
				if node = d.childByCode(node, int(u.code)); node == 0 {
					break walk
				}
			} else {
				for _, r := range text[u.start:units[cur+k+1].start] {
					if node = d.child(node, r); node == 0 {
						break walk
					}
				}
			}
			if p, ok := d.word(node); ok {
				oneUnitWord = oneUnitWord || k == 0
				steps[cur+k].improve(base+d.pathLength(p), k+1, p)
			}
		}
		if !oneUnitWord {
			steps[cur].improve(base+unknownLength, 1, -1)
		}
	}

	count := 0
	for i := n - 1; i >= 0; i -= int(steps[i].units) {
		count++
	}
	base := len(dst)
	dst = slices.Grow(dst, count)[:base+count]
	out := dst[base:]
	for i := n - 1; i >= 0; i -= int(steps[i].units) {
		count--
		st := steps[i]
		w := Word{Text: text[units[i+1-int(st.units)].start:units[i+1].start], Pos: "x"}
		if st.pair >= 0 {
			w.Pos = d.tag(int(st.pair))
		}
		out[count] = w
	}
	return dst
}

// improve keeps the shorter path, as gse's updateJumper does: a zero
// length means no path yet, and a tie keeps the path found first.
func (s *step) improve(length float32, units, pair int) {
	if s.length == 0 || s.length > length {
		*s = step{length: length, units: int32(units), pair: int32(pair)}
	}
}

// unit is one of gse's units of text: a run of letters and digits encoded
// in one or two bytes each, or any other single character.
type unit struct {
	start int32 // byte offset in the text
	code  int32 // the dictionary code of a single character, -1 for a run
}

// units appends the units of text to buf, then an end marker holding
// len(text).
func (d *dictionary) units(text string, buf []unit) []unit {
	inRun := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if r < 0x800 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if !inRun {
				buf = append(buf, unit{start: int32(i), code: int32(d.code(r))})
				inRun = true
			} else {
				buf[len(buf)-1].code = -1
			}
		} else {
			code := int32(d.code(r))
			if r == utf8.RuneError && size == 1 {
				code = 0 // an invalid byte is in no word
			}
			buf = append(buf, unit{start: int32(i), code: code})
			inRun = false
		}
		i += size
	}
	return append(buf, unit{start: int32(len(text))})
}

// lowerASCII lower-cases ASCII letters, as gse does to every run of letters
// and digits.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}
