package extract

import (
	"testing"

	"github.com/zhmetrics/zhmetrics/segment"
)

// quantityWant is one expected quantity: its surface, kind, value, unit
// and qualifier.
type quantityWant struct {
	text, kind string
	value      float64
	unit, qual string
}

func runQuantityCases(t *testing.T, cases []struct {
	in   string
	want []quantityWant
}) {
	t.Helper()
	ex := New(Options{Lexicon: DefaultLexicon(), Segmenter: segment.Default()})
	for _, tc := range cases {
		rs := clean(t, tc.in) // traditional script is read as the pipeline reads it
		var got []Fact
		for _, f := range ex.Extract(rs) {
			if f.Kind != KindProgram {
				got = append(got, f)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %d quantities %+v, want %d", tc.in, len(got), got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			f := got[i]
			text := string(rs[f.Start:f.End])
			if text != w.text || f.Kind != w.kind || f.Unit != w.unit || f.Qualifier != w.qual || !f.HasValue || f.Value != w.value {
				t.Errorf("%s: got %q %s %v %q %q, want %q %s %v %q %q", tc.in,
					text, f.Kind, f.Value, f.Unit, f.Qualifier, w.text, w.kind, w.value, w.unit, w.qual)
			}
		}
	}
}

func TestUnitsOfReportGenres(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"全县农机总动力达到352000千瓦，", []quantityWant{{"352000千瓦", KindMeasure, 352000, "千瓦", ""}}},
		{"新增装机容量12万千瓦。", []quantityWant{{"12万千瓦", KindMeasure, 120000, "千瓦", ""}}},
		{"全年用电量8.6亿千瓦时。", []quantityWant{{"8.6亿千瓦时", KindMeasure, 8.6e8, "千瓦时", ""}}},
		{"能源消费总量45.2万吨标准煤，", []quantityWant{{"45.2万吨标准煤", KindMeasure, 452000, "吨标准煤", ""}}},
		{"新建校舍面积12800.5m2，", []quantityWant{{"12800.5m2", KindMeasure, 12800.5, "平方米", ""}}},
		{"改造住房3600平米。", []quantityWant{{"3600平米", KindMeasure, 3600, "平方米", ""}}},
		{"造林面积3.2万公顷。", []quantityWant{{"3.2万公顷", KindMeasure, 32000, "公顷", ""}}},
		{"封山育林1.5万公倾，", []quantityWant{{"1.5万公倾", KindMeasure, 15000, "公顷", ""}}}, // a homophone typo of 公顷
		{"小麦亩产提高到420公斤/亩。", []quantityWant{{"420公斤/亩", KindMeasure, 420, "公斤/亩", ""}}},
		{"货物周转量56亿吨公里，", []quantityWant{{"56亿吨公里", KindMeasure, 5.6e9, "吨公里", ""}}},
		{"医生日均担负8.4门诊人次，", []quantityWant{{"8.4门诊人次", KindCount, 8.4, "人次", ""}}},
		{"日均担负1.9住院床日。", []quantityWant{{"1.9住院床日", KindMeasure, 1.9, "床日", ""}}},
		{"全镇养殖家禽12万羽，", []quantityWant{{"12万羽", KindCount, 120000, "羽", ""}}},
		{"新打机井35眼。", []quantityWant{{"35眼", KindCount, 35, "眼", ""}}},
		{"全县医院床位1260张。", []quantityWant{{"1260张", KindCount, 1260, "张", ""}}},
		{"全线航班起降2.3万架次。", []quantityWant{{"2.3万架次", KindCount, 23000, "架次", ""}}},
	})
}

