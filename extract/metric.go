package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/extract/number"
	"github.com/zhmetrics/zhmetrics/segment"
)

// Segmenter cuts text into words tagged with their part of speech.
type Segmenter interface {
	CutPos(text string) []segment.Word
}

// clauseBreaks end the clause a metric name is read from.
const clauseBreaks = "，,；;：:。！？!?\n、“”\"《》「」"

// maxClause bounds how far a metric name is looked for, in characters.
const maxClause = 40

// Word lists, one entry a line in data/*.txt.
var (
	scopeWords         = wordSetOf("scope_words")         // area, period and tally words
	leadingVerbs       = wordSetOf("leading_verbs")       // verbs that introduce an amount
	keptWords          = wordSetOf("kept_words")          // leading words that belong to a name (新增学位, 人均)
	reachingWords      = wordSetOf("reaching_words")      // words between a name and its amount
	changeVerbs        = wordList("change_words")         // words of change, longest first
	timeWords          = wordSetOf("time_words")          // words that date an amount
	earlierFigures     = wordSetOf("earlier_figures")     // figures a new one is compared with (较上次预测)
	functionCharacters = wordSetOf("function_characters") // untagged characters that are function words (为, 较)
	comparisonWords    = wordSetOf("comparison_words")    // words that open a comparison (比上年)
	namingVerbs        = wordSetOf("naming_verbs")        // verbs that give counted things a new name (被评为)
	outputUnits        = wordSetOf("output_units")        // units products are counted in (吨, 辆)
	modalWords         = wordSetOf("modal_words")         // modal and future words (会, 将)
	changeModifiers    = wordSetOf("change_modifiers")    // how a change is measured (实质)
	adverbialOpen      = wordSetOf("adverbial_openers")   // words opening an adverbial phrase (受, 在)
	adverbialClose     = wordSetOf("adverbial_closers")   // words closing it (影响, 带动下)
	pronouns           = wordSetOf("pronouns")            // pronouns and demonstratives (我们, 该)
	awardWords         = wordSetOf("award_words")         // awards whose level is in their name (一等奖)
	fundingVerbs       = wordList("funding_verbs")        // verbs that put money into something (投入)
	allocationVerbs    = wordList("allocation_verbs")     // verbs that set money aside (安排)
	purposeVerbs       = wordSetOf("purpose_verbs")       // what money went into (建设, 实施)
	genericMoney       = wordSetOf("generic_money_nouns") // nouns that only say money (资金)
)

// metricName reads the name of what a quantity measures from the words of
// its clause before it (left, after the amount before) and after it. When the words right after a count or
// measure are a noun phrase ("评选30所劳动教育基地学校") the quantity counts
// that; otherwise the name stands before it ("入园率保持在99.8%"). Money and
// percentages name their indicator before them.
func metricName(left, after []segment.Word, kind, unit string) string {
	if kind != KindCount && kind != KindMeasure {
		if name := fundedName(left, after); kind == KindMoney && name != "" {
			return name
		}
		if name := moneyObjectName(left, after); kind == KindMoney && name != "" {
			return name
		}
		name := leftName(left)
		if kind == KindMoney {
			name = trimAllocationVerb(name)
		}
		if verb := verbBefore(left); name == "" && kind == KindMoney && verb != "" {
			if strings.HasSuffix(verb, "款") || strings.HasSuffix(verb, "资") || len(counterparts[verb]) > 0 {
				return verb // 拨款, 投资, 支出 name the money themselves
			}
			return verb + "资金" // "我们会预留50亿元": the funds set aside
		}
		return name
	}
	if right := rightNounPhrase(after); right != "" {
		return right
	}
	if name := leftName(left); name != "" {
		return name
	}
	// Nothing names the count before it: what the counted did after it
	// ("1599人被录取"), or the verb right before it with its unit
	// ("受训12.6万人次" → 受训人次).
	if vp, _ := countedVerbPhrase(after); vp != "" {
		return vp
	}
	if verb := verbBefore(left); verb != "" && countNouns[unit] != "" {
		return verb + countNouns[unit]
	}
	return ""
}

// trimAllocationVerb leaves a verb that sets money aside off the end of
// the money's name (中央预算内投资安排 → 中央预算内投资), when a name of
// two characters or more stays.
func trimAllocationVerb(name string) string {
	for _, v := range allocationVerbs {
		if rest, ok := strings.CutSuffix(name, v); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
	}
	return name
}

// fundedName names money put into something by what it went into:
// "投入1.2亿元实施校舍改造工程" → 校舍改造工程投入, "投资5200万元的实验楼" →
// 实验楼投资; "" when the words do not read so.
func fundedName(left, after []segment.Word) string {
	left = trimMarks(left)
	if len(left) == 0 || len(after) < 2 {
		return ""
	}
	verb := fundingVerbIn(left[len(left)-1].Text)
	if verb == "" {
		return ""
	}
	if after[0].Text != "的" && !purposeVerbs[after[0].Text] {
		return ""
	}
	n := 1
	for n < len(after) && (isNoun(after[n]) || after[n].Pos == "a" || after[n].Pos == "v" && n > 1 || isQuoteMark(after[n].Text)) {
		n++
	}
	for n > 1 && !isNoun(after[n-1]) {
		n-- // the phrase ends with its noun
	}
	if n == 1 {
		return "" // what follows is no noun phrase
	}
	object := joinWords(dropQuotes(after[1:n]))
	if utf8.RuneCountInString(object) < 2 {
		return ""
	}
	return object + verb
}

