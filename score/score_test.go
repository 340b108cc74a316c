package score

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func ptr(x float64) *float64 { return &x }

func TestSmallChinese(t *testing.T) {
	tests := []struct {
		span, kind string
		want       bool
	}{
		{"三项", "count", true},
		{"十二个", "count", true},
		{"两次", "measure", true},
		{"", "count", true},
		{"12所", "count", false},
		{"１２所", "count", false},
		{"xx所", "count", false},
		{"＊名", "count", false},
		{"三百名", "count", false},
		{"一万人", "count", false},
		{"三點五亿元", "money", false},
		{"九成", "percent", false},
		{"三年攻坚行动", "program", false},
	}
	for _, tt := range tests {
		if got := smallChinese([]rune(tt.span), tt.kind); got != tt.want {
			t.Errorf("smallChinese(%q, %q) = %v, want %v", tt.span, tt.kind, got, tt.want)
		}
	}
}

func TestSameValue(t *testing.T) {
	tests := []struct {
		a, b *float64
		want bool
	}{
		{nil, nil, true},
		{nil, ptr(0), false},
		{ptr(0), nil, false},
		{ptr(12000), ptr(12000), true},
		{ptr(12000), ptr(12000 * (1 + 1e-10)), true},
		{ptr(12000), ptr(12000 * (1 + 1e-8)), false},
		{ptr(0), ptr(1e-9), true}, // the tolerance is at least 1e-9
		{ptr(0), ptr(2e-9), false},
		{ptr(99.8), ptr(99.80000000001), true},
		{ptr(math.NaN()), ptr(math.NaN()), false},
		{ptr(math.Inf(1)), ptr(math.Inf(1)), false}, // inf - inf is NaN, as in Python
	}
	for _, tt := range tests {
		if got := sameValue(tt.a, tt.b); got != tt.want {
			t.Errorf("sameValue(%v, %v) = %v, want %v", valueRepr(tt.a), valueRepr(tt.b), got, tt.want)
		}
	}
}

