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