// moneyObjectName names money by the noun that follows it and the verb
// before it, when the clause ends with that noun: "发放2000元消费券" →
// 发放消费券, "带来四百亿元投资" → 带来投资. "" when the words do not read
// so.
func moneyObjectName(left, after []segment.Word) string {
	left = trimMarks(left)
	if len(left) == 0 || len(after) == 0 {
		return ""
	}
	verb := left[len(left)-1]
	if verb.Pos != "v" || reachingWords[verb.Text] || isChangeVerb(verb.Text) {
		return ""
	}
	n := 0
	for n < len(after) && n < 3 && isNoun(after[n]) {
		n++
	}
	if n == 0 || n < len(after) && !isClauseBreak(after[n].Text) {
		return "" // no noun, or the clause goes on after it
	}
	object := joinWords(after[:n])
	if utf8.RuneCountInString(object) < 2 {
		return ""
	}
	return verb.Text + object
}

// fundingVerbIn returns the funding verb a word is or ends with (财政投入
// → 投入), or "".
func fundingVerbIn(w string) string {
	for _, v := range fundingVerbs {
		if strings.HasSuffix(w, v) {
			return v
		}
	}
	return ""
}

// dropQuotes leaves quote marks out of words.
func dropQuotes(words []segment.Word) []segment.Word {
	out := make([]segment.Word, 0, len(words))
	for _, w := range words {
		if !isQuoteMark(w.Text) {
			out = append(out, w)
		}
	}
	return out
}

// countNouns name what a count of people or households counts.
var countNouns = map[string]string{"人次": "人次", "人": "人数", "名": "人数", "位": "人数", "户": "户数", "家": "家数"}

// verbBefore returns the one verb a clause holds before its count, when
// it is no verb of reaching or change.
func verbBefore(words []segment.Word) string {
	words = dropDates(words)
	for len(words) > 0 && (scopeWords[words[0].Text] || isFunctionWord(words[0].Pos) || modalWords[words[0].Text] || isMark(words[0].Text) || isListMarker(words)) {
		words = words[1:]
	}
	for len(words) > 0 && (reachingWords[words[len(words)-1].Text] || isMark(words[len(words)-1].Text)) {
		words = words[:len(words)-1]
	}
	if len(words) != 1 || words[0].Pos != "v" || isChangeVerb(words[0].Text) || leadingVerbs[words[0].Text] {
		return ""
	}
	return words[0].Text
}

// previousClauseName reads a name from the clause before the one holding
// start, for an amount whose own clause has nothing but verbs before it
// ("…继续增长,总计约5.6亿"). A clause holding another amount names that
// amount, not this one, and gives "".
func previousClauseName(sw *sentenceWords, start, from int) string {
	i := sw.firstEndingAfter(start)
	for i > 0 && !isClauseBreak(sw.words[i-1].Text) {
		i--
		if start-sw.words[i].start > maxClause || sw.words[i].start < from {
			return ""
		}
	}
	if i == 0 || !strings.ContainsAny(sw.words[i-1].Text, "，,") {
		return ""
	}
	at := sw.words[i-1].start
	return leftName(sw.before(at, from))
}