// TestUnitsOfHongKongMacauTaiwanAndImperialMeasures: the units of
// those writings and imperial units are measures, the metric ones named
// as on the mainland.
func TestUnitsOfHongKongMacauTaiwanAndImperialMeasures(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"回收站全年处理废纸2.6万公吨。", []quantityWant{{"2.6万公吨", KindMeasure, 26000, "吨", ""}}},
		{"新建单车径共14.5公尺宽。", []quantityWant{{"14.5公尺", KindMeasure, 14.5, "米", ""}}},
		{"校舍樓面面積達8,200平方公尺。", []quantityWant{{"8,200平方公尺", KindMeasure, 8200, "平方米", ""}}},
		{"实用面积约430平方呎，", []quantityWant{{"430平方呎", KindMeasure, 430, "平方英尺", QualApprox}}},
		{"平均每户居住面积为25.3坪。", []quantityWant{{"25.3坪", KindMeasure, 25.3, "坪", ""}}},
		{"渔船平均作业距离120海里。", []quantityWant{{"120海里", KindMeasure, 120, "海里", ""}}},
		{"黄金储备增加至3,200万盎司。", []quantityWant{{"3,200万盎司", KindMeasure, 3.2e7, "盎司", ""}}},
		{"每日供水量为12.5万公升，", []quantityWant{{"12.5万公升", KindMeasure, 125000, "升", ""}}},
		{"旅客平均逗留3.2晚。", []quantityWant{{"3.2晚", KindMeasure, 3.2, "晚", ""}}},
		{"全年核发建照1,820宅，", []quantityWant{{"1,820宅", KindCount, 1820, "宅", ""}}},
		{"受理申诉案件共312案。", []quantityWant{{"312案", KindCount, 312, "案", ""}}},
		{"原油日产量为85万桶。", []quantityWant{{"85万桶", KindMeasure, 850000, "桶", ""}}},
		{"年平均气温为16.8℃，", []quantityWant{{"16.8℃", KindMeasure, 16.8, "摄氏度", ""}}},
		{"道路交通噪声平均值为68.2分贝。", []quantityWant{{"68.2分贝", KindMeasure, 68.2, "分贝", ""}}},
		{"城区人口密度每平方公里1.2万人，", []quantityWant{{"1.2万人", KindCount, 12000, "人", ""}}},
		{"列车最高时速达350公里/小时。", []quantityWant{{"350公里/小时", KindMeasure, 350, "公里/小时", ""}}},
	})
}

func TestHalfAfterUnit(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"这次集训历时12天半，", []quantityWant{{"12天半", KindMeasure, 12.5, "天", ""}}},
		{"工程工期缩短3个半月。", []quantityWant{{"3个半月", KindMeasure, 3.5, "月", ""}}},
		{"连续工作16年半年后调离", []quantityWant{{"16年", KindMeasure, 16, "年", ""}}},
	})
}

func TestClassifierBeforeWords(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		// The classifier binds to the number even where it and the next
		// character also spell a word (名优, 件事, 项目).
		{"今年评选出36名优秀班主任。", []quantityWant{{"36名", KindCount, 36, "名", ""}}},
		{"年内办好12件事关民生的实事。", []quantityWant{{"12件", KindCount, 12, "件", ""}}},
		{"完成15项目标任务。", []quantityWant{{"15项", KindCount, 15, "项", ""}}},
		// Words whose first character is no classifier there stay out.
		{"人均收入3000只是起点", nil},
		{"全省100班主任工作室", nil},
	})
}

func TestScaleQualifiers(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"帮扶学校百余所，", []quantityWant{{"百余所", KindCount, 100, "所", QualMoreThan}}},
		{"动员志愿者千余人。", []quantityWant{{"千余人", KindCount, 1000, "人", QualMoreThan}}},
		{"吸引上千名游客。", []quantityWant{{"千名", KindCount, 1000, "名", QualAtLeast}}},
		{"覆盖数百所农村学校。", []quantityWant{{"数百所", KindCount, 100, "所", QualMoreThan}}},
		{"举办数十个讲座。", nil}, // written only in words: left out
		{"上课3000人次。", []quantityWant{{"3000人次", KindCount, 3000, "人次", ""}}},
	})
}

