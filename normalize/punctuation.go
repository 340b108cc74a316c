package normalize

import (
	"strings"
)

// ChinesePunctuation writes full-width punctuation for the ASCII comma,
// semicolon, colon, question and exclamation marks and full stop where
// they stand after Chinese text, as PDF and OCR text often gives them. A
// point or comma between digits is a number's and stays.
var ChinesePunctuation Step = StepFunc(chinesePunctuation)

// fullWidthPunct returns the full-width form of an ASCII mark it replaces.
func fullWidthPunct(r rune) (rune, bool) {
	switch r {
	case ',':
		return '，', true
	case ';':
		return '；', true
	case ':':
		return '：', true
	case '?':
		return '？', true
	case '!':
		return '！', true
	case '.':
		return '。', true
	}
	return 0, false
}

func chinesePunctuation(src *Text) *Text {
	rs := src.Runes
	b := newBuilder(src)
	kept := 0
	for i, r := range rs {
		if r >= 0x80 || i == 0 {
			continue
		}
		if f, ok := fullWidthPunct(r); ok && endsChinesePhrase(rs, i) {
			b.keepRange(kept, i)
			b.emit(f, i, i+1)
			kept = i + 1
		}
	}
	b.keepRange(kept, len(rs))
	return b.text()
}

// endsChinesePhrase reports whether the punctuation mark at i closes
// Chinese text: it follows a Han character, or a number, bracket or quote
// with Chinese text right after.
func endsChinesePhrase(rs []rune, i int) bool {
	prev := rs[i-1]
	atEnd := i+1 == len(rs) || rs[i+1] == '\n'
	nextChinese := !atEnd && isChinese(rs[i+1])
	if rs[i] == '.' {
		// No number's decimal point follows a Han character, a percent sign or
		// a closing bracket or quote ("增长5.9%.2005年…").
		return isHan(prev) || !isDigit(prev) && isChineseClose(prev)
	}
	return isHan(prev) || isChineseClose(prev) && nextChinese
}

// isChineseClose reports characters that end a Chinese phrase before a
// comma: a unit after a number, a closing bracket or quote, a percent sign.
func isChineseClose(r rune) bool {
	return isDigit(r) || strings.ContainsRune(")）”’%‰", r)
}
