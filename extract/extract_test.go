package extract

import (
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/segment"
)

func TestExtractQuantities(t *testing.T) {
	type want struct {
		text, kind string
		value      float64
		masked     bool
		unit, qual string
	}
	tests := []struct {
		in   string
		want []want
	}{
		{"新增学位1200个。", []want{{"1200个", KindCount, 1200, false, "个", ""}}},
		{"资助学生1200余人次", []want{{"1200余人次", KindCount, 1200, false, "人次", QualMoreThan}}},
		{"全市近1.2万名在职教师", []want{{"1.2万名", KindCount, 12000, false, "名", QualApprox}}},
		{"入园率保持在99.8%以上,", []want{{"99.8%", KindPercent, 99.8, false, "%", QualAtLeast}}},
		{"实施教化资助xxxx万元", []want{{"xxxx万元", KindMoney, 0, true, "元", ""}}},
		{"上线率xx.xx%,连续", []want{{"xx.xx%", KindPercent, 0, true, "%", ""}}},
		{"为*个民办学校党组织", []want{{"*个", KindCount, 0, true, "个", ""}}},
		{"投入２７，２０３，０００元", []want{{"２７，２０３，０００元", KindMoney, 27203000, false, "元", ""}}},
		{"钢产量一百五十万吨", []want{{"一百五十万吨", KindMeasure, 1500000, false, "吨", ""}}},
		{"减税超过2万亿元", []want{{"2万亿元", KindMoney, 2e12, false, "元", QualMoreThan}}},
		{"新建心理健康教育示范点6个", []want{{"6个", KindCount, 6, false, "个", ""}}},
		{"近视率每年下降1个百分点以上", []want{{"1个百分点", KindPercent, 1, false, "百分点", QualAtLeast}}},
		{"人均预期寿命达到76.7岁", []want{{"76.7岁", KindMeasure, 76.7, false, "岁", ""}}},
		{"8000多万农业转移人口成为城镇居民", []want{{"8000多万", KindCount, 80000000, false, "人", QualMoreThan}}},
		{"教育经费投入继续增长,总计约5.6亿,", []want{{"5.6亿", KindMoney, 560000000, false, "元", QualApprox}}},
		// Not amounts: dates, ordinals, names, codes, small counts in words.
		{"在全省总分名列前20名", nil},
		{"深入学习党的xx届x中全会精神", nil},
		{"每年开展一至两次培训", nil},
		{"2020年工作要点", nil},
		{"20xx年,我区教育工作", nil},
		{"第五届运动会", nil},
		{"建设5G示范学校", nil},
		{"推进国家1+X证书制度试点", nil},
		{"“321”素质提升工程", nil},
		{"开展三项活动", nil},
		{"三至六年级学生", nil},
		{"预计9月份完成", nil},
	}
	ex := New(Options{Lexicon: DefaultLexicon(), Segmenter: segment.Default()})
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			rs := []rune(tt.in)
			var got []Fact
			for _, f := range ex.Extract(rs) {
				if f.Kind != KindProgram {
					got = append(got, f)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quantities %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				f := got[i]
				text := string(rs[f.Start:f.End])
				if text != w.text || f.Kind != w.kind || f.Masked != w.masked || f.Unit != w.unit || f.Qualifier != w.qual {
					t.Errorf("got %q %s masked=%v unit=%q qual=%q, want %q %s masked=%v unit=%q qual=%q",
						text, f.Kind, f.Masked, f.Unit, f.Qualifier, w.text, w.kind, w.masked, w.unit, w.qual)
				}
				if !w.masked && (!f.HasValue || f.Value != w.value) {
					t.Errorf("%q: value %v (has=%v), want %v", text, f.Value, f.HasValue, w.value)
				}
			}
		})
	}
}

