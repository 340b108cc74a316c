package extract

import "strings"

// quotePairs are the marks that enclose names.
var quotePairs = map[rune]rune{'“': '”', '"': '"', '「': '」', '《': '》', '『': '』', '〈': '〉'}

// maxNameLen is the longest quoted text, in characters, taken as a name;
// longer quotations are speech.
const maxNameLen = 60

// nameMarks are inner title marks and spaces left out of a program's name.
var nameMarks = strings.NewReplacer("<", "", ">", "", "〈", "", "〉", "", " ", "")

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
	if q.open != '《' && q.open != '〈' && sloganCue(rs, q.start-1) && !programSuffix(rs, q.end+1) {
		return Fact{}, false
	}
	metric := nameMarks.Replace(trimmed)
	return Fact{Kind: KindProgram, Start: q.start, End: q.end, Metric: metric}, true
}

// sloganCues are words that introduce a slogan, a catchphrase or a quoted
// expression rather than the name of a programme ("所谓“抬头看天”",
// "避免了“硬着陆”").
var sloganCues = []string{"所谓", "就是", "概括", "做到", "避免", "缓解", "不搞", "着眼", "形成", "实现", "树立",
	"让", "从", "成为", "称为", "叫做", "坚持", "营造", "弘扬", "倡导", "牢记", "发扬", "提倡", "体现"}

// sloganCue reports whether a cue word (maybe followed by 了 or 的)
// stands right before the opening quote at open.
func sloganCue(rs []rune, open int) bool {
	end := open
	for end > 0 && (rs[end-1] == '了' || rs[end-1] == '的' || rs[end-1] == '着') {
		end--
	}
	for _, c := range sloganCues {
		n := len([]rune(c))
		if end >= n && string(rs[end-n:end]) == c {
			return true
		}
	}
	return false
}

// programSuffixes are nouns that, right after a closing quote, make the
// quoted text the name of a programme ("“321”素质提升工程"), when one stands
var programSuffixes = []string{"工程", "计划", "行动", "活动", "项目", "模式", "机制", "制度", "平台", "品牌", "工作",
	"建设", "改革", "政策", "示范", "创建", "评选", "比赛", "大赛", "竞赛", "课堂", "学校", "班", "奖", "称号",
	"基地", "联盟", "体系", "试点", "专项", "主题", "系列", "讲坛", "论坛", "工作室", "战略", "目标", "任务", "要求"}

// within the next few characters of its clause.
func programSuffix(rs []rune, at int) bool {
	for i := at; i < len(rs) && i < at+8; i++ {
		if strings.ContainsRune(clauseBreaks, rs[i]) {
			return false
		}
		rest := prefix(rs, i, 4)
		for _, sfx := range programSuffixes {
			if strings.HasPrefix(rest, sfx) {
				return true
			}
		}
	}
	return false
}
