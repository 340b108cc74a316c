package noise

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/pipeline"
	"github.com/zhmetrics/zhmetrics/score"
	"github.com/zhmetrics/zhmetrics/segment"
)

// Allowed drops under noise, from the acceptance: quantity F1 may
// fall by at most maxF1Drop below the clean corpus's, metric-name accuracy
// by at most maxNameDrop.
const (
	maxF1Drop   = 0.01
	maxNameDrop = 0.03
)

// noiseSets are the gold sets scored under noise: the corpus the rules were
// written against and the held-out reports.
var noiseSets = []struct{ name, gold, docs string }{
	{"corpus", "../testdata/corpus/gold.jsonl", "../testdata/corpus/docs"},
	{"holdout", "../testdata/holdout/gold.jsonl", "../testdata/holdout/docs"},
}

// TestLayoutNoise extracts every report of each gold set transformed by
// each kind of layout noise and scores the rows against the gold spans
// moved by the same transformation. Noise that keeps every fact must keep
// the scores.
func TestLayoutNoise(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the corpus once per transformation")
	}
	cfg := pipeline.Config{
		Encoding:  "auto",
		Script:    "auto",
		Extractor: extract.New(extract.Options{Lexicon: extract.DefaultLexicon(), Segmenter: segment.Default()}),
	}
	for _, set := range noiseSets {
		t.Run(set.name, func(t *testing.T) {
			gold, texts, errs, err := score.ResolveGoldFile(set.gold, set.docs)
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) > 0 {
				t.Fatalf("gold facts not found in the clean reports: %s", strings.Join(errs, "; "))
			}
			clean := scoreTransformed(t, Transform{"clean", func(src []rune) (Result, error) { return identity(src), nil }}, gold, texts, cfg).Summary()
			t.Logf("%-16s quantity F1 %.4f  names right %.4f", "clean", clean.Quantities.F1, clean.MetricNameRight)
			for _, tr := range All() {
				res := scoreTransformed(t, tr, gold, texts, cfg)
				s := res.Summary()
				t.Logf("%-16s quantity F1 %.4f  names right %.4f", tr.Name, s.Quantities.F1, s.MetricNameRight)
				if s.Quantities.F1 < clean.Quantities.F1-maxF1Drop {
					var misses strings.Builder
					score.WriteMisses(&misses, res, 15)
					t.Errorf("%s: quantity F1 %.4f, clean %.4f; first misses:\n%s", tr.Name, s.Quantities.F1, clean.Quantities.F1, misses.String())
				}
				if s.MetricNameRight < clean.MetricNameRight-maxNameDrop {
					t.Errorf("%s: metric names right %.4f, clean %.4f", tr.Name, s.MetricNameRight, clean.MetricNameRight)
				}
			}
		})
	}
}

// readingsDir holds short reports without gold facts, written in the
// styles of several genres and places: under noise, what is read of them
// must be what is read of them clean.
const readingsDir = "testdata/readings"

// Floors for TestLayoutNoiseKeepsTheCleanReading: every transformation
// keeps all the amounts today, and all the names but one or two.
const (
	minReadingF1    = 0.99
	minReadingNames = 0.98
)

// TestLayoutNoiseKeepsTheCleanReading reads each text of readingsDir
// clean, takes those rows as the facts, and scores the reading of the
// same texts under each kind of layout noise against them.
func TestLayoutNoiseKeepsTheCleanReading(t *testing.T) {
	cfg := pipeline.Config{
		Encoding:  "auto",
		Script:    "auto",
		Extractor: extract.New(extract.Options{Lexicon: extract.DefaultLexicon(), Segmenter: segment.Default()}),
	}
	texts, facts := readClean(t, cfg)
	for _, tr := range All() {
		res := scoreTransformed(t, tr, facts, texts, cfg)
		s := res.Summary()
		t.Logf("%-16s quantity F1 %.4f  names right %.4f", tr.Name, s.Quantities.F1, s.MetricNameRight)
		if s.Quantities.F1 < minReadingF1 || s.MetricNameRight < minReadingNames {
			var misses strings.Builder
			score.WriteMisses(&misses, res, 10)
			t.Errorf("%s: quantity F1 %.4f, names right %.4f against the clean reading; first misses:\n%s",
				tr.Name, s.Quantities.F1, s.MetricNameRight, misses.String())
		}
	}
}

// readClean returns the texts of readingsDir and the rows read of them
// clean, as facts.
func readClean(t *testing.T, cfg pipeline.Config) (map[string][]rune, []score.GoldFact) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(readingsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no texts in %s: %v", readingsDir, err)
	}
	texts := map[string][]rune{}
	var facts []score.GoldFact
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := filepath.Base(f)
		texts[doc] = []rune(string(data))
		res := pipeline.Process(doc, data, cfg)
		if res.Err != nil || len(res.Rows) == 0 {
			t.Fatalf("%s: %d rows, %v", doc, len(res.Rows), res.Err)
		}
		for _, row := range res.Rows {
			g := score.GoldFact{Doc: doc, Kind: row.Kind, Unit: row.Unit, Masked: row.Masked, Qualifier: row.Qualifier,
				Metric: row.Metric, Resolved: true, Start: row.Start, End: row.End}
			if row.Value != nil {
				v := *row.Value
				g.Value = &v
			}
			facts = append(facts, g)
		}
	}
	return texts, facts
}

