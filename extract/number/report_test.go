package number

import "testing"

// The classes below come from how reports and the peer's specs write
// numbers; every sentence is written for the test.

func money(text string, v float64, unit string) want {
	return want{Text: text, Kind: KindMoney, Value: v, Unit: unit}
}

func TestScaleGroupsInsideLargerScales(t *testing.T) {
	runCases(t, []findCase{
		// A 万 group counts 亿: 三万五千亿 = 35000亿.
		{"全年社会融资增量三万五千亿", []want{num("三万五千亿", 3.5e12)}},
		{"存款余额1万2千亿元", []want{money("1万2千亿元", 1.2e12, "元")}},
		{"五十二万三千六百亿零四百万", []want{num("五十二万三千六百亿零四百万", 52.36e12+4e6)}},
		{"二十三萬四千億", []want{num("二十三萬四千億", 23.4e12)}},
		{"存款1萬2千億元", []want{money("1萬2千億元", 1.2e12, "元")}},
		// The same scale twice is two numbers.
		{"三亿，五亿", []want{num("三亿", 3e8), num("五亿", 5e8)}},
		{"八千万亿", []want{num("八千万亿", 8e15)}},
	})
}

func TestColloquialNumerals(t *testing.T) {
	runCases(t, []findCase{
		{"他月薪万五，", []want{num("万五", 15000)}},
		{"这台车千八元", []want{money("千八元", 1800, "元")}},
		{"来了三万二人", []want{num("三万二", 32000)}},
		{"亿三的投资", []want{num("亿三", 1.3e8)}},
		{"月薪萬五，", []want{num("萬五", 15000)}},
		// 万一 and 千万 are words, not numbers.
		{"万一下雨", nil},
		{"千万不要迟到", nil},
	})
}

func TestSpacedDigits(t *testing.T) {
	runCases(t, []findCase{
		{"总产值 3 6 2 1 0 亿元", []want{money("3 6 2 1 0 亿元", 36210e8, "元")}},
		{"编号 1 2 3 4", []want{num("1 2 3 4", 1234)}},
		{"增长 1 2 . 5 %", []want{pct("1 2 . 5 %", 12.5)}},
		{"增长 6 . 5 %", []want{pct("6 . 5 %", 6.5)}},
		{"1. 5所学校", []want{num("1", 1), num("5", 5)}},
		{"全场 7 5 折", []want{pct("7 5 折", 75)}},
		{"会员 8 . 5 折", []want{pct("8 . 5 折", 85)}},
		{"總額 4 2 0 萬元", []want{money("4 2 0 萬元", 4200000, "元")}},
		// Groups of several digits stay apart; a slash makes a mixed number.
		{"分数 12 34", []want{num("12", 12), num("34", 34)}},
		{"约 2 3/4 杯", []want{num("2 3/4", 2.75)}},
	})
}

func TestTwoCurrencyUnits(t *testing.T) {
	runCases(t, []findCase{
		{"每股分红3美元又25美分", []want{money("3美元又25美分", 3.25, "美元")}},
		{"票价2英镑50便士", []want{money("2英镑50便士", 2.5, "英镑")}},
		{"十欧元零五欧分", []want{money("十欧元零五欧分", 10.05, "欧元")}},
		{"每股派息三美元又五美分", []want{money("三美元又五美分", 3.05, "美元")}},
		// Two currencies are two amounts.
		{"3美元又5欧分", []want{money("3美元", 3, "美元"), money("5欧分", 0.05, "欧元")}},
	})
}

