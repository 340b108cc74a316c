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

// AppendCutPos gives CutPos's words after what the buffer holds.
func TestAppendCutPos(t *testing.T) {
	texts := []string{"", "全年招聘教师120名", "出口總額增長5%", "GDP增长,CPI上涨"}
	buf := []Word{{"前", "f"}}
	for _, text := range texts {
		want := append([]Word{{"前", "f"}}, Default().CutPos(text)...)
		got := Default().AppendCutPos(buf[:1], text)
		if len(got) != len(want) {
			t.Fatalf("AppendCutPos(%q) = %v, want %v", text, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("AppendCutPos(%q) = %v, want %v", text, got, want)
			}
		}
		buf = got
	}
}