func TestYearsNotAmounts(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"2 0 1 9 年全县完成投资8亿元", []quantityWant{{"8亿元", KindMoney, 8e8, "元", ""}}},
		{"05年夏粮总产12万吨", []quantityWant{{"12万吨", KindMeasure, 120000, "吨", ""}}},
		{"201920年度支出56万元", []quantityWant{{"56万元", KindMoney, 560000, "元", ""}}},
		{"一九九O年产量3万吨", []quantityWant{{"3万吨", KindMeasure, 30000, "吨", ""}}},
		// ROC years: before a calendar word, or in text dated so.
		{"108年第3季出口成长2.1%", []quantityWant{{"2.1%", KindPercent, 2.1, "%", ""}}},
		{"109年上半年失业率3.9%，较108年增0.2个百分点", []quantityWant{
			{"3.9%", KindPercent, 3.9, "%", ""}, {"0.2个百分点", KindPercent, 0.2, "百分点", ""}}},
		{"2019届毕业生就业率95%", []quantityWant{{"95%", KindPercent, 95, "%", ""}}},
		{"连续举办12届运动会", []quantityWant{{"12届", KindCount, 12, "届", ""}}},
		// A number of years stays a measure.
		{"建校110年来培养学生3万人", []quantityWant{{"110年", KindMeasure, 110, "年", ""}, {"3万人", KindCount, 30000, "人", ""}}},
	})
}

func TestBandsDefineAGroup(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"年收入低于3000元的农户有120户", []quantityWant{{"120户", KindCount, 120, "户", ""}}},
		{"人均收入不足2800元/年的家庭全部纳入", nil},
		{"人均收入高于全省", nil},
		{"销售收入超过100亿元，", []quantityWant{{"100亿元", KindMoney, 1e10, "元", QualMoreThan}}},
		// A bound before the noun of a group, or before the figure counted.
		{"新开工1000万元以上项目38个。", []quantityWant{{"38个", KindCount, 38, "个", ""}}},
		{"引進投資超過二十億元的產業項目6個。", []quantityWant{{"6个", KindCount, 6, "个", ""}}},
		{"数学成绩120分以上的考生达95人", []quantityWant{{"95人", KindCount, 95, "人", ""}}},
		{"全科成绩700分以上52人", []quantityWant{{"52人", KindCount, 52, "人", ""}}},
		// A share of the group is an amount.
		{"宽带覆盖全县八成以上人口", []quantityWant{{"八成", KindPercent, 80, "%", QualAtLeast}}},
		{"培训教师1200人以上，", []quantityWant{{"1200人", KindCount, 1200, "人", QualAtLeast}}},
		// Ages that define who is counted.
		{"为3200名70岁以上长者体检", []quantityWant{{"3200名", KindCount, 3200, "名", ""}}},
		{"3歲以下嬰幼兒照護服務覆蓋率達45%", []quantityWant{{"45%", KindPercent, 45, "%", ""}}},
		{"18-35岁青年就业率92.5%", []quantityWant{{"92.5%", KindPercent, 92.5, "%", ""}}},
		{"教师平均年龄38.6岁。", []quantityWant{{"38.6岁", KindMeasure, 38.6, "岁", ""}}},
	})
}

func TestNumbersThatAreNoAmount(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		// The hosting site's page counters and labelled identifiers.
		{"发布时间：2023-05-06  阅读：3,571次", nil},
		{"瀏覽次數：1208次", nil},
		{"咨询电话：6328 1100", nil},
		// A phone number after an area code, even when a line break glues
		// a year on.
		{"聯絡電話(03)3456-7788\n113年施政計畫", nil},
		// A list marker glued to a year.
		{"2.2023年全县新建校舍5栋", []quantityWant{{"5栋", KindCount, 5, "栋", ""}}},
		{"年均增长1.5年", []quantityWant{{"1.5年", KindMeasure, 1.5, "年", ""}}},
		// A bound with 的 after it says who or what is counted.
		{"总分650分以上的考生有42人。", []quantityWant{{"42人", KindCount, 42, "人", ""}}},
		{"新开工投资5000万元以上的项目38个，", []quantityWant{{"38个", KindCount, 38, "个", ""}}},
		{"失业率控制在5%以下的水平，", []quantityWant{{"5%", KindPercent, 5, "%", QualAtMost}}},
		// The base a rate is counted over.
		{"每10万人口拥有公共图书馆2.4个，", []quantityWant{{"2.4个", KindCount, 2.4, "个", ""}}},
		{"每 100名学生配备计算机18台。", []quantityWant{{"18台", KindCount, 18, "台", ""}}},
		// The day or month that ends a date written with separators.
		{"新规自2025/7/1起施行，已受理投诉3起。", []quantityWant{{"3起", KindCount, 3, "起", ""}}},
		{"截至2024-12-31日，全县共有药店56家。", []quantityWant{{"56家", KindCount, 56, "家", ""}}},
		{"版本号为3.2-1个补丁", []quantityWant{{"1个", KindCount, 1, "个", ""}}}, // no year opens it
	})
}

