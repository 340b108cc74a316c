package normalize

import (
	"fmt"
	"strings"
	"sync"
)

//go:generate go run ../tools/genconvert -o script_tables.go

// Script names reported by DetectScript.
const (
	ScriptNone        = "none"
	ScriptSimplified  = "simplified"
	ScriptTraditional = "traditional"
)

// Conversions accepted by Simplify, besides "auto" and "none".
var conversions = []string{"t2s", "tw2s", "hk2s"}

// ValidScript reports whether mode is a --script value.
func ValidScript(mode string) bool {
	if mode == "auto" || mode == "none" {
		return true
	}
	for _, c := range conversions {
		if c == mode {
			return true
		}
	}
	return false
}

// DetectScript tells whether the Han characters of rs are mostly
// simplified, traditional, or absent. A character counts as traditional
// when the traditional-to-simplified table changes it.
func DetectScript(rs []rune) string {
	trad := traditionalSet()
	han, nTrad := 0, 0
	for _, r := range rs {
		if r < 0x3400 {
			continue
		}
		if r-0x3400 < rune(len(trad)*64) {
			// Extension A and the unified ideographs are Han throughout.
			if r <= 0x4DBF || r >= 0x4E00 {
				han++
				if trad[(r-0x3400)>>6]&(1<<(r&63)) != 0 {
					nTrad++
				}
			}
			continue
		}
		if isHan(r) {
			han++
		}
	}
	switch {
	case han == 0:
		return ScriptNone
	// Simplified text borrows a few characters the table would change
	// (乾, 後, 裏…); a real traditional text has many.
	case nTrad >= 3 && nTrad*20 >= han:
		return ScriptTraditional
	default:
		return ScriptSimplified
	}
}

// traditionalSet is a bitmap over U+3400..U+9FFF of the characters that
// t2s's character table changes.
var traditionalSet = sync.OnceValue(func() []uint64 {
	set := make([]uint64, (0xA000-0x3400)/64)
	for _, e := range parseDict(conversionDicts["TSCharacters"]) {
		if len(e.key) == 1 && e.key[0] >= 0x3400 && e.key[0] <= 0x9FFF && string(e.key) != string(e.value) {
			r := e.key[0] - 0x3400
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return set
})

// Simplify returns a Step that converts traditional characters to
// simplified with the named gocc conversion, mapping each converted phrase
// back to the original characters it came from. The text is exactly what
// gocc's Convert writes; the tables are gocc's own (tools/genconvert).
func Simplify(conversion string) (Step, error) {
	chain, err := converter(conversion)
	if err != nil {
		return nil, err
	}
	steps := make([]Step, len(chain))
	for i, g := range chain {
		steps[i] = StepFunc(g.convert)
	}
	return Chain(steps...), nil
}

// entry is one dictionary line: key → value.
type entry struct {
	key, value []rune
}

func parseDict(s string) []entry {
	var out []entry
	for line := range strings.SplitSeq(s, "\n") {
		k, v, ok := strings.Cut(line, "\t")
		if ok {
			out = append(out, entry{key: []rune(k), value: []rune(v)})
		}
	}
	return out
}

// group is one step of a conversion chain: a list of dictionaries where,
// at each position, the first dictionary holding a key that starts there
// wins with its longest such key. candidates[r] lists the entries whose key
// starts with r in that order, so the first that matches is gocc's choice.
type group struct {
	bmp    []int32 // BMP rune → 1 + index into candidates, 0 for none
	astral map[rune]int32
	cands  [][]entry
}

var (
	convertersMu sync.Mutex
	converters   = map[string][]*group{}
)

// converter builds a conversion's groups once per process.
func converter(name string) ([]*group, error) {
	convertersMu.Lock()
	defer convertersMu.Unlock()
	if chain, ok := converters[name]; ok {
		return chain, nil
	}
	names, ok := conversionChains[name]
	if !ok {
		return nil, fmt.Errorf("script conversion %q: not one of %s", name, strings.Join(conversions, ", "))
	}
	var chain []*group
	for _, dicts := range names {
		chain = append(chain, newGroup(dicts))
	}
	converters[name] = chain
	return chain, nil
}

func newGroup(dicts []string) *group {
	g := &group{bmp: make([]int32, 0x10000), astral: map[rune]int32{}}
	for _, name := range dicts {
		byFirst := map[rune][]entry{}
		var firsts []rune
		for _, e := range parseDict(conversionDicts[name]) {
			r := e.key[0]
			if byFirst[r] == nil {
				firsts = append(firsts, r)
			}
			byFirst[r] = append(byFirst[r], e)
		}
		for _, r := range firsts {
			es := byFirst[r]
			// Longest key first; keys of one dictionary are distinct.
			sortByKeyLength(es)
			i := g.index(r)
			if i == 0 {
				g.cands = append(g.cands, nil)
				i = int32(len(g.cands))
				if r < 0x10000 {
					g.bmp[r] = i
				} else {
					g.astral[r] = i
				}
			}
			g.cands[i-1] = append(g.cands[i-1], es...)
		}
	}
	return g
}

func sortByKeyLength(es []entry) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && len(es[j].key) > len(es[j-1].key); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func (g *group) index(r rune) int32 {
	if r >= 0 && r < 0x10000 {
		return g.bmp[r]
	}
	return g.astral[r]
}

// match returns gocc's choice of entry at the start of rs, or nil.
func (g *group) match(rs []rune) *entry {
	i := g.index(rs[0])
	if i == 0 {
		return nil
	}
	cands := g.cands[i-1]
	for k := range cands {
		e := &cands[k]
		if len(e.key) <= len(rs) && equalRunes(e.key[1:], rs[1:len(e.key)]) {
			return e
		}
	}
	return nil
}

// emitRunes writes value standing for source characters [i, j) the way
// emitString does: one to one when the lengths agree, otherwise every
// character of value stands for the whole span.
func emitRunes(b *builder, value []rune, i, j int) {
	if len(value) == j-i {
		for k, r := range value {
			b.emit(r, i+k, i+k+1)
		}
		return
	}
	for _, r := range value {
		b.emit(r, i, j)
	}
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// convert applies the group to src, copying unchanged runs whole.
func (g *group) convert(src *Text) *Text {
	b := newBuilder(src)
	rs := src.Runes
	kept := 0 // start of the run not yet copied
	for i := 0; i < len(rs); {
		e := g.match(rs[i:])
		if e == nil {
			i++
			continue
		}
		b.keepRange(kept, i)
		n := len(e.key)
		if n == len(e.value) && equalRunes(e.key, e.value) {
			b.keepRange(i, i+n)
		} else {
			emitRunes(b, e.value, i, i+n)
		}
		i += n
		kept = i
	}
	b.keepRange(kept, len(rs))
	return b.text()
}
