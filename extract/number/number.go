// Package number recognises Chinese and Arabic numbers, percentages and money
// amounts in running text. It is the grammar every quantity rests on and
// knows nothing of documents, units of counting or output.
//
// What it reads:
//   - Arabic numbers with thousands separators (1,234 and, followed by
//     exactly three digits, the full-width 1，484), decimals, exponents
//     (2.5e-3, 2^5) and k/M suffixes; full-width digits (２７，２０３).
//   - Chinese numerals in ordinary, traditional and financial forms
//     (一百七十七亿, 三點五億, 壹仟贰佰), with 两/兩, 〇/零, abbreviations
//     (二百五 = 250, 一万三 = 13000), the decimal point 点/點 and mixed forms
//     (1.2万, 1万6千, 1亿3千多万, 3万4000).
//   - 余/多/几 inside a number: the value is the stated part and Qualifier is
//     QualifierMoreThan (1200余 → 1200, 十余万 → 100000, 几十 → 10,
//     二十几 → 20). A 多 at the very end, with nothing after it, is left
//     out of the match (四百多 → 四百), as Recognizers-Text does; before a
//     word it is kept (300多位 → 300多).
//   - A scale word standing alone after 近 上 逾 过 超 破 (近万名 → 万, 10000);
//     the leading word itself stays outside the match.
//   - Ranges: 3-5万元, 3至5万元, 3~5万元, 10-20%, 五六百, 二三十. The scale
//     and unit of the high end carry to the low end. Two complete amounts
//     (10%-20%, 十五亿元到二十亿元), two years (2019—2021) and dates are
//     not joined.
//   - Masked numbers: x X * × n _ (and full-width ｘ Ｘ ＊) standing for
//     digits, alone or with real digits, decimals and scales (xxxx万元,
//     x.x亿, 20xx, **).
//   - Percentages: % ％, 百分之…, 个百分点/百分点 (Unit "百分点"), 成 (九成 → 90,
//     七成五 → 75), 折 (八五折 → 85), and per mille (千分之五, 5‰), which is
//     reported as a percent with the value in percent (0.5) and Unit "%".
//     Fractions are percents too: 五分之一 → 20, 1/5 → 20. A mixed number
//     (三又三分之一, 1 4/3) stays a number.
//   - Money: a number followed by a currency (元 万元 亿元 美元 欧元 英镑 日元
//     港元 港币 瑞士法郎 …) or preceded by 人民币, ¥, $, € or £. Unit is the
//     currency in simplified script (元 for yuan, 人民币 and 块钱) and Value
//     is in that unit.
//
// A lone Chinese digit (一, 三, 十) is a number only before a classifier, a
// function word or punctuation, so 一看, 四川 and 一体化 give nothing; the
// financial numerals (壹, 伍, 陆, 拾) never stand alone. Numbers glued to
// Latin letters (5G, A2021) and URLs are skipped. Values are rounded to 15
// significant digits so that decimal scales read exactly (1.13亿 →
// 113000000); a value that does not fit a float64 is not reported.
package number

// Kinds of match.
const (
	KindNumber  = "number"
	KindPercent = "percent"
	KindMoney   = "money"
)

// Qualifiers carried inside a number's surface (1200余, 300多位, 几十).
const (
	QualifierMoreThan = "more_than"
)

// Match is one recognised number, percentage or money amount.
type Match struct {
	Start, End int    // Unicode code point offsets into the input, end exclusive
	Text       string // the input's characters at [Start, End)
	Kind       string // KindNumber, KindPercent or KindMoney

	// Value is the amount in base units: 1.2万 → 12000; 95.3% → 95.3;
	// 1200万元 → 12000000. For a range (3-5万元, 五六百) it is the low end
	// and High holds the high end; otherwise High equals Value. Both are 0
	// and meaningless when Masked.
	Value     float64
	High      float64
	IsRange   bool
	Masked    bool   // a digit is redacted (xx, x.x, *, ×, n, _): Value unknown
	Unit      string // percent: "%" or "百分点"; money: "元", "美元", …; number: ""
	Qualifier string // QualifierMoreThan for 余/多/几 inside the surface, else ""
	// Exact holds every digit of Value when it is an integer beyond 2^53,
	// which a float64 rounds (12345678901234567890); else "".
	Exact string
}
