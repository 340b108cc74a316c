package normalize

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/liuzl/gocc"
)

// Script names reported by DetectScript.
const (
	ScriptNone        = "none"
	ScriptSimplified  = "simplified"
	ScriptTraditional = "traditional"
)

// Conversions accepted by Simplify, besides "auto" and "none".
var conversions = []string{"t2s", "tw2s", "hk2s"}

var (
	convertersMu sync.Mutex
	converters   = map[string]*gocc.OpenCC{}
)

// converter loads a gocc conversion once per process; its dictionaries are
// embedded in the binary.
func converter(name string) (*gocc.OpenCC, error) {
	convertersMu.Lock()
	defer convertersMu.Unlock()
	if cc, ok := converters[name]; ok {
		return cc, nil
	}
	cc, err := gocc.New(name)
	if err != nil {
		return nil, fmt.Errorf("script conversion %q: %w", name, err)
	}
	converters[name] = cc
	return cc, nil
}

// ValidScript reports whether mode is a --script value.
func ValidScript(mode string) bool {
	if mode == "auto" || mode == "none" {
		return true
	}
	for _, c := range conversions {
		if c == mode {
			return true
		}
	}
	return false
}

// DetectScript tells whether the Han characters of rs are mostly
// simplified, traditional, or absent. A character counts as traditional
// when the traditional-to-simplified table changes it.
func DetectScript(rs []rune) string {
	han, trad := 0, 0
	for _, r := range rs {
		if !isHan(r) {
			continue
		}
		han++
		if isTraditionalOnly(r) {
			trad++
		}
	}
	switch {
	case han == 0:
		return ScriptNone
	// Simplified text borrows a few characters the table would change
	// (著, 乾, 瞭…); a real traditional text has many.
	case trad >= 3 && trad*20 >= han:
		return ScriptTraditional
	default:
		return ScriptSimplified
	}
}

var (
	traditionalOnce  sync.Once
	traditionalChars map[rune]bool
)

func isTraditionalOnly(r rune) bool {
	traditionalOnce.Do(func() {
		traditionalChars = map[rune]bool{}
		cc, err := converter("t2s")
		if err != nil || len(cc.DictChains) == 0 {
			return
		}
		// The last dictionary of the t2s group maps single characters.
		group := cc.DictChains[len(cc.DictChains)-1]
		chars := group.Dicts[len(group.Dicts)-1]
		for r := rune(0x3400); r <= 0x9FFF; r++ {
			s := string(r)
			if v, err := chars.Get(s); err == nil && len(v) > 0 && v[0] != s {
				traditionalChars[r] = true
			}
		}
	})
	return traditionalChars[r]
}

// Simplify returns a Step that converts traditional characters to
// simplified with the named gocc conversion, mapping each converted phrase
// back to the original characters it came from.
func Simplify(conversion string) (Step, error) {
	cc, err := converter(conversion)
	if err != nil {
		return nil, err
	}
	return StepFunc(func(src *Text) *Text {
		t := src
		for _, group := range cc.DictChains {
			t = convertGroup(group, t)
		}
		return t
	}), nil
}

// convertGroup applies one gocc dictionary group the way gocc does: at each
// position the first dictionary with a match wins with its longest key.
func convertGroup(group *gocc.Group, src *Text) *Text {
	b := newBuilder(src)
	s := string(src.Runes)
	i, byteAt := 0, 0
	for i < len(src.Runes) {
		r := src.Runes[i]
		size := utf8.RuneLen(r)
		if r < 0x2E80 { // nothing below the CJK radicals converts
			b.keep(i)
			i++
			byteAt += size
			continue
		}
		key, value := longestMatch(group, s[byteAt:])
		if key == "" {
			b.keep(i)
			i++
			byteAt += size
			continue
		}
		n := utf8.RuneCountInString(key)
		b.emitString(value, i, i+n)
		i += n
		byteAt += len(key)
	}
	return b.text()
}

func longestMatch(group *gocc.Group, s string) (key, value string) {
	for _, d := range group.Dicts {
		m, err := d.PrefixMatch(s)
		if err != nil || len(m) == 0 {
			continue
		}
		for k, v := range m {
			if len(k) > len(key) && len(v) > 0 {
				key, value = k, v[0]
			}
		}
		if key != "" {
			return key, value
		}
	}
	return "", ""
}
