package normalize

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// replaceStep returns a step that replaces every old rune with new, a
// change at every occurrence.
func replaceStep(old, new rune) Step {
	return StepFunc(func(src *Text) *Text {
		b := newBuilder(src)
		for i, r := range src.Runes {
			if r == old {
				b.emit(new, i, i+1)
			} else {
				b.keep(i)
			}
		}
		return b.text()
	})
}

func TestChainRecyclesIntermediatesOnly(t *testing.T) {
	in := NewText(strings.Repeat("甲乙丙丁", 50), 0)
	before := slices.Clone(in.Runes)

	var texts []*Text
	record := func(s Step) Step {
		return StepFunc(func(src *Text) *Text {
			out := s.Apply(src)
			texts = append(texts, out)
			return out
		})
	}
	out := Chain(
		record(replaceStep('甲', 'A')),
		record(replaceStep('乙', 'B')),
		record(replaceStep('丙', 'C')),
		record(replaceStep('丁', 'D')),
	).Apply(in)

	if want := strings.Repeat("ABCD", 50); string(out.Runes) != want {
		t.Fatalf("chain gives %q, want %q", string(out.Runes), want)
	}
	if !slices.Equal(in.Runes, before) {
		t.Fatal("the caller's text was overwritten")
	}
	// The third step builds into the first step's buffers, the fourth into
	// the second's: two sets of buffers for four changing steps.
	if &texts[2].Runes[0] != &texts[0].Runes[0] || &texts[3].Runes[0] != &texts[1].Runes[0] {
		t.Error("intermediate buffers were not recycled")
	}
	if &texts[1].Runes[0] == &in.Runes[0] || &texts[2].Runes[0] == &in.Runes[0] {
		t.Error("a step built into the caller's buffers")
	}
	if out.spare != nil {
		t.Error("the result keeps a dead text alive")
	}
}

// TestReleasedBuffersAreReusedSafely normalises the corpus over and over
// from several goroutines, releasing every result, and compares each with a
// text built in fresh buffers: a buffer handed out twice would show up as a
// wrong character or offset.
func TestReleasedBuffersAreReusedSafely(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	if len(paths) == 0 {
		t.Fatal("no corpus documents")
	}
	var docs []string
	var want []*Text
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, script := range []string{"none", "t2s"} {
			docs = append(docs, string(data))
			want = append(want, normalizeFresh(t, string(data), script))
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 5 {
				for k := range docs {
					i := (k*7 + g + round) % len(docs) // a different order per goroutine
					script := []string{"none", "t2s"}[i%2]
					res, err := Normalize(docs[i], 0, Options{Script: script})
					if err != nil {
						errs <- err.Error()
						return
					}
					if !sameText(res.Text, want[i]) {
						errs <- fmt.Sprintf("document %d (%s), round %d: text differs after reuse", i, script, round)
						return
					}
					res.Text.Release()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
