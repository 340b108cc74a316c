// Package normalize turns decoded report text into the clean, simplified
// text that extraction reads, and keeps a map from every clean character back
// to the characters of the original it came from.
//
// Each cleaning step is a Step: it reads one Text and builds the next,
// recording for every character it emits the original span behind it. Steps
// chain the way golang.org/x/text/transform chains transformers, so a span
// found in the final text grounds straight back into the original.
package normalize

import (
	"sync"
	"unicode/utf8"
)

// Text is a run of characters with the original span behind each one.
// Start[i] and End[i] are code point offsets into the original text: the
// character Runes[i] stands for original[Start[i]:End[i]]. An inserted
// character has Start[i] == End[i].
type Text struct {
	Runes []rune
	Start []int32
	End   []int32

	// spare is a text that no one uses any more, whose buffers the next
	// step may build into instead of allocating new ones (see pass).
	spare *Text
}

// NewText wraps original text with the identity map. base is added to every
// offset, for texts that are a window into a larger original.
func NewText(s string, base int) *Text {
	n := utf8.RuneCountInString(s)
	t := emptyText(n)
	i := int32(base)
	for _, r := range s {
		t.Runes = append(t.Runes, r)
		t.Start = append(t.Start, i)
		t.End = append(t.End, i+1)
		i++
	}
	return t
}

// textPool keeps the buffers of released texts, so that the next
// document's texts are built in them rather than in new allocations: a run
// over thousands of reports would otherwise allocate every text afresh, and
// the collector's work grows with what is allocated.
var textPool sync.Pool // of *Text

// maxPooledText is the largest text (in characters) kept for reuse, so that
// one huge window does not leave megabytes in the pool.
const maxPooledText = 1 << 18

// emptyText returns a Text with room for n characters, reusing released
// buffers when they are large enough.
func emptyText(n int) *Text {
	// A pooled text too small for this one is dropped, not put back: put
	// back, the pool would grow by one text at every miss until the next
	// collection, and hold megabytes.
	if t, ok := textPool.Get().(*Text); ok && cap(t.Runes) >= n && cap(t.Start) >= n && cap(t.End) >= n {
		t.Runes, t.Start, t.End = t.Runes[:0], t.Start[:0], t.End[:0]
		return t
	}
	return &Text{Runes: make([]rune, 0, n), Start: make([]int32, 0, n), End: make([]int32, 0, n)}
}

// Release gives t's buffers back for the texts of later documents. Neither
// t nor any slice of its Runes, Start or End may be used afterwards.
func (t *Text) Release() {
	if t == nil {
		return
	}
	spare := t.spare
	t.spare = nil
	recycle(t)
	if spare != nil {
		recycle(spare)
	}
}

func recycle(t *Text) {
	if cap(t.Runes) <= maxPooledText {
		textPool.Put(t)
	}
}

// Len is the number of characters.
func (t *Text) Len() int { return len(t.Runes) }

// String returns the characters as a string.
func (t *Text) String() string { return string(t.Runes) }

// Slice returns the characters in [a, b) as a string.
func (t *Text) Slice(a, b int) string { return string(t.Runes[a:b]) }

// Origin maps the clean span [a, b) to the original span behind it.
func (t *Text) Origin(a, b int) (start, end int) {
	if a >= b {
		if a < len(t.Start) {
			return int(t.Start[a]), int(t.Start[a])
		}
		if len(t.End) > 0 {
			return int(t.End[len(t.End)-1]), int(t.End[len(t.End)-1])
		}
		return 0, 0
	}
	start, end = int(t.Start[a]), int(t.End[b-1])
	// An inserted character at an edge has an empty span; widen to its neighbours' spans.
	for i := a; i < b && t.Start[i] == t.End[i]; i++ {
		start = int(t.Start[i])
	}
	if end < start {
		end = start
	}
	return start, end
}

// Step is one transformation of a Text. It returns its source unchanged
// or a new Text in buffers of its own, never sharing the source's: a chain
// may recycle the source's buffers once the step is done (see pass).
type Step interface {
	Apply(*Text) *Text
}

// StepFunc adapts a function to a Step.
type StepFunc func(*Text) *Text

// Apply calls f.
func (f StepFunc) Apply(t *Text) *Text { return f(t) }

