package number

import (
	"fmt"
	"strings"
	"testing"
)

// want describes one expected match; zero fields other than Text and Kind
// are checked too (Unit "", Qualifier "", not a range, not masked).
type want struct {
	Text      string
	Kind      string
	Value     float64
	High      float64 // checked only for ranges
	Range     bool
	Masked    bool
	Unit      string
	Qualifier string
}

func num(text string, v float64) want { return want{Text: text, Kind: KindNumber, Value: v} }
func more(text string, v float64) want {
	return want{Text: text, Kind: KindNumber, Value: v, Qualifier: QualifierMoreThan}
}
func pct(text string, v float64) want {
	return want{Text: text, Kind: KindPercent, Value: v, Unit: "%"}
}
func yuan(text string, v float64) want {
	return want{Text: text, Kind: KindMoney, Value: v, Unit: "元"}
}
func masked(text, kind, unit string) want {
	return want{Text: text, Kind: kind, Masked: true, Unit: unit}
}

func runCases(t *testing.T, cases []struct {
	in   string
	want []want
}) {
	t.Helper()
	for _, tc := range cases {
		got := Find(tc.in)
		if msg := compare(tc.in, got, tc.want); msg != "" {
			t.Errorf("Find(%q): %s", tc.in, msg)
		}
	}
}

func compare(in string, got []Match, wants []want) string {
	show := func() string {
		var b strings.Builder
		for _, m := range got {
			fmt.Fprintf(&b, "\n\t%+v", m)
		}
		return b.String()
	}
	if len(got) != len(wants) {
		return fmt.Sprintf("got %d matches, want %d:%s", len(got), len(wants), show())
	}
	runes := []rune(in)
	for k, w := range wants {
		m := got[k]
		if string(runes[m.Start:m.End]) != m.Text {
			return fmt.Sprintf("match %d: Text %q is not the input at [%d,%d)", k, m.Text, m.Start, m.End)
		}
		ok := m.Text == w.Text && m.Kind == w.Kind && m.IsRange == w.Range && m.Masked == w.Masked &&
			m.Unit == w.Unit && m.Qualifier == w.Qualifier
		if ok && !w.Masked {
			ok = closeEnough(m.Value, w.Value)
			if w.Range {
				ok = ok && closeEnough(m.High, w.High)
			} else {
				ok = ok && closeEnough(m.High, m.Value)
			}
		}
		if !ok {
			return fmt.Sprintf("match %d: want %+v%s", k, w, show())
		}
	}
	return ""
}

type findCase = struct {
	in   string
	want []want
}

func TestArabicAndChinese(t *testing.T) {
	runCases(t, []findCase{
		{"共有1,234,567人", []want{num("1,234,567", 1234567)}},
		{"1，484万", []want{num("1，484万", 14840000)}},
		{"2，000万人", []want{num("2，000万", 20000000)}},
		{"分别为12，34人", []want{num("12", 12), num("34", 34)}},
		{"1.2萬名", []want{num("1.2萬", 12000)}},
		{"45.1萬人次", []want{num("45.1萬", 451000)}},
		{"１２３", []want{num("１２３", 123)}},
		{"一百七十七亿", []want{num("一百七十七亿", 17700000000)}},
		{"二十七亿四千万", []want{num("二十七亿四千万", 2740000000)}},
		{"三千一百零八", []want{num("三千一百零八", 3108)}},
		{"壹仟贰佰叁拾肆", []want{num("壹仟贰佰叁拾肆", 1234)}},
		{"两千", []want{num("两千", 2000)}},
		{"兩百", []want{num("兩百", 200)}},
		{"二〇二〇年", []want{num("二〇二〇", 2020)}},
		{"一千零五", []want{num("一千零五", 1005)}},
		{"二百五", []want{num("二百五", 250)}},
		{"1万6千", []want{num("1万6千", 16000)}},
		{"1千2", []want{num("1千2", 1200)}},
		{"3万4000", []want{num("3万4000", 34000)}},
		{"1千零2", []want{num("1千零2", 1002)}},
		{"三點五億", []want{num("三點五億", 350000000)}},
		{"两千点零五", []want{num("两千点零五", 2000.05)}},
		{"54万亿", []want{num("54万亿", 54e12)}},
		{"3万多亿元", []want{{Text: "3万多亿元", Kind: KindMoney, Value: 3e12, Unit: "元", Qualifier: QualifierMoreThan}}},
		{"2020年", []want{num("2020", 2020)}},
		{"192.168.1.1", []want{num("192", 192), num("168", 168), num("1", 1), num("1", 1)}},
		{"5G网络", nil},
		{"订单号A2021072113", nil},
		{"21.32 KB", []want{num("21.32", 21.32)}},
		{"约.5", []want{num(".5", 0.5)}},
		{"1e999", nil},
	})
}

