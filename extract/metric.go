package extract

import (
	"strings"
	"unicode"
)

// Segmenter cuts text into words.
type Segmenter interface {
	Cut(text string) []string
}

// clauseBreaks end the clause a metric name is read from.
const clauseBreaks = "，,；;：:。！？!?\n（()）“”\"《》、"

// scopeWords name the reporting area; the guide leaves them out of names.
var scopeWords = []string{"全区", "全市", "全县", "全省", "全国", "我市", "我区", "我县", "我省", "我局", "我校",
	"全系统", "全年", "今年", "本年度", "年内", "其中", "目前", "现有", "累计", "共计", "总计", "共有", "共", "全部", "全体", "各类", "合计"}

// leadingVerbs introduce an amount without being part of its name.
var leadingVerbs = []string{"建成", "创建", "开展", "组织", "实施", "完成", "评选", "拟", "计划", "预计", "争取",
	"实现", "投入", "下拨", "发放", "举办", "培训", "选派", "组建", "认定", "新建", "建设", "达到", "达", "有", "为"}

// trailingWords sit between a name and its amount: verbs of reaching,
// qualifiers and particles.
var trailingWords = []string{"保持在", "控制在", "稳定在", "提高到", "提升到", "增加到", "上升到", "下降到", "减少到",
	"增长到", "达到了", "达到", "增加了", "增长了", "提高了", "下降了", "减少了", "增加", "增长", "提高", "下降", "减少",
	"完成了", "完成", "共计", "累计", "合计", "总计", "共有", "约有", "大约", "将近", "接近", "超过", "不少于", "不低于",
	"不超过", "不高于", "不足", "低于", "不到", "高于", "突破", "约为", "分别为", "分别", "为", "是", "有", "达", "共",
	"约", "近", "逾", "超", "至少", "了", "的", "占", "到", "在", "计"}

// metricName reads the name of what a quantity measures from its clause:
// the words before it, or, when nothing but verbs stands there, the noun
// phrase after its unit.
func metricName(rs []rune, start, end int, seg Segmenter) string {
	left := clauseLeft(rs, start)
	name := trimName(left, seg)
	if len([]rune(name)) >= 2 {
		return name
	}
	right := clauseRight(rs, end)
	right = strings.TrimPrefix(right, "的")
	if r := trimName(right, seg); len([]rune(r)) >= 2 {
		return r
	}
	return name
}

func clauseLeft(rs []rune, start int) string {
	i := start
	for i > 0 && !strings.ContainsRune(clauseBreaks, rs[i-1]) && start-i < 40 {
		i--
	}
	return string(rs[i:start])
}

func clauseRight(rs []rune, end int) string {
	i := end
	for i < len(rs) && !strings.ContainsRune(clauseBreaks, rs[i]) && i-end < 30 {
		i++
	}
	return string(rs[end:i])
}

// trimName strips scope words, leading verbs and trailing particles from a
// clause, at word boundaries found by the segmenter, and drops digits and
// stray marks.
func trimName(clause string, seg Segmenter) string {
	clause = strings.TrimSpace(clause)
	if clause == "" {
		return ""
	}
	var words []string
	if seg != nil {
		words = seg.Cut(clause)
	} else {
		for _, r := range clause {
			words = append(words, string(r))
		}
	}
	// Drop words that carry numbers: they belong to other facts.
	words = dropNumberWords(words)
	for len(words) > 0 {
		w := strings.TrimSpace(words[len(words)-1])
		if w == "" || inList(w, trailingWords) || isMark(w) {
			words = words[:len(words)-1]
			continue
		}
		if trimmed, ok := trimSuffixFromList(w, trailingWords); ok {
			words[len(words)-1] = trimmed
			continue
		}
		break
	}
	for len(words) > 0 {
		w := strings.TrimSpace(words[0])
		if w == "" || inList(w, scopeWords) || inList(w, leadingVerbs) || isMark(w) {
			words = words[1:]
			continue
		}
		break
	}
	name := strings.Join(words, "")
	name = strings.Trim(name, " \"'“”")
	return name
}

func dropNumberWords(words []string) []string {
	// Keep only the words after the last word holding a digit.
	last := -1
	for i, w := range words {
		for _, r := range w {
			if unicode.IsDigit(r) || r == '%' {
				last = i
				break
			}
		}
	}
	return words[last+1:]
}

func inList(w string, list []string) bool {
	for _, x := range list {
		if w == x {
			return true
		}
	}
	return false
}

func trimSuffixFromList(w string, list []string) (string, bool) {
	for _, x := range list {
		if len(x) < len(w) && strings.HasSuffix(w, x) && len([]rune(x)) >= 2 {
			return strings.TrimSuffix(w, x), true
		}
	}
	return w, false
}

func isMark(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
