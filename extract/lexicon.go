package extract

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/lexicon.tsv
var embeddedLexicon string

// Lexicon maps whole names and aliases of common indicators to a canonical
// name. It is a compact sorted index, so that a lexicon of millions of
// names costs little more memory than its text and a lookup is a binary
// search: every name's bytes sit in one buffer, and names, lines and the
// sorted order are offsets into it.
type Lexicon struct {
	buf    []byte   // every name, one after the other, in file order
	starts []uint32 // starts[k] is where name k begins in buf; one more at the end
	lines  []uint32 // lines[i] is the first name of line i (its canonical name)
	sorted []uint32 // name indexes in name order, a later line first among equals
}

// DefaultLexicon returns the embedded lexicon.
func DefaultLexicon() *Lexicon {
	l := &Lexicon{}
	if err := l.Add(strings.NewReader(embeddedLexicon), "embedded lexicon"); err != nil {
		panic(err) // the embedded file is tested; this cannot happen in a release
	}
	return l
}

// Add reads TSV lines (canonical name, then aliases; # comments) into the
// lexicon; a name given again takes the canonical name of its last line.
// source names the input in errors, which give its line number. A file
// that is not UTF-8 text (a binary file given by mistake) and a name of
// one character (which would match far too much) are refused.
func (l *Lexicon) Add(r io.Reader, source string) error {
	if len(l.starts) == 0 {
		l.starts = append(l.starts, 0)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		raw := sc.Bytes()
		if bytes.IndexByte(raw, 0) >= 0 || !utf8.Valid(raw) {
			return fmt.Errorf("%s:%d: not a UTF-8 text lexicon (binary data)", source, line)
		}
		text := strings.TrimRight(string(raw), "\r")
		// A comment or blank line, after any byte order mark.
		if trimmed := trimName(text); trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		names, err := lexiconLine(text)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", source, line, err)
		}
		if len(l.buf)+len(text) > math.MaxUint32 {
			return fmt.Errorf("%s:%d: lexicon larger than 4 GB", source, line)
		}
		l.lines = append(l.lines, uint32(len(l.starts)-1))
		for _, n := range names {
			l.buf = append(l.buf, n...)
			l.starts = append(l.starts, uint32(len(l.buf)))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	l.index()
	return nil
}

// name returns name k.
func (l *Lexicon) name(k uint32) string { return string(l.buf[l.starts[k]:l.starts[k+1]]) }

// index sorts the names; among equal names the one added last comes first.
func (l *Lexicon) index() {
	n := len(l.starts) - 1
	l.sorted = l.sorted[:0]
	for k := 0; k < n; k++ {
		l.sorted = append(l.sorted, uint32(k))
	}
	sort.Slice(l.sorted, func(i, j int) bool {
		a, b := l.sorted[i], l.sorted[j]
		if c := bytes.Compare(l.buf[l.starts[a]:l.starts[a+1]], l.buf[l.starts[b]:l.starts[b+1]]); c != 0 {
			return c < 0
		}
		return a > b
	})
}

// lookup returns the canonical name of the line holding name, if any.
func (l *Lexicon) lookup(name string) (string, bool) {
	i := sort.Search(len(l.sorted), func(i int) bool {
		k := l.sorted[i]
		return string(l.buf[l.starts[k]:l.starts[k+1]]) >= name
	})
	if i == len(l.sorted) || l.name(l.sorted[i]) != name {
		return "", false
	}
	k := l.sorted[i]
	line := sort.Search(len(l.lines), func(i int) bool { return l.lines[i] > k }) - 1
	return l.name(l.lines[line]), true
}

// trimName cuts white space and byte order marks off both ends of a name:
// files joined one after another carry a mark at any line's start, and an
// editor may leave one after a tab; neither is ever part of a name.
func trimName(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r == '\ufeff' || unicode.IsSpace(r) })
}

// lexiconLine splits one TSV line into the canonical name and its aliases.
func lexiconLine(text string) ([]string, error) {
	fields := strings.Split(text, "\t")
	names := make([]string, 0, len(fields))
	for i, f := range fields {
		f = trimName(f)
		switch {
		case f == "" && i == 0:
			return nil, fmt.Errorf("empty canonical name")
		case f == "":
			continue
		case utf8.RuneCountInString(f) < 2:
			return nil, fmt.Errorf("name %q has one character; a name needs at least two", f)
		}
		names = append(names, f)
	}
	return names, nil
}

// Canonical returns the canonical name of metric when the whole metric is
// a name or alias in the lexicon, or the same after a leading place name
// (江苏省地区生产总值). A part of a name is never enough: 高等教育毛入学率 is
// not 入学率, and a growth or share of an indicator (地区生产总值增长) is
// not the indicator. Unknown names give "".
func (l *Lexicon) Canonical(metric string) string {
	if l == nil || metric == "" {
		return ""
	}
	if c, ok := l.lookup(metric); ok {
		return c
	}
	if rest, ok := afterPlaceName(metric); ok {
		if c, ok := l.lookup(rest); ok {
			return c
		}
	}
	return ""
}

// maxPlaceName bounds a place name before an indicator, in characters.
const maxPlaceName = 6

// notPlaces end like place names but are kinds of area (贫困地区, 城市).
var notPlaces = map[string]bool{"地区": true, "社区": true, "城区": true, "山区": true, "园区": true, "城市": true,
	"都市": true, "辖区": true, "景区": true, "小区": true, "城镇": true, "乡镇": true, "村镇": true}

// afterPlaceName cuts a leading place name (ending in 省 市 县 区 州 镇 乡)
// off a metric, leaving at least three characters.
func afterPlaceName(metric string) (string, bool) {
	rs := []rune(metric)
	for i := 2; i < len(rs)-2 && i <= maxPlaceName; i++ {
		if !strings.ContainsRune("省市县区州镇乡", rs[i]) {
			continue
		}
		if place := string(rs[i-1 : i+1]); notPlaces[place] || rs[i-1] == '全' {
			return "", false
		}
		return string(rs[i+1:]), true
	}
	return "", false
}

// WriteTo writes the lexicon in the TSV form Add reads.
func (l *Lexicon) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var total int64
	for i, first := range l.lines {
		last := uint32(len(l.starts) - 1)
		if i+1 < len(l.lines) {
			last = l.lines[i+1]
		}
		for k := first; k < last; k++ {
			if k > first {
				bw.WriteByte('\t')
				total++
			}
			n, _ := bw.Write(l.buf[l.starts[k]:l.starts[k+1]])
			total += int64(n)
		}
		bw.WriteByte('\n')
		total++
	}
	return total, bw.Flush()
}
