// Package wordlist reads the word lists that rules keep in embedded data
// files: one entry a line, blank lines and # comments skipped.
package wordlist

import "strings"

// Lines returns the entries of a list file, each trimmed of spaces.
func Lines(file string) []string {
	var out []string
	for _, line := range strings.Split(file, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}
