// Package score scores extracted metric rows against a gold standard. It is
// a faithful port of the reference scorer score.py (kept in testdata/): the
// same span resolution, matching, ignored spans and figures, and the same
// --json summary byte for byte. See GUIDE.md §3 for what is scored.
package score

import "math"

// Characters that make a span more than a small count written in Chinese
// numerals (GUIDE.md §1: such counts are ignored on both sides).
var (
	digitChars = setOf("0123456789０１２３４５６７８９")
	maskChars  = setOf("xX*×＊ｘＸ")
	bigChars   = setOf("百千万萬亿億点點")
)

// quantityKinds are the kinds of quantities; kindOrder adds programs and is
// the order of every report.
var (
	quantityKinds = []string{"count", "percent", "money", "measure"}
	kindOrder     = []string{"count", "percent", "money", "measure", "program"}
)

// OtherKind collects predicted rows whose kind is none of kindOrder.
const OtherKind = "other"

// Counts are the tallies of one kind. Full counts correct quantities whose
// unit, masked and qualifier agree too.
type Counts struct {
	Gold, Pred, Correct, Full int
}

// KindCounts are the tallies of one kind.
type KindCounts struct {
	Kind string
	Counts
}

// Mismatch is a scored gold fact whose best overlapping row had the wrong
// kind or value.
type Mismatch struct {
	Gold GoldFact
	Pred Prediction
}

// NameScore compares the metric name of a correctly found quantity.
type NameScore struct {
	F1   float64 // character-level F1 of Pred against Gold
	Pred string
	Gold string
	Doc  string

	PredCanonical string // the row's canonical name
	GoldCanonical string // the gold fact's, when the gold file gives one

	goldNone bool // the gold fact had no metric: printed as None, never exact
}

// Result is everything score.py's score() returns.
type Result struct {
	// ByKind has count, percent, money, measure and program, then
	// OtherKind when some predicted row had another kind.
	ByKind []KindCounts
	Misses []GoldFact  // scored gold facts no row overlapped, in gold order
	Wrong  []Mismatch  // in gold order
	Names  []NameScore // in gold order
}

// Score matches predictions to resolved gold facts as score.py does. Gold
// facts that are optional, or small counts in Chinese numerals, are not
// scored, and rows overlapping them are not counted unless they also
// matched a scored fact. For each scored fact, in gold order, the first
// unused overlapping row of the same document with the best rank wins:
// kind, value, unit, masked and qualifier agree (3), kind and value agree
// (2), anything else (1); for a program any row of kind program ranks 3.
// Only rows whose doc is a gold document count at all.
func Score(gold []GoldFact, texts map[string][]rune, preds []Prediction) Result {
	byDoc := make(map[string][]Prediction)
	for _, p := range preds {
		if _, ok := texts[p.Doc]; ok {
			byDoc[p.Doc] = append(byDoc[p.Doc], p)
		}
	}
	type rowID struct {
		doc string
		j   int
	}
	notScored := func(g GoldFact) bool {
		return g.Optional || smallChinese(pySlice(texts[g.Doc], g.Start, g.End), g.Kind)
	}
	ignored := make(map[rowID]bool)
	for _, g := range gold {
		if !g.Resolved || !notScored(g) {
			continue
		}
		for j, p := range byDoc[g.Doc] {
			if overlaps(p, g) {
				ignored[rowID{g.Doc, j}] = true
			}
		}
	}

	counts := make(map[string]*Counts)
	for _, k := range kindOrder {
		counts[k] = &Counts{}
	}
	var res Result
	used := make(map[rowID]bool)
	for _, g := range gold {
		c := counts[g.Kind]
		if !g.Resolved || c == nil || notScored(g) {
			continue
		}
		c.Gold++
		best, bestRank := -1, 0
		for j, p := range byDoc[g.Doc] {
			if used[rowID{g.Doc, j}] || !overlaps(p, g) {
				continue
			}
			if rank := matchRank(p, g); rank > bestRank {
				best, bestRank = j, rank
			}
		}
		if best < 0 {
			res.Misses = append(res.Misses, g)
			continue
		}
		used[rowID{g.Doc, best}] = true
		p := byDoc[g.Doc][best]
		if bestRank < 2 {
			res.Wrong = append(res.Wrong, Mismatch{Gold: g, Pred: p})
			continue
		}
		c.Correct++
		if bestRank == 3 {
			c.Full++
		}
		if g.Kind != "program" {
			res.Names = append(res.Names, NameScore{
				F1: nameF1(p.Metric, g.Metric), Pred: p.Metric, Gold: g.Metric, Doc: g.Doc, goldNone: g.noMetric,
				PredCanonical: p.Canonical, GoldCanonical: g.Canonical,
			})
		}
	}

	other := 0
	for doc, rows := range byDoc {
		for j, p := range rows {
			// a row that matched a scored fact always counts, even where it also touches an ignored one
			if id := (rowID{doc, j}); ignored[id] && !used[id] {
				continue
			}
			if smallChinese(pySlice(texts[doc], p.Start, p.End), p.Kind) {
				continue
			}
			if c := counts[p.Kind]; c != nil {
				c.Pred++
			} else {
				other++
			}
		}
	}
	for _, k := range kindOrder {
		res.ByKind = append(res.ByKind, KindCounts{Kind: k, Counts: *counts[k]})
	}
	if other > 0 {
		res.ByKind = append(res.ByKind, KindCounts{Kind: OtherKind, Counts: Counts{Pred: other}})
	}
	return res
}

