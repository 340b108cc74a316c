package extract

import (
	"strings"
	"unicode"

	"github.com/zhmetrics/zhmetrics/segment"
)

// Segmenter cuts text into words tagged with their part of speech.
type Segmenter interface {
	CutPos(text string) []segment.Word
}

// clauseBreaks end the clause a metric name is read from.
const clauseBreaks = "，,；;：:。！？!?\n“”\"《》、"

// maxClause bounds how far a metric name is looked for, in characters.
const maxClause = 40

// scopeWords name the reporting area or period; names leave them out.
var scopeWords = wordSet("全区", "全市", "全县", "全省", "全国", "我市", "我区", "我县", "我省", "我局", "我校", "我国",
	"全系统", "全年", "今年", "去年", "明年", "当年", "本年度", "年内", "其中", "目前", "现有", "累计", "共计", "总计",
	"共有", "共", "全部", "全体", "合计", "已", "已经", "均", "仍然", "又", "还", "也", "再", "就", "将", "并", "同时",
	"分别", "约", "近", "达", "为", "是", "有", "了", "的", "在", "由", "从", "对", "向", "使", "以", "把", "给",
	"等", "及", "和", "与", "其", "这", "该", "此", "一是", "二是", "三是", "四是", "五是", "另")

// leadingVerbs introduce an amount without being part of its name.
var leadingVerbs = wordSet("建成", "创建", "开展", "组织", "实施", "完成", "评选", "拟", "计划", "预计", "争取", "实现",
	"投入", "下拨", "发放", "举办", "选派", "组建", "认定", "达到", "保障", "确定", "指导", "聘请", "开办", "设立",
	"形成", "确立", "审批", "核准", "安排", "推动", "推进", "做好", "积极", "全面", "依法", "深化", "加快", "力争",
	"新建", "建设", "招聘", "引进", "培训", "资助", "帮助", "带动", "吸引", "覆盖", "惠及", "接待", "受理", "办理")

// keptVerbs are verbs that belong to the indicator's name (新增学位).
// 学前 (preschool) is tagged as a verb by the dictionary but is a noun here.
var keptVerbs = wordSet("新增", "新增加", "新建", "新招聘", "学前")

// reachingWords sit between a name and its amount and never end a name.
var reachingWords = wordSet("保持在", "控制在", "稳定在", "提高到", "提升到", "增加到", "上升到", "下降到", "减少到",
	"增长到", "扩大到", "达到", "达", "为", "是", "有", "共", "共有", "共计", "累计", "合计", "总计", "约", "约有", "近",
	"将近", "接近", "超过", "不少于", "不低于", "不超过", "不高于", "不足", "低于", "不到", "高于", "突破", "逾", "超",
	"至少", "了", "的", "占", "到", "在", "由", "从", "计", "均", "已", "仍", "仍然", "都", "分别", "分别为", "约为",
	"预计", "将", "就", "又", "再", "还", "也", "已经", "以", "保持", "控制", "稳定", "维持", "增至", "降至",
	"减至", "升至", "提至", "达至", "增加至", "提高至", "下降至", "减少至", "上升至")

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// metricName reads the name of what a quantity measures. When the words
// right after the quantity are a noun phrase ("评选30所劳动教育基地学校")
// the quantity counts that; otherwise the name stands before it
// ("入园率保持在99.8%"). Scope words, verbs of reaching and particles are
// stripped at word boundaries found by the segmenter.
func metricName(rs []rune, start, end int, kind string, seg Segmenter) string {
	if seg == nil {
		return strings.TrimSpace(clauseLeft(rs, start))
	}
	// Only counts and measures qualify a noun after them; money and
	// percentages name their indicator before them.
	if kind == KindCount || kind == KindMeasure {
		if right := rightNounPhrase(rs, end, seg); right != "" {
			return right
		}
	}
	return leftName(clauseLeft(rs, start), seg)
}

