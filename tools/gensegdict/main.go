// Command gensegdict writes the word dictionary that package segment embeds:
// gse's simplified-Chinese dictionary (zh_s), loaded by gse itself so that
// every word, frequency and part-of-speech tag is exactly what gse would
// use, laid out as a prebuilt trie that is read in place, with no parsing
// at start-up.
//
// Run it through go generate in package segment:
//
//	go generate ./segment
//
// The file layout (all integers little-endian):
//
//	magic      "zhsdict1"
//	total      float64, the sum of all word frequencies
//	counts     uint32 × 7: nodes, root children, astral runes, pairs,
//	           tags, max word length in units, tag bytes
//	bmpCode    [65536]uint16: code of each BMP rune, 0 when absent
//	astral     [astral](rune uint32, code uint32), sorted by rune
//	labels     [nodes]uint16: the code of the rune leading to each node
//	infos      [nodes]uint16: 1 + the pair of a node ending a word, else 0
//	first      [nodes+1]uint32: children of node n are first[n]..first[n+1]-1
//	distance   [pairs]float32: gse's path length of a word, log2(total/freq)
//	freq       [pairs]uint32
//	tag        [pairs]uint8: index into the tags
//	tags       [tags](len uint8, bytes)
//
// Nodes are in breadth-first order with each node's children sorted by
// code; the root is node 0 and its children are nodes 1..rootChildren,
// numbered so that a rune's code is its node under the root.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

func main() {
	out := flag.String("o", "zh_s.dict", "output file")
	flag.Parse()
	log.SetFlags(0)

	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		log.Fatal(err)
	}
	data, err := build(seg.Dict)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d words, %d bytes\n", *out, seg.Dict.NumTokens(), len(data))
}

type node struct {
	children map[rune]*node
	pair     int // 1 + index of the (distance, freq, tag) pair, 0 when no word ends here
	index    int
}

type pair struct {
	distance float32
	freq     uint32
	tag      string
}

func build(d *gse.Dictionary) ([]byte, error) {
	total := d.TotalFreq()
	// The same float32 arithmetic as gse's CalcToken.
	logTotal := float32(math.Log2(total))

	root := &node{children: map[rune]*node{}}
	pairIndex := map[pair]int{}
	var pairs []pair
	for _, t := range d.Tokens {
		key := t.Text()
		// Text is read rune by rune: a key must be valid UTF-8 without
		// the replacement character that invalid bytes decode to.
		if key == "" || !utf8.ValidString(key) || strings.ContainsRune(key, utf8.RuneError) {
			return nil, fmt.Errorf("bad dictionary key %q", key)
		}
		freq := t.Freq()
		if freq != math.Trunc(freq) || freq < 1 || freq > math.MaxUint32 {
			return nil, fmt.Errorf("word %q: frequency %v is not a small whole number", key, freq)
		}
		p := pair{distance: logTotal - float32(math.Log2(freq)), freq: uint32(freq), tag: t.Pos()}
		k, ok := pairIndex[p]
		if !ok {
			k = len(pairs)
			pairIndex[p] = k
			pairs = append(pairs, p)
		}
		n := root
		for _, r := range key {
			c := n.children[r]
			if c == nil {
				c = &node{children: map[rune]*node{}}
				n.children[r] = c
			}
			n = c
		}
		if n.pair != 0 {
			return nil, fmt.Errorf("word %q twice", key)
		}
		n.pair = k + 1
	}
	if len(pairs) >= math.MaxUint16 {
		return nil, fmt.Errorf("%d frequency and tag pairs do not fit 16 bits", len(pairs))
	}

	// Codes: the root's runes first, in order, then every other rune.
	rootRunes := sortedRunes(root.children)
	code := map[rune]int{}
	for _, r := range rootRunes {
		code[r] = len(code) + 1
	}
	var rest []rune
	var collect func(n *node)
	collect = func(n *node) {
		for r, c := range n.children {
			if _, ok := code[r]; !ok {
				code[r] = -1
				rest = append(rest, r)
			}
			collect(c)
		}
	}
	collect(root)
	sort.Slice(rest, func(i, j int) bool { return rest[i] < rest[j] })
	next := len(rootRunes) + 1
	for _, r := range rest {
		code[r] = next
		next++
	}
	if next > math.MaxUint16 {
		return nil, fmt.Errorf("%d distinct characters do not fit 16 bits", next)
	}

	// Breadth-first order, children by code.
	order := []*node{root}
	var first []uint32
	for i := 0; i < len(order); i++ {
		n := order[i]
		n.index = i
		first = append(first, uint32(len(order)))
		kids := sortedRunes(n.children)
		sort.Slice(kids, func(a, b int) bool { return code[kids[a]] < code[kids[b]] })
		for _, r := range kids {
			order = append(order, n.children[r])
		}
	}
	first = append(first, uint32(len(order)))
	labels := make([]uint16, len(order))
	for _, n := range order {
		for r, c := range n.children {
			labels[c.index] = uint16(code[r])
		}
	}
	for i, r := range sortedRunes(root.children) {
		if root.children[r].index != i+1 || code[r] != i+1 {
			return nil, fmt.Errorf("root child %q is node %d, code %d", r, root.children[r].index, code[r])
		}
	}

	var tags []string
	tagIndex := map[string]int{}
	for _, p := range pairs {
		if _, ok := tagIndex[p.tag]; !ok {
			tagIndex[p.tag] = len(tags)
			tags = append(tags, p.tag)
		}
	}
	var tagBytes bytes.Buffer
	for _, t := range tags {
		if len(t) > 255 {
			return nil, fmt.Errorf("tag %q too long", t)
		}
		tagBytes.WriteByte(byte(len(t)))
		tagBytes.WriteString(t)
	}

	var bmp [65536]uint16
	type astralCode struct{ r, code uint32 }
	var astral []astralCode
	for r, c := range code {
		if r < 0x10000 {
			bmp[r] = uint16(c)
		} else {
			astral = append(astral, astralCode{uint32(r), uint32(c)})
		}
	}
	sort.Slice(astral, func(i, j int) bool { return astral[i].r < astral[j].r })

	var b bytes.Buffer
	put := func(v any) {
		if err := binary.Write(&b, binary.LittleEndian, v); err != nil {
			panic(err)
		}
	}
	b.WriteString("zhsdict1")
	put(math.Float64bits(total))
	put([7]uint32{uint32(len(order)), uint32(len(root.children)), uint32(len(astral)), uint32(len(pairs)),
		uint32(len(tags)), uint32(d.MaxTokenLen()), uint32(tagBytes.Len())})
	put(bmp)
	for _, a := range astral {
		put([2]uint32{a.r, a.code})
	}
	put(labels)
	infos := make([]uint16, len(order))
	for _, n := range order {
		infos[n.index] = uint16(n.pair)
	}
	put(infos)
	put(first)
	for _, p := range pairs {
		put(math.Float32bits(p.distance))
	}
	for _, p := range pairs {
		put(p.freq)
	}
	for _, p := range pairs {
		put(uint8(tagIndex[p.tag]))
	}
	b.Write(tagBytes.Bytes())
	return b.Bytes(), nil
}

func sortedRunes(m map[rune]*node) []rune {
	rs := make([]rune, 0, len(m))
	for r := range m {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	return rs
}