// TestRatesPerARoundNumber: a rate per 10万 or per 1000 is a measure with
// that base as its unit, the number as written, and never a fraction.
func TestRatesPerARoundNumber(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"全市孕产妇死亡率为9.6/10万，", []quantityWant{{"9.6/10万", KindMeasure, 9.6, "/10万", ""}}},
		{"全年无孕产妇死亡，死亡率为0/10万。", []quantityWant{{"0/10万", KindMeasure, 0, "/10万", ""}}},
		{"肺结核报告发病率降至28.4/100000。", []quantityWant{{"28.4/100000", KindMeasure, 28.4, "/10万", ""}}},
		{"新生儿死亡率1.2/1000，", []quantityWant{{"1.2/1000", KindMeasure, 1.2, "/千", ""}}},
		{"合格比例为3/5，", []quantityWant{{"3/5", KindPercent, 60, "%", ""}}},
	})
}

func TestQualifierWordsAroundAmounts(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		// 约 before a verb still qualifies the amount after it.
		{"其中民营企业约占62%，", []quantityWant{{"62%", KindPercent, 62, "%", QualApprox}}},
		{"總投資約達3.5億元", []quantityWant{{"3.5亿元", KindMoney, 3.5e8, "元", QualApprox}}},
		{"增速5%左右", []quantityWant{{"5%", KindPercent, 5, "%", QualApprox}}},
		{"合格率近98%", []quantityWant{{"98%", KindPercent, 98, "%", QualApprox}}},
		{"较上年增长两成以上", []quantityWant{{"两成", KindPercent, 20, "%", QualAtLeast}}},
		// Words that only end in a qualifier word.
		{"全年對外貿易出超640億美元", []quantityWant{{"640亿美元", KindMoney, 6.4e10, "美元", ""}}},
		{"最近5年新建校舍12栋", []quantityWant{{"5年", KindMeasure, 5, "年", ""}, {"12栋", KindCount, 12, "栋", ""}}},
	})
}

func TestSignWords(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"全年为企业降本减负48.6亿元。", []quantityWant{{"48.6亿元", KindMoney, 4.86e9, "元", ""}}},
		{"工业增加值增速为负1.2%。", []quantityWant{{"负1.2%", KindPercent, -1.2, "%", ""}}},
	})
}

func TestLatinUnits(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"年处理污水3000t，", []quantityWant{{"3000t", KindMeasure, 3000, "吨", ""}}},
		{"新建跑道400m。", []quantityWant{{"400m", KindMeasure, 400, "米", ""}}},
		{"光伏装机2.5MW，", []quantityWant{{"2.5MW", KindMeasure, 2.5, "兆瓦", ""}}},
		{"硬化路面 5000 m2，", []quantityWant{{"5000 m2", KindMeasure, 5000, "平方米", ""}}},
		// Letters that are no unit make a code.
		{"推广5G和3D技术", nil},
		{"文件大小21MB", nil},
	})
}

