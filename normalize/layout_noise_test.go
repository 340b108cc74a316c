package normalize

import (
	"strings"
	"testing"
)

// TestLayoutSteps gives each rule of the layout steps a sentence of its
// own, and one it must leave alone. Every step keeps the map exact: each
// clean character still stands for the original character it was.
func TestLayoutSteps(t *testing.T) {
	wrapped := "今年全镇新建农村公路四十二公里，改造危桥七座，\n" +
		"完成投资一千三百万元，惠及沿线群众一万余人，带\n" +
		"动了乡村旅游的发展。\n"
	acronymWrapped := "全年全市地区生产总值突破一千二百亿元，GD\nP增长百分之六点五，增速居全省前列，人\n均可支配收入增长百分之七，城乡居民收\n入差距继续缩小，民生福祉不断增进。\n"
	acronymJoined := "全年全市地区生产总值突破一千二百亿元，GDP增长百分之六点五，增速居全省前列，人均可支配收入增长百分之七，城乡居民收入差距继续缩小，民生福祉不断增进。\n"
	doubleSpaced := "全年全市地区生产总值突破一千二百亿元，比上\n\n年增长百分之六点五，增速居全省前列，人均可\n\n支配收入增长百分之七，城乡居民收入差距继\n\n续缩小，民生福祉不断增进。\n\n\n\n二、农业\n\n全年粮食总产量达到八十五万吨。\n"
	doubleJoined := "全年全市地区生产总值突破一千二百亿元，比上年增长百分之六点五，增速居全省前列，人均可支配收入增长百分之七，城乡居民收入差距继续缩小，民生福祉不断增进。\n\n\n\n二、农业\n\n全年粮食总产量达到八十五万吨。\n"
	marginWrapped := "  全年全市地区生产总值突破一千二百亿元，比上\n  年增长百分之六点五，增速居全省前列，人均可\n  支配收入增长百分之七，城乡居民收入差距继\n  续缩小，民生福祉不断增进。\n"
	marginJoined := "  全年全市地区生产总值突破一千二百亿元，比上年增长百分之六点五，增速居全省前列，人均可支配收入增长百分之七，城乡居民收入差距继续缩小，民生福祉不断增进。\n"
	tests := []struct {
		name string
		step Step
		in   string
		want string
	}{
		// pinyin
		{"pinyin in brackets", DropPinyin, "年度經(jīng)費(fèi)預(yù)算", "年度經費預算"},
		{"pinyin with a tone digit", DropPinyin, "共投入資金3億(yi4)元", "共投入資金3億元"},
		{"pinyin with stray spaces", DropPinyin, "年度經( j īng)費", "年度經費"},
		{"bare pinyin", DropPinyin, "加强教jiào育yù投入", "加强教育投入"},
		{"a bracketed note stays", DropPinyin, "全市中学(含职高)共12所", "全市中学(含职高)共12所"},
		{"Latin words stay", DropPinyin, "全县GDP增长6%，app下载量", "全县GDP增长6%，app下载量"},
		{"a short bare syllable stays", DropPinyin, "建成an全示范校", "建成an全示范校"},

		// page furniture
		{"page number between dashes", DropPageFurniture, "全年植树造林\n\n- 7 -\n\n三千亩。", "全年植树造林三千亩。"},
		{"a paragraph end before furniture stays", DropPageFurniture, "全年植树三千亩。\n— 7 —\n二、水利", "全年植树三千亩。\n二、水利"},
		{"a heading before furniture stays", DropPageFurniture, "一、基本情况\n·7·\n全年植树三千亩。", "一、基本情况\n全年植树三千亩。"},
		{"no join into a list item", DropPageFurniture, "主要做法如下\n— 7 —\n（一）植树", "主要做法如下\n（一）植树"},
		{"header of a page starting mid-sentence", DropPageFurniture, "全年植树\n- 7 -\n某县林业局工作总结\n造林三千亩。", "全年植树造林三千亩。"},
		{"heading after a finished sentence stays", DropPageFurniture, "全年植树三千亩。\n- 7 -\n三、水利建设\n新修水渠。", "全年植树三千亩。\n三、水利建设\n新修水渠。"},
		{"bare page numbers between blank lines", DropPageFurniture, "植树\n\n 7 \n\n造林三千亩。\n\n8\n\n护林。", "植树造林三千亩。\n护林。"},
		{"a page number before a form feed", DropPageFurniture, "全年接待游客12\n\n3\n\f某市文旅局  第4页\n6万人次。", "全年接待游客126万人次。"},
		{"a form feed opening a page", DropPageFurniture, "全年植树三千亩。\n\f二、水利建设", "全年植树三千亩。\n二、水利建设"},
		{"a running title with its page, once", DropPageFurniture, "全年植树\n某县林业局  第2页\n三千亩。", "全年植树三千亩。"},
		{"a wrapped digit of a spaced-out number", DropPageFurniture, "增加值3 1 .\n\n 0 \n\n4亿元，支出\n\n2 5\n\n . 8 7亿元", "增加值3 1 .\n\n 0 \n\n4亿元，支出\n\n2 5\n\n . 8 7亿元"},
		{"one number set apart stays", DropPageFurniture, "全年植树\n\n300\n\n亩。", "全年植树\n\n300\n\n亩。"},
		{"footer with a changing page number", DropPageFurniture,
			"甲\n某县统计局 第1页\n乙。\n某县统计局 第2页\n丙。\n某县统计局 第3页\n丁。", "甲乙。\n丙。\n丁。"},
		{"page of pages", DropPageFurniture, "投入\n第 2 页 共 9 页\n资金", "投入资金"},
		{"pages then page", DropPageFurniture, "投入\n共9页 第2页\n资金", "投入资金"},
		{"page in English", DropPageFurniture, "投入\nPage 2 of 9\n资金", "投入资金"},
		{"page fraction", DropPageFurniture, "投入\n 4/11 \n资金", "投入资金"},
		{"running title repeated", DropPageFurniture,
			"某区卫生工作年报\n甲。\n某区卫生工作年报\n乙。\n某区卫生工作年报\n丙。",
			"甲。\n乙。\n丙。"},
		{"a title twice stays", DropPageFurniture, "某区卫生工作年报\n甲。\n某区卫生工作年报\n乙。", "某区卫生工作年报\n甲。\n某区卫生工作年报\n乙。"},
		{"a bare number line stays", DropPageFurniture, "投入资金\n1200\n万元", "投入资金\n1200\n万元"},
		{"repeated totals stay", DropPageFurniture, "小计 120万元\n甲。\n小计 45万元\n乙。\n小计 8万元\n丙。", "小计 120万元\n甲。\n小计 45万元\n乙。\n小计 8万元\n丙。"},
		{"repeated sentences stay", DropPageFurniture, "合格。\n合格。\n合格。", "合格。\n合格。\n合格。"},

		// wrapped lines
		{"lines filling the page width joined", JoinWrappedLines, wrapped + wrapped,
			strings.Repeat("今年全镇新建农村公路四十二公里，改造危桥七座，完成投资一千三百万元，惠及沿线群众一万余人，带动了乡村旅游的发展。\n", 2)},
		{"a short heading stays", JoinWrappedLines, "一、基本情况\n" + wrapped + wrapped,
			"一、基本情况\n" + strings.Repeat("今年全镇新建农村公路四十二公里，改造危桥七座，完成投资一千三百万元，惠及沿线群众一万余人，带动了乡村旅游的发展。\n", 2)},
		{"a list item is not a wrap", JoinWrappedLines,
			"全镇今年新建村级卫生室八所并全部配齐医生\n（二）教育方面\n全镇今年新建村级卫生室八所并全部配齐医生\n全镇今年新建村级卫生室八所并全部配齐医生。\n",
			"全镇今年新建村级卫生室八所并全部配齐医生\n（二）教育方面\n全镇今年新建村级卫生室八所并全部配齐医生全镇今年新建村级卫生室八所并全部配齐医生。\n"},
		{"a decimal point after a break", JoinBrokenLines, "增长12\n.5%", "增长12.5%"},
		{"a decimal point before a break", JoinBrokenLines, "增长12.\n5%", "增长12.5%"},
		{"a sentence's full stop before a break", JoinBrokenLines, "全县学校12所.\n5所新建", "全县学校12所.\n5所新建"},
		{"a number cut by a page break", JoinWrappedLines, "全年发放助学金2\n\n6.5万元。", "全年发放助学金26.5万元。"},
		{"a page number left at the cut", JoinWrappedLines, "全年发放助学金26.5 3\n\n万元。", "全年发放助学金26.5万元。"},
		{"spaced digits are no page number", JoinWrappedLines, "增长1 2\n\n%。", "增长1 2%。"},
		{"a sentence end is no cut", JoinWrappedLines, "助学金2万元。\n\n3所学校", "助学金2万元。\n\n3所学校"},
		{"an abbreviation wrapped", JoinWrappedLines, acronymWrapped, acronymJoined},
		{"an English word wrapped", JoinWrappedLines, "引进了来自海外的先进设备和管理经验，签约the\nproject的企业有十二家，带动了本地就业和\n税收的增长，全年新增市场主体三千余户。\n今年计划再引进一批项目。", "引进了来自海外的先进设备和管理经验，签约the project的企业有十二家，带动了本地就业和税收的增长，全年新增市场主体三千余户。\n今年计划再引进一批项目。"},
		{"a spaced-out number wrapped", JoinWrappedLines, "全年旅游收入4 8 . 6\n 5亿元。", "全年旅游收入4 8 . 6 5亿元。"},
		{"a spaced-out number wrapped twice", JoinWrappedLines, "人均可支配收入3 1\n 2\n 0 8元。", "人均可支配收入3 1 2 0 8元。"},
		{"a lone digit of a spaced number", JoinWrappedLines, "税收收入7 . \n0 \n2亿元。", "税收收入7 . 0 2亿元。"},
		{"letter-spaced number wrapped", JoinWrappedLines, "支 出 6   1\n  .   5 万 元", "支 出 6   1 .   5 万 元"},
		{"double-spaced lines", JoinWrappedLines, doubleSpaced, doubleJoined},
		{"a number cut at its point", JoinWrappedLines, "全年粮食产量48.\n7万吨。", "全年粮食产量48.7万吨。"},
		{"a number going on with its point", JoinWrappedLines, "年末户籍人口6\n.52万人。", "年末户籍人口6.52万人。"},
		{"rows of spaced numbers stay apart", JoinWrappedLines, "小麦 1 2\n 玉米 3 4", "小麦 1 2\n 玉米 3 4"},
		{"a number's unit after the margin", JoinWrappedLines, "全县共有学校 1 2\n   所。", "全县共有学校 1 2所。"},
		{"a wrapped line's margin", JoinWrappedLines, marginWrapped, marginJoined},
		{"Latin words wrapped keep a space", JoinWrappedLines,
			"aaaaaaaaaaaaaaaaaaaa gross\nproduct aaaaaaaaaaaaaaaaaa\naaaaaaaaaaaaaaaaaaaaaaaaa.\naaaaaaaaaaaaaaaaaaaaaaaaa.\n",
			"aaaaaaaaaaaaaaaaaaaa gross product aaaaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaaaaaaaaaaa.\naaaaaaaaaaaaaaaaaaaaaaaaa.\n"},

		// spaces
		{"spaced digits", CloseLayoutSpaces, "全县粮食产量 3 6 2 1 0 吨", "全县粮食产量36210吨"},
		{"spaced decimal and percent", CloseLayoutSpaces, "增长 1 2 . 5 %", "增长12.5%"},
		{"space between scripts", CloseLayoutSpaces, "全镇 1200 户", "全镇1200户"},
		{"spaces inside Han text", CloseLayoutSpaces, "继  续推进", "继续推进"},
		{"letter-spaced text", CloseLayoutSpaces, "共 有 x x 所 ， 占 1 / 5", "共有xx所，占1/5"},
		{"spaces inside brackets", CloseLayoutSpaces, "中学( 含职高 )共 12 所", "中学(含职高)共12所"},
		{"a Latin note in brackets", CloseLayoutSpaces, "增长率 ( yoy )", "增长率(yoy)"},
		{"table columns stay", CloseLayoutSpaces, "小麦  21500    1.35", "小麦21500    1.35"},
		{"a space inside a number", CloseLayoutSpaces, "投资12 500万元", "投资12500万元"},
		{"a middle dot as the decimal point", CloseLayoutSpaces, "赤字为四百二十 ‧ 五亿元，储备一千 ・二亿元", "赤字为四百二十‧五亿元，储备一千・二亿元"},
		{"spaces around a slash", CloseLayoutSpaces, "合格的占3 / 5，发病率12.4/ 10万", "合格的占3/5，发病率12.4/10万"},
		{"a slash between words stays spaced", CloseLayoutSpaces, "高中 / 职高 12所", "高中 / 职高12所"},
		{"digit groups in spaced-out text", CloseLayoutSpaces, "人均存款 18 260 元 ， 增长 4.1 %", "人均存款18260元，增长4.1%"},
		{"digit groups before a scale word", CloseLayoutSpaces, "引进资金 3 050 万元", "引进资金3050万元"},
		{"table columns of three digits stay", CloseLayoutSpaces, "稻谷 12 415\n玉米 36 208", "稻谷12 415\n玉米36 208"},
		{"columns of a table row", CloseLayoutSpaces, "蔬菜 4120 3.6\n水果 3550 12", "蔬菜4120 3.6\n水果3550 12"},
		{"Latin words stay apart", CloseLayoutSpaces, "the GDP 增长", "the GDP 增长"},
		{"wide gaps stay", CloseLayoutSpaces, "上一页    1    2", "上一页    1    2"},
		{"a digit group torn at its comma", CloseLayoutSpaces, "游客 3, 415万人次", "游客3,415万人次"},
		{"a space before a group comma", CloseLayoutSpaces, "收入 12 ,600元", "收入12,600元"},
		{"a list after a comma stays", CloseLayoutSpaces, "编号 12, 3456", "编号12, 3456"},
		{"an abbreviation split by a space", CloseLayoutSpaces, "全市GD P增长6%", "全市GDP增长6%"},
		{"two abbreviations stay apart", CloseLayoutSpaces, "引进 IBM HP 设备", "引进 IBM HP 设备"},
		{"a group comma among stray spaces", CloseLayoutSpaces, "收入预计为5 ,21 6亿元", "收入预计为5,216亿元"},
		{"stray spaces before a unit", CloseLayoutSpaces, "完成17 8.3 8亿元", "完成178.38亿元"},
		{"a row of numbers stays apart", CloseLayoutSpaces, "小麦 17 8.3 12\n", "小麦17 8.3 12\n"},
		{"a sign and its number", CloseLayoutSpaces, "增长 - 2.4%", "增长-2.4%"},
		{"a sign after a space", CloseLayoutSpaces, "增长 -2.4%", "增长-2.4%"},
		{"letter spacing around a space", CloseLayoutSpaces, "达 到 3   1 . 0 4 亿 元", "达到31.04亿元"},

		// punctuation
		{"ASCII comma and stop after Han", ChinesePunctuation, "全县共有学校12所,在校学生3.5万人.\n", "全县共有学校12所，在校学生3.5万人。\n"},
		{"comma after a number", ChinesePunctuation, "增长12%,居全市第一", "增长12%，居全市第一"},
		{"digit groups keep their comma", ChinesePunctuation, "投入1,200万元", "投入1,200万元"},
		{"a list point stays", ChinesePunctuation, "1.城乡低保", "1.城乡低保"},
		{"a full stop before a year", ChinesePunctuation, "增长5.9%.2021年粮食增产.2022年", "增长5.9%。2021年粮食增产。2022年"},
		{"a masked decimal stays", ChinesePunctuation, "投入x.xx亿元", "投入x.xx亿元"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.step.Apply(NewText(tt.in, 0))
			if s := got.String(); s != tt.want {
				t.Fatalf("\n got %q\nwant %q", s, tt.want)
			}
			in := []rune(tt.in)
			for i, r := range got.Runes {
				if s, e := got.Start[i], got.End[i]; e != s+1 || in[s] != r && !isPunctuationFor(in[s], r) {
					t.Fatalf("character %d %q maps to %q", i, r, string(in[s:e]))
				}
			}
		})
	}
}