func TestHongKongTaiwanNumerals(t *testing.T) {
	runCases(t, []findCase{
		{"廿五人出席", []want{num("廿五", 25)}},
		{"卅萬元", []want{money("卅萬元", 300000, "元")}},
		{"卌个", []want{num("卌", 40)}},
		{"一百廿三宗", []want{num("一百廿三", 123)}},
		{"五卅運動", nil},
		{"開支三‧五億元", []want{money("三‧五億元", 3.5e8, "元")}},
		{"一百二十八・七五萬人", []want{num("一百二十八・七五萬", 1287500)}},
		{"二·五倍", []want{num("二·五", 2.5)}},
		{"九·一八事變紀念", nil},
		{"二OO八年", []want{num("二OO八", 2008)}},
		{"共一百O五間", []want{num("一百O五", 105)}},
		{"二〇二O年", []want{num("二〇二O", 2020)}},
		{"O型血", nil},
	})
}

func TestScaleWithApproximator(t *testing.T) {
	runCases(t, []findCase{
		{"建成百余所学校", []want{more("百余", 100)}},
		{"吸引千余人参加", []want{more("千余", 1000)}},
		{"筹款万余元", []want{{Text: "万余元", Kind: KindMoney, Value: 10000, Unit: "元", Qualifier: QualifierMoreThan}}},
		{"百余万人", []want{more("百余万", 1e6)}},
		{"有数百所学校", []want{more("数百", 100)}},
		{"数十万群众", []want{more("数十万", 1e5)}},
		{"數千名志願者", []want{more("數千", 1000)}},
		// 数 ending a noun is no "several".
		{"学生人数百余人", []want{more("百余", 100)}},
		{"學生總數千餘人", []want{more("千餘", 1000)}},
		{"参加人数十分踊跃", []want{num("十", 10)}},
	})
}

func TestTenthsIdioms(t *testing.T) {
	runCases(t, []findCase{
		{"他的想法一成不变", []want{num("一", 1)}},
		{"游客三五成群", nil},
		{"十全十美", nil},
		{"七成学生认为", []want{pct("七成", 70)}},
		{"九成新的设备", []want{pct("九成", 90)}},
		{"三成以上", []want{pct("三成", 30)}},
		{"八折优惠", []want{pct("八折", 80)}},
		{"按八折合算", nil},
	})
}

func TestMinusSign(t *testing.T) {
	runCases(t, []findCase{
		{"增速为负3.5%", []want{pct("负3.5%", -3.5)}},
		{"利润增长负2个百分点", []want{{Text: "负2个百分点", Kind: KindPercent, Value: -2, Unit: "百分点"}}},
		{"为企业减负120亿元", []want{money("120亿元", 1.2e10, "元")}},
		{"為企業減負3億元", []want{money("3億元", 3e8, "元")}},
		{"肩负3项任务", []want{num("3", 3)}},
		{"负债率60%", []want{pct("60%", 60)}},
		{"出现负增长2.1%", []want{pct("2.1%", 2.1)}},
		{"负百分之五", []want{pct("负百分之五", -5)}},
	})
}

func TestUnitsAfterDigits(t *testing.T) {
	runCases(t, []findCase{
		// A unit that begins with a scale character takes it from the number.
		{"装机容量1500千瓦", []want{num("1500", 1500)}},
		{"电站5兆瓦", []want{num("5", 5)}},
		{"用电2.5千瓦时", []want{num("2.5", 2.5)}},
		{"二千瓦", []want{num("二千", 2000)}},
		// Latin unit symbols end a number; other letters make a code.
		{"面积3500.5m2", []want{num("3500.5", 3500.5)}},
		{"全长12km", []want{num("12", 12)}},
		{"5G网络和3D打印", nil},
		{"下载10MB", nil},
	})
}

func TestExactLargeIntegers(t *testing.T) {
	cases := []struct{ in, text, exact string }{
		{"国库余额12345678901234567890元", "12345678901234567890元", "12345678901234567890"},
		{"编号9,007,199,254,740,993", "9,007,199,254,740,993", "9007199254740993"},
		{"负9007199254740993", "负9007199254740993", "-9007199254740993"},
		{"共九千零七万亿一千九百九十二亿五千四百七十四万零九百九十三", "九千零七万亿一千九百九十二亿五千四百七十四万零九百九十三", "9007199254740993"},
		{"12345678万亿元", "12345678万亿元", "12345678000000000000"},
		{"1200万元", "1200万元", ""}, // a float64 holds it exactly
	}
	for _, tc := range cases {
		ms := Find(tc.in)
		if len(ms) != 1 || ms[0].Text != tc.text || ms[0].Exact != tc.exact {
			t.Errorf("Find(%q) = %+v, want %q with Exact %q", tc.in, ms, tc.text, tc.exact)
		}
	}
}

