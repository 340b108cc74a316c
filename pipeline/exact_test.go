package pipeline

import "testing"

// An amount beyond 2^53 reaches its row with every digit.
func TestRowsKeepExactLargeIntegers(t *testing.T) {
	res := Process("big.txt", []byte("全国存款余额达到12345678901234567890元。\n"), testConfig())
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	for _, r := range res.Rows {
		if r.Kind == "money" {
			if r.ValueText != "12345678901234567890" {
				t.Errorf("ValueText = %q, want every digit", r.ValueText)
			}
			return
		}
	}
	t.Fatalf("no money row in %+v", res.Rows)
}

// Traditional-script report text reaches the quantity rules through
// normalisation: units, 半 after a unit, 減負, 廿 and O for 零.
func TestTraditionalQuantities(t *testing.T) {
	text := "本年造林面積3.2萬公頃，醫師日均擔負8.4門診人次，集訓歷時12天半。\n" +
		"為企業減負48億元，新建校舍一百O五間，出席代表廿五人。\n"
	res := Process("tw.txt", []byte(text), testConfig())
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	want := []struct {
		raw, kind, unit string
		value           float64
	}{
		{"3.2萬公頃", "measure", "公顷", 32000},
		{"8.4門診人次", "count", "人次", 8.4},
		{"12天半", "measure", "天", 12.5},
		{"48億元", "money", "元", 4.8e9},
		{"一百O五間", "count", "间", 105},
		{"廿五人", "count", "人", 25},
	}
	var got []string
	for _, r := range res.Rows {
		if r.Kind != "program" {
			got = append(got, r.Raw)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("rows %q, want %d", got, len(want))
	}
	k := 0
	for _, r := range res.Rows {
		if r.Kind == "program" {
			continue
		}
		w := want[k]
		k++
		if r.Raw != w.raw || r.Kind != w.kind || r.Unit != w.unit || r.Value == nil || *r.Value != w.value {
			t.Errorf("row %q %s %q %v, want %q %s %q %v", r.Raw, r.Kind, r.Unit, r.Value, w.raw, w.kind, w.unit, w.value)
		}
	}
}
