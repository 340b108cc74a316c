// Package extract finds metric facts in clean, simplified report text:
// counts, percentages, money amounts and measures with their values, units
// and qualifiers, named programs in quotes, and the name of the indicator
// each quantity measures. It knows nothing of files, flags or output.
package extract

// Kinds of fact.
const (
	KindCount   = "count"
	KindPercent = "percent"
	KindMoney   = "money"
	KindMeasure = "measure"
	KindProgram = "program"
)

// AllKinds lists every kind in the order reports use.
var AllKinds = []string{KindCount, KindPercent, KindMoney, KindMeasure, KindProgram}

// Qualifiers of a quantity.
const (
	QualApprox   = "approx"
	QualAtLeast  = "at_least"
	QualMoreThan = "more_than"
	QualAtMost   = "at_most"
	QualLessThan = "less_than"
)

// Fact is one quantity or program found in clean text. Start and End are
// code point offsets into the clean text the extractor was given.
type Fact struct {
	Kind      string
	Start     int
	End       int
	Value     float64 // base units; meaningless when Masked or for programs
	HasValue  bool
	Exact     string // every digit of Value when it is an integer beyond 2^53, else ""
	Unit      string
	Qualifier string
	Masked    bool
	Metric    string
	Canonical string
	// SentenceStart and SentenceEnd bound the sentence holding the fact.
	SentenceStart int
	SentenceEnd   int
}