func TestApproximators(t *testing.T) {
	runCases(t, []findCase{
		{"1200余", []want{more("1200余", 1200)}},
		{"1200余名", []want{more("1200余", 1200)}},
		{"300多位", []want{more("300多", 300)}},
		// A trailing 多 with nothing after it is left out, as the peer's spec
		// does (四百多 → 四百).
		{"300多", []want{num("300", 300)}},
		{"3千余", []want{more("3千余", 3000)}},
		{"1万6千多户", []want{more("1万6千多", 16000)}},
		{"1亿3千多万", []want{more("1亿3千多万", 130000000)}},
		{"5千多户", []want{more("5千多", 5000)}},
		{"一万二千二百多人", []want{more("一万二千二百多", 12200)}},
		{"13亿多人口", []want{more("13亿多", 1.3e9)}},
		{"十余万", []want{more("十余万", 100000)}},
		// 几 counts as the smallest value it can mean: 几十 → 10, 二十几 → 20.
		{"几十个", []want{more("几十", 10)}},
		{"几百万元", []want{{Text: "几百万元", Kind: KindMoney, Value: 1e6, Unit: "元", Qualifier: QualifierMoreThan}}},
		{"二十几岁", []want{more("二十几", 20)}},
		// A scale word alone after 近 上 逾 过 超 破; the leading word stays out.
		{"全市近万名", []want{num("万", 10000)}},
		{"上千人", []want{num("千", 1000)}},
		{"近千万元", []want{yuan("千万元", 1e7)}},
		{"万万", nil},
		{"千万不要", nil},
	})
}

func TestRanges(t *testing.T) {
	rng := func(text, kind, unit string, lo, hi float64) want {
		return want{Text: text, Kind: kind, Value: lo, High: hi, Range: true, Unit: unit}
	}
	runCases(t, []findCase{
		{"3-5万元", []want{rng("3-5万元", KindMoney, "元", 30000, 50000)}},
		{"3至5万元", []want{rng("3至5万元", KindMoney, "元", 30000, 50000)}},
		{"3~5万元", []want{rng("3~5万元", KindMoney, "元", 30000, 50000)}},
		{"3～5万元", []want{rng("3～5万元", KindMoney, "元", 30000, 50000)}},
		{"3万-5万元", []want{rng("3万-5万元", KindMoney, "元", 30000, 50000)}},
		{"十至二十万", []want{rng("十至二十万", KindNumber, "", 100000, 200000)}},
		{"五六百人", []want{rng("五六百", KindNumber, "", 500, 600)}},
		{"二三十个", []want{rng("二三十", KindNumber, "", 20, 30)}},
		{"三四十万元", []want{rng("三四十万元", KindMoney, "元", 300000, 400000)}},
		{"五六个", []want{rng("五六", KindNumber, "", 5, 6)}},
		{"3-5人", []want{rng("3-5", KindNumber, "", 3, 5)}},
		{"10%-20%", []want{pct("10%", 10), pct("20%", 20)}},
		{"10-20%", []want{rng("10-20%", KindPercent, "%", 10, 20)}},
		// Not ranges: dates, codes, two amounts joined by 到, a plan name.
		{"2023-09-14", []want{num("2023", 2023), num("09", 9), num("14", 14)}},
		{"十五亿元到二十亿元", []want{yuan("十五亿元", 15e8), yuan("二十亿元", 20e8)}},
		{"十四五规划", []want{num("十四", 14)}},
		{"2019—2021年", []want{num("2019", 2019), num("2021", 2021)}},
		{"(2020-2022年)", []want{num("2020", 2020), num("2022", 2022)}},
		{"1000-2000万元", []want{rng("1000-2000万元", KindMoney, "元", 1e7, 2e7)}},
		{"九九", nil},
	})
}

