// Package number recognises Chinese and Arabic numbers, percentages and money
// amounts in running text. It is the grammar every quantity rests on and
// knows nothing of documents, units of counting or output.
package number

// Kinds of match.
const (
	KindNumber  = "number"
	KindPercent = "percent"
	KindMoney   = "money"
)

// Qualifiers carried inside a number's surface (1200余, 300多, 几十).
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
	// and High holds the high end. Meaningless when Masked.
	Value     float64
	High      float64
	IsRange   bool
	Masked    bool   // a digit is redacted (xx, x.x, *, ×, n, _): Value unknown
	Unit      string // percent: "%" or "百分点"; money: "元", "美元", …; number: ""
	Qualifier string // QualifierMoreThan for 余/多/几 inside the surface, else ""
}