// isPunctuationFor reports what a step may write for an original character:
// full-width punctuation for ASCII, a space for a line break between words.
func isPunctuationFor(orig, clean rune) bool {
	f, _ := fullWidthPunct(orig)
	return f == clean || orig == '\n' && clean == ' '
}

func TestPinyinSyllables(t *testing.T) {
	for _, s := range []string{"jīng", "zhuang", "lüè", "yuan", "er", "xiong", "yi"} {
		if !isPinyinSyllable([]rune(s)) {
			t.Errorf("%q is a syllable", s)
		}
	}
	for _, s := range []string{"app", "gdp", "bus", "text", "zhx"} {
		if isPinyinSyllable([]rune(s)) {
			t.Errorf("%q is no syllable", s)
		}
	}
}

// TestWordLists checks the shape of the data files: one entry a line, unit
// starts single characters, unit symbols spelt out and in the squared block.
func TestWordLists(t *testing.T) {
	for _, line := range embeddedLines(unitStartsData) {
		if len([]rune(line)) != 1 {
			t.Errorf("unit start %q is not one character", line)
		}
	}
	for r, s := range symbolSpellings {
		if !isSquaredSymbol(r) || s == "" {
			t.Errorf("unit symbol %q → %q", r, s)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"新建校舍\n4500\n平方米", "新建校舍4500平方米"},
		{"面积3.2㎞", "面积3.2公里"},
	} {
		res, err := Normalize(tt.in, 0, Options{Script: "none"})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Text.String(); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}
