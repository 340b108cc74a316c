package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/segment"
)

// shareVerbs say that a percentage is the share of what stands before them
// in a whole: X占Y的比重, X所占比例, X占比, X相当于Y的.
var shareVerbs = wordSet("占", "占到", "约占", "所占", "占比", "相当于", "相当")

// shareName reads the clause before a percentage as a share and returns
// its name: both sides (X占Y比重, with the written 比例 kept), or X占比
// when the clause gives no whole. whole is the sentence's last whole, for
// a share that leaves it out ("A占出口总额的30%，B占比12%"); lastSubject is
// the sentence's last subject, for a share word opening its clause. ok is
// false when the clause is no share or names nothing it is a share of.
func shareName(words []segment.Word, lastWhole, lastSubject string) (name, ofWhole string, ok bool) {
	if !hasShareVerb(words) {
		return "", "", false
	}
	words = dropDates(words)
	part := len(words) > 0 && partWords[words[0].Text] // 其中税收占比…: a part of the last subject
	n := len(words)
	for n > 0 && isMark(words[n-1].Text) {
		n--
	}
	if n >= 2 && reachesLevel(words[n-2].Text, words[n-1].Text) {
		n -= 2 // 提高到71%: the level reached, no change
	}
	for n > 0 && (isMark(words[n-1].Text) || reachingWords[words[n-1].Text] && !shareVerbs[words[n-1].Text]) {
		n-- // 提高了, 为
	}
	words = words[:n]
	verb := ""
	if k := changeTail(words); k > 0 {
		verb = joinWords(words[len(words)-k:]) // 比重提高1.3个百分点
		words = words[:len(words)-k]
	}
	k := -1
	for i := len(words) - 1; i >= 0; i-- {
		if shareVerbs[words[i].Text] {
			k = i
			break
		}
	}
	if k < 0 {
		return "", "", false
	}
	subject := shareSubject(words[:k])
	if subject == "" && len(trimMarks(words[:k])) == 0 && lastSubject != "" {
		subject = lastSubject // "…增加值增长12.3%，占规模以上工业增加值比重为16.5%"
	}
	if subject == "" {
		return "", "", false
	}
	rest := words[k+1:]
	for len(rest) > 0 && (reachingWords[rest[len(rest)-1].Text] || isMark(rest[len(rest)-1].Text) || isFunctionWord(rest[len(rest)-1].Pos) && !isNoun(rest[len(rest)-1])) {
		rest = rest[:len(rest)-1] // 为, 达到, 的
	}
	ratio := "比重"
	if n := len(rest); n > 0 && ratioWords[rest[n-1].Text] {
		ratio = rest[n-1].Text
		rest = rest[:n-1]
	}
	if words[k].Text == "占比" || len(rest) == 1 && rest[0].Text == "比" {
		rest = nil
	}
	whole := joinWords(dropParticles(rest))
	switch {
	case whole != "":
		return subject + "占" + whole + ratio + verb, whole, true
	case lastWhole != "":
		return subject + "占" + lastWhole + ratio + verb, lastWhole, true
	case part && lastSubject != "" && lastSubject != subject:
		whole, _ := splitChange(lastSubject)
		return subject + "占" + whole + ratio + verb, whole, true
	}
	return subject + "占比" + verb, "", true
}

// partWords open a clause about a part of what the sentence spoke of
// last (其中税收占比71%: the share of taxes in that revenue).
var partWords = wordSet("其中", "当中")

// ratioWords are the words a share's name ends with as written (占总人口
// 比率); a name without one ends with 比重.
var ratioWords = wordSet("比重", "比例", "比率")

func hasShareVerb(words []segment.Word) bool {
	for _, w := range words {
		if shareVerbs[w.Text] {
			return true
		}
	}
	return false
}

// shareSubject names what a share is of: the words before the share
// word, read as a name; a share's subject is a noun whatever its tag
// ("急诊占" with 急诊 tagged a verb).
func shareSubject(words []segment.Word) string {
	for len(words) > 0 {
		w := words[len(words)-1]
		if w.Text == "所" || w.Text == "的" || qualifierWord(w.Text) || isMark(w.Text) || w.Pos == "d" || reachingWords[w.Text] {
			words = words[:len(words)-1] // 所占, 约占
			continue
		}
		break
	}
	if name := leftName(words); name != "" {
		return name
	}
	if n := len(words); n > 0 && (words[n-1].Pos == "v" || words[n-1].Pos == "vn") && allHan(words[n-1].Text) && utf8.RuneCountInString(words[n-1].Text) >= 2 &&
		!scopeWords[words[n-1].Text] && !leadingVerbs[words[n-1].Text] && !isChangeVerb(words[n-1].Text) {
		return words[n-1].Text
	}
	return ""
}

// changeTail returns how many words at the end of words write one change
// word (增长, or 上修 cut in two), or 0.
func changeTail(words []segment.Word) int {
	n := len(words)
	if n > 0 && isChangeVerb(words[n-1].Text) {
		return 1
	}
	if n > 1 && isChangeVerb(words[n-2].Text+words[n-1].Text) {
		return 2
	}
	return 0
}

var (
	planWords    = wordSetOf("plan_words")   // plans and budgets outcomes are measured against
	outcomeWords = wordList("outcome_words") // words naming an outcome, not its plan
	outcomeKinds = wordList("outcome_kinds") // the kind of outcome before them
)

// planAfter returns the plan word that words end with after 完成
// ("完成预算" before the budget's amount), or "".
func planAfter(words []segment.Word) string {
	words = trimMarks(words) // a date stands before 完成, never between
	if n := len(words); n >= 2 && words[n-2].Text == "完成" && planWords[words[n-1].Text] {
		return words[n-1].Text
	}
	return ""
}

// planOf returns the plan word of a percentage's clause that measures an
// outcome against it ("为年度计划的108%" → 年度计划), or "".
func planOf(words []segment.Word) string {
	words = trimMarks(words)
	if len(words) > 3 {
		words = dropDates(words)
	}
	if n := len(words); n > 0 && words[n-1].Text == "的" {
		words = words[:n-1]
	}
	if len(words) == 2 && (words[0].Text == "为" || words[0].Text == "是" || words[0].Text == "完成") && planWords[words[1].Text] {
		return words[1].Text
	}
	return ""
}

// outcomeStem cuts the words of an outcome (支出决算) off a subject, so
// that the subject can name its plan.
func outcomeStem(subject string) string {
	cut := false
	for _, w := range outcomeWords {
		if stem, ok := strings.CutSuffix(subject, w); ok && stem != "" {
			subject, cut = stem, true
			break
		}
	}
	for _, w := range outcomeKinds {
		if stem, ok := strings.CutSuffix(subject, w); cut && ok && stem != "" {
			subject = stem
		}
	}
	return subject
}

// trimMarks cuts marks and spaces off both ends of words.
func trimMarks(words []segment.Word) []segment.Word {
	for len(words) > 0 && isMark(words[0].Text) {
		words = words[1:]
	}
	for len(words) > 0 && isMark(words[len(words)-1].Text) {
		words = words[:len(words)-1]
	}
	return words
}
