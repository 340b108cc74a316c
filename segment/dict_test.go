package segment

import "testing"

func TestOpenDictRejectsDamage(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"header only", dictData[:44]},
		{"truncated", dictData[:len(dictData)-1]},
		{"longer", append(append([]byte{}, dictData...), 0)},
		{"other magic", append([]byte("zhsdict0"), dictData[8:]...)},
	}
	for _, tt := range tests {
		if _, err := openDict(tt.data); err == nil {
			t.Errorf("%s: opened", tt.name)
		}
	}
	if _, err := openDict(dictData); err != nil {
		t.Fatal(err)
	}
}

func TestCutPosShortText(t *testing.T) {
	tests := []struct {
		text string
		want []Word
	}{
		{"", []Word{}},
		{"在校学生3.2万人", []Word{{"在校学生", "n"}, {"3", "x"}, {".", "x"}, {"2", "x"}, {"万", "zg"}, {"人", "n"}}},
		{"GDP增长", []Word{{"gdp", "x"}, {"增长", "v"}}},
	}
	for _, tt := range tests {
		got := Default().CutPos(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("CutPos(%q) = %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("CutPos(%q) = %v, want %v", tt.text, got, tt.want)
				break
			}
		}
	}
}