// matchRank ranks an overlapping row for a gold fact; see Score.
func matchRank(p Prediction, g GoldFact) int {
	if g.Kind == "program" {
		if p.Kind == "program" {
			return 3
		}
		return 0
	}
	ok := p.Kind == g.Kind && sameValue(p.Value, g.Value)
	switch {
	case ok && p.Unit == g.Unit && p.Masked == g.Masked && p.Qualifier == g.Qualifier:
		return 3
	case ok:
		return 2
	}
	return 1
}

func overlaps(p Prediction, g GoldFact) bool {
	return p.Start < g.End && g.Start < p.End
}

// smallChinese reports a span of a kind other than percent and program
// that holds no digit, mask or big-number character: a small count written
// in Chinese numerals, ignored on both sides.
func smallChinese(span []rune, kind string) bool {
	if kind == "percent" || kind == "program" {
		return false
	}
	for _, c := range span {
		if digitChars[c] || maskChars[c] || bigChars[c] {
			return false
		}
	}
	return true
}

// sameValue: both nil, or equal within 1e-9 relative (at least 1e-9).
func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*max(1.0, math.Abs(*a), math.Abs(*b))
}

// nameF1 is the F1 of the multisets of characters of a and b.
func nameF1(a, b string) float64 {
	if a == "" || b == "" {
		return 0.0
	}
	ca, cb := runeCounts(a), runeCounts(b)
	common := 0
	for r, n := range ca {
		common += min(n, cb[r])
	}
	if common == 0 {
		return 0.0
	}
	p := float64(common) / float64(len([]rune(a)))
	r := float64(common) / float64(len([]rune(b)))
	return 2 * p * r / (p + r)
}

// prf is precision, recall and F1 of tp true positives.
func prf(tp, npred, ngold int) (p, r, f float64) {
	if npred != 0 {
		p = float64(tp) / float64(npred)
	}
	if ngold != 0 {
		r = float64(tp) / float64(ngold)
	}
	if p+r != 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// pySlice is Python's s[start:end]: negative indices count from the end,
// and out-of-range ones are clamped.
func pySlice(s []rune, start, end int) []rune {
	n := len(s)
	clamp := func(i int) int {
		if i < 0 {
			i += n
		}
		return max(0, min(n, i))
	}
	start, end = clamp(start), clamp(end)
	if end < start {
		return nil
	}
	return s[start:end]
}

func runeCounts(s string) map[rune]int {
	m := make(map[rune]int)
	for _, r := range s {
		m[r]++
	}
	return m
}

func setOf(chars string) map[rune]bool {
	m := make(map[rune]bool)
	for _, r := range chars {
		m[r] = true
	}
	return m
}
