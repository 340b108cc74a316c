package document

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Page furniture: the running headers and footers a PDF repeats on its
// pages and the page numbers. Only the reader of a paged document knows
// where pages start, so it drops them here; everything else about layout
// is left to the normaliser.

// edgeLines is how many non-blank lines at the top and at the bottom of a
// page may be furniture.
const edgeLines = 2

// dropPageFurniture removes, from the top and bottom edge lines of every
// page, page-number lines, lines that recur (digits aside) at the edges
// of at least half of the pages, and what a browser prints around a web
// page: its address with "n/m" at the foot, the date and time (and the
// page's title) at the head. The browser's lines are known by their form,
// so they go on a document of one page too.
func dropPageFurniture(pages [][]string) {
	edges := make([][]int, len(pages)) // line indexes at the edges of each page
	printed := false                   // a browser's footer is on some page
	for i, lines := range pages {
		edges[i] = edgeIndexes(lines)
		for _, j := range edges[i] {
			printed = printed || isPrintedAddressLine(lines[j])
		}
	}
	repeated := repeatedEdgeKeys(pages, edges)
	pageDelta := numberedPageDelta(pages, edges)
	for i, lines := range pages {
		drop := map[int]bool{}
		for k, j := range edges[i] {
			line := lines[j]
			n, marked, ok := pageNumber(line)
			switch {
			case ok && marked:
				drop[j] = true
			case ok && pageDelta != nil && n-(i+1) == *pageDelta:
				drop[j] = true
			case repeated[furnitureKey(line)]:
				drop[j] = true
			case isPrintedAddressLine(line):
				drop[j] = true
			case printed && k == 0 && printStamp.MatchString(strings.TrimSpace(line)):
				drop[j] = true
			}
		}
		if len(drop) == 0 {
			continue
		}
		kept := lines[:0]
		for j, line := range lines {
			if !drop[j] {
				kept = append(kept, line)
			}
		}
		pages[i] = kept
	}
}

// isPrintedAddressLine reports whether a line is the footer a browser
// prints: a web address, alone or followed by the page counter ("3/12").
func isPrintedAddressLine(line string) bool {
	fields := strings.Fields(line)
	if len(fields) == 0 || len(fields) > 3 {
		return false
	}
	address := strings.ToLower(fields[0])
	if !strings.HasPrefix(address, "http://") && !strings.HasPrefix(address, "https://") && !strings.HasPrefix(address, "file://") {
		return false
	}
	if len(fields) == 1 {
		return true
	}
	_, marked, ok := pageNumber(strings.Join(fields[1:], ""))
	return ok && marked
}

// printStamp is the date and time a browser prints at the head of each
// page, as its locale writes them: "12/1/26, 11:21 PM", "2026/12/1 23:21",
// "2026-12-01 23:21:05".
var printStamp = regexp.MustCompile(`^(\d{1,2}/\d{1,2}/\d{2,4},?\s*\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?|\d{4}[/-]\d{1,2}[/-]\d{1,2}\s*\d{1,2}:\d{2}(:\d{2})?)(\s|$)`)

// edgeIndexes returns the indexes of the first and last edgeLines non-blank
// lines of a page.
func edgeIndexes(lines []string) []int {
	var nonBlank []int
	for j, l := range lines {
		if strings.TrimSpace(l) != "" {
			nonBlank = append(nonBlank, j)
		}
	}
	if len(nonBlank) <= 2*edgeLines {
		return nonBlank
	}
	return append(nonBlank[:edgeLines:edgeLines], nonBlank[len(nonBlank)-edgeLines:]...)
}