// leftName strips the words of a clause before a quantity down to the
// indicator's name.
func leftName(words []segment.Word) string {
	words = dropGlosses(dropDates(dropAdverbials(words)))
	if len(words) == 2 && isChangeVerb(words[0].Text+words[1].Text) {
		return words[0].Text + words[1].Text // 下修, cut in two by the segmenter
	}
	// Trailing: verbs of reaching, qualifiers, particles, stray marks.
	for len(words) > 0 {
		w := words[len(words)-1]
		if len(words) >= 2 && (reachingWords[words[len(words)-2].Text+w.Text] || reachesLevel(words[len(words)-2].Text, w.Text)) {
			words = words[:len(words)-2] // 提高+到, 攀升+至: the amount is the new level
			continue
		}
		if len(words) >= 3 && isPerMeasure(words[len(words)-2].Text+w.Text) {
			words = words[:len(words)-2] // 人口密度为每平方公里: how the amount is counted
			continue
		}
		if isCurrencyName(w.Text) && len(words) > 1 && !conversionVerbs[words[len(words)-2].Text] {
			words = words[:len(words)-1] // 为新台币23兆元: the amount's currency, not the name's
			continue
		}
		if isClosingBracket(w.Text) && wordsBracketDepth(words[:len(words)-1]) > 0 {
			break // 区示范性社区(学校): the bracket is the name's
		}
		if reachingWords[w.Text] || modalWords[w.Text] || isPerUnit(w.Text) && len(words) > 1 || isMark(w.Text) || w.Pos == "p" || w.Pos == "u" ||
			w.Pos == "uj" || w.Pos == "ul" || w.Pos == "d" && !isChangeVerb(w.Text) || (holdsDigit(w.Text) && len(words) > 1) {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	// Leading: scope words, verbs and function words before the name.
	var adverb []segment.Word // the last adverb dropped: 经常 of 经常开支
	for len(words) > 1 {
		w := words[0]
		if keptWords[w.Text] || isOrdinalAt(words, 0) || isAwardLevel(words, 0) || isNegatedModifier(words) || len(words) == 2 && genericMoney[words[1].Text] && w.Pos == "v" ||
			isPerScale(words) || bandAt(words, 0) > 0 || gluedAdverb(words) {
			break
		}
		if scopeWords[w.Text] || leadingVerbs[w.Text] || isMark(w.Text) || isFunctionLike(w) || qualifierWord(w.Text) || sinceWords[w.Text] ||
			modalWords[w.Text] || isListMarker(words) {
			adverb = nil
			if w.Pos == "d" && !scopeWords[w.Text] && !leadingVerbs[w.Text] {
				adverb = words[:1]
			}
			words = words[1:]
			continue
		}
		break
	}
	// An adverb and a verb that is no change make a noun (经常开支); a
	// bare verb or an adverb with a change verb (稳步提升) is no name.
	if len(words) == 1 && words[0].Pos == "v" && !isChangeVerb(words[0].Text) && adverb != nil {
		words = []segment.Word{adverb[0], words[0]}
	}
	if len(words) == 0 {
		return ""
	}
	if len(words) == 1 && (scopeWords[words[0].Text] || comparisonWords[words[0].Text] || reachingWords[words[0].Text] || isMark(words[0].Text) ||
		leadingVerbs[words[0].Text] || words[0].Pos == "v" && !isChangeVerb(words[0].Text) ||
		words[0].Pos == "d" || isFunctionWord(words[0].Pos) && words[0].Pos != "f" && words[0].Pos != "zg") {
		return ""
	}
	// Inside the name: drop adverbs, the scope words that are not nouns
	// ("钢产量共增加" → "钢产量增加"), a span of years before a change
	// ("前三年增加" → 增加) and any number with its unit: a name never holds
	// an amount.
	kept := make([]segment.Word, 1, len(words))
	kept[0] = words[0]
	if n := bandAt(words, 0); n > 0 && n < len(words) {
		// A band defining the group (15-24岁青年失业率) is no part of the
		// indicator's name, as the gold names it: 青年失业率.
		words = words[n:]
		kept[0] = words[0]
	}
	for i := 1; i < len(words); i++ {
		w := words[i]
		if n := bandAt(words, i); n > 0 {
			i += n - 1
			continue
		}
		if isNumberWord(w.Text) && i+1 < len(words) && (words[i+1].Text == "年" && i+2 < len(words) && isChangeVerb(words[i+2].Text) ||
			isUnitWord(words[i+1].Text)) {
			i = skipBandWord(words, i+1)
			continue
		}
		if w.Text == "." && isLatinCode(kept[len(kept)-1].Text) && i+1 < len(words) && isAmountWord(words[i+1].Text) {
			kept = append(kept, w, words[i+1]) // PM2.5: a code's digits are the name's
			i++
			continue
		}
		if isAmountWord(w.Text) && !isOrdinalAt(words, i-1) {
			if i+1 < len(words) && (isUnitWord(words[i+1].Text) || words[i+1].Pos == "m" || words[i+1].Pos == "q") {
				i++ // its unit: 190861千瓦
			}
			i = skipBandWord(words, i)
			continue
		}
		if t, ok := trimDateUnit(w.Text); ok && isNumberWord(t) && changeFollows(words[i+1:]) {
			continue // 三年 in 前三年共增加
		}
		if (leadingVerbs[w.Text] || modalWords[w.Text]) && i+1 < len(words) && words[i+1].Pos == "v" {
			continue // 大力 in 大力增长, 会 in 政府会拨款
		}
		beforeVerb := i+1 < len(words) && (words[i+1].Pos == "v" || words[i+1].Pos == "d")
		// An adverb and the verb ending the name are its head noun
		// (医疗卫生的经常开支), as at the name's start.
		headNoun := i+2 == len(words) && words[i+1].Pos == "v" && !isChangeVerb(words[i+1].Text) && !leadingVerbs[words[i+1].Text]
		if w.Pos == "d" && beforeVerb && !headNoun || (w.Pos == "f" && len([]rune(w.Text)) == 1 && !isCompassWord(w.Text)) ||
			scopeWords[w.Text] && w.Pos != "c" && kept[len(kept)-1].Text != "占" && !isAwardLevel(words, i) || isQuoteMark(w.Text) {
			continue
		}
		kept = append(kept, w)
	}
	if isAmountWord(kept[0].Text) {
		kept = kept[1:]
		// A band opening the name: 500万元以上项目 names 项目.
		if len(kept) > 2 && isUnitWord(kept[0].Text) && bandWords[kept[1].Text] {
			kept = kept[2:]
		}
	}
	for k := len(kept) - 2; k >= 0; k-- {
		if gainVerbs[kept[k].Text] {
			kept = kept[k+1:] // "学生在竞赛中获全省一等奖": what was won names the count
			break
		}
	}
	return joinWords(kept)
}

// skipBandWord returns the index of the band word after words[i], an
// amount or its unit (500万元以上项目), or i when none follows.
func skipBandWord(words []segment.Word, i int) int {
	if i+1 < len(words) && bandWords[words[i+1].Text] {
		return i + 1
	}
	return i
}

// isLatinCode reports a word of Latin letters ending in digits (PM2 of
// PM2.5, H7N9): a code, whose digits name, not count.
func isLatinCode(w string) bool {
	if w == "" || !isLatin(rune(w[0])) {
		return false
	}
	last := w[len(w)-1]
	return last >= '0' && last <= '9'
}

// isPerScale reports a name opening with 每 and a scale, with or without
// its classifier (每万人口, 每千名学生, 每万人): a rate per so many, which
// the name keeps.
func isPerScale(words []segment.Word) bool {
	if len(words) < 3 || words[0].Text != "每" {
		return false
	}
	scale := strings.TrimRight(words[1].Text, "名人户")
	switch scale {
	case "十", "百", "千", "万", "十万", "百万", "千万", "亿":
		return true
	}
	return false
}

// gainVerbs say what was won or gained; the name is what follows them.
var gainVerbs = wordSet("获", "荣获", "获得", "夺得", "摘得")

// isFunctionLike reports a word that is no content: a function word by
// its tag, but of the words tagged as pronouns only the real ones (本科 is
// tagged so too).
func isFunctionLike(w segment.Word) bool {
	if isCompassWord(w.Text) {
		return false // 西部地区, 东北: part of a place's name
	}
	switch w.Pos {
	case "r":
		return pronouns[w.Text] || utf8.RuneCountInString(w.Text) == 1
	case "zg":
		return functionCharacters[w.Text]
	}
	return isFunctionWord(w.Pos)
}

// isCompassWord reports a word that starts with a point of the compass
// (西部, 东北, 南): tagged as a word of direction, as 上 and 内 are, it
// names a place (西部地区) rather than where something stands.
func isCompassWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return strings.ContainsRune("东南西北", r)
}

// isAwardLevel reports a scope word before an award (全国一等奖): the
// level of the award, part of its name.
func isAwardLevel(words []segment.Word, i int) bool {
	return i+1 < len(words) && scopeWords[words[i].Text] && strings.HasPrefix(words[i].Text, "全") && awardWords[words[i+1].Text]
}

// gluedAdverb reports an adverb before a character the dictionary leaves
// untagged that is no function word (经常 + 帐): one word the dictionary
// lacks (经常帐), not an adverb before a name.
func gluedAdverb(words []segment.Word) bool {
	return len(words) > 2 && words[0].Pos == "d" && !scopeWords[words[0].Text] && !leadingVerbs[words[0].Text] &&
		words[1].Pos == "zg" && !functionCharacters[words[1].Text]
}

// isNegatedModifier reports a negation before a verb that qualifies the
// noun after it (不过夜旅客, 未脱贫人口): the negation names another group.
func isNegatedModifier(words []segment.Word) bool {
	return len(words) > 2 && (words[0].Text == "不" || words[0].Text == "未" || words[0].Text == "非") &&
		words[1].Pos == "v" && isNoun(words[2])
}

// isListMarker reports a number and a mark at the start of words (42. or
// 3、): a list marker, no part of a name.
func isListMarker(words []segment.Word) bool {
	return len(words) > 1 && isAmountWord(words[0].Text) && isMark(words[1].Text)
}

// dropAdverbials leaves out of a name the adverbial phrases between a
// subject and its verb: 受…影响, 在…带动下 (契税受房地产市场影响下降 →
// 契税下降), and a comparison before a change (较上次预测上修 → 上修, 与全国
// 平均水平相比提高 → 提高). The words are copied only when one is dropped.
func dropAdverbials(words []segment.Word) []segment.Word {
	for k := 0; k < len(words); k++ {
		if end := adverbialEnd(words, k); end > k {
			out := make([]segment.Word, 0, len(words)-(end-k))
			out = append(append(out, words[:k]...), words[end:]...)
			return dropAdverbials(out)
		}
	}
	return words
}

// adverbialEnd returns the index after an adverbial phrase opened at
// words[k], or k when none opens there.
func adverbialEnd(words []segment.Word, k int) int {
	w := words[k].Text
	switch {
	case w == "按" && k+1 < len(words) && periodWords[words[k+1].Text]:
		return k + 2 // 按季下跌: compared with the quarter before
	case adverbialOpen[w]:
		for j := k + 1; j < len(words) && j <= k+6; j++ {
			if adverbialClose[words[j].Text] {
				return j + 1
			}
		}
	case w == "较" || w == "比" || w == "比较":
		// A comparison that runs to the change word at the end; 占比 is a share.
		end := len(words)
		for end > 0 && (reachingWords[words[end-1].Text] || isMark(words[end-1].Text)) {
			end-- // 提高到
		}
		tail := changeTail(words[:end])
		if tail == 0 || k > 0 && words[k-1].Text == "占" || k+1 >= end-tail {
			return k
		}
		if isEarlierPeriod(words[k+1 : end-tail]) {
			return end - tail
		}
	case w == "与" || w == "同" || w == "跟":
		for j := k + 1; j < len(words) && j <= k+6; j++ {
			if words[j].Text == "相比" || words[j].Text == "相较" || words[j].Text == "比较" {
				if isEarlierPeriod(words[k+1 : j]) {
					return j + 1
				}
				return k
			}
		}
	}
	return k
}

// reachesLevel reports a change verb and 到 or 至 after it (攀升至): the
// amount after them is the level reached, not the change.
func reachesLevel(verb, to string) bool {
	return (to == "到" || to == "至") && isChangeVerb(verb)
}

// periodWords follow 按 in a comparison with the period before (按年, 按季).
var periodWords = wordSet("年", "季", "月", "季度")

// isEarlierPeriod reports the object of a comparison that is an earlier
// period or an earlier figure (上年, 大丰收的上年, 上次预测): the comparison
// dates the change. A comparison with a level (比历史高水平) is part of
// the indicator and stays.
func isEarlierPeriod(words []segment.Word) bool {
	last := -1
	for i := 0; i < len(words); i++ {
		if n := timeAt(words, i); n > 0 {
			last = i + n - 1 // 8月, 上年度
			i += n - 1
		} else if words[i].Pos == "t" {
			last = i
		}
	}
	if last < 0 {
		return false
	}
	for _, w := range words[last+1:] {
		if !earlierFigures[w.Text] {
			return false
		}
	}
	return true
}

// isOrdinalAt reports 第 and a number at words[i] (第2季度, 第一产业):
// an ordinal names a series, it is no amount.
func isOrdinalAt(words []segment.Word, i int) bool {
	return i >= 0 && i+1 < len(words) && words[i].Text == "第" && (isNumberWord(words[i+1].Text) || isAmountWord(words[i+1].Text))
}

// isPerUnit reports a rate word (每人, 每年, 每户) that ends a clause
// before an amount: it says how the amount is counted, not what.
func isPerUnit(w string) bool {
	return strings.HasPrefix(w, "每") && len([]rune(w)) <= 3 && !keptWords[w] || w == "每人每年" || w == "人年"
}

// isPerMeasure reports 每 and a unit of measurement (每平方公里, 每公顷),
// which the segmenter may cut anywhere.
func isPerMeasure(w string) bool {
	unit, ok := strings.CutPrefix(w, "每")
	return ok && isUnitWord(unit) && utf8.RuneCountInString(unit) > 1
}

// changeFollows reports a change verb within the next two words.
func changeFollows(words []segment.Word) bool {
	for i := 0; i < len(words) && i < 2; i++ {
		if isChangeVerb(words[i].Text) {
			return true
		}
	}
	return false
}

// isAmountWord reports a word that is a number in digits ("190861",
// "2.5"), which never belongs in a name; digits glued to letters (5G) are
// names.
func isAmountWord(w string) bool {
	for _, r := range w {
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '.' || r == '．' || r == '%' || r == '％') {
			return false
		}
	}
	return w != ""
}

