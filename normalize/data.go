package normalize

import (
	_ "embed"
	"strings"
)

// Word lists live in data/, one entry a line; a line starting with # is a
// comment.
var (
	//go:embed data/pinyin_initials.txt
	pinyinInitialsData string
	//go:embed data/pinyin_finals.txt
	pinyinFinalsData string
	//go:embed data/boilerplate.txt
	boilerplateData string
	//go:embed data/page_numbers.txt
	pageNumbersData string
	//go:embed data/unit_starts.txt
	unitStartsData string
	//go:embed data/unit_symbols.txt
	unitSymbolsData string
)

// embeddedLines returns the entries of an embedded list.
func embeddedLines(data string) []string {
	var out []string
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

func setOfWords(words []string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}
