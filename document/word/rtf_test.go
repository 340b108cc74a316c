package word

import (
	"strings"
	"testing"
)

func TestRTFText(t *testing.T) {
	tests := []struct {
		name, rtf, want, enc string
	}{
		{
			"GBK escapes under ansicpg936",
			`{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}\f0 \'d4\'da\'d0\'a3\'d1\'a7\'c9\'fa1200\'c3\'fb\par}`,
			"在校学生1200名\n", "gb18030",
		},
		{
			"Chinese font without ansicpg",
			`{\rtf1\ansi{\fonttbl{\f0\fcharset134 SimSun;}}\f0 \'c5\'e0\'d1\'b5 300\'c8\'cb\par}`,
			"培训 300人\n", "gb18030",
		},
		{
			"Big5 escapes",
			`{\rtf1\ansi\ansicpg950 \'b1\'d0\'ae\'76 45\par}`,
			"教師 45\n", "big5",
		},
		{
			`\u with a fallback to skip, and \uc0`,
			`{\rtf1\ansi \u22312?\u26657?\u23398?\u29983? 86\u19975?\u20154?\par{\uc0 \u32422 10\u20010 }}`,
			"在校学生 86万人\n约10个\n", "windows-1252",
		},
		{
			`\u fallback given as a hex byte`,
			`{\rtf1\ansi\uc1 \u25237\'3f\u20837\'3f 5\u20159\'3f\u20803\'3f\par}`,
			"投入 5亿元\n", "windows-1252",
		},
		{
			"surrogate pair",
			`{\rtf1 \u-10179?\u-8704? ok\par}`,
			"😀 ok\n", "windows-1252",
		},
		{
			"field instruction dropped, result kept",
			`{\rtf1 see {\field{\*\fldinst HYPERLINK "http://x.cn/9"}{\fldrslt table 9}}, 12 items\par}`,
			"see table 9, 12 items\n", "windows-1252",
		},
		{
			"tables: cells and rows as lines, no empty lines",
			`{\rtf1 \trowd\cellx1000\cellx2000 \intbl A\cell 78\cell\row \intbl \cell 31\cell\row}`,
			"A\n78\n31\n", "windows-1252",
		},
		{
			"styles, colours, info, pictures, headers and unknown optional destinations left out",
			`{\rtf1{\stylesheet{\s1 Heading 1;}}{\colortbl;\red255\green0\blue0;}{\info{\title 2023}}{\header page 3}{\*\unknown 99}{\pict\pngblip 89504e47}{\*\bkmkstart b1}body 7\par}`,
			"body 7\n", "windows-1252",
		},
		{
			"escaped braces and backslash, tab, binary data skipped",
			`{\rtf1 a\{b\}c\\d\tab e{\bin3 x}y}z\par}`,
			"a{b}c\\d\tez\n", "windows-1252", // \bin3 takes "x}y"
		},
		{
			"cp1252 bytes",
			`{\rtf1\ansi Caf\'e9 \'93quoted\'94\par}`,
			"Café “quoted”\n", "windows-1252",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := RTFText([]byte(tt.rtf))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || enc != tt.enc {
				t.Fatalf("got %q (%s), want %q (%s)", got, enc, tt.want, tt.enc)
			}
		})
	}
}

func TestRTFTooDeep(t *testing.T) {
	_, _, err := RTFText([]byte(`{\rtf1 ` + strings.Repeat("{", rtfMaxDepth+1)))
	if err == nil || !strings.Contains(err.Error(), "nested too deep") {
		t.Fatalf("err = %v", err)
	}
}
