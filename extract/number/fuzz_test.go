package number

import (
	"math"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"unicode/utf8"
)

// checkInvariants verifies what every caller relies on: offsets are code
// point offsets within the input, Text is the input at those offsets, and
// matches are ordered and do not overlap.
func checkInvariants(t *testing.T, s string, ms []Match) {
	t.Helper()
	runes := []rune(s)
	prevEnd := 0
	for k, m := range ms {
		if !(0 <= m.Start && m.Start < m.End && m.End <= len(runes)) {
			t.Fatalf("%q: match %d has bad offsets [%d,%d) (len %d)", s, k, m.Start, m.End, len(runes))
		}
		if m.Start < prevEnd {
			t.Fatalf("%q: match %d [%d,%d) overlaps or precedes the previous end %d", s, k, m.Start, m.End, prevEnd)
		}
		if m.Text != string(runes[m.Start:m.End]) {
			t.Fatalf("%q: match %d Text %q is not the input at [%d,%d)", s, k, m.Text, m.Start, m.End)
		}
		if math.IsInf(m.Value, 0) || math.IsNaN(m.Value) || math.IsInf(m.High, 0) || math.IsNaN(m.High) {
			t.Fatalf("%q: match %d has value %v..%v", s, k, m.Value, m.High)
		}
		if m.Exact != "" {
			e, ok := new(big.Float).SetString(m.Exact)
			if f, _ := e.Float64(); !ok || math.Abs(f-m.Value) > 1e-12*math.Abs(m.Value) {
				t.Fatalf("%q: match %d has Exact %q for value %v", s, k, m.Exact, m.Value)
			}
		}
		switch m.Kind {
		case KindNumber, KindPercent, KindMoney:
		default:
			t.Fatalf("%q: match %d has kind %q", s, k, m.Kind)
		}
		prevEnd = m.End
	}
}

func FuzzFind(f *testing.F) {
	for _, model := range rtModels {
		for _, c := range loadCases(f, model.file) {
			f.Add(c.Input)
		}
	}
	for _, s := range []string{
		"1200余名", "近万名", "三點五億元", "3-5万元", "五六百人", "xx.xx%", "20xx年", "２７，２０３，３１９，０００元",
		"1，484万", "千分之五", "5‰", "九成", "七成五", "五分之一", "1/5", "3个百分点", "1万6千多", "人民币100元",
		"-", "百分之", "分之", "又", "负", "1/", "1e", "1^", "x.", "3万多亿", "近", "¥", "人民币",
		"三万五千亿", "万五", "千八元", "1 2 . 5 %", "7 5 折", "3美元又25美分", "12345678901234567890元",
		"廿五", "三‧五億", "二OO八", "百余所", "数百所", "减负3亿元", "1500千瓦", "51.2m2", "6 . 5", "九千零七万亿",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := Find(s)
		if rms := FindRunes([]rune(s)); !reflect.DeepEqual(rms, ms) {
			t.Fatalf("%q: FindRunes gives\n%+v\nFind gives\n%+v", s, rms, ms)
		}
		if !utf8.ValidString(s) {
			// []rune turns each invalid byte into U+FFFD; offsets still count runes.
			s = string([]rune(s))
		}
		checkInvariants(t, s, ms)
		checkInvariants(t, s, findPlain(s))
	})
}

func BenchmarkFind(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(corpusDir, "docs", "gwr2018.txt"))
	if err != nil {
		b.Skip(err)
	}
	s := string(data)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		Find(s)
	}
}

// TestFindRunesMatchesFind checks the rune form against the string form on
// whole reports, where matches are dense and varied.
func TestFindRunesMatchesFind(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(corpusDir, "docs", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus documents under %s", corpusDir)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want := Find(string(data))
		got := FindRunes([]rune(string(data)))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: FindRunes differs from Find (%d vs %d matches)", filepath.Base(p), len(got), len(want))
		}
	}
}

// TestFindRunesConcurrent runs FindRunes on the corpus from several
// goroutines at once: its reused scratch must never be shared by two calls.
func TestFindRunesConcurrent(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "docs", "*.txt"))
	var texts [][]rune
	var want [][]Match
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, []rune(string(data)))
		want = append(want, Find(string(data)))
	}
	var wg sync.WaitGroup
	var failures atomic.Int64
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 10 {
				i := (g + round) % len(texts)
				if !reflect.DeepEqual(FindRunes(texts[i]), want[i]) {
					failures.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d concurrent calls gave other matches than Find", n)
	}
}
