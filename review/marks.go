package review

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// How marks are laid out. Every fact is a <mark data-row="N"> around its
// span. Facts that nest (a programme name holding a count) become nested
// marks. Facts whose spans cross (one starts inside another and ends after
// it) cannot both be single elements, so the later one is closed where the
// earlier ends and opened again right after, as a second part with the same
// data-row and data-part="2": the texts of a row's parts, in order, are its
// raw. Marks open in order of start, the longer first, so that an enclosing
// fact is always the outer element.

// chunkData is one block of a document's text. Chunks are cut at line
// breaks between marks, so the browser can skip laying out those off
// screen (content-visibility), and carry an estimate of their height.
//
// A chunk's markup is built here rather than by a template for each piece,
// which made writing the page five times slower: the text goes through
// html/template's own HTMLEscapeString, and the marks hold only row
// numbers and class names from markClass's fixed set.
type chunkData struct {
	HTML   template.HTML
	Height int // estimated, in pixels
}

// Chunks are cut at the first line break after chunkRunes characters
// outside any mark, or anywhere outside a mark after maxChunkRunes.
const (
	chunkRunes    = 3000
	maxChunkRunes = 12000
)

// Height estimate: characters per line on a narrow pane, pixels per line.
const (
	charsPerLine = 40
	linePixels   = 29
)

// textRenderer turns a piece of text and the rows lying in it into chunks.
type textRenderer struct {
	html  strings.Builder // the chunk so far
	parts map[int]int     // marks opened in the chunk, by row
	runes int             // characters in the chunk so far
	lines int             // line breaks in the chunk so far
}

// span is a row to mark, with its offsets relative to the piece.
type span struct {
	i          int // index into the rows handed to render
	start, end int
	n          int
	class      string
}

// render marks rows (each within [base, base+len(text)) or reported not
// placed) in text, hands each finished chunk to emit and returns, for
// every row, whether it was marked. A row is marked only when its span
// holds exactly its raw.
func (t *textRenderer) render(text string, base int, rows []pendingRow, emit func(chunkData)) []bool {
	placed := make([]bool, len(rows))
	spans := t.spans(text, base, rows)
	for _, s := range spans {
		placed[s.i] = true
	}
	slices.SortStableFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})

	var open []span
	at, atByte := 0, 0 // code point and byte offset reached in text
	next := 0          // next span to open
	for {
		// The next boundary: a mark opening or closing.
		to := -1
		if next < len(spans) {
			to = spans[next].start
		}
		for _, o := range open {
			if to < 0 || o.end < to {
				to = o.end
			}
		}
		if to < 0 {
			break
		}
		toByte := byteOffset(text, atByte, to-at)
		t.addText(text[atByte:toByte], len(open) == 0, emit)
		at, atByte = to, toByte
		open = t.closeAt(open, at)
		for next < len(spans) && spans[next].start == at {
			open = append(open, spans[next])
			t.open(spans[next])
			next++
		}
	}
	t.addText(text[atByte:], true, emit)
	return placed
}

// spans returns the rows whose span lies in text and holds their raw.
func (t *textRenderer) spans(text string, base int, rows []pendingRow) []span {
	n := utf8.RuneCountInString(text)
	var out []span
	// Offsets come in order of start, so one walk finds them.
	bytesAt := newByteIndex(text)
	for i, pr := range rows {
		s, e := pr.row.Start-base, pr.row.End-base
		if s < 0 || e > n || s >= e {
			continue
		}
		if text[bytesAt.at(s):bytesAt.at(e)] != pr.row.Raw {
			continue
		}
		out = append(out, span{i: i, start: s, end: e, n: pr.n, class: markClass(pr.row)})
	}
	return out
}

// closeAt closes the open marks that end at pos. Marks opened inside one
// of them but ending later are closed with it and opened again as their
// next part.
func (t *textRenderer) closeAt(open []span, pos int) []span {
	first := slices.IndexFunc(open, func(s span) bool { return s.end == pos })
	if first < 0 {
		return open
	}
	for range open[first:] {
		t.html.WriteString("</mark>")
	}
	kept := open[:first]
	for _, s := range open[first:] {
		if s.end != pos {
			kept = append(kept, s)
			t.open(s)
		}
	}
	return kept
}

