package number

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusGold checks the grammar against the quantities of the gold
// corpus: for every annotated count, measure, percent and money amount, a
// match must start where the quantity starts, with the same value. Percent
// and money matches must cover the whole quantity; count and measure
// matches cover the number, the classifier is added by the extractor.

const corpusDir = "../../testdata/corpus"

type goldFact struct {
	Doc      string   `json:"doc"`
	Text     string   `json:"text"`
	Before   string   `json:"before"`
	Kind     string   `json:"kind"`
	Value    *float64 `json:"value"`
	Masked   bool     `json:"masked"`
	Optional bool     `json:"optional"`
}

func loadGold(t testing.TB) []goldFact {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "gold.jsonl"))
	if err != nil {
		t.Skip("no gold corpus:", err)
	}
	defer f.Close()
	var facts []goldFact
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var g goldFact
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		facts = append(facts, g)
	}
	return facts
}

func TestCorpusGold(t *testing.T) {
	facts := loadGold(t)
	type doc struct {
		runes   []rune
		text    string
		matches []Match
		cursor  int
	}
	docs := map[string]*doc{}
	total, pass := 0, 0
	for _, g := range facts {
		if g.Kind == "program" || g.Optional || strings.Contains(g.Text, "。") {
			continue // programs are not numbers; 0。05 is repaired upstream
		}
		d := docs[g.Doc]
		if d == nil {
			data, err := os.ReadFile(filepath.Join(corpusDir, "docs", g.Doc))
			if err != nil {
				t.Fatal(err)
			}
			d = &doc{text: string(data), runes: []rune(string(data))}
			d.matches = Find(d.text)
			docs[g.Doc] = d
		}
		needle := []rune(g.Before + g.Text)
		at := indexRunes(d.runes, needle, d.cursor)
		if at < 0 {
			at = indexRunes(d.runes, needle, 0)
		}
		total++ // a fact that cannot be located counts as missed
		if at < 0 {
			t.Logf("%s: cannot locate %q", g.Doc, g.Before+g.Text)
			continue
		}
		start := at + len([]rune(g.Before))
		d.cursor = start
		msg := checkGold(g, start, d.matches)
		if msg != "" {
			t.Logf("%s %q%q: %s", g.Doc, g.Before, g.Text, msg)
			continue
		}
		pass++
	}
	line := fmt.Sprintf("corpus gold quantities: %d/%d found with the right value", pass, total)
	fmt.Println(line)
	t.Log(line)
	// The floor sits just below today's 0.995, so that a class that stops
	// being read fails.
	if total > 0 && float64(pass)/float64(total) < 0.99 {
		t.Errorf("corpus recall %.3f below 0.99", float64(pass)/float64(total))
	}
}

func checkGold(g goldFact, start int, matches []Match) string {
	var m *Match
	for k := range matches {
		if matches[k].Start == start {
			m = &matches[k]
			break
		}
	}
	if m == nil {
		var near []string
		for _, x := range matches {
			if x.End > start-3 && x.Start < start+len([]rune(g.Text))+3 {
				near = append(near, fmt.Sprintf("%q(%s)", x.Text, x.Kind))
			}
		}
		return "no match here; nearby: " + strings.Join(near, " ")
	}
	got := fmt.Sprintf("got %q %s %v masked=%v", m.Text, m.Kind, m.Value, m.Masked)
	switch g.Kind {
	case "percent", "money":
		if m.Kind != map[string]string{"percent": KindPercent, "money": KindMoney}[g.Kind] || m.Text != g.Text {
			return got
		}
	default:
		if m.Kind != KindNumber || !strings.HasPrefix(g.Text, m.Text) {
			return got
		}
	}
	if g.Value == nil {
		if !m.Masked {
			return got
		}
		return ""
	}
	if m.Masked || !closeEnough(m.Value, *g.Value) {
		return got
	}
	return ""
}

func indexRunes(hay, needle []rune, from int) int {
outer:
	for i := from; i+len(needle) <= len(hay); i++ {
		for k, r := range needle {
			if hay[i+k] != r {
				continue outer
			}
		}
		return i
	}
	return -1
}
