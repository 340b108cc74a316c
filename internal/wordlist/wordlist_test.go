package wordlist

import (
	"reflect"
	"testing"
)

func TestLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"# only a comment\n\n", nil},
		{"减负\n  担负 \r\n# 注释\n\n千瓦\t千瓦\tmeasure\n", []string{"减负", "担负", "千瓦\t千瓦\tmeasure"}},
	}
	for _, tt := range tests {
		if got := Lines(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