// previousClauseName reads a name from the clause before the one holding
// start, for an amount whose own clause has nothing but verbs before it
// ("…继续增长,总计约5.6亿"). A clause holding a number names that number,
// not this one, and gives "".
func previousClauseName(rs []rune, start int, seg Segmenter) string {
	if seg == nil {
		return ""
	}
	at := clauseStart(rs, start)
	if at == 0 || !strings.ContainsRune("，,", rs[at-1]) {
		return ""
	}
	clause := clauseLeft(rs, at-1)
	if holdsNumber(clause) {
		return ""
	}
	return leftName(clause, seg)
}

// clauseStart returns where the clause holding start begins, at most
// maxClause characters back.
func clauseStart(rs []rune, start int) int {
	i := start
	for i > 0 && !strings.ContainsRune(clauseBreaks, rs[i-1]) && start-i < maxClause {
		i--
	}
	return i
}

func clauseLeft(rs []rune, start int) string {
	return string(rs[clauseStart(rs, start):start])
}

func clauseRight(rs []rune, end int) string {
	i := end
	for i < len(rs) && !strings.ContainsRune(clauseBreaks, rs[i]) && i-end < maxClause {
		i++
	}
	return string(rs[end:i])
}

// leftName strips a clause before a quantity down to the indicator's name.
func leftName(clause string, seg Segmenter) string {
	words := seg.CutPos(strings.TrimSpace(clause))
	words = dropYears(afterLastNumber(words))
	// Trailing: verbs of reaching, qualifiers, particles, stray marks.
	for len(words) > 0 {
		w := words[len(words)-1]
		if len(words) >= 2 && reachingWords[words[len(words)-2].Text+w.Text] {
			words = words[:len(words)-2] // 提高+到
			continue
		}
		if reachingWords[w.Text] || isMark(w.Text) || w.Pos == "p" || w.Pos == "u" || w.Pos == "uj" || w.Pos == "ul" || w.Pos == "d" ||
			isTimeWord(w) || (holdsDigit(w.Text) && len(words) > 1) {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	// Leading: scope and time words, verbs and function words before the name.
	for len(words) > 1 {
		w := words[0]
		if keptVerbs[w.Text] {
			break
		}
		if scopeWords[w.Text] || leadingVerbs[w.Text] || isMark(w.Text) || isTimeWord(w) || isFunctionWord(w.Pos) ||
			(w.Pos == "v" && hasNounAfter(words[1:])) {
			words = words[1:]
			continue
		}
		break
	}
	if len(words) == 1 && (scopeWords[words[0].Text] || reachingWords[words[0].Text] || isMark(words[0].Text) || isTimeWord(words[0]) ||
		leadingVerbs[words[0].Text] || words[0].Pos == "v" && !isChangeVerb(words[0].Text)) {
		return ""
	}
	if len(words) == 0 {
		return ""
	}
	// Inside the name: drop adverbs and time words between the indicator
	// and its verb ("钢产量前三年共增加" → "钢产量增加").
	kept := words[:1]
	for i, w := range words[1:] {
		beforeVerb := i+2 < len(words) && (words[i+2].Pos == "v" || words[i+2].Pos == "d")
		if w.Pos == "d" || isTimeWord(w) && beforeVerb || (w.Pos == "f" && len([]rune(w.Text)) == 1) || scopeWords[w.Text] && w.Pos != "n" {
			continue
		}
		kept = append(kept, w)
	}
	return joinWords(kept)
}

// changeVerbs report a change in an indicator; a name that is only one of
// them takes its subject from the quantity before it.
var changeVerbs = []string{"增加", "增长", "减少", "下降", "提高", "上升", "扩大", "缩小", "降低", "提升", "增", "减"}

// splitChange splits a trailing change verb off a name.
func splitChange(name string) (subject, verb string) {
	for _, v := range changeVerbs {
		if strings.HasSuffix(name, v) {
			return strings.TrimSuffix(name, v), v
		}
	}
	return name, ""
}

// rightNounPhrase returns the noun phrase right after a quantity's unit,
// up to the first verb or function word after it, or "" when the quantity
// is not followed by a noun.
func rightNounPhrase(rs []rune, end int, seg Segmenter) string {
	rest := clauseRight(rs, end)
	rest = strings.TrimPrefix(strings.TrimLeft(rest, " "), "的")
	if rest == "" {
		return ""
	}
	words := seg.CutPos(rest)
	if len(words) == 0 || scopeWords[words[0].Text] || qualifierWord(words[0].Text) {
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
	// A bare generic noun (学校, 教师) says little; the rest of the clause
	// tells which ones ("x所学校通过省标准化学校验评").
	if len([]rune(joinWords(words[:n]))) <= 3 {
		n = 1
		for n < len(words) && !holdsNumber(words[n].Text) {
			n++
		}
		for n > 1 && (isMark(words[n-1].Text) || isFunctionWord(words[n-1].Pos)) {
			n--
		}
	}
	name := joinWords(words[:n])
	if len([]rune(name)) < 2 {
		return ""
	}
	return name
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
	}
	return false
}

func isFunctionWord(pos string) bool {
	switch pos {
	case "p", "c", "d", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "f", "zg", "ad", "q", "m", "t", "y", "e", "o":
		return true
	}
	return false
}

func isTimeWord(w segment.Word) bool {
	if w.Pos == "t" {
		return true
	}
	r := []rune(w.Text)
	last := r[len(r)-1]
	return (last == '年' || last == '月') && len(r) <= 4
}

func hasNounAfter(words []segment.Word) bool {
	for _, w := range words {
		if isNoun(w) {
			return true
		}
	}
	return false
}

// afterLastNumber keeps the words after the last amount: what comes
// before belongs to another fact. Years (2015年) are time, not amounts, and
// the classifier or scale word after an amount goes with it.
func afterLastNumber(words []segment.Word) []segment.Word {
	last := -1
	for i, w := range words {
		if !holdsDigit(w.Text) || isYear(words, i) {
			continue
		}
		last = i
		for last+1 < len(words) && (words[last+1].Pos == "m" || words[last+1].Pos == "q" || isUnitWord(words[last+1].Text)) {
			last++
		}
	}
	return words[last+1:]
}

// dropYears removes years (1956年) and a comparison word before one
// (比1956年增长 → 增长): they date an amount, they do not name it.
func dropYears(words []segment.Word) []segment.Word {
	out := make([]segment.Word, 0, len(words))
	for i := 0; i < len(words); i++ {
		if !isYear(words, i) {
			out = append(out, words[i])
			continue
		}
		if n := len(out); n > 0 && (out[n-1].Text == "比" || out[n-1].Text == "较" || out[n-1].Text == "同") {
			out = out[:n-1]
		}
		if !strings.HasSuffix(words[i].Text, "年") {
			i++ // the 年 after it
		}
		if i+1 < len(words) && words[i+1].Text == "的" {
			i++
		}
	}
	return out
}

func holdsDigit(w string) bool {
	for _, r := range w {
		if unicode.IsDigit(r) || r == '%' {
			return true
		}
	}
	return false
}

// isYear reports a four-digit number followed by 年 (or holding it).
func isYear(words []segment.Word, i int) bool {
	t := strings.TrimSuffix(words[i].Text, "年")
	if len(t) != 4 || !holdsDigit(t) {
		return false
	}
	return strings.HasSuffix(words[i].Text, "年") || (i+1 < len(words) && strings.HasPrefix(words[i+1].Text, "年"))
}

// isUnitWord reports a classifier or unit, alone or after a scale word
// (万人, 亿元).
func isUnitWord(w string) bool {
	w = strings.TrimLeft(w, "万亿千百")
	if w == "" || w == "元" || w == "%" {
		return true
	}
	_, count := countUnits[w]
	_, measure := measureUnits[w]
	return count || measure
}

func joinWords(words []segment.Word) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteString(w.Text)
	}
	return strings.Trim(b.String(), " \"'“”()（）")
}

func isMark(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
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