// isUnitWord reports a classifier or unit, alone or after a scale word
// (万人, 亿元).
func isUnitWord(w string) bool {
	w = strings.TrimLeft(w, "万亿千百萬億")
	if w == "" || w == "元" {
		return true
	}
	_, count := countUnits[w]
	_, measure := measureUnits[w]
	return count || measure
}

// dropDates removes the words that date an amount: time words (上年,
// 同期), numbered years in any calendar and script (2020年, 一九八六年,
// 民国108年, 110学年), months and days, and a comparison around them
// (比上年, 较110年, 与上年相比, 同比). They date or compare an amount; they
// never name it.
func dropDates(words []segment.Word) []segment.Word {
	first := 0 // words before first are kept as they are
	for first < len(words) && timeAt(words, first) == 0 && !(comparisonWords[words[first].Text] && len(words[first].Text) > 3) {
		first++
	}
	if first == len(words) {
		return words // nothing dates the amount: the words are shared, not copied
	}
	out := make([]segment.Word, first, len(words))
	copy(out, words[:first])
	for i := first; i < len(words); {
		n := timeAt(words, i)
		if n == 0 {
			if w := words[i].Text; comparisonWords[w] && len(w) > 3 { // more than one character
				i++ // 同比, 相比, 比上年
				continue
			}
			out = append(out, words[i])
			i++
			continue
		}
		if k := len(out); k > 0 && comparisonWords[out[k-1].Text] {
			out = out[:k-1] // 比 or 与 before the date
		}
		for i += n; i < len(words) && (comparisonWords[words[i].Text] && len([]rune(words[i].Text)) > 1 || words[i].Text == "的"); i++ {
		}
	}
	return out
}

