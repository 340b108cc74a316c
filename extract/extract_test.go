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
		{"扎实开展“不忘初心,牢记使命”学习", []string{"不忘初心，牢记使命"}},
		{"贯彻落实《新时代爱国主义教育实施纲要》,", []string{"新时代爱国主义教育实施纲要"}},
		{"彰显“文态“的重要内容", []string{"文态"}},
		{"“321”素质提升工程", []string{"321"}},
		{"他说：“我们今天完成了任务。”", nil},
		{"所谓“抬头看天”,就是学习", nil},
		{"全县以“人人有技能”为目标开展培训", nil},
		{"满足群众“就近入学”的需求", nil},
		{"以「長者安居」為目標推行新措施", nil},
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
		{"始终坚持“以学生为中心”,", nil},
		{"贯彻“放管服”的理念", nil},
		// Unit names, labels of people, emphasised common words.
		{"由“双减办”牵头", nil},
		{"要从“教书匠”转变为研究者", nil},
		{"纠正“小学化”倾向", nil},
		{"提高课堂的“含金量”", nil},
		// Traditional script: read on the simplified text.
		{"全面推行「長者醫療券」計劃,", []string{"长者医疗券"}},
		{"署長表示:「我們會繼續努力」。", nil},
		{"由「創科辦」統籌", nil},
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
		{"one-character alias behind a mark", "指标\t\ufeff别\n", "my.tsv:1: name \"别\" has one character"},
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

// Byte order marks are never part of a name: at each line's start where
// lexicons saved with one were joined with cat, and after the space or tab
// an editor left.
func TestLexiconNamesKeepNoByteOrderMarks(t *testing.T) {
	tests := []struct{ name, tsv, alias, canonical string }{
		{"joined files", "\ufeff校舍面积\t校舍建筑面积\n\ufeff师生比\t生师比\n", "生师比", "师生比"},
		{"after a space or a tab", "\ufeff \ufeff图书馆藏书量\t\ufeff藏书量\n", "藏书量", "图书馆藏书量"},
	}
	for _, tt := range tests {
		lex := &Lexicon{}
		if err := lex.Add(strings.NewReader(tt.tsv), "marks.tsv"); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := lex.Canonical(tt.alias); got != tt.canonical {
			t.Errorf("%s: Canonical(%s) = %q, want %s: a mark stayed in the name", tt.name, tt.alias, got, tt.canonical)
		}
		var b strings.Builder
		lex.WriteTo(&b)
		if strings.ContainsRune(b.String(), '\ufeff') {
			t.Errorf("%s: written lexicon keeps a byte order mark: %q", tt.name, b.String())
		}
	}
}