// open starts a mark of s. A row's first mark is a Tab stop (focus shows
// its fact as hover does); the marks that continue it after a crossing are
// numbered from 2 in data-part and are not.
func (t *textRenderer) open(s span) {
	if t.parts == nil {
		t.parts = map[int]int{}
	}
	t.parts[s.n]++
	t.html.WriteString(`<mark data-row="`)
	t.html.WriteString(strconv.Itoa(s.n))
	t.html.WriteString(`" class="`)
	t.html.WriteString(s.class)
	if part := t.parts[s.n]; part > 1 {
		t.html.WriteString(`" data-part="`)
		t.html.WriteString(strconv.Itoa(part))
		t.html.WriteString(`">`)
		return
	}
	t.html.WriteString(`" tabindex="0">`)
}

// addText appends text, cutting chunks at line breaks when no mark is
// open (free).
func (t *textRenderer) addText(s string, free bool, emit func(chunkData)) {
	for s != "" {
		cut, full := len(s), false
		if free {
			cut, full = t.cutPoint(s)
		}
		if piece := s[:cut]; piece != "" {
			t.html.WriteString(template.HTMLEscapeString(piece))
			t.runes += utf8.RuneCountInString(piece)
			t.lines += strings.Count(piece, "\n")
		}
		s = s[cut:]
		if full {
			t.flush(emit)
		}
	}
}

// cutPoint is where in s the current chunk should end, and whether it
// ends there: after the first line break that brings it past chunkRunes,
// or at maxChunkRunes; else len(s) and false.
func (t *textRenderer) cutPoint(s string) (int, bool) {
	need := chunkRunes - t.runes
	hard := maxChunkRunes - t.runes
	count := 0
	for i, r := range s {
		if count >= hard {
			return i, true
		}
		count++
		if r == '\n' && count >= need {
			return i + len("\n"), true
		}
	}
	return len(s), false
}

// flush hands the current chunk to emit.
func (t *textRenderer) flush(emit func(chunkData)) {
	if t.html.Len() == 0 {
		return
	}
	lines := t.lines + t.runes/charsPerLine + 1
	emit(chunkData{HTML: template.HTML(t.html.String()), Height: lines * linePixels})
	t.html.Reset()
	t.runes, t.lines = 0, 0
	clear(t.parts)
}

// finish hands over what is left of a document's text.
func (t *textRenderer) finish(emit func(chunkData)) { t.flush(emit) }

// kinds and ops that have a colour of their own; others share one.
var (
	markedKinds = []string{"count", "percent", "money", "measure", "program"}
	markedOps   = []string{"added", "removed", "changed"}
)

func markClass(r Row) string {
	class := "k-other"
	if slices.Contains(markedKinds, r.Kind) {
		class = "k-" + r.Kind
	}
	if r.Masked {
		class += " masked"
	}
	if slices.Contains(markedOps, r.Op) {
		class += " op-" + r.Op
	}
	return class
}

// byteIndex turns increasing code point offsets into byte offsets.
type byteIndex struct {
	s           string
	pos, atByte int
}

func newByteIndex(s string) *byteIndex { return &byteIndex{s: s} }

// at walks back from the last offset for a fact that starts inside the
// one before, so that nested facts cost no walk from the start.
func (b *byteIndex) at(pos int) int {
	for b.pos > pos {
		_, size := utf8.DecodeLastRuneInString(b.s[:b.atByte])
		b.atByte -= size
		b.pos--
	}
	b.atByte = byteOffset(b.s, b.atByte, pos-b.pos)
	b.pos = pos
	return b.atByte
}

// byteOffset is the byte offset n code points after byte offset from.
func byteOffset(s string, from, n int) int {
	for ; n > 0 && from < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[from:])
		from += size
	}
	return from
}