// repeatedEdgeKeys returns the keys of edge lines found on at least half of
// the pages (and on two at least).
func repeatedEdgeKeys(pages [][]string, edges [][]int) map[string]bool {
	if len(pages) < 2 {
		return nil
	}
	onPages := map[string]int{}
	for i, lines := range pages {
		seen := map[string]bool{}
		for _, j := range edges[i] {
			k := furnitureKey(lines[j])
			if k != "" && !seen[k] {
				seen[k] = true
				onPages[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	repeated := map[string]bool{}
	for k, n := range onPages {
		if n >= need {
			repeated[k] = true
		}
	}
	return repeated
}

// furnitureKey is a line with its white space removed and every run of
// digits written "#", so that "第 3 页" and "第 4 页" share one key; "" for
// a line too short to tell anything by.
func furnitureKey(line string) string {
	var b strings.Builder
	inDigits := false
	n := 0
	for _, r := range line {
		switch {
		case unicode.IsSpace(r):
			continue
		case isDigitRune(r):
			if !inDigits {
				b.WriteByte('#')
			}
			inDigits = true
			continue
		}
		inDigits = false
		b.WriteRune(r)
		n++
	}
	if n < 2 {
		return ""
	}
	return b.String()
}

// numberedPageDelta returns the difference between the bare numbers found
// at page edges and the pages' positions when at least two pages agree on
// it (a report numbered from its second page has delta -1), else nil.
func numberedPageDelta(pages [][]string, edges [][]int) *int {
	votes := map[int]int{}
	for i, lines := range pages {
		for _, j := range edges[i] {
			if n, marked, ok := pageNumber(lines[j]); ok && !marked {
				votes[n-(i+1)]++
			}
		}
	}
	best, bestVotes := 0, 0
	for d, v := range votes {
		if v > bestVotes || v == bestVotes && d > best {
			best, bestVotes = d, v
		}
	}
	if bestVotes < 2 && !(len(pages) == 1 && bestVotes == 1 && best == 0) {
		return nil
	}
	return &best
}

// pageNumber reads a page-number line: a bare number ("12"), a number in
// dashes or dots ("- 12 -", "— 12 —", "·12·"), "第12页", "第12页 共30页",
// "共30页 第12页", "12/30", "Page 12", "Page 12 of 30". marked tells a line
// that says it is a page number from a bare number.
func pageNumber(line string) (n int, marked, ok bool) {
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return foldDigit(r)
	}, line)
	if s == "" || len(s) > 40 {
		return 0, false, false
	}
	lower := strings.ToLower(s)
	trimmed := strings.Trim(lower, "-–—−·•.()（）[]【】<>〈〉|")
	if n, ok := atoiDigits(trimmed); ok {
		return n, trimmed != lower, true
	}
	if rest, ok := strings.CutPrefix(trimmed, "page"); ok {
		num, _, _ := strings.Cut(rest, "of")
		if n, ok := atoiDigits(num); ok {
			return n, true, true
		}
	}
	if a, b, found := strings.Cut(trimmed, "/"); found {
		if n, ok := atoiDigits(a); ok {
			if _, ok := atoiDigits(b); ok {
				return n, true, true
			}
		}
	}
	// 第N页, optionally with 共M页 before or after it.
	if i := strings.Index(trimmed, "共"); i >= 0 {
		if j := strings.Index(trimmed[i:], "页"); j >= 0 {
			if _, ok := atoiDigits(trimmed[i+len("共") : i+j]); ok {
				trimmed = trimmed[:i] + trimmed[i+j+len("页"):]
			}
		}
	}
	if rest, ok := strings.CutPrefix(trimmed, "第"); ok {
		if num, ok := strings.CutSuffix(strings.TrimRight(rest, ",，"), "页"); ok {
			if n, ok := atoiDigits(num); ok {
				return n, true, true
			}
		}
	}
	return 0, false, false
}

// foldDigit maps a full-width digit to ASCII.
func foldDigit(r rune) rune {
	if r >= '０' && r <= '９' {
		return r - '０' + '0'
	}
	return r
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// atoiDigits parses 1 to 4 ASCII digits.
func atoiDigits(s string) (int, bool) {
	if len(s) == 0 || len(s) > 4 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
