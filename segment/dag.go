package segment

import (
	"math"
	"strings"
	"sync"

	"github.com/go-ego/gse/hmm"
)

// loadHMM loads gse's hidden Markov model for unknown words, once, when
// Cut first needs it.
var loadHMM = sync.OnceFunc(func() { hmm.LoadModel() })

// lookup is gse's Find over runes: the frequency of the word rs, 0 when rs
// only begins longer words, and whether rs begins or is a word at all.
func (d *dictionary) lookup(rs []rune) (freq float64, ok bool) {
	node := 0
	for _, r := range rs {
		if node = d.child(node, r); node == 0 {
			return 0, false
		}
	}
	if p, isWord := d.word(node); isWord {
		return d.frequency(p), true
	}
	return 0, true
}

// route is the best path found from a character to the end of the text.
type route struct {
	logProb float64
	last    int // index of the last character of the first word
	set     bool
}

// cutDAG is gse's cutDAG: every dictionary word at every position, the
// most probable path through them, and gse's HMM over runs of single
// characters.
func (d *dictionary) cutDAG(str string) []string {
	result := make([]string, 0, int(float32(len(str))/1.5)+1)
	str = strings.ToLower(str)
	rs := []rune(str)
	n := len(rs)

	// ends[k] are the indexes i where rs[k:i+1] is a word.
	ends := make([][]int, n)
	for k := 0; k < n; k++ {
		node := 0
		for i := k; i < n; i++ {
			if node = d.child(node, rs[i]); node == 0 {
				break
			}
			if _, isWord := d.word(node); isWord {
				ends[k] = append(ends[k], i)
			}
		}
		if len(ends[k]) == 0 {
			ends[k] = append(ends[k], k)
		}
	}

	routes := make([]route, n+1)
	routes[n] = route{set: true}
	logTotal := math.Log(d.total)
	for k := n - 1; k >= 0; k-- {
		for _, i := range ends[k] {
			freq, ok := d.lookup(rs[k : i+1])
			if !ok {
				freq = 1
			}
			r := route{logProb: math.Log(freq) - logTotal + routes[i+1].logProb, last: i, set: true}
			v := routes[k]
			if !v.set || v.logProb < r.logProb || v.logProb == r.logProb && v.last < r.last {
				routes[k] = r
			}
		}
	}

	var buf []rune
	flush := func() {
		switch {
		case len(buf) == 1:
			result = append(result, string(buf))
		case len(buf) > 1:
			result = append(result, d.cutUnknown(buf)...)
		}
		buf = nil
	}
	for x := 0; x < n; {
		y := routes[x].last + 1
		if y-x == 1 {
			buf = append(buf, rs[x])
		} else {
			flush()
			result = append(result, string(rs[x:y]))
		}
		x = y
	}
	flush()
	return result
}

// cutUnknown cuts a run of characters that the dictionary path left
// single: a run that is itself a word stays single characters, as in gse;
// anything else goes to the HMM.
func (d *dictionary) cutUnknown(buf []rune) []string {
	if freq, ok := d.lookup(buf); !ok || freq == 0 {
		loadHMM()
		return hmm.Cut(string(buf))
	}
	out := make([]string, len(buf))
	for i, r := range buf {
		out[i] = string(r)
	}
	return out
}
