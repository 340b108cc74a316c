package extract

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
)

//go:embed data/lexicon.tsv
var embeddedLexicon string

// Lexicon maps names and aliases of common indicators to a canonical name.
type Lexicon struct {
	entries []lexiconEntry    // in file order, for printing
	byName  map[string]string // alias or canonical → canonical
	names   []string          // every alias and canonical, longest first
}

type lexiconEntry struct {
	canonical string
	aliases   []string
}

// DefaultLexicon returns the embedded lexicon.
func DefaultLexicon() *Lexicon {
	l := &Lexicon{byName: map[string]string{}}
	if err := l.Add(strings.NewReader(embeddedLexicon), "embedded lexicon"); err != nil {
		panic(err) // the embedded file is tested; this cannot happen in a release
	}
	return l
}

// Add reads TSV lines (canonical name, then aliases; # comments) into the
// lexicon. source names the input in errors, which give its line number.
func (l *Lexicon) Add(r io.Reader, source string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		var names []string
		for i, f := range fields {
			f = strings.TrimSpace(f)
			if f == "" {
				if i == 0 {
					return fmt.Errorf("%s:%d: empty canonical name", source, line)
				}
				continue
			}
			names = append(names, f)
		}
		if len(names) == 0 {
			return fmt.Errorf("%s:%d: empty line", source, line)
		}
		e := lexiconEntry{canonical: names[0], aliases: names[1:]}
		l.entries = append(l.entries, e)
		for _, n := range names {
			if _, seen := l.byName[n]; !seen {
				l.names = append(l.names, n)
			}
			l.byName[n] = e.canonical
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	sort.SliceStable(l.names, func(i, j int) bool { return len(l.names[i]) > len(l.names[j]) })
	return nil
}

// Canonical returns the canonical name of the longest lexicon name that the
// metric contains, or "".
func (l *Lexicon) Canonical(metric string) string {
	if l == nil || metric == "" {
		return ""
	}
	if c, ok := l.byName[metric]; ok {
		return c
	}
	for _, n := range l.names {
		if strings.Contains(metric, n) {
			return l.byName[n]
		}
	}
	return ""
}

// WriteTo writes the lexicon in the TSV form Add reads.
func (l *Lexicon) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for _, e := range l.entries {
		n, err := fmt.Fprintln(w, strings.Join(append([]string{e.canonical}, e.aliases...), "\t"))
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