// dateUnits end a numbered date: 2020年, 110学年, 9月份, and a cohort's
// year (2019届, a year only).
var dateUnits = wordSet("年", "年度", "学年", "学年度", "年份", "年末", "年底", "年初", "年内", "月", "月份", "月底", "月末", "日", "号", "季度", "届")

// timeWordHeads are the beginnings of the time words, which the
// segmenter may cut off the rest (上学 of 上学年).
var timeWordHeads = func() map[string]bool {
	m := map[string]bool{}
	for w := range timeWords {
		rs := []rune(w)
		for k := 1; k < len(rs); k++ {
			m[string(rs[:k])] = true
		}
	}
	return m
}()

// sinceWords after a number of years make it a span up to now (十年来,
// 五年以来): it dates what follows, it is no amount.
var sinceWords = wordSet("来", "以来")

// dateEdges follow a date to mean its start or end (2020年末).
var dateEdges = wordSet("末", "底", "初", "中", "前", "后")

// timeAt returns how many words from words[i] make one time expression,
// or 0: a time word, or a number with a date unit, in any calendar, and a
// span of years (二〇二三至二四年度, 2019-2021年): a fiscal or academic
// year is a date, never part of a name.
func timeAt(words []segment.Word, i int) int {
	w := words[i].Text
	if i+1 < len(words) && timeWordHeads[w] && timeWords[w+words[i+1].Text] {
		return 2 // 上学年 cut as 上学 + 年, 今年度 as 今年 + 度
	}
	if timeWords[w] {
		return 1
	}
	if i > 0 && words[i-1].Text == "第" {
		return 0 // 第2季度 is an ordinal period that names a series
	}
	j := i
	era := w == "民国" || w == "民國" || w == "公元" || w == "西元"
	if era {
		j++
	} else if r, _ := utf8.DecodeRuneInString(w); !isNumeral(r) {
		return 0 // no date starts here
	}
	if t, ok := trimDateUnit(w); ok && yearLike(t) {
		return 1 // 一九八六年 as one word
	} else if ok && isNumberWord(t) && i+1 < len(words) && sinceWords[words[i+1].Text] {
		return 2 // 十年 来: a span of time up to now
	}
	if isGluedMonth(w) {
		return 1 // 三月底 as one word
	}
	first, j, marked := numberRun(words, j)
	if first.runes == 0 {
		return 0
	}
	if !marked && j < len(words) {
		if t, ok := trimDateUnit(words[j].Text); ok && isNumberWord(t) {
			whole := first
			whole.add(t)
			if whole.yearLike() {
				return j + 1 - i // 二 〇 二 五年: the year's last digit glued to 年
			}
		}
	}
	if marked || j < len(words) && yearSpanMarks[words[j].Text] {
		if !marked {
			j++
		}
		if j < len(words) {
			if t, ok := trimDateUnit(words[j].Text); ok && isNumberWord(t) && first.yearLike() {
				return j + 1 - i // 二〇二三至二四年度 with the unit glued on
			}
		}
		second, next, _ := numberRun(words, j)
		if second.runes == 0 || !first.yearLike() {
			return 0
		}
		j = next
	}
	if j < len(words) && words[j].Text == "年来" {
		return j + 1 - i // 23年来
	}
	if j+1 < len(words) && words[j].Text == "年" && sinceWords[words[j+1].Text] {
		return j + 2 - i
	}
	if j < len(words) && dateUnits[words[j].Text] {
		unit := words[j].Text
		if era || !strings.HasPrefix(unit, "年") && !strings.HasPrefix(unit, "学年") && unit != "届" || first.yearLike() {
			if j+1 < len(words) && dateEdges[words[j+1].Text] {
				return j + 2 - i // 2020年末
			}
			return j + 1 - i
		}
	}
	return 0
}