func TestMasks(t *testing.T) {
	runCases(t, []findCase{
		{"xxxx万元", []want{masked("xxxx万元", KindMoney, "元")}},
		{"x.x亿元", []want{masked("x.x亿元", KindMoney, "元")}},
		{"xx.xx%", []want{masked("xx.xx%", KindPercent, "%")}},
		{"ｘｘ所", []want{masked("ｘｘ", KindNumber, "")}},
		{"XX名", []want{masked("XX", KindNumber, "")}},
		{"20xx年", []want{masked("20xx", KindNumber, "")}},
		{"20xx余名", []want{{Text: "20xx余", Kind: KindNumber, Masked: true, Qualifier: QualifierMoreThan}}},
		{"**名", []want{masked("**", KindNumber, "")}},
		{"＊＊名", []want{masked("＊＊", KindNumber, "")}},
		{"×××名", []want{masked("×××", KindNumber, "")}},
		{"n个", []want{masked("n", KindNumber, "")}},
		{"__个", []want{masked("__", KindNumber, "")}},
		{"1x个", []want{masked("1x", KindNumber, "")}},
		{"xx.xx", []want{masked("xx.xx", KindNumber, "")}},
		{"box", nil},
		{"* 注", nil},
		{"3×4", []want{num("3", 3), num("4", 4)}},
	})
}

func TestPercent(t *testing.T) {
	pp := func(text string, v float64) want {
		return want{Text: text, Kind: KindPercent, Value: v, Unit: "百分点"}
	}
	runCases(t, []findCase{
		{"99.8%", []want{pct("99.8%", 99.8)}},
		{"９５％", []want{pct("９５％", 95)}},
		{"百分之九十五点三", []want{pct("百分之九十五点三", 95.3)}},
		{"百分之百", []want{pct("百分之百", 100)}},
		// Per mille is a percent with the value in percent: 千分之五 → 0.5.
		{"千分之五", []want{pct("千分之五", 0.5)}},
		{"5‰", []want{pct("5‰", 0.5)}},
		{"九成", []want{pct("九成", 90)}},
		{"七成五", []want{pct("七成五", 75)}},
		{"三成半", []want{pct("三成半", 35)}},
		{"九成学生", []want{pct("九成", 90)}},
		{"建成一所", []want{num("一", 1)}},
		{"一成员", []want{num("一", 1)}},
		{"五分之一", []want{pct("五分之一", 20)}},
		{"三分之二", []want{pct("三分之二", 200.0/3)}},
		{"1/5", []want{pct("1/5", 20)}},
		{"2023/9/1", []want{num("2023", 2023), num("9", 9), num("1", 1)}},
		{"3/1000", []want{num("3", 3), num("1000", 1000)}}, // a rate per 1000: the unit is read later
		{"0/10万", []want{num("0", 0), num("10万", 100000)}}, // not the fraction 0/10
		{"7/100", []want{pct("7/100", 7)}},
		{"7/120", []want{pct("7/120", 700.0/120)}},
		{"3个百分点", []want{pp("3个百分点", 3)}},
		{"1.5个百分点", []want{pp("1.5个百分点", 1.5)}},
		{"0.8百分点", []want{pp("0.8百分点", 0.8)}},
		{"增长-3.2%", []want{pct("-3.2%", -3.2)}},
		{"增长−3.2%", []want{pct("−3.2%", -3.2)}},
		{"负百分之五", []want{pct("负百分之五", -5)}},
		{"八折", []want{pct("八折", 80)}},
		{"折合人民币", nil},
	})
}