func TestMetricNames(t *testing.T) {
	tests := []struct {
		rule, in string
		want     []string // the metric of each quantity, in order
	}{
		{"name before", "全区学前三年幼儿入园率保持在99.8%以上,", []string{"学前三年幼儿入园率"}},
		{"kept verb", "新增学位1200个。", []string{"新增学位"}},
		{"noun after", "评选30所劳动教育基地学校。", []string{"劳动教育基地学校"}},
		{"reaching", "消费贡献率由54.9%提高到58.8%，", []string{"消费贡献率", "消费贡献率"}},
		{"reaching", "学校数量由2015年的45所增至52所。", []string{"学校数量", "学校数量"}},
		{"change ends", "全县粮食总产量增长3.2%。", []string{"粮食总产量增长"}},
		{"abbreviation gloss", "全省科技研发经费（R&D）投入412亿元。", []string{"科技研发经费投入"}},
		{"abbreviation gloss", "采购经理指数(PMI)为50.2%。", []string{"采购经理指数"}},
		{"cued gloss", "城乡居民基本养老保险（以下简称城乡居保）参保人数48万人。", []string{"城乡居民基本养老保险参保人数"}},
		{"cued gloss cut", "即日往返旅客（即不过夜者）320万人次。", []string{"即日往返旅客"}},
		{"qualifying bracket closed", "全县备案托育机构(含幼儿园托班)58家。", []string{"备案托育机构(含幼儿园托班)"}},
		{"leaving-out gloss", "全年游客人均花费（不含购物）1260元。", []string{"游客人均花费"}},
		{"qualifying bracket kept", "民办学校(含培训机构)收费收入8200万元。", []string{"民办学校(含培训机构)收费收入"}},
		{"currency before amount", "本年度财政盈余为港币126亿元。", []string{"财政盈余"}},
		{"counterpart", "全县一般公共预算收入56亿元，支出88亿元。", []string{"一般公共预算收入", "一般公共预算支出"}},
		{"comparison with an earlier estimate", "本年度经营开支为3,200亿元，较上年度修订预算增加4.5%。", []string{"经营开支", "经营开支增加"}},
		{"comparison with an earlier estimate", "全年经济增长率为3.1%，较5月预测增加0.4个百分点。", []string{"经济增长率", "经济增长率增加"}},
		{"comparison with the quarter a year before", "出口总额较上年同季增加12.5%。", []string{"出口总额增加"}},
		{"scope of Hong Kong", "本港失业率为3.1%。", []string{"失业率"}},
		{"fiscal year cut in two", "今年度社会福利支出为新台币860亿元。", []string{"社会福利支出"}},
		{"a change restated with 或", "大学部学生较上学年减少1.2万人或1.8%。", []string{"大学部学生减少", "大学部学生减少"}},
		{"a share written with 比率", "女性就业者占就业总人数比率为44.6%。", []string{"女性就业者占就业总人数比率"}},
		{"a part's share of the last subject", "全县财政收入12亿元，其中税收占比提高到68%。", []string{"财政收入", "税收占财政收入比重"}},
		{"a share's change", "税收占比提高了2个百分点。", []string{"税收占比提高"}},
		{"a point of the compass names a place", "西部地区新建公路320公里。", []string{"西部地区新建公路"}},
		{"a lone untagged character opens a word", "全市9个国考断面全部达标。", []string{"国考断面全部达标"}},
		{"budgeting verb", "本年度共编列教育经费新台币56亿元。", []string{"教育经费"}},
		{"budgeting verb", "社会福利预算编列新台币320亿元。", []string{"社会福利预算"}},
		{"allocation verb after money", "中央预算内投资拟安排6800亿元。", []string{"中央预算内投资"}},
		{"allocation verb in a count", "今年新增就业岗位安排2.6万人。", []string{"新增就业岗位安排"}},
		{"change reaching a level", "平均住院日数攀升至9.6天。", []string{"平均住院日数"}},
		{"Taiwan change word", "全年入境旅客2,100万人次，成长8.2%。", []string{"入境旅客", "入境旅客成长"}},
		{"Taiwan change word", "外销订单金额年减3.6%。", []string{"外销订单金额年减"}},
		{"comparison with normal years", "全年降水量较常年偏少15%。", []string{"降水量偏少"}},
		{"per unit of measurement", "全县人口密度为每平方公里320人。", []string{"人口密度"}},
		{"untagged character is content", "轮候时间平均为4.8年。", []string{"轮候时间平均"}},
		{"untagged character is content", "村卫生室共有86个。", []string{"村卫生室"}},
		{"adverb glued to an untagged character", "经常帐顺差为新台币2,100亿元。", []string{"经常帐顺差"}},
		{"counterpart", "全年货物出口1.2万亿元，进口9800亿元。", []string{"货物出口", "货物进口"}},
		{"counterpart alone", "学费收入300万元，支出共计280万元。", []string{"学费收入", "学费支出"}},
		{"counterpart with a second partner", "本年度综合预算收入820亿元，开支790亿元。", []string{"综合预算收入", "综合预算开支"}},
		{"a change named by how it is measured", "全年地区生产总值3200亿元，实质增长5.1%。", []string{"地区生产总值", "地区生产总值实质增长"}},
		{"band before the counted", "为2300名65岁以上老人提供免费体检。", []string{"提供免费体检老人"}},
		{"band before the counted", "今年招收420名3至6岁幼儿。", []string{"幼儿"}},
		{"product attribute", "全市玉米种植面积12万亩，单产510公斤，总产6.1万吨。", []string{"玉米种植面积", "玉米单产", "玉米总产"}},
		{"product attribute", "茶叶产量3200吨，产值4.6亿元。", []string{"茶叶产量", "茶叶产值"}},
		{"product attribute, new sentence", "茶叶产量3200吨。产值4.6亿元。", []string{"茶叶产量", "产值"}},
		{"band inside a name", "全市开工建设1000万元以上项目86个，完成投资212亿元。", []string{"开工建设项目", "开工建设项目投资"}},
		{"attribute of counted items", "引进招商项目42项，金额18亿元。", []string{"引进招商项目", "引进招商项目金额"}},
		{"only before the amount", "其中土地出让收入只有86亿元。", []string{"土地出让收入"}},
		{"share opening the next clause", "财政赤字为120亿元，相当于地区生产总值的2.1%。", []string{"财政赤字", "财政赤字占地区生产总值比重"}},
		{"money named by its object", "民政部门为困难家庭发放3000元临时救助金。", []string{"发放临时救助金"}},
		{"money named by its object", "新园区建成后预计带来50亿元投资，", []string{"带来投资"}},
		{"share word opening the clause", "其中数字经济核心产业增加值增长9.1%，占地区生产总值比重为8.4%。", []string{"数字经济核心产业增加值增长", "数字经济核心产业增加值占地区生产总值比重"}},
		{"a code's digits", "全市PM2.5年均浓度为28微克/立方米。", []string{"PM2.5年均浓度"}},
		{"academic year compared", "高职在校生人数3200人，比上学年增加150人。", []string{"高职在校生人数", "高职在校生人数增加"}},
		{"a year cut before its last digit", "外汇储备预计在二〇二六年三月底为980亿元。", []string{"外汇储备"}},
		{"a month glued to its edge", "外汇储备在三月底为460亿元。", []string{"外汇储备"}},
		{"a rate per so many", "全县每万人口拥有全科医生3.5名，每千名学生配备心理教师2名。", []string{"每万人口拥有全科医生", "每千名学生配备心理教师"}},
		{"a cohort's year", "2022届毕业生初次就业率为91.5%。", []string{"毕业生初次就业率"}},
		{"years up to now", "十年来新建农村公路410公里。", []string{"新建农村公路"}},
		{"a band before its group", "全镇60岁以上老人2300人，其中80岁以上老人占15%。", []string{"老人", "老人占比"}},
		{"a ranged band before its group", "全县18至35岁青年失业率为9.6%。", []string{"青年失业率"}},
		{"first time before the amount", "全年接待游客首次突破1亿人次。", []string{"游客"}},
		{"adverb and verb as the head noun", "全区公共安全的经常开支为12亿元。", []string{"公共安全经常开支"}},
		{"in all, as Hong Kong writes it", "展会的参展商及观众合共12万人次。", []string{"展会参展商及观众"}},
		{"nouns joined by an enumeration comma", "全市单位地区生产总值能耗、水耗分别下降3.1%和4.2%。", []string{"单位地区生产总值能耗下降", "水耗下降"}},
		{"nouns joined by an enumeration comma", "小学、初中专任教师共1.2万人。", []string{"小学、初中专任教师"}},
		{"a comma after a number ends the clause", "新建学校12所、幼儿园30所。", []string{"新建学校", "新建幼儿园"}},
		{"conversion restates", "人均可支配收入5200美元，折合人民币约3.7万元。", []string{"人均可支配收入", "人均可支配收入折合人民币"}},
		{"change ends", "国家预算收入比1956年增长百分之九。", []string{"国家预算收入增长"}},
		{"change cut in two", "物价预测数1.8%,下修0.3个百分点。", []string{"物价预测数", "物价预测数下修"}},
		{"share", "第三产业占地区生产总值比重达到52.1%。", []string{"第三产业占地区生产总值比重"}},
		{"share of subject", "办公经费3.2万元,占12.5%。", []string{"办公经费", "办公经费占比"}},
		{"share of a plan", "一般公共预算收入完成85亿元,为年度预算的103%,增长4.2%。",
			[]string{"一般公共预算收入", "一般公共预算收入完成年度预算比例", "一般公共预算收入增长"}},
		{"outcome against its budget", "差旅费支出决算为3.4万元,完成预算5万元的68%。", []string{"差旅费支出决算", "差旅费预算", "差旅费完成预算比例"}},
		{"one-character noun", "全县共设128个村卫生室。", []string{"村卫生室"}},
		{"subject carried", "全市地区生产总值1234亿元，比上年增长6.1%。", []string{"地区生产总值", "地区生产总值增长"}},
		{"subject carried", "工业增加值567亿元，年均增长7.2%。", []string{"工业增加值", "工业增加值年均增长"}},
		{"subject carried", "与上年相比,出院人数减少1.2万人。", []string{"出院人数减少"}},
		{"respectively", "城镇居民人均可支配收入和农村居民人均可支配收入分别为4.2万元、2.1万元,分别增长5.1%和6.3%。",
			[]string{"城镇居民人均可支配收入", "农村居民人均可支配收入", "城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"}},
		{"respectively", "门诊人次52万人次,出院人数3.1万人,同比分别增长4.5%、2.2%。",
			[]string{"门诊人次", "出院人数", "门诊人次增长", "出院人数增长"}},
		{"verb number noun", "新建了12所学校的食堂。", []string{"学校食堂"}},
		{"counted and what they did", "共有86名教师参加了省级骨干培训。", []string{"参加省级骨干培训教师"}},
		{"coordinated counts", "共有12名校长和35名骨干教师赴外地跟岗学习。", []string{"赴外地跟岗学习校长", "赴外地跟岗学习骨干教师"}},
		{"adjacent counts", "为320户815人发放临时救助金。", []string{"发放临时救助金户数", "发放临时救助金"}},
		{"counted and what they became", "今年有5所幼儿园被评为省级示范幼儿园。", []string{"省级示范幼儿园"}},
		{"scope words", "全省普通高中在校生56.3万人。", []string{"普通高中在校生"}},
		{"years", "一九八六年钢产量5200万吨。", []string{"钢产量"}},
		{"years", "2023学年专任教师412名。", []string{"专任教师"}},
		{"years", "截至2022年末区级以上龙头企业45家。", []string{"区级以上龙头企业"}},
		{"span of years", "钢产量前三年共增加了三百万吨。", []string{"钢产量增加"}},
		{"bare verbs", "稳步提升2.5个百分点。", []string{""}},
		{"adverbs", "教育经费投入大力增长,总计约5.6亿,", []string{"教育经费投入"}},
		{"latin case", "全年GDP增长5.2%,CPI上涨2.1%。", []string{"GDP增长", "CPI上涨"}},
		{"no number", "全省农机总动力三千二百万千瓦,增长1.5%。", []string{"农机总动力", "农机总动力增长"}},
		{"no number", "水泥五千二百万吨。", []string{"水泥产量"}},
		{"output of a product", "汽车260万辆,增加12万辆;化肥1.2亿吨。", []string{"汽车产量", "汽车产量增加", "化肥产量"}},
		{"not time words", "老年人口12.3万人,青年教师86名。", []string{"老年人口", "青年教师"}},
		{"short quote inside", "上划中央“两税”收入完成36亿元。", []string{"上划中央两税收入"}},
		{"per head", "每千人口病床数5.2张。", []string{"每千人口病床数"}},
		{"statistic of the subject before", "居民人均消费支出平均数为2.3万元,中位数为1.9万元,增长4.1%。",
			[]string{"居民人均消费支出平均数", "居民人均消费支出中位数", "居民人均消费支出中位数增长"}},
		{"share from and to", "出口占全国比重从3.1%提高到3.6%。", []string{"出口占全国比重", "出口占全国比重"}},
		{"attributes of counted entities", "全市共有幼儿园120所,专任教师2100人,教职工3600人。",
			[]string{"幼儿园", "幼儿园专任教师", "幼儿园教职工"}},
		{"per head of the subject before", "教师工资总额3.6亿元,人均9.8万元。", []string{"教师工资总额", "人均教师工资总额"}},
		{"share written 占…的", "城镇居民文化消费占总消费的18.5%。", []string{"城镇居民文化消费占总消费比重"}},
		{"share written 占…的比重为", "出口额占全省外贸总额的比重为38%，进口占比21%。", []string{"出口额占全省外贸总额比重", "进口占全省外贸总额比重"}},
		{"a part's share of the last subject", "全年发电量120亿千瓦时，其中风力发电占35.2%。", []string{"发电量", "风力发电占发电量比重"}},
		{"share of a verb-tagged subject", "全年门诊人次980万，急诊约占6%。", []string{"门诊人次", "急诊占比"}},
		{"share written 所占比例", "住宿所占比例为20%，餐饮比重为15%。", []string{"住宿占比", "餐饮比重"}},
		{"share written 相当于…的", "地方债务余额相当于地区生产总值的42%。", []string{"地方债务余额占地区生产总值比重"}},
		{"share that changes", "第三产业占地区生产总值比重提高1.3个百分点。", []string{"第三产业占地区生产总值比重提高"}},
		{"fiscal-year span", "地方债务余额二〇二五至二六年度相当于地区生产总值的42%。", []string{"地方债务余额占地区生产总值比重"}},
		{"fiscal-year span", "二〇二四至二五年度政府开支为8000亿元。", []string{"政府开支"}},
		{"span of years", "2019-2021年累计新建校舍3.2万平方米。", []string{"新建校舍"}},
		{"pronoun and modal subjects", "我们会预留五百亿元应对风险。", []string{"预留资金"}},
		{"modal inside", "市政府将拨款30亿元改造旧校舍。", []string{"市政府拨款"}},
		{"list marker", "12. 我们将预留20亿元支持创新。", []string{"预留资金"}},
		{"adverbial 受…影响", "契税4.27亿元,受土地市场低迷影响下降15%。", []string{"契税", "契税下降"}},
		{"adverbial 在…带动下", "工业增加值在新动能带动下增长8%。", []string{"工业增加值增长"}},
		{"comparison with an earlier figure", "全年物价预测2.1%，较上月预测上修0.2个百分点。", []string{"物价预测", "物价预测上修"}},
		{"comparison with a level stays", "夏粮单产比历史最高水平增加12公斤。", []string{"夏粮单产比历史最高水平增加"}},
		{"items of a list share modifiers", "全年完成消防培训保安员3200人、志愿者1800人。", []string{"消防培训保安员", "消防培训志愿者"}},
		{"award level", "学生在比赛中共获全省一等奖5名、二等奖8名。", []string{"全省一等奖", "全省二等奖"}},
		{"pronoun tags on nouns", "今年本科录取率达到68.5%。", []string{"本科录取率"}},
		{"determiners", "其中各类职业技能培训1.2万人次。", []string{"职业技能培训"}},
		{"money put into something", "区财政投入1.2亿元实施校舍改造工程。", []string{"校舍改造工程投入"}},
		{"money put into something", "投资860万元的城东污水处理厂已投入运行。", []string{"城东污水处理厂投资"}},
		{"verb before a generic money noun", "今年已筹集资金2.4亿元。", []string{"筹集资金"}},
		{"comparison with the period before", "酒店住客收入52亿元，按季下跌3.5%。", []string{"酒店住客收入", "酒店住客收入下跌"}},
		{"how a figure is computed", "全年工业增加值420亿元，按可比价格计算增长5.1%。", []string{"工业增加值", "工业增加值增长"}},
		{"negation names a group", "全乡未脱贫人口1200人。", []string{"未脱贫人口"}},
		{"a verb heading a noun phrase after 的", "库存可满足约9个月的居民消费。", []string{"居民消费"}},
	}
	ex := New(Options{Lexicon: DefaultLexicon(), Segmenter: segment.Default()})
	for _, tt := range tests {
		var got []string
		for _, f := range ex.Extract(clean(t, tt.in)) {
			if f.Kind != KindProgram {
				got = append(got, f.Metric)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: %s: metrics %q, want %q", tt.rule, tt.in, got, tt.want)
		}
	}
}

// Dates in any calendar and script never stay in a name.
func TestLeftNameDropsDates(t *testing.T) {
	tests := []struct{ clause, want string }{
		{"民国108年国民所得成长", "国民所得成长"},
		{"一九八六年钢产量", "钢产量"},
		{"110学年大专校院学生数", "大专校院学生数"},
		{"2019年度一般公共预算收入", "一般公共预算收入"},
		{"比上年同期增长", "增长"},
		{"较110年增", "增"},
		{"与去年相比下降", "下降"},
		{"9月份入学人数", "入学人数"},
		{"第2季度实质GDP成长率", "第2季度实质GDP成长率"}, // an ordinal period names a series
		{"老年人口", "老年人口"},
	}
	seg := segment.Default()
	for _, tt := range tests {
		sw := cutSentence([]rune(tt.clause), 0, len([]rune(tt.clause)), seg)
		if got := leftName(sw.before(len([]rune(tt.clause)), 0)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.clause, got, tt.want)
		}
	}
}