// rangeMarks join the two ends of a range (15至59岁, 2019-2021年); a span
// of years may be written with a slash too (2023/24年度).
var (
	rangeMarkList = []string{"至", "到", "-", "—", "–", "－", "～", "~", "〜"}
	rangeMarks    = wordSet(rangeMarkList...)
	yearSpanMarks = wordSet(slices.Concat(rangeMarkList, []string{"/"})...)
)

// runOfDigits describes a number written over several words.
type runOfDigits struct {
	runes   int
	counted bool // holds 两 十 百 or 千, which no year is written with
}

// yearLike is yearLike for a number written over several words.
func (d runOfDigits) yearLike() bool { return d.runes >= 3 && d.runes <= 4 && !d.counted }

func (d *runOfDigits) add(w string) {
	for _, r := range w {
		d.runes++
		d.counted = d.counted || r == '两' || r == '十' || r == '百' || r == '千'
	}
}

// numberRun reads the words from words[j] that together write one number
// (二 〇 二三 → 二〇二三) and returns it with the index after it; marked
// reports a last word that ends in a span mark (四至).
func numberRun(words []segment.Word, j int) (number runOfDigits, next int, marked bool) {
	for ; j < len(words); j++ {
		w := words[j].Text
		if isNumberWord(w) {
			number.add(w)
			continue
		}
		if t, ok := strings.CutSuffix(w, "至"); ok && isNumberWord(t) && number.runes > 0 {
			number.add(t)
			return number, j + 1, true
		}
		break
	}
	return number, j, false
}

// isGluedMonth reports a month written as one word, with its edge or 份
// (三月底, 十二月份, 6月末).
func isGluedMonth(w string) bool {
	for _, edge := range []string{"底", "末", "初", "中", "份", ""} {
		if t, ok := strings.CutSuffix(w, "月"+edge); ok && t != "" && isNumberWord(t) {
			return true
		}
	}
	return false
}