// Chain runs steps in order.
func Chain(steps ...Step) Step {
	return StepFunc(func(in *Text) *Text {
		t := in
		for _, s := range steps {
			if t == in {
				t = s.Apply(t) // the caller's text is never recycled
			} else {
				t = pass(s, t)
			}
		}
		if t != in && t.spare != nil {
			recycle(t.spare)
			t.spare = nil
		}
		return t
	})
}

// pass applies s to t, an intermediate text that only the caller holds.
// When s builds a new text, t is dead afterwards, so its buffers become the
// new text's spare: a chain of steps then works in two sets of buffers
// rather than allocating a new set at every step that changes something.
func pass(s Step, t *Text) *Text {
	next := s.Apply(t)
	if next != t {
		t.spare = nil
		next.spare = t
	}
	return next
}

// builder assembles the next Text from the current one. Until a step
// changes something it only counts the source characters passed through
// unchanged; a step that changes nothing then returns its source as is,
// without copying the characters and their maps.
type builder struct {
	src  *Text
	dst  *Text // nil while the output is still the source's first same characters
	same int   // while dst is nil: source characters [0, same) passed through unchanged
}

func newBuilder(src *Text) *builder {
	return &builder{src: src}
}

// unchanged reports whether copying source characters [i, j) unchanged
// would only extend the untouched prefix, and extends it if so.
func (b *builder) unchanged(i, j int) bool {
	if b.dst == nil && i == b.same {
		b.same = j
		return true
	}
	b.materialize()
	return false
}

// materialize starts the output as a copy of the untouched prefix, in the
// source's spare buffers when it has some large enough.
func (b *builder) materialize() {
	if b.dst != nil {
		return
	}
	n := len(b.src.Runes)
	var dst *Text
	if sp := b.src.spare; sp != nil && cap(sp.Runes) >= n && cap(sp.Start) >= n && cap(sp.End) >= n {
		dst = sp
		dst.Runes, dst.Start, dst.End = sp.Runes[:0], sp.Start[:0], sp.End[:0]
		b.src.spare = nil // used once only
	} else {
		dst = emptyText(n)
	}
	dst.Runes = append(dst.Runes, b.src.Runes[:b.same]...)
	dst.Start = append(dst.Start, b.src.Start[:b.same]...)
	dst.End = append(dst.End, b.src.End[:b.same]...)
	b.dst = dst
}

// keep copies source character i unchanged.
func (b *builder) keep(i int) {
	if b.unchanged(i, i+1) {
		return
	}
	b.dst.Runes = append(b.dst.Runes, b.src.Runes[i])
	b.dst.Start = append(b.dst.Start, b.src.Start[i])
	b.dst.End = append(b.dst.End, b.src.End[i])
}

// keepRange copies source characters [i, j) unchanged.
func (b *builder) keepRange(i, j int) {
	if b.unchanged(i, j) {
		return
	}
	b.dst.Runes = append(b.dst.Runes, b.src.Runes[i:j]...)
	b.dst.Start = append(b.dst.Start, b.src.Start[i:j]...)
	b.dst.End = append(b.dst.End, b.src.End[i:j]...)
}

// emit writes r standing for source characters [i, j).
func (b *builder) emit(r rune, i, j int) {
	if j == i+1 && b.src.Runes[i] == r && b.unchanged(i, j) {
		return
	}
	b.materialize()
	b.dst.Runes = append(b.dst.Runes, r)
	b.dst.Start = append(b.dst.Start, b.src.Start[i])
	b.dst.End = append(b.dst.End, b.src.End[j-1])
}

// emitString writes s standing for source characters [i, j). When s has as
// many characters as the source span they map one to one; otherwise every
// character of s stands for the whole span.
func (b *builder) emitString(s string, i, j int) {
	if utf8.RuneCountInString(s) == j-i {
		k := i
		for _, r := range s {
			b.emit(r, k, k+1)
			k++
		}
		return
	}
	for _, r := range s {
		b.emit(r, i, j)
	}
}

// text returns the assembled Text: the source itself when nothing changed.
func (b *builder) text() *Text {
	if b.dst == nil && b.same == len(b.src.Runes) {
		return b.src
	}
	b.materialize()
	return b.dst
}
