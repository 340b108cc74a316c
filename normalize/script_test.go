package normalize

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/liuzl/gocc"
)

// scriptTexts returns the corpus documents and random text built from the
// conversion dictionaries' keys, their pieces and other characters.
func scriptTexts(t *testing.T) []string {
	t.Helper()
	paths, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	var texts []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	var keys []string
	for _, d := range conversionDicts {
		for _, e := range parseDict(d) {
			keys = append(keys, string(e.key), string(e.value))
		}
	}
	others := []string{"a", "1", " ", "\n", "。", "，", "％", "㎡", "𠀀", "\ufffd", "的", "了", "萬", "億", "兩"}
	rng := rand.New(rand.NewSource(7))
	for range 3000 {
		var b strings.Builder
		for k := rng.Intn(30); k >= 0; k-- {
			switch rng.Intn(5) {
			case 0:
				b.WriteString(others[rng.Intn(len(others))])
			case 1:
				b.WriteRune(rune(0x3400 + rng.Intn(0x9FFF-0x3400)))
			case 2:
				key := []rune(keys[rng.Intn(len(keys))])
				b.WriteString(string(key[:1+rng.Intn(len(key))]))
			default:
				b.WriteString(keys[rng.Intn(len(keys))])
			}
		}
		texts = append(texts, b.String())
	}
	return texts
}

func TestSimplifyMatchesGocc(t *testing.T) {
	texts := scriptTexts(t)
	for _, conv := range conversions {
		cc, err := gocc.New(conv)
		if err != nil {
			t.Fatal(err)
		}
		step, err := Simplify(conv)
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		for _, text := range texts {
			want, err := cc.Convert(text)
			if err != nil {
				t.Fatal(err)
			}
			got := step.Apply(NewText(text, 0))
			if got.String() != want {
				bad++
				if bad <= 3 {
					t.Errorf("%s(%q)\n got %q\nwant %q", conv, short(text), short(got.String()), short(want))
				}
				continue
			}
			checkMap(t, text, got)
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d texts differ from gocc", conv, bad, len(texts))
		}
	}
}

func short(s string) string {
	if rs := []rune(s); len(rs) > 60 {
		return string(rs[:60]) + "…"
	}
	return s
}

// TestTraditionalSet checks the characters DetectScript counts against
// what gocc's t2s character table does to each.
func TestTraditionalSet(t *testing.T) {
	cc, err := gocc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	group := cc.DictChains[len(cc.DictChains)-1]
	if f := group.Files[len(group.Files)-1]; f != "TSCharacters.txt" {
		t.Fatalf("t2s ends with %s", f)
	}
	chars := group.Dicts[len(group.Dicts)-1]
	set := traditionalSet()
	count := 0
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		s := string(r)
		m, err := chars.PrefixMatch(s)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := m[s]
		want := ok && len(v) > 0 && v[0] != s
		got := set[(r-0x3400)>>6]&(1<<(r&63)) != 0
		if got != want {
			t.Errorf("%q: traditional %v, t2s says %v", r, got, want)
		}
		if got {
			count++
		}
	}
	if count < 2000 {
		t.Errorf("only %d traditional characters", count)
	}
}

// TestHanBlocks checks the ranges DetectScript takes as Han throughout.
func TestHanBlocks(t *testing.T) {
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		fast := r <= 0x4DBF || r >= 0x4E00
		if fast != unicode.Is(unicode.Han, r) {
			t.Fatalf("%U: taken as Han %v, unicode says %v", r, fast, !fast)
		}
	}
}

func TestDetectScriptCounts(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"", ScriptNone},
		{"ABC 123", ScriptNone},
		{"㐀㐁㐂 䶵", ScriptSimplified},                         // Extension A counts as Han
		{"乾後", ScriptSimplified},                            // too few to be traditional
		{"乾後裏", ScriptTraditional},                          // three, and all of the text
		{"乾後裏" + strings.Repeat("学", 60), ScriptSimplified}, // under one in twenty
		{"乾後裏" + strings.Repeat("学", 57), ScriptTraditional},
		{"𠀀𠀁𠀂", ScriptSimplified}, // Han beyond the BMP
	}
	for _, tt := range tests {
		if got := DetectScript([]rune(tt.text)); got != tt.want {
			t.Errorf("DetectScript(%q) = %s, want %s", short(tt.text), got, tt.want)
		}
	}
}

// TestTablesAreGoccs checks every generated table against the dictionary
// gocc builds from the same file: the same keys with the same values.
func TestTablesAreGoccs(t *testing.T) {
	for _, conv := range conversions {
		cc, err := gocc.New(conv)
		if err != nil {
			t.Fatal(err)
		}
		if len(cc.DictChains) != len(conversionChains[conv]) {
			t.Fatalf("%s: %d groups, gocc has %d", conv, len(conversionChains[conv]), len(cc.DictChains))
		}
		for gi, g := range cc.DictChains {
			for di, d := range g.Dicts {
				name := strings.TrimSuffix(g.Files[di], ".txt")
				if got := conversionChains[conv][gi][di]; got != name {
					t.Fatalf("%s group %d dictionary %d is %s, gocc has %s", conv, gi, di, got, name)
				}
				ours := map[string]string{}
				for _, e := range parseDict(conversionDicts[name]) {
					ours[string(e.key)] = string(e.value)
				}
				ids := d.Trie.PrefixPredict(nil, 0)
				if len(ids) != len(ours) {
					t.Errorf("%s: %d keys, gocc has %d", name, len(ours), len(ids))
				}
				for _, id := range ids {
					key, err := d.Trie.Key(id)
					if err != nil {
						t.Fatal(err)
					}
					v, err := d.Trie.Value(id)
					if err != nil {
						t.Fatal(err)
					}
					if want := d.Values[v][0]; ours[string(key)] != want {
						t.Errorf("%s: %q → %q, gocc has %q", name, key, ours[string(key)], want)
					}
				}
			}
		}
	}
}