// scoreTransformed transforms every document, moves the gold spans with it,
// extracts the transformed documents and scores them.
func scoreTransformed(t *testing.T, tr Transform, gold []score.GoldFact, texts map[string][]rune, cfg pipeline.Config) score.Result {
	t.Helper()
	docs := make([]string, 0, len(texts))
	for doc := range texts {
		docs = append(docs, doc)
	}
	sort.Strings(docs)
	results := make(map[string]Result, len(docs))
	noisy := make(map[string][]rune, len(docs))
	var preds []score.Prediction
	for _, doc := range docs {
		r, err := tr.Apply(texts[doc])
		if err != nil {
			t.Fatalf("%s: %s: %v", tr.Name, doc, err)
		}
		results[doc], noisy[doc] = r, r.Text
		res := pipeline.Process(doc, r.Encoded(), cfg)
		if res.Err != nil {
			t.Fatalf("%s: %s: %v", tr.Name, doc, res.Err)
		}
		for _, row := range res.Rows {
			preds = append(preds, score.Prediction{
				Doc: doc, Start: row.Start, End: row.End, Kind: row.Kind, Value: row.Value,
				Unit: row.Unit, Masked: row.Masked, Qualifier: row.Qualifier, Metric: row.Metric,
			})
		}
	}
	moved := make([]score.GoldFact, len(gold))
	for i, g := range gold {
		g.Start, g.End = results[g.Doc].Span(g.Start, g.End)
		moved[i] = g
	}
	return score.Score(moved, noisy, preds)
}

// TestTransformsKeepEveryCharacter checks what the suite relies on: every
// source character is found where Pos says, in the same or its noisy form,
// and in order.
func TestTransformsKeepEveryCharacter(t *testing.T) {
	src := []rune("全市共有学校120所，在校学生3.5万人，增长12.5%（比上年）。\n第二段：投入资金1200万元；\n")
	same := func(a, b rune) bool { return a == b }
	for _, tr := range All() {
		t.Run(tr.Name, func(t *testing.T) {
			r, err := tr.Apply(src)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Pos) != len(src)+1 || r.Pos[len(src)] != len(r.Text) {
				t.Fatalf("Pos has %d entries ending at %d, want %d ending at %d", len(r.Pos), r.Pos[len(r.Pos)-1], len(src)+1, len(r.Text))
			}
			for i, c := range src {
				if i > 0 && r.Pos[i] <= r.Pos[i-1] {
					t.Fatalf("character %d moved before character %d", i, i-1)
				}
				got := r.Text[r.Pos[i]]
				if !same(got, c) && !sameCharacter(tr.Name, got, c) {
					t.Fatalf("character %d: got %q, want %q", i, got, c)
				}
			}
		})
	}
}

// sameCharacter reports whether got is what transform name makes of want.
func sameCharacter(name string, got, want rune) bool {
	if a, b, ok := strings.Cut(name, "+"); ok {
		return sameCharacter(a, got, want) || sameCharacter(b, got, want) || a == "ascii-punct" && got == asciiFor[want]
	}
	switch name {
	case "ascii-punct":
		return asciiFor[want] == got
	case "fullwidth-punct":
		return fullWidthFor[want] == got || want == '.' && got == '．'
	case "fullwidth-digits":
		return want-'0'+'０' == got
	case "traditional":
		return true // checked by TestTraditional
	}
	return false
}

func TestTransforms(t *testing.T) {
	tests := []struct {
		name string
		f    func([]rune) Result
		in   string
		want string
	}{
		{"spaced digits", SpaceDigits, "增长12.5%，共300所", "增长1 2 . 5%，共3 0 0所"},
		{"spaced chars", SpaceEveryCharacter, "共3所\n学校", "共 3 所\n学 校"},
		{"wrap", func(s []rune) Result { return HardWrap(s, 4) }, "投入资金1200万元\n好", "投入资金\n1200\n万元\n好"},
		{"ascii", ASCIIPunctuation, "甲（乙），丙。", "甲(乙),丙."},
		{"fullwidth", FullWidthPunctuation, "3.5%,(a)", "3．5％，（a）"},
		{"digits", FullWidthDigits, "12个", "１２个"},
		{"crlf", CRLF, "a\nb\n", "a\r\nb\r\n"},
		{"pdftotext", func(s []rune) Result { return wrapWords(spaceScripts(s).Text, 12) }, "共有学校1680所和GDP", "共有学校 \n1680 所和 \nGDP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(tt.f([]rune(tt.in)).Text); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPaginate(t *testing.T) {
	src := []rune(strings.Repeat("全县共有中小学校一百二十所，投入资金1200万元。", 6))
	r := Paginate(src, 10, 4, false)
	got := string(r.Text)
	for _, want := range []string{"\n— 1 —\n\f" + runningTitle + "\n\n", "\n第 2 页 共 ", "\n3/"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	a, b := r.Span(14, 24) // 投入资金1200万元
	if s := strings.NewReplacer("\n", "").Replace(string(r.Text[a:b])); !strings.HasPrefix(s, "投入资金12") {
		t.Errorf("span maps to %q", string(r.Text[a:b]))
	}
}

func TestTraditional(t *testing.T) {
	r, err := Traditional([]rune("学校发展规划\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(r.Text); got != "學校發展規劃\n" {
		t.Errorf("got %q", got)
	}
}

func TestEncodings(t *testing.T) {
	src := []rune("学生1200名")
	for _, f := range []func([]rune) (Result, error){GB18030, UTF16} {
		r, err := f(src)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Bytes) == 0 || string(r.Bytes) == string(src) {
			t.Errorf("%s: not encoded: %x", fmt.Sprint(r.Text), r.Bytes)
		}
	}
}
