package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestNumbersPrintsOneArrayPerLine(t *testing.T) {
	in := "投入1200万元\n\n百分之九十五点三\n近万名\n"
	code, out, stderr := runCLI(t, in, "numbers")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d output lines for 4 input lines:\n%s", len(lines), out)
	}
	type result struct {
		Start, End int
		Text, Kind string
		Value      *float64
		Unit       string
	}
	want := []struct {
		kind  string
		text  string
		value float64
		unit  string
	}{
		{"money", "1200万元", 12000000, "元"},
		{},
		{"percent", "百分之九十五点三", 95.3, "%"},
		{"number", "万", 10000, ""},
	}
	for i, line := range lines {
		var got []result
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, line)
		}
		w := want[i]
		if w.kind == "" {
			if len(got) != 0 {
				t.Errorf("line %d: %v, want []", i+1, got)
			}
			continue
		}
		if len(got) == 0 || got[0].Kind != w.kind || got[0].Text != w.text || got[0].Value == nil || *got[0].Value != w.value || got[0].Unit != w.unit {
			t.Errorf("line %d: %s, want first %s %q %v %q", i+1, line, w.kind, w.text, w.value, w.unit)
		}
	}
}

func TestNumbersKeepEveryDigitOfLargeIntegers(t *testing.T) {
	code, out, stderr := runCLI(t, "余额12345678901234567890元\n", "numbers")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `"value":12345678901234567890,`) {
		t.Errorf("numbers printed %s, want every digit", out)
	}
}
