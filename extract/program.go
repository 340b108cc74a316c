package extract

import "strings"

// quotePairs are the marks that enclose names.
var quotePairs = map[rune]rune{'“': '”', '"': '"', '「': '」', '《': '》', '『': '』', '〈': '〉'}

// maxNameLen is the longest quoted text, in characters, taken as a name;
// longer quotations are speech.
const maxNameLen = 60

// quoted is a span of text inside quote marks, excluding the marks.
type quoted struct {
	start, end int
	open       rune
}

// findQuoted returns the quoted spans of rs in order. Scraped text often
// repeats an opening mark where a closing one belongs (“文态“); a second
// opening mark of the same kind closes the span then.
func findQuoted(rs []rune) []quoted {
	var out []quoted
	for i := 0; i < len(rs); i++ {
		closer, ok := quotePairs[rs[i]]
		if !ok {
			continue
		}
		for j := i + 1; j < len(rs) && j-i-1 <= maxNameLen; j++ {
			r := rs[j]
			if r == '\n' {
				break
			}
			if r == closer || (r == rs[i] && rs[i] != '《') {
				if j > i+1 {
					out = append(out, quoted{start: i + 1, end: j, open: rs[i]})
				}
				i = j
				break
			}
			if rs[i] == '《' && r == '《' {
				break
			}
		}
	}
	return out
}

// sentenceMarks end a sentence; a quotation holding one is speech, not a name.
const sentenceMarks = "。！？!?；;"

// programFact turns a quoted span into a program fact when it reads as a
// name: at least two characters and not a sentence.
func programFact(rs []rune, q quoted) (Fact, bool) {
	name := string(rs[q.start:q.end])
	trimmed := strings.TrimSpace(name)
	if len([]rune(trimmed)) < 2 || strings.ContainsAny(trimmed, sentenceMarks) {
		return Fact{}, false
	}
	metric := strings.NewReplacer("<", "", ">", "", "〈", "", "〉", "", " ", "").Replace(trimmed)
	return Fact{Kind: KindProgram, Start: q.start, End: q.end, Metric: metric}, true
}