// trimDateUnit cuts a year unit off a word.
func trimDateUnit(w string) (string, bool) {
	for _, u := range []string{"学年度", "学年", "年度", "年"} {
		if t, ok := strings.CutSuffix(w, u); ok && t != "" {
			return t, true
		}
	}
	return w, false
}

// yearLike reports a number written as a year: three or four digits (2020,
// the ROC year 108) or Chinese digits one by one (一九八六), masks allowed
// (20xx).
func yearLike(w string) bool {
	n := 0
	for _, r := range w {
		if n++; r == '两' || r == '十' || r == '百' || r == '千' || !isNumeral(r) {
			return false
		}
	}
	return n >= 3 && n <= 4
}

// isNumberWord reports a word written only with digits, Chinese numerals
// or masks.
func isNumberWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !isNumeral(r) {
			return false
		}
	}
	return true
}

// isNumeral reports a digit in any script, a Chinese numeral up to 千
// (廿 卅 卌 too), or a mask standing for a digit.
func isNumeral(r rune) bool {
	return number.IsNumeral(r) || r == 'x' || r == 'X'
}

// splitChange splits a trailing change word off a name.
func splitChange(name string) (subject, verb string) {
	last, _ := utf8.DecodeLastRuneInString(name)
	for _, v := range changeVerbsByLast[last] {
		if strings.HasSuffix(name, v) {
			return strings.TrimSuffix(name, v), v
		}
	}
	return name, ""
}

// changeVerbsByLast holds the change words by their last character,
// longest first, so that a name is matched against few of them.
var changeVerbsByLast = func() map[rune][]string {
	m := map[rune][]string{}
	for _, v := range changeVerbs {
		last, _ := utf8.DecodeLastRuneInString(v)
		m[last] = append(m[last], v)
	}
	return m
}()

// rightNounPhrase returns the noun phrase of the words right after a
// quantity's unit, up to the first verb or function word after it, or ""
// when the quantity is not followed by a noun.
func rightNounPhrase(words []segment.Word) string {
	modified := false // 的 after the amount: what follows is one noun phrase
	for len(words) > 0 && (strings.TrimSpace(words[0].Text) == "" || words[0].Text == "的" || sinceWords[words[0].Text]) {
		modified = modified || words[0].Text == "的"
		words = words[1:] // 的, or 来 of 110年来
	}
	words = skipBand(words)
	if n := len(words); modified && n >= 2 && words[n-1].Pos == "v" && isNoun(words[n-2]) && !isChangeVerb(words[n-1].Text) {
		// "相当于12个月的政府开支": a verb ending the phrase is its head noun.
		phrase := make([]segment.Word, n)
		copy(phrase, words)
		phrase[n-1].Pos = "vn"
		words = phrase
	}
	if len(words) == 0 || scopeWords[words[0].Text] || qualifierWord(words[0].Text) {
		return ""
	}
	// A naming verb right after it names the counted things ("108套为电子白板").
	if vp, renamed := countedVerbPhrase(words); renamed && words[0].Text != "被" {
		return vp
	}
	// A verb of reaching after it makes the word a predicate ("29所调整为22所").
	if len(words) > 1 && (words[0].Pos == "v" || words[0].Pos == "vn") && reachingWords[words[1].Text] {
		return ""
	}
	// A noun, or a verb qualifying one ("新增进城务工人员").
	if !isNoun(words[0]) && !(words[0].Pos == "v" && len(words) > 1 && isNoun(words[1])) {
		return ""
	}
	n := 1
	for n < len(words) && (isNoun(words[n]) || words[n].Text == "的" && n+1 < len(words) && isNoun(words[n+1])) {
		n++
	}
	// The things counted and what they did: the verb phrase after them
	// says which ones are counted ("12名教师参加省级培训" → 参加省级培训教师),
	// or names what they became ("3所幼儿园被评为示范幼儿园" → 示范幼儿园).
	// A lone untagged character is rather the start of a word the
	// dictionary lacks (国 of 国考断面) than the things counted.
	loneCharacter := n == 1 && words[0].Pos == "zg"
	if vp, renamed := countedVerbPhrase(words[n:]); renamed {
		return vp
	} else if vp != "" && !loneCharacter {
		return vp + joinWords(words[:n])
	}
	// A bare generic noun (学校, 教师) says little; the rest of the clause
	// tells which ones.
	if len([]rune(joinWords(words[:n]))) <= 3 {
		n = 1
		for n < len(words) && !holdsNumber(words[n].Text) {
			n++
		}
		for n > 1 && (isMark(words[n-1].Text) || isFunctionWord(words[n-1].Pos) || reachingWords[words[n-1].Text]) {
			n--
		}
	}
	name := joinWords(dropParticles(words[:n]))
	if len([]rune(name)) < 2 {
		return ""
	}
	return name
}