// Traditional and Hong Kong/Taiwan text is named on its simplified form,
// and pinyin inserted after characters never reaches a name.
func TestTraditionalMetricNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"經常開支1,234億元。", []string{"经常开支"}},
		{"本地生產總值實質成長率為3.2%。", []string{"本地生产总值实质成长率"}},
		{"110學年大專校院學生數為118萬人。", []string{"大专校院学生数"}},
		{"國內(nèi)生產(chǎn)總值2985億元,比上年增長10.1%。", []string{"国内生产总值", "国内生产总值增长"}},
		{"財(cái)政預(yù)算收入5.2億元。", []string{"财政预算收入"}},
		{"二〇二五至二六年度經常開支預計為5,800億元。", []string{"经常开支"}},
		{"旅客購物消費佔總消費的47.5%。", []string{"旅客购物消费占总消费比重"}},
		{"我們會撥款80億元推行新計劃。", []string{"拨款"}},
		{"關稅收入受全球貿易放緩影響下跌6%。", []string{"关税收入下跌"}},
		{"出口成長率預測2.8%，較上次預測下修0.3個百分點。", []string{"出口成长率预测", "出口成长率预测下修"}},
		{"全年完成急救培訓教師820人、家長560人。", []string{"急救培训教师", "急救培训家长"}},
		{"會議費支出決算為2.1萬元,完成預算3萬元的70%。", []string{"会议费支出决算", "会议费预算", "会议费完成预算比例"}},
		{"政府投資45億元興建體育園區。", []string{"体育园区投资"}},
		{"入境旅客總數2,800萬人次，按年上升3.9倍。", []string{"入境旅客总数", "入境旅客总数上升"}},
		{"政府債務相當於本地生產總值的21%。", []string{"政府债务占本地生产总值比重"}},
	}
	ex := New(Options{Lexicon: DefaultLexicon(), Segmenter: segment.Default()})
	for _, tt := range tests {
		var got []string
		for _, f := range ex.Extract(clean(t, tt.in)) {
			got = append(got, f.Metric)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: metrics %q, want %q", tt.in, got, tt.want)
		}
	}
}