func TestExtractPrograms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"扎实开展“不忘初心,牢记使命”学习", []string{"不忘初心,牢记使命"}},
		{"贯彻落实《新时代爱国主义教育实施纲要》,", []string{"新时代爱国主义教育实施纲要"}},
		{"彰显“文态“的重要内容", []string{"文态"}},
		{"“321”素质提升工程", []string{"321"}},
		{"他说：“我们今天完成了任务。”", nil},
		{"所谓“抬头看天”,就是学习", nil},
		{"坚持“321”素质提升工程", []string{"321"}},
		{"按照《国家职业教育改革实施方案》", []string{"国家职业教育改革实施方案"}},
		// Programmes: plans, campaigns, platforms, awards, strategies.
		{"全面启动“阳光体育”行动计划,", []string{"阳光体育"}},
		{"深入实施“强基固本”工程", []string{"强基固本"}},
		{"荣获“全国文明校园”称号", []string{"全国文明校园"}},
		{"落实“一带一路”战略部署", []string{"一带一路"}},
		{"推进“智慧校园建设平台”上线", []string{"智慧校园建设平台"}},
		// A title over a line break, and a title holding quotes.
		{"印发《关于推进城乡教育\n一体化发展的实施意见》,", []string{"关于推进城乡教育\n一体化发展的实施意见"}},
		{"转发《关于开展“书香校园”创建活动的通知》。", []string{"关于开展“书香校园”创建活动的通知"}},
		// Reported speech, slogans and principles.
		{"局长强调:“要把安全放在首位”,", nil},
		{"他指出“质量是学校的生命线”", nil},
		{"坚持“稳中求进、守正创新、真抓实干”的原则", nil},
		{"按照“定人、定岗、定责、定时”的要求", nil},
		// Unit names, labels of people, emphasised common words.
		{"由“双减办”牵头", nil},
		{"要从“教书匠”转变为研究者", nil},
		{"纠正“小学化”倾向", nil},
		{"提高课堂的“含金量”", nil},
	}
	ex := New(Options{Kinds: map[string]bool{KindProgram: true}})
	for _, tt := range tests {
		rs := clean(t, tt.in)
		var got []string
		for _, f := range ex.Extract(rs) {
			got = append(got, string(rs[f.Start:f.End]))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// clean normalises text as the pipeline does: traditional script to
// simplified, noise cleaned.
func clean(t *testing.T, text string) []rune {
	t.Helper()
	res, err := normalize.Normalize(text, 0, normalize.Options{Script: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	return append([]rune(nil), res.Text.Runes...)
}

func TestTraditionalPrograms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"全面推行「長者醫療券」計劃,", []string{"长者医疗券"}},
		{"署長表示:「我們會繼續努力」。", nil},
		{"由「創科辦」統籌", nil},
	}
	ex := New(Options{Kinds: map[string]bool{KindProgram: true}})
	for _, tt := range tests {
		var got []string
		for _, f := range ex.Extract(clean(t, tt.in)) {
			got = append(got, f.Metric)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLexiconCanonical(t *testing.T) {
	lex := DefaultLexicon()
	tests := []struct{ metric, want string }{
		{"一次性本科上线率", "本科上线率"},
		{"学前三年幼儿入园率", "学前三年毛入园率"},
		{"新增学位", "新增学位"},
		{"劳动教育基地学校", ""},
		// Whole names only: a part of a longer name is another indicator.
		{"农业生产总值", ""},
		{"高等教育毛入学率", "高等教育毛入学率"},
		{"职业高中毛入学率", ""},
		{"升学率", "初中毕业生升学率"},
		{"毕业率", "毕业率"},
		{"项目投入资金", ""},
		{"办公楼建筑面积", ""},
		// A growth or a share of an indicator is not the indicator.
		{"地区生产总值增长", ""},
		{"服务业占地区生产总值比重", ""},
		{"CPI上涨", ""},
		// A place name before a whole name.
		{"江苏省地区生产总值", "地区生产总值"},
		{"贫困地区生产总值", ""},
		{"GDP", "国内生产总值"},
		{"經濟成長率", ""}, // names are simplified before they reach the lexicon
	}
	for _, tt := range tests {
		if got := lex.Canonical(tt.metric); got != tt.want {
			t.Errorf("Canonical(%q) = %q, want %q", tt.metric, got, tt.want)
		}
	}
}

func TestLexiconRejectsBadInput(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty canonical", "# ok\n新指标\t别名\n\t无名\n", "my.tsv:3"},
		{"one-character alias", "入学人数\t人\n", "my.tsv:1: name \"人\" has one character"},
		{"binary", "指标\t别名\n\x00\x01PK\x03\x04\n", "my.tsv:2: not a UTF-8 text lexicon"},
		{"not UTF-8", "\xb9\xfa\xc4\xda\t\xb1\xf0\n", "my.tsv:1: not a UTF-8 text lexicon"},
	}
	for _, tt := range tests {
		err := DefaultLexicon().Add(strings.NewReader(tt.in), "my.tsv")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestLexiconAddedNamesAndRoundTrip(t *testing.T) {
	lex := DefaultLexicon()
	if err := lex.Add(strings.NewReader("\ufeff劳动教育基地\t劳动教育基地学校\r\n"), "own.tsv"); err != nil {
		t.Fatal(err)
	}
	if got := lex.Canonical("劳动教育基地学校"); got != "劳动教育基地" {
		t.Errorf("added alias: %q", got)
	}
	var b strings.Builder
	if _, err := lex.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	again := &Lexicon{}
	if err := again.Add(strings.NewReader(b.String()), "again.tsv"); err != nil {
		t.Fatal(err)
	}
	var b2 strings.Builder
	again.WriteTo(&b2)
	if b.String() != b2.String() {
		t.Error("WriteTo then Add does not give the same lexicon")
	}
}

func TestMetricNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"全区学前三年幼儿入园率保持在99.8%以上,", "学前三年幼儿入园率"},
		{"新增学位1200个。", "新增学位"},
		{"评选30所劳动教育基地学校。", "劳动教育基地学校"},
		{"消费贡献率由54.9%提高到58.8%，", "消费贡献率"},
		{"工作室成员达到xxx名。", "工作室成员"},
		{"学校数量由2015年的45所增至52所。", "学校数量"},
		{"国家预算收入比1956年增长百分之九。", "国家预算收入增长"},
		{"在校生分别为小学8.5万人、初中3.9万人和高中1.8万人。", "高中"},
	}
	ex := New(Options{Lexicon: DefaultLexicon(), Segmenter: segment.Default()})
	for _, tt := range tests {
		facts := ex.Extract([]rune(tt.in))
		if len(facts) == 0 {
			t.Errorf("%s: no fact", tt.in)
			continue
		}
		last := facts[len(facts)-1]
		if last.Metric != tt.want {
			t.Errorf("%s: metric %q, want %q", tt.in, last.Metric, tt.want)
		}
	}
}