// countedVerbPhrase returns the verb phrase that follows counted things,
// up to the end of the clause or the next amount, or "" when no verb
// follows. After a naming verb (被评为) it returns what follows the verb
// and renamed true.
func countedVerbPhrase(words []segment.Word) (phrase string, renamed bool) {
	for len(words) > 0 && (words[0].Pos == "d" || scopeWords[words[0].Text] && words[0].Pos != "v" && !namingVerbs[words[0].Text]) {
		words = words[1:] // 全部, 已, 都
	}
	if len(words) > 1 && words[0].Text == "被" && namingVerbs["被"+words[1].Text] {
		words = append([]segment.Word{{Text: "被" + words[1].Text, Pos: "v"}}, words[2:]...)
	}
	if len(words) == 0 || !namingVerbs[words[0].Text] && (words[0].Pos != "v" || reachingWords[words[0].Text]) {
		return "", false
	}
	renamed = namingVerbs[words[0].Text]
	if renamed {
		words = words[1:]
	}
	n := 0
	for n < len(words) && !holdsNumber(words[n].Text) {
		n++
	}
	for n > 0 && (isMark(words[n-1].Text) && !isQuoteMark(words[n-1].Text) || isFunctionWord(words[n-1].Pos) || words[n-1].Text == "了") {
		n--
	}
	kept := make([]segment.Word, 0, n)
	for _, w := range words[:n] {
		if w.Text != "了" && w.Text != "着" && w.Pos != "d" && !isQuoteMark(w.Text) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 || renamed && len([]rune(joinWords(kept))) < 2 {
		return "", false
	}
	return joinWords(kept), renamed
}

// dropParticles leaves 的 out of a noun phrase (学校的食堂 → 学校食堂).
func dropParticles(words []segment.Word) []segment.Word {
	out := make([]segment.Word, 0, len(words))
	for _, w := range words {
		if w.Text != "的" {
			out = append(out, w)
		}
	}
	return out
}

func qualifierWord(w string) bool {
	switch w {
	case "以上", "以下", "以内", "左右", "上下", "之内", "多", "余":
		return true
	}
	return false
}

// isNoun reports nominal tags: nouns of every kind, verbal and adjectival
// nouns, abbreviations and idioms used as names.
func isNoun(w segment.Word) bool {
	if isMark(w.Text) {
		return false
	}
	switch w.Pos {
	case "n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "vn", "an", "j", "l", "b":
		return true
	case "zg": // single characters the dictionary leaves untagged: 村, 糖, but also 为, 较
		return !scopeWords[w.Text] && !reachingWords[w.Text] && !comparisonWords[w.Text] && !qualifierWord(w.Text)
	}
	return false
}

// isFunctionWord reports tags of words that are not content. Time words
// (tag t) are not among them: the dictionary tags 老年 and 青年 so, and real
// time words are found by dropDates.
func isFunctionWord(pos string) bool {
	switch pos {
	case "p", "c", "d", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "f", "zg", "ad", "q", "m", "y", "e", "o":
		return true
	}
	return false
}

func hasNounAfter(words []segment.Word) bool {
	for _, w := range words {
		if isNoun(w) {
			return true
		}
	}
	return false
}

func holdsDigit(w string) bool {
	for _, r := range w {
		if unicode.IsDigit(r) || r == '%' {
			return true
		}
	}
	return false
}

func joinWords(words []segment.Word) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return trimNameEdges(words[0].Text)
	}
	n := 0
	for _, w := range words {
		n += len(w.Text)
	}
	var b strings.Builder
	b.Grow(n)
	for _, w := range words {
		b.WriteString(w.Text)
	}
	return trimNameEdges(b.String())
}

// trimNameEdges trims the spaces, quote marks and brackets that never
// open or close a name.
func trimNameEdges(s string) string {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !isNameEdge(r) {
			break
		}
		s = s[n:]
	}
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if !isNameEdge(r) || closesBracketIn(s[:len(s)-n], r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// closesBracketIn reports a closing bracket r that closes one opened in
// before: 区示范性社区(学校) keeps its bracket whole.
func closesBracketIn(before string, r rune) bool {
	return (r == ')' || r == '）') && bracketDepth(before) > 0
}

// bracketDepth counts the brackets s leaves open.
func bracketDepth(s string) int {
	depth := 0
	for _, c := range s {
		switch c {
		case '(', '（':
			depth++
		case ')', '）':
			depth--
		}
	}
	return depth
}

func wordsBracketDepth(words []segment.Word) int {
	depth := 0
	for _, w := range words {
		depth += bracketDepth(w.Text)
	}
	return depth
}

func isNameEdge(r rune) bool {
	switch r {
	case ' ', '"', '\'', '“', '”', '(', ')', '（', '）':
		return true
	}
	return false
}

// isQuoteMark reports quote and title marks, which a name inside a name
// keeps out ("上划中央“两税”收入" → 上划中央两税收入).
func isQuoteMark(w string) bool {
	for _, r := range w {
		switch r {
		case '“', '”', '"', '‘', '’', '\'', '《', '》', '「', '」', '『', '』':
		default:
			return false
		}
	}
	return w != ""
}

func isMark(w string) bool {
	for _, r := range w {
		if r >= 0x4E00 && r <= 0x9FFF || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// holdsNumber reports a word with a digit or a mask standing for one.
func holdsNumber(w string) bool {
	return strings.ContainsAny(w, "0123456789xX*×%")
}

func isChangeVerb(w string) bool {
	for _, v := range changeVerbs {
		if w == v {
			return true
		}
	}
	return false
}