func TestAmountsAfterLatinIndicators(t *testing.T) {
	runCases(t, []findCase{
		// An amount written right after an indicator's Latin name is the
		// indicator's figure, in any digit width.
		{"人均GDP９，８７６美元", []want{money("９，８７６美元", 9876, "美元")}},
		{"全年GDP1.52萬億元", []want{money("1.52萬億元", 1.52e12, "元")}},
		{"人均GDP５萬６，７８０元", []want{money("５萬６，７８０元", 56780, "元")}},
		{"今年CPI2.3%左右", []want{pct("2.3%", 2.3)}},
		{"GDP总量达3万亿", []want{num("3万亿", 3e12)}},
		// A bare number glued to letters is part of a name or a code.
		{"PM2.5浓度下降", nil},
		{"PM2.5年均浓度", nil}, // its 5 starts no 5年
		{"PM10日均值", nil},
		{"型号AB300", nil},
		{"H7N9疫情", nil},
	})
}

func TestMiddleDotAfterHundredth(t *testing.T) {
	runCases(t, []findCase{
		// After 百分之 a middle dot can only be a decimal point, whatever
		// follows the numeral.
		{"出口減少百分之六‧七。", []want{pct("百分之六‧七", 6.7)}},
		{"增幅為百分之十二・五，", []want{pct("百分之十二・五", 12.5)}},
		{"比重百分之三‧零五", []want{pct("百分之三‧零五", 3.05)}},
	})
}

func TestBareScaleBeforeAGroup(t *testing.T) {
	runCases(t, []findCase{
		// A bare 万 or 亿 before a full group of lower scales stands for
		// one of it: 万五千 = 一万五千.
		{"受惠家庭万二千余户", []want{{Text: "万二千余", Kind: KindNumber, Value: 12000, Qualifier: QualifierMoreThan}}},
		{"招收学生万三千六百人", []want{num("万三千六百", 13600)}},
		{"投资亿五千万元", []want{money("亿五千万元", 1.5e8, "元")}},
		{"惠及萬八千戶", []want{num("萬八千", 18000)}},
		// The group must be smaller than the scale it follows.
		{"千万人", nil},
	})
}

func TestTrillionGroups(t *testing.T) {
	runCases(t, []findCase{
		// 兆 counts 10^12 in Taiwan writing; the 億 group after it may be
		// written with separators in either width.
		{"歲入3兆1,250億元", []want{money("3兆1,250億元", 3.125e12, "元")}},
		{"總額１兆９，０４０億元", []want{money("１兆９，０４０億元", 1.904e12, "元")}},
		{"國內生產毛額２１兆６千億元", []want{money("２１兆６千億元", 21.6e12, "元")}},
		{"約十二兆元", []want{money("十二兆元", 12e12, "元")}},
	})
}

func TestWidelySpacedDigits(t *testing.T) {
	runCases(t, []findCase{
		// Spacing text that had spaced digits already widens every gap
		// alike; the number reads the same.
		{"人 数 4   0   5   2 名", []want{num("4   0   5   2", 4052)}},
		{"总 额 3   0   7   .   5 万 元", []want{money("3   0   7   .   5 万 元", 3075000, "元")}},
		{"增 长 1  2  .  5  %", []want{pct("1  2  .  5  %", 12.5)}},
		// Gaps of different widths are separate numbers.
		{"编号 1 2  3", []want{num("1 2", 12), num("3", 3)}},
	})
}
