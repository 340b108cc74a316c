package extract

import (
	"embed"
	"strings"
)

// wordFiles holds the word lists that names and programmes are read with,
// one entry a line, # comments, so that a reviewer can read and extend them.
//
//go:embed data/*.txt
var wordFiles embed.FS

// wordList reads data/name.txt in file order.
func wordList(name string) []string {
	var out []string
	for _, line := range strings.Split(wordFile(name), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// wordFile returns the text of data/name.txt.
func wordFile(name string) string {
	data, err := wordFiles.ReadFile("data/" + name + ".txt")
	if err != nil {
		panic(err) // embedded at build time; a missing file is a build error in tests
	}
	return string(data)
}

// wordSetOf reads data/name.txt as a set.
func wordSetOf(name string) map[string]bool { return wordSet(wordList(name)...) }

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