func TestNameF1(t *testing.T) {
	// Expected values are Python's name_f1 from score.py.
	tests := []struct {
		a, b string
		want float64
	}{
		{"新增学位", "学位", 0.6666666666666666},
		{"aab", "ab", 0.8},
		{"本科上线率", "本科上线率", 1.0},
		{"学校", "学生人数", 0.3333333333333333},
		{"名师工作室", "区级名师工作室", 0.8333333333333333},
		{"学校", "教师", 0},
		{"", "学校", 0},
		{"学校", "", 0},
	}
	for _, tt := range tests {
		if got := nameF1(tt.a, tt.b); got != tt.want {
			t.Errorf("nameF1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPRF(t *testing.T) {
	tests := []struct {
		tp, npred, ngold int
		p, r, f          float64
	}{
		{0, 0, 0, 0, 0, 0},
		{0, 5, 0, 0, 0, 0},
		{3, 4, 6, 0.75, 0.5, 0.6},
		{5, 5, 5, 1, 1, 1},
		{1, 3, 3, 1.0 / 3, 1.0 / 3, 0.3333333333333333},
	}
	for _, tt := range tests {
		p, r, f := prf(tt.tp, tt.npred, tt.ngold)
		if p != tt.p || r != tt.r || f != tt.f {
			t.Errorf("prf(%d, %d, %d) = %v, %v, %v, want %v, %v, %v", tt.tp, tt.npred, tt.ngold, p, r, f, tt.p, tt.r, tt.f)
		}
	}
}

func TestPyRound(t *testing.T) {
	// Expected values are Python's round(x, 4) and round(x, 2).
	tests := []struct {
		x      float64
		r4, r2 float64
		repr4  string
	}{
		{0.125, 0.125, 0.12, "0.125"},
		{0.375, 0.375, 0.38, "0.375"},
		{2.675, 2.675, 2.67, "2.675"},
		{0.00015, 0.0001, 0.0, "0.0001"},
		{0.12345, 0.1235, 0.12, "0.1235"},
		{2.0 / 3, 0.6667, 0.67, "0.6667"},
		{0.99995, 1.0, 1.0, "1.0"},
		{5e-05, 0.0001, 0.0, "0.0001"},
		{1e-05, 0.0, 0.0, "0.0"},
		{0, 0, 0, "0.0"},
	}
	for _, tt := range tests {
		if got := pyRound(tt.x, 4); got != tt.r4 || pyFloatRepr(got) != tt.repr4 {
			t.Errorf("pyRound(%v, 4) = %v (%s), want %v (%s)", tt.x, got, pyFloatRepr(got), tt.r4, tt.repr4)
		}
		if got := pyRound(tt.x, 2); got != tt.r2 {
			t.Errorf("pyRound(%v, 2) = %v, want %v", tt.x, got, tt.r2)
		}
	}
}

func TestPyFloatRepr(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{0.9, "0.9"},
		{1, "1.0"},
		{100, "100.0"},
		{17700000000, "17700000000.0"},
		{1e15, "1000000000000000.0"},
		{1e16, "1e+16"},
		{1e22, "1e+22"},
		{1.5e300, "1.5e+300"},
		{123456789.123, "123456789.123"},
		{1e-4, "0.0001"},
		{9.99e-5, "9.99e-05"},
		{1.5e-7, "1.5e-07"},
		{math.Copysign(0, -1), "-0.0"},
		{math.Inf(1), "inf"},
		{math.NaN(), "nan"},
	}
	for _, tt := range tests {
		if got := pyFloatRepr(tt.x); got != tt.want {
			t.Errorf("pyFloatRepr(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestPyStrRepr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2000个", `'2000个'`},
		{"a'b", `"a'b"`},
		{`a"b'c`, `'a"b\'c'`},
		{"x\ny\u3000z\u0085\\", `'x\ny\u3000z\x85\\'`},
	}
	for _, tt := range tests {
		if got := pyStrRepr(tt.in); got != tt.want {
			t.Errorf("pyStrRepr(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPySlice(t *testing.T) {
	s := []rune("零一二三四五")
	tests := []struct {
		start, end int
		want       string
	}{
		{1, 3, "一二"},
		{-2, 6, "四五"},
		{-6, -1, "零一二三四"},
		{-100, 2, "零一"},
		{4, 100, "四五"},
		{3, 1, ""},
		{100, 200, ""},
	}
	for _, tt := range tests {
		if got := string(pySlice(s, tt.start, tt.end)); got != tt.want {
			t.Errorf("pySlice(%d, %d) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	hay := []rune("学校12所，学校3所")
	tests := []struct {
		needle string
		from   int
		want   int
	}{
		{"学校", 0, 0},
		{"学校", 1, 6},
		{"3所", 0, 8},
		{"4所", 0, -1},
		{"", 10, 10},
		{"", 11, -1},
	}
	for _, tt := range tests {
		if got := find(hay, []rune(tt.needle), tt.from); got != tt.want {
			t.Errorf("find(%q, %d) = %d, want %d", tt.needle, tt.from, got, tt.want)
		}
	}
}

func TestPyInt(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"12", 12, true},
		{" 12 ", 12, true},
		{"+3", 3, true},
		{"-7", -7, true},
		{"-0", 0, true},
		{"012", 12, true},
		{"1_000", 1000, true},
		{"１２", 12, true},
		{"١٢", 12, true},
		{"\t5\u3000", 5, true},
		{"99999999999999999999999", maxOffset, true},
		{"12.0", 0, false},
		{"1e3", 0, false},
		{"1__0", 0, false},
		{"_1", 0, false},
		{"1_", 0, false},
		{"- 1", 0, false},
		{"+-1", 0, false},
		{"", 0, false},
		{"+", 0, false},
		{"abc", 0, false},
	}
	for _, tt := range tests {
		got, ok := pyInt(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("pyInt(%q) = %d, %v, want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPyFloat(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1.5", 1.5, true},
		{" 1.5 ", 1.5, true},
		{"1e3", 1000, true},
		{"1E3", 1000, true},
		{"-2.5e-1", -0.25, true},
		{"1.", 1, true},
		{".5", 0.5, true},
		{"5.e3", 5000, true},
		{"1_000.000_1", 1000.0001, true},
		{"１２", 12, true},
		{"inf", math.Inf(1), true},
		{"-Infinity", math.Inf(-1), true},
		{"+INF", math.Inf(1), true},
		{"1e400", math.Inf(1), true},
		{"1e-400", 0, true},
		{"abc", 0, false},
		{"", 0, false},
		{" ", 0, false},
		{".", 0, false},
		{".e3", 0, false},
		{"1e", 0, false},
		{"1_.5", 0, false},
		{"1__0", 0, false},
		{"0x10", 0, false},
		{"infinit", 0, false},
		{"1,000", 0, false},
	}
	for _, tt := range tests {
		got, ok := pyFloat(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("pyFloat(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if x, ok := pyFloat("nan"); !ok || !math.IsNaN(x) {
		t.Errorf("pyFloat(nan) = %v, %v", x, ok)
	}
}

func TestReadPredictions(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Prediction
	}{
		{
			name: "csv",
			in: "\uFEFFdoc,start,end,kind,value,unit,masked,qualifier,metric\r\n" +
				"a/b/x.txt, 3 ,+5, count ,1e3, 个 ,YES, approx , 学校 \r\n" +
				"x.txt,12.0,14,count,1,个,true,,\r\n" + // start is not an int: skipped
				"\r\n" + // blank rows are skipped
				"x.txt,1,2,percent,,,1,,\r\n" +
				"x.txt,1,2,money,abc,,no,,\r\n" +
				"x.txt,1,2\r\n" + // short row: kind is None
				"x.txt,1\r\n", // short row without end: skipped
			want: []Prediction{
				{Doc: "x.txt", Start: 3, End: 5, Kind: "count", Value: ptr(1000), Unit: "个", Masked: true, Qualifier: "approx", Metric: "学校"},
				{Doc: "x.txt", Start: 1, End: 2, Kind: "percent", Masked: true},
				{Doc: "x.txt", Start: 1, End: 2, Kind: "money"},
				{Doc: "x.txt", Start: 1, End: 2, Kind: "None"},
			},
		},
		{
			name: "jsonl",
			in: "  \n{\"doc\": \"d/x.txt\", \"start\": 3, \"end\": 5.9, \"kind\": \"count\", \"value\": 12000, \"masked\": true, \"metric\": null}\n" +
				"{\"doc\": \"x.txt\", \"start\": \"7\", \"end\": true, \"value\": \"1_0\", \"masked\": 1, \"unit\": 0}\n" +
				"{\"doc\": \"x.txt\", \"start\": null, \"end\": 2}\n" +
				"{\"doc\": 12, \"start\": 1, \"end\": 2, \"kind\": null, \"value\": false, \"masked\": 1.0}\n" +
				"[1, 2]\n\"x\"\nnull\n",
			want: []Prediction{
				{Doc: "x.txt", Start: 3, End: 5, Kind: "count", Value: ptr(12000), Masked: true},
				{Doc: "x.txt", Start: 7, End: 1, Value: ptr(10), Masked: true},
				{Doc: "12", Start: 1, End: 2, Kind: "None", Value: ptr(0)},
			},
		},
		{
			name: "tsv",
			in:   "doc\tstart\tend\tkind\tvalue\tmasked\tmetric\nx.txt\t1\t3\tcount\t2\tfalse\t\"5112\"工程\n",
			want: []Prediction{{Doc: "x.txt", Start: 1, End: 3, Kind: "count", Value: ptr(2), Metric: `"5112"工程`}},
		},
		{
			name: "empty first line makes an empty header",
			in:   "\ndoc,start,end,kind\nx.txt,1,2,count\n",
		},
		{name: "empty", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadPredictions(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadPredictionsErrors(t *testing.T) {
	for _, in := range []string{
		"{\"doc\": \"x.txt\", \"start\": 1, \"end\": 2}\n{broken\n",
		"{\"doc\": \"x.txt\", \"start\": 1, \"end\": 2, \"value\": [1]}\n",
		"doc,start\n\xff,1\n",
	} {
		if _, err := ReadPredictions(strings.NewReader(in)); err == nil {
			t.Errorf("ReadPredictions(%q) succeeded, want an error", in)
		}
	}
}

func TestScoreMatching(t *testing.T) {
	texts := map[string][]rune{"d.txt": []rune("学校12所，教师三名，经费5万元，“强校工程”")}
	gold := []GoldFact{
		{Doc: "d.txt", Kind: "count", Value: ptr(12), Unit: "所", Metric: "学校", Resolved: true, Start: 2, End: 5},
		{Doc: "d.txt", Kind: "count", Value: ptr(3), Unit: "名", Metric: "教师", Resolved: true, Start: 8, End: 10},
		{Doc: "d.txt", Kind: "money", Value: ptr(50000), Unit: "元", Metric: "经费", Resolved: true, Start: 13, End: 16},
		{Doc: "d.txt", Kind: "program", Metric: "强校工程", Resolved: true, Start: 18, End: 22},
		{Doc: "d.txt", Kind: "count", Value: ptr(1), Resolved: false},
	}
	preds := []Prediction{
		{Doc: "d.txt", Start: 2, End: 5, Kind: "count", Value: ptr(12), Unit: "个", Metric: "学校"}, // rank 2
		{Doc: "d.txt", Start: 2, End: 4, Kind: "count", Value: ptr(12), Unit: "所", Metric: "学"},  // rank 3 wins
		{Doc: "d.txt", Start: 8, End: 10, Kind: "count", Value: ptr(3), Unit: "名"},               // on a small count: ignored
		{Doc: "d.txt", Start: 13, End: 16, Kind: "money", Value: ptr(5)},                         // wrong value
		{Doc: "d.txt", Start: 17, End: 19, Kind: "program"},
		{Doc: "d.txt", Start: 0, End: 4, Kind: "date"},
		{Doc: "other.txt", Start: 2, End: 5, Kind: "count", Value: ptr(12)}, // not a gold document
	}
	res := Score(gold, texts, preds)
	want := []KindCounts{
		{"count", Counts{Gold: 1, Pred: 2, Correct: 1, Full: 1}},
		{"percent", Counts{}},
		{"money", Counts{Gold: 1, Pred: 1}},
		{"measure", Counts{}},
		{"program", Counts{Gold: 1, Pred: 1, Correct: 1, Full: 1}},
		{"other", Counts{Pred: 1}},
	}
	if !reflect.DeepEqual(res.ByKind, want) {
		t.Errorf("ByKind = %+v\nwant %+v", res.ByKind, want)
	}
	if len(res.Misses) != 0 || len(res.Wrong) != 1 || res.Wrong[0].Pred.Value == nil || *res.Wrong[0].Pred.Value != 5 {
		t.Errorf("Misses = %+v, Wrong = %+v", res.Misses, res.Wrong)
	}
	if len(res.Names) != 1 || res.Names[0].Pred != "学" || res.Names[0].F1 != 2.0/3 {
		t.Errorf("Names = %+v", res.Names)
	}
	s := res.Summary()
	if s.Quantities != (QuantityScores{Gold: 2, Pred: 4, Correct: 1, Precision: 0.25, Recall: 0.5, F1: 0.3333, FullF1: 0.3333}) {
		t.Errorf("Quantities = %+v", s.Quantities)
	}
	if s.MetricNameRight != 1 || s.MetricNameExact != 0 {
		t.Errorf("names right %v exact %v", s.MetricNameRight, s.MetricNameExact)
	}
}