func TestMoney(t *testing.T) {
	cur := func(text, unit string, v float64) want {
		return want{Text: text, Kind: KindMoney, Value: v, Unit: unit}
	}
	runCases(t, []findCase{
		{"1200万元", []want{yuan("1200万元", 12000000)}},
		{"２７，２０３，３１９，０００元", []want{yuan("２７，２０３，３１９，０００元", 27203319000)}},
		{"三點五億元", []want{yuan("三點五億元", 350000000)}},
		{"近20萬元", []want{yuan("20萬元", 200000)}},
		{"54万亿元", []want{yuan("54万亿元", 54e12)}},
		{"人民币100元", []want{yuan("人民币100元", 100)}},
		{"人民币 8千元", []want{yuan("人民币 8千元", 8000)}},
		{"8亿元人民币", []want{yuan("8亿元人民币", 8e8)}},
		{"5块钱", []want{yuan("5块钱", 5)}},
		{"一块蛋糕", []want{num("一", 1)}},
		{"五元三毛", []want{yuan("五元三毛", 5.3)}},
		{"¥100", []want{yuan("¥100", 100)}},
		{"100美元", []want{cur("100美元", "美元", 100)}},
		{"3亿美金", []want{cur("3亿美金", "美元", 3e8)}},
		{"20欧元", []want{cur("20欧元", "欧元", 20)}},
		{"5英镑", []want{cur("5英镑", "英镑", 5)}},
		{"1万亿日元", []want{cur("1万亿日元", "日元", 1e12)}},
		{"1.95港元", []want{cur("1.95港元", "港元", 1.95)}},
		{"10港币", []want{cur("10港币", "港元", 10)}},
		{"1.0092瑞士法郎", []want{cur("1.0092瑞士法郎", "瑞士法郎", 1.0092)}},
		{"人民币", nil},
		{"2020元旦", []want{num("2020", 2020)}},
		{"€20", []want{cur("€20", "欧元", 20)}},
		{"US$5", []want{cur("US$5", "美元", 5)}},
		{"HK$5", []want{cur("HK$5", "港元", 5)}},
		{"50美分", []want{cur("50美分", "美元", 0.5)}},
		{"五毛钱", []want{yuan("五毛钱", 0.5)}},
		{"每张十块。", []want{yuan("十块", 10)}},
		{"五块三毛", []want{yuan("五块三毛", 5.3)}},
		{"一套班子、两块牌子", []want{num("一", 1), num("两", 2)}},
		{"1.13億元", []want{yuan("1.13億元", 113000000)}},
	})
}

func TestSingleDigits(t *testing.T) {
	// A lone Chinese digit is a number only before a classifier, a function
	// word or punctuation; financial numerals never stand alone.
	runCases(t, []findCase{
		{"一是", []want{num("一", 1)}},
		{"一批", []want{num("一", 1)}},
		{"一体化", nil},
		{"一看", nil},
		{"四川", nil},
		{"大陆", nil},
		{"队伍", nil},
		{"三项", []want{num("三", 3)}},
		{"两次", []want{num("两", 2)}},
		{"十二个", []want{num("十二", 12)}},
	})
}

func TestOffsetsAreCodePoints(t *testing.T) {
	in := "𠀀𠀁增长了3.5%，达到１２００万元"
	got := Find(in)
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	if got[0].Start != 5 || got[0].End != 9 || got[1].Start != 12 || got[1].End != 18 {
		t.Errorf("offsets: %+v", got)
	}
}
