package score

import (
	"strings"
	"testing"
)

func TestDocGroup(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"fi01_scspc.txt", "fi"},
		{"gwr1957.txt", "gwr"},
		{"TR04_dgbas.txt", "tr"},
		{"000_d3b064de.txt", "00x"},
		{"004_c978.txt", "00x"},
		{"12_report.txt", "1x"},
		{"报告_2020.txt", "报告"},
		{"report", "report"},
	}
	for _, tt := range tests {
		if got := DocGroup(tt.doc); got != tt.want {
			t.Errorf("DocGroup(%q) = %q, want %q", tt.doc, got, tt.want)
		}
	}
}

func TestNamesByGroupAndCanonicalAgreement(t *testing.T) {
	res := Result{Names: []NameScore{
		{F1: 1, Pred: "地区生产总值", Gold: "地区生产总值", Doc: "sb01.txt", PredCanonical: "地区生产总值"},
		{F1: 0.7, Pred: "地区生产总值", Gold: "地区生产总值增长", Doc: "sb02.txt", PredCanonical: "地区生产总值"},
		{F1: 0.2, Pred: "学校", Gold: "新建学校", Doc: "001_a.txt"},
		{F1: 1, Pred: "入园率", Gold: "入园率", Doc: "002_b.txt", PredCanonical: "学前三年毛入园率", GoldCanonical: "学前三年毛入园率"},
	}}
	got := res.NamesByGroup()
	want := []GroupNames{{"00x", 2, 1, 1}, {"sb", 2, 2, 1}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("NamesByGroup = %+v, want %+v", got, want)
	}
	canon := func(m string) string {
		if m == "地区生产总值" {
			return m
		}
		return ""
	}
	if carried, agree := res.CanonicalAgreement(canon); carried != 3 || agree != 2 {
		t.Errorf("CanonicalAgreement = %d, %d; want 3 carried, 2 agreeing (a growth is not the indicator)", carried, agree)
	}
	var b strings.Builder
	if err := WriteGroups(&b, res, canon); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"00x           2  0.500  0.500", "sb            2  1.000  0.500", "canonical names on 3 of 4 found quantities, agreeing with the gold's 0.667"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("report lacks %q:\n%s", line, b.String())
		}
	}
}
