package number

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The conformance specs are Recognizers-Text's Chinese NumberModel,
// PercentModel and CurrencyModel cases (MIT, see the LICENSE beside them).
// A case passes when the results of the matching kind have exactly the
// expected spans and values, in order.
//
// The results come from Recognize, which is what `zhmetrics numbers` prints:
// plain numbers (the numeral inside 百分之… and …元 too, fractions as
// ratios, as NumberModel expects) and the percentages and money amounts
// they form; each model is compared with the results of its kind.

const conformanceDir = "../../testdata/conformance"

type rtCase struct {
	Input        string
	NotSupported string
	Results      []struct {
		Text       string
		Start, End int // inclusive
		Resolution struct {
			Value *string `json:"value"`
		}
	}
}

type rtModel struct {
	file  string
	kind  string
	floor float64
}

// The floors are today's pass rates: a case that stops passing fails.
var rtModels = []rtModel{
	{"NumberModel.dev.json", KindNumber, 1.00},
	{"PercentModel.dev.json", KindPercent, 1.00},
	{"CurrencyModel.dev.json", KindMoney, 0.94},
}

func loadCases(t testing.TB, file string) []rtCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(conformanceDir, file))
	if err != nil {
		t.Fatal(err)
	}
	var cases []rtCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return cases
}

// parseRTValue reads "95.3%", "6E-07", "1000000" as a number.
func parseRTValue(v string) (float64, bool) {
	v = strings.TrimSuffix(strings.TrimSpace(v), "%")
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}

// isLongInteger reports an integer of more than 15 digits, which a float64
// may round.
func isLongInteger(v string) bool {
	v = strings.TrimPrefix(v, "-")
	if len(v) <= 15 {
		return false
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func closeEnough(a, b float64) bool {
	if a == b {
		return true
	}
	d := math.Abs(a - b)
	return d <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) || d < 1e-12
}

// checkCase returns "" when the case passes, else a description.
func checkCase(c rtCase, kind string) string {
	var sel []Match
	for _, m := range Recognize(c.Input) {
		if m.Kind == kind {
			sel = append(sel, m)
		}
	}
	describe := func() string {
		var b strings.Builder
		for _, m := range sel {
			fmt.Fprintf(&b, " [%d,%d)%q=%v", m.Start, m.End, m.Text, m.Value)
		}
		return b.String()
	}
	if len(sel) != len(c.Results) {
		return fmt.Sprintf("want %d results, got%s", len(c.Results), describe())
	}
	for k, want := range c.Results {
		m := sel[k]
		if m.Start != want.Start || m.End != want.End+1 {
			return fmt.Sprintf("result %d: want [%d,%d) %q, got%s", k, want.Start, want.End+1, want.Text, describe())
		}
		if want.Resolution.Value == nil {
			continue
		}
		if exact := *want.Resolution.Value; isLongInteger(exact) {
			// Beyond 2^53 every digit must come through, not a rounded float.
			got := m.Exact
			if got == "" {
				got = strconv.FormatFloat(m.Value, 'f', -1, 64)
			}
			if got != exact {
				return fmt.Sprintf("result %d: want exact value %s, got %s", k, exact, got)
			}
			continue
		}
		wv, ok := parseRTValue(*want.Resolution.Value)
		if !ok {
			return fmt.Sprintf("result %d: bad expected value %q", k, *want.Resolution.Value)
		}
		if m.Masked || !closeEnough(m.Value, wv) {
			return fmt.Sprintf("result %d: want value %v, got%s", k, wv, describe())
		}
	}
	return ""
}

func TestConformance(t *testing.T) {
	for _, model := range rtModels {
		cases := loadCases(t, model.file)
		pass := 0
		for _, c := range cases {
			if msg := checkCase(c, model.kind); msg != "" {
				t.Logf("%s FAIL %q: %s", model.file, c.Input, msg)
				continue
			}
			pass++
		}
		rate := float64(pass) / float64(len(cases))
		line := fmt.Sprintf("conformance %-24s %3d/%3d = %.3f (floor %.2f)", model.file, pass, len(cases), rate, model.floor)
		fmt.Println(line)
		t.Log(line)
		if rate < model.floor {
			t.Errorf("%s: pass rate %.3f below %.2f", model.file, rate, model.floor)
		}
	}
}
