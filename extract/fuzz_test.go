package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/segment"
)

// FuzzLexicon feeds arbitrary bytes to Add: it returns an error or a
// lexicon that writes back to what it reads, and never panics.
func FuzzLexicon(f *testing.F) {
	f.Add("国内生产总值\tGDP\n# c\n")
	f.Add("\ufeff指标\t别名\r\n\t\n")
	f.Add("a\x00b\n")
	f.Fuzz(func(t *testing.T, tsv string) {
		lex := &Lexicon{}
		if err := lex.Add(strings.NewReader(tsv), "fuzz.tsv"); err != nil {
			return
		}
		var b strings.Builder
		lex.WriteTo(&b)
		again := &Lexicon{}
		if err := again.Add(strings.NewReader(b.String()), "again.tsv"); err != nil {
			t.Fatalf("written lexicon does not read back: %v\n%q", err, b.String())
		}
		lex.Canonical(tsv)
	})
}

// FuzzNames runs extraction with names over arbitrary text: names never
// hold the amount they name with its unit, and come out valid UTF-8.
func FuzzNames(f *testing.F) {
	f.Add("地区生产总值856亿元，年均增长6.8%。")
	f.Add("國內(nèi)生產(chǎn)總值2985億元,分别增长1%、2%")
	f.Add("“两税”收入(yè)完成3亿元,为年度计划的108%")
	f.Add("培训公务员2500人、教师2300人,急诊约占6%,进口占比21%")
	f.Add("差旅费支出决算为3.4万元,完成预算5万元的68%;投入1.2亿元实施校舍改造工程")
	f.Add("二〇二四至二五年度政府开支,较上次预测上修0.2个百分点,受影响下降15%")
	seg := segment.Default()
	ex := New(Options{Lexicon: DefaultLexicon(), Segmenter: seg})
	f.Fuzz(func(t *testing.T, text string) {
		rs := []rune(text)
		for _, fact := range ex.Extract(rs) {
			if !utf8.ValidString(fact.Metric) {
				t.Fatalf("metric %q is not UTF-8", fact.Metric)
			}
			raw := string(rs[fact.Start:fact.End])
			// Only an amount written once in the text can be told apart
			// from another with the same digits that the name may hold.
			if fact.Kind != KindProgram && strings.ContainsFunc(raw, isHanChar) && strings.Count(text, raw) == 1 &&
				strings.Contains(fact.Metric, raw) {
				t.Fatalf("metric %q holds its own amount %q", fact.Metric, string(rs[fact.Start:fact.End]))
			}
		}
	})
}

func isHanChar(r rune) bool { return unicode.Is(unicode.Han, r) }