func TestCurrencyNotes(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		{"本年度开支(港元,下同)共32亿元，其中教育6.5亿元。", []quantityWant{
			{"32亿元", KindMoney, 3.2e9, "港元", ""}, {"6.5亿元", KindMoney, 6.5e8, "港元", ""}}},
		{"收入（单位：新台币）120万元", []quantityWant{{"120万元", KindMoney, 1.2e6, "新台币", ""}}},
		// Without a note, or with 人民币 written, 元 stays 元.
		{"总收入32亿元", []quantityWant{{"32亿元", KindMoney, 3.2e9, "元", ""}}},
		{"(澳门元,下同)另有5亿元人民币", []quantityWant{{"5亿元人民币", KindMoney, 5e8, "元", ""}}},
		// A bracket that only names a currency sets nothing.
		{"兑换(港元)后共8万元", []quantityWant{{"8万元", KindMoney, 8e4, "元", ""}}},
		// A note that says what all amounts are counted in, in any wording.
		{"（本報告金額除特別說明外，均以新臺幣計算）\n全年營收3,200億元，較上年增加120億元。", []quantityWant{
			{"3,200亿元", KindMoney, 3.2e11, "新台币", ""}, {"120亿元", KindMoney, 1.2e10, "新台币", ""}}},
		{"(以港元计)保费收入45亿元", []quantityWant{{"45亿元", KindMoney, 4.5e9, "港元", ""}}},
		// A 下同 note right after an amount covers that amount too.
		{"本年度盈余为86亿元(澳门元,下同)，其中博彩税3亿元。", []quantityWant{
			{"86亿元", KindMoney, 8.6e9, "澳门元", ""}, {"3亿元", KindMoney, 3e8, "澳门元", ""}}},
		// A currency named right before the amount, over a qualifier.
		{"家庭平均收入為新臺幣約98萬元，較上年增加。", []quantityWant{{"98万元", KindMoney, 9.8e5, "新台币", "approx"}}},
		// A local currency named once holds for the paragraph's bare 元.
		{"财政收入50亿元。\n零售总额120亿港元，按年上升；人均消费3,150元。\n利税5亿元。", []quantityWant{
			{"50亿元", KindMoney, 5e9, "元", ""}, {"120亿港元", KindMoney, 1.2e10, "港元", ""},
			{"3,150元", KindMoney, 3150, "港元", ""}, {"5亿元", KindMoney, 5e8, "元", ""}}},
		// When the document's first amount names it, for the whole document.
		{"旅客总消费85亿澳门元。\n人均消费1,980元。", []quantityWant{
			{"85亿澳门元", KindMoney, 8.5e9, "澳门元", ""}, {"1,980元", KindMoney, 1980, "澳门元", ""}}},
		// An amount in 人民币 makes 元 yuan again.
		{"旅客总消费85亿澳门元。\n内地投资人民币3亿元。\n其中设备1.2亿元。", []quantityWant{
			{"85亿澳门元", KindMoney, 8.5e9, "澳门元", ""}, {"人民币3亿元", KindMoney, 3e8, "元", ""}, {"1.2亿元", KindMoney, 1.2e8, "元", ""}}},
		// A foreign currency does not carry over, and a first bare 元 makes
		// the document's own currency 元.
		{"出口额3.5亿美元，其中加工费2000万元。", []quantityWant{
			{"3.5亿美元", KindMoney, 3.5e8, "美元", ""}, {"2000万元", KindMoney, 2e7, "元", ""}}},
	})
}

func TestDaysPairsAndLatinIndicators(t *testing.T) {
	runQuantityCases(t, []struct {
		in   string
		want []quantityWant
	}{
		// 日 counts days after a decimal, before 内 or after a word of
		// duration; otherwise it is a day of the month.
		{"游客平均停留2.4日，", []quantityWant{{"2.4日", KindMeasure, 2.4, "日", ""}}},
		{"會展期較去年縮短1日。", []quantityWant{{"1日", KindMeasure, 1, "日", ""}}},
		{"申請須於7日內辦結。", []quantityWant{{"7日", KindMeasure, 7, "日", ""}}},
		{"大会于18日开幕，9月30日闭幕。", nil},
		// 对 counts pairs, unless a second number follows (1对1).
		{"组建帮扶对子36对，", []quantityWant{{"36对", KindCount, 36, "对", ""}}},
		{"開展1對1輔導", nil},
		// A unit in traditional script inside simplified text.
		{"水产品产量2.6萬噸，比上年增长", []quantityWant{{"2.6萬噸", KindMeasure, 26000, "吨", ""}}},
		{"空气中PM2.5浓度28微克/立方米", []quantityWant{{"28微克/立方米", KindMeasure, 28, "微克/立方米", ""}}},
		// An amount after an indicator's Latin name.
		{"人均GDP２５，４００美元。", []quantityWant{{"25，400美元", KindMoney, 25400, "美元", ""}}},
	})
}
