package segment

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"math"
)

//go:generate go run ../tools/gensegdict -o zh_s.dict

// dictData is gse's simplified-Chinese dictionary as a prebuilt trie (see
// tools/gensegdict for the layout). It is read in place: opening it only
// slices the sections, and the operating system pages in the parts a run
// touches.
//
//go:embed zh_s.dict
var dictData []byte

// dictionary is a read-only view of dictData.
type dictionary struct {
	total    float64 // sum of all word frequencies
	rootKids int     // the root's children are nodes 1..rootKids
	maxUnits int     // longest word, in gse's units

	bmpCode  []byte // [65536]uint16
	astral   []byte // [](rune, code uint32)
	labels   []byte // [nodes]uint16
	infos    []byte // [nodes]uint16
	first    []byte // [nodes+1]uint32
	distance []byte // [pairs]float32
	freq     []byte // [pairs]uint32
	tagOf    []byte // [pairs]uint8
	tags     []string
}

var errBadDict = errors.New("segment: embedded dictionary is damaged")

func openDict(data []byte) (*dictionary, error) {
	const headerSize = 8 + 8 + 7*4
	if len(data) < headerSize || string(data[:8]) != "zhsdict1" {
		return nil, errBadDict
	}
	le := binary.LittleEndian
	d := &dictionary{total: math.Float64frombits(le.Uint64(data[8:]))}
	var counts [7]int
	for i := range counts {
		counts[i] = int(le.Uint32(data[16+4*i:]))
	}
	nodes, astral, pairs, ntags, tagBytes := counts[0], counts[2], counts[3], counts[4], counts[6]
	d.rootKids, d.maxUnits = counts[1], counts[5]
	rest := data[headerSize:]
	take := func(n int) []byte {
		if n < 0 || n > len(rest) {
			return nil
		}
		s := rest[:n:n]
		rest = rest[n:]
		return s
	}
	d.bmpCode = take(2 * 65536)
	d.astral = take(8 * astral)
	d.labels = take(2 * nodes)
	d.infos = take(2 * nodes)
	d.first = take(4 * (nodes + 1))
	d.distance = take(4 * pairs)
	d.freq = take(4 * pairs)
	d.tagOf = take(pairs)
	tb := take(tagBytes)
	if tb == nil || len(rest) != 0 || nodes <= d.rootKids || d.maxUnits <= 0 {
		return nil, errBadDict
	}
	for len(tb) > 0 {
		n := int(tb[0])
		if 1+n > len(tb) {
			return nil, errBadDict
		}
		d.tags = append(d.tags, string(tb[1:1+n]))
		tb = tb[1+n:]
	}
	if len(d.tags) != ntags {
		return nil, errBadDict
	}
	return d, nil
}

// code returns the dictionary's code for r, 0 when no word holds r.
func (d *dictionary) code(r rune) int {
	if r >= 0 && r < 0x10000 {
		return int(binary.LittleEndian.Uint16(d.bmpCode[2*r:]))
	}
	lo, hi := 0, len(d.astral)/8
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if rune(binary.LittleEndian.Uint32(d.astral[8*mid:])) < r {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(d.astral)/8 && rune(binary.LittleEndian.Uint32(d.astral[8*lo:])) == r {
		return int(binary.LittleEndian.Uint32(d.astral[8*lo+4:]))
	}
	return 0
}

// child returns the node reached from node n by rune r, or 0 when no word
// continues that way. The root is node 0.
func (d *dictionary) child(n int, r rune) int {
	return d.childByCode(n, d.code(r))
}

// childByCode is child for a rune given by its code.
func (d *dictionary) childByCode(n, c int) int {
	if c == 0 {
		return 0
	}
	if n == 0 {
		if c <= d.rootKids {
			return c
		}
		return 0
	}
	le := binary.LittleEndian
	lo, hi := int(le.Uint32(d.first[4*n:])), int(le.Uint32(d.first[4*n+4:]))
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if int(le.Uint16(d.labels[2*mid:])) < c {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < int(le.Uint32(d.first[4*n+4:])) && int(le.Uint16(d.labels[2*lo:])) == c {
		return lo
	}
	return 0
}

// word returns the word ending at node n: its pair index and true, or
// false when n is only the prefix of longer words.
func (d *dictionary) word(n int) (int, bool) {
	p := int(binary.LittleEndian.Uint16(d.infos[2*n:]))
	return p - 1, p != 0
}

// pathLength is gse's path length for a word: log2(total/freq) in float32.
func (d *dictionary) pathLength(pair int) float32 {
	return math.Float32frombits(binary.LittleEndian.Uint32(d.distance[4*pair:]))
}

func (d *dictionary) frequency(pair int) float64 {
	return float64(binary.LittleEndian.Uint32(d.freq[4*pair:]))
}

func (d *dictionary) tag(pair int) string {
	return d.tags[d.tagOf[pair]]
}