// --kinds filters rows and changes nothing else: every field of the rows
// that remain is what a run over every kind gives.
func TestKindsOnlyFilter(t *testing.T) {
	text := clean(t, "城镇新增就业6600万人以上,带动增长3.2%;财政收入856亿元,比上年增长6.8%,"+
		"其中税收收入612亿元,占71.5%。新建12所学校,实施“强基”工程,面积3.5万平方米。\n"+
		"8000多万农业转移人口成为城镇居民,总计约5.6亿,增长2.1%。")
	all := New(Options{Lexicon: DefaultLexicon(), Segmenter: segment.Default()}).Extract(text)
	for _, kinds := range [][]string{{KindMoney, KindPercent}, {KindCount}, {KindMeasure, KindProgram}, {KindPercent}} {
		want := map[string]bool{}
		for _, k := range kinds {
			want[k] = true
		}
		var expected []Fact
		for _, f := range all {
			if want[f.Kind] {
				expected = append(expected, f)
			}
		}
		got := New(Options{Kinds: want, Lexicon: DefaultLexicon(), Segmenter: segment.Default()}).Extract(text)
		if len(got) != len(expected) || len(got) == 0 {
			t.Fatalf("kinds %v: %d rows, want %d (and some)", kinds, len(got), len(expected))
		}
		for i := range got {
			if got[i] != expected[i] {
				t.Errorf("kinds %v: row %d\n got %+v\nwant %+v", kinds, i, got[i], expected[i])
			}
		}
	}
}
