package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/segment"
)

// namer names the amounts of one text in order, sentence by sentence. Each
// sentence is cut into words once, when its first amount is named; a
// clause without a subject of its own takes the subject named before it in
// the sentence ("地区生产总值856亿元，年均增长6.8%" → 地区生产总值年均增长),
// and amounts after 分别 take their subjects in order ("A和B分别增长1%、2%").
type namer struct {
	rs        []rune
	sentences [][2]int
	amounts   []Fact // every amount of the text, whatever kinds are wanted
	seg       Segmenter

	current   int // index of the sentence cut into words
	cutStart  int // start of the part of it that is cut
	floor     int // how far back the cut may go
	spanEnd   int // end of the part of it that is cut
	words     *sentenceWords
	subjects  []string // subjects named so far in the sentence, in order
	entity    string   // the last entities counted in the sentence (卫生院)
	product   string   // the last product an attribute was given of in the sentence (蔬菜)
	whole     string   // the whole of the last share named in the sentence
	prefix    string   // the modifiers of the last name before its head noun (普通话培训 of 普通话培训公务员)
	prefixEnd int      // the end of the amount named so
	plan      string   // the plan of the last amount named as a plan (预算)
	planEnd   int      // the end of that amount
	planStem  string   // what it is the plan of
	group     respectiveGroup
}

// lastSubject is the subject named last in the sentence, or "".
func (n *namer) lastSubject() string {
	if len(n.subjects) == 0 {
		return ""
	}
	return n.subjects[len(n.subjects)-1]
}

// respectiveGroup is a run of amounts after 分别 ("分别增长3.6%、2.9%").
type respectiveGroup struct {
	at    int // start of 分别, -1 for none
	base  int // subjects named before the group
	parts []string
	verb  string
}

// name returns amount i with its metric name, and with its kind and unit
// read from the name when the text leaves the unit implicit; an implicit
// amount whose name implies no unit comes back with an empty kind.
func (n *namer) name(i int) Fact {
	f := n.amounts[i]
	s := sentenceIndex(n.sentences, f.Start)
	if s != n.current {
		n.current, n.subjects, n.group, n.entity, n.whole, n.product = s, nil, respectiveGroup{at: -1}, "", "", ""
		n.cutStart, n.spanEnd = 0, -1
	}
	if s < 0 || f.End > n.spanEnd {
		n.cut(i, s)
	}
	from, until := 0, len(n.rs)
	if i > 0 {
		from = min(n.amounts[i-1].End, f.Start)
	}
	if i+1 < len(n.amounts) {
		until = max(n.amounts[i+1].Start, f.End)
	}
	at := qualifierStart(n.rs, f.Start)
	left, after := n.words.before(at, from), n.words.after(f.End, until)
	kind := f.Kind
	if kind == kindImplicit {
		kind = KindCount // "8000多万农业转移人口": a count whose unit the name implies
	}
	name := metricName(left, after, kind, f.Unit)
	if p := n.listPrefix(i, at, left); p != "" && name == left[0].Text {
		name = p + name // "培训公务员2500人、教师2300人": 培训教师
	}
	ofPlan := false // a plan or a completion is no subject for the amounts after it
	if isConversion(name) && len(n.subjects) > 0 {
		// "平均每人GDP 3.2万美元，折合新台币107万元": the same amount restated.
		name, ofPlan = n.lastSubject()+name, true
	}
	if plan := planAfter(left); plan != "" && f.Kind == KindMoney && len(n.subjects) > 0 {
		// "X决算为17万元,完成预算27万元的63%": 27万元 is X's budget.
		n.plan, n.planEnd, n.planStem = plan, f.End, outcomeStem(n.lastSubject())
		name, ofPlan = n.planStem+plan, true
	} else if kind == KindPercent {
		name, ofPlan = n.completion(i, left, name)
	}
	if kind == KindPercent && !ofPlan {
		if share, whole, ok := shareName(left, n.whole, n.lastSubject()); ok {
			name, n.whole = share, whole
		}
	}
	adjacent := len(after) == 0 && i+1 < len(n.amounts) && n.amounts[i+1].Start == f.End
	if name == "" && f.Kind == KindCount && adjacent {
		// "13690户25249人发放生活补贴": both counts are of the phrase after.
		if vp := n.sharedVerbPhrase(i - 1); vp != "" {
			name = vp + countNouns[f.Unit]
		}
	}
	if name != "" && !adjacent && (f.Kind == KindCount || f.Kind == KindMeasure) && n.coordinated(i, after) {
		// "10名校长和5名干部赴台考察": what the last counted did, all did.
		if vp := n.sharedVerbPhrase(i); vp != "" {
			name = vp + name
		}
	}
	if statisticWords[name] && len(n.subjects) > 0 {
		name = statisticStem(n.lastSubject()) + name // 平均数…,中位数为94万元
	}
	if perHead[name] && len(n.subjects) > 0 {
		name += n.lastSubject() // "总投入1249万元,生均435元" → 生均总投入
	}
	if attributeNouns[name] && i > 0 && n.entity != "" {
		name = n.entity + name // "卫生院45个,床位3200张" → 卫生院床位
	}
	if productAttributes[name] && n.product != "" {
		name = n.product + name // "蔬菜播种面积31.8万亩，产量112.6万吨" → 蔬菜产量
	}
	subject, verb := splitChange(name)
	subject = counterpartName(subject, n.lastSubject())
	if changeModifiers[subject] && verb != "" && len(n.subjects) > 0 {
		last, _ := splitChange(n.lastSubject())
		subject = last + subject // 本地生产总值…，按年实质增长8.8%
	}
	if verb == "" && outputUnits[f.Unit] && isBareProduct(left, subject) {
		subject += "产量" // 钢1.1亿吨: the output of steel
	}
	if f.Kind == KindPercent && verb == "" && name != "" && !isShareName(name) && opensShare(left) && len(n.subjects) > 0 {
		// "X完成367亿元,为年度计划的108%": X's share of the plan.
		subject, verb = n.lastSubject(), "占"+strings.TrimPrefix(name, "占")+"比例"
	}
	if name == "" && isShareOnly(left) {
		verb = "占比" // "X 7.5万元,占44.0%": X's share of the whole
	}

	if g, k, ok := n.respective(i, at); ok {
		if g != n.group.at {
			n.group = respectiveGroup{at: g, base: len(n.subjects), parts: conjuncts(subject), verb: verb}
		}
		switch {
		case len(n.group.parts) == k:
			subject = n.group.parts[n.indexInGroup(i, g)]
		case subject == "" && n.group.base >= k:
			subject = n.subjects[n.group.base-k+n.indexInGroup(i, g)]
		}
		if verb == "" {
			verb = n.group.verb
		}
	}
	if subject == "" {
		if len(n.subjects) > 0 {
			subject = recount(n.lastSubject(), f.Unit)
		} else {
			n.cutPreviousClause()
			subject, _ = splitChange(previousClauseName(n.words, at, from))
		}
	}
	if subject != "" && !ofPlan {
		n.subjects = append(n.subjects, subject)
	}
	if product := productOf(subject); product != "" {
		n.product = product
	}
	if entityUnits[f.Unit] && subject != "" && !attributeNouns[subject] {
		n.entity = subject // the entities the next attributes belong to
	}
	if subject != "" {
		f.Metric = subject + verb // a bare verb (稳步提升) is never a name
	}
	n.prefix, n.prefixEnd = listPrefixOf(f.Metric, left), f.End
	if f.Kind == kindImplicit {
		right := rightNounPhrase(after)
		f.Kind, f.Unit = implicitUnit(right, f.Metric)
	}
	if n.restatesChange(i) {
		f.Metric = n.amounts[i-1].Metric // 减少2.3万人或2.1%: one change, two ways
	}
	return f
}

// restatesChange reports an amount joined by 或 to a change of another
// kind before it (较上年减少2.3万人或2.1%): the same change as a percent.
func (n *namer) restatesChange(i int) bool {
	if i == 0 {
		return false
	}
	prev, f := n.amounts[i-1], n.amounts[i]
	if prev.Kind == f.Kind || prev.End > f.Start {
		return false
	}
	if _, verb := splitChange(prev.Metric); verb == "" {
		return false
	}
	between := strings.TrimSpace(string(n.rs[prev.End:f.Start]))
	return between == "或" || between == "或是" || between == "，或" || between == ",或"
}

// completion names a percentage that measures an outcome against its
// plan ("为年度计划的108%", "完成预算27万元的63%") X完成<plan>比例; other
// names come back as they are.
func (n *namer) completion(i int, left []segment.Word, name string) (string, bool) {
	if plan := planOf(left); plan != "" && len(n.subjects) > 0 {
		return outcomeStem(n.lastSubject()) + "完成" + plan + "比例", true
	}
	if rest := trimMarks(left); i > 0 && n.plan != "" && n.planEnd == n.amounts[i-1].End && (len(rest) == 0 || len(rest) == 1 && rest[0].Text == "的") {
		return n.planStem + "完成" + n.plan + "比例", true
	}
	return name, false
}

// listPrefix returns the modifiers that amount i shares with the amount
// before it when the two are items of a list and amount i's clause is one
// bare noun ("完成培训公务员2500人、教师2300人" → 培训教师, "获全国一等奖4名、
// 二等奖1名" → 全国二等奖), or "".
func (n *namer) listPrefix(i, at int, left []segment.Word) string {
	if i == 0 || n.prefix == "" || n.prefixEnd != n.amounts[i-1].End || len(left) != 1 || !isNoun(left[0]) {
		return ""
	}
	mark := at - utf8.RuneCountInString(left[0].Text) - 1
	if mark != n.prefixEnd || mark >= len(n.rs) || n.rs[mark] != '、' {
		return ""
	}
	return n.prefix
}

// listPrefixOf returns the modifiers of a name read from left before its
// head noun, the last noun of left, or "".
func listPrefixOf(name string, left []segment.Word) string {
	for k := len(left) - 1; k >= 0; k-- {
		if isNoun(left[k]) {
			if p, ok := strings.CutSuffix(name, left[k].Text); ok && p != "" && !strings.HasSuffix(p, "和") && !strings.HasSuffix(p, "及") {
				return p
			}
			return ""
		}
	}
	return ""
}

// cut cuts into words the part of sentence s that amount i's name reads
// (s < 0: the amount alone). When that part starts inside the words
// already cut and they end with a clause, only the rest is cut and
// appended: no word spans a clause mark, so the words are those of one cut.
func (n *namer) cut(i, s int) {
	start, end := n.amounts[i].Start, n.amounts[i].End
	floor := start
	if s >= 0 {
		floor = max(n.sentences[s][0], start-2*maxClause)
		start, end = n.span(i, n.sentences[s], floor)
	}
	if n.words == nil {
		n.words = &sentenceWords{}
	}
	if s >= 0 && s == n.current && start >= n.cutStart && start <= n.spanEnd && n.spanEnd >= 0 &&
		n.spanEnd < len(n.rs) && strings.ContainsRune(spanBreaks, n.rs[n.spanEnd]) {
		n.words.appendCut(n.rs, n.spanEnd, end, n.cutStart, n.seg)
	} else {
		n.words.reset(n.rs)
		n.cutAround(start, end)
		n.cutStart, n.floor = start, floor
	}
	n.spanEnd = end
}

// cutAround cuts rs[start:end] into words but for the amounts in it: no
// name reads the words of an amount, and cutting its text costs as much as
// the text around it.
func (n *namer) cutAround(start, end int) {
	at := start
	for k := sort.Search(len(n.amounts), func(k int) bool { return n.amounts[k].End > start }); k < len(n.amounts) && n.amounts[k].Start < end; k++ {
		if a := n.amounts[k]; a.Start >= at {
			n.words.appendCut(n.rs, at, a.Start, start, n.seg)
			at = a.End
		}
	}
	if at < end {
		n.words.appendCut(n.rs, at, end, start, n.seg)
	}
}

// cutPreviousClause puts the words of the clause before the cut in front
// of them, for a name read from that clause (previousClauseName); few
// names need it, so it is cut only then.
func (n *namer) cutPreviousClause() {
	at := n.cutStart
	if at <= n.floor || !strings.ContainsRune(spanBreaks, n.rs[at-1]) {
		return
	}
	start := punctuationBefore(n.rs, at-1, n.floor)
	prev := cutSentence(n.rs, start, at, n.seg)
	n.words.words = slices.Insert(n.words.words, 0, prev.words...)
	n.words.plain = slices.Insert(n.words.plain, 0, prev.plain...)
	n.cutStart = start
}

// span returns the part of sentence that the name of amount i reads, no
// earlier than floor: its own clause, and the clauses of the amounts
// joined to it by 、 or in the same clause after it ("分别增长3.6%、2.9%",
// "10名校长和5名干部"), whose names read each other's words.
func (n *namer) span(i int, sentence [2]int, floor int) (start, end int) {
	last := i
	for last+1 < len(n.amounts) && n.amounts[last+1].Start < sentence[1] && n.amounts[last+1].Start-n.amounts[last].End <= maxClause &&
		!clauseMarkBetween(n.rs, n.amounts[last].End, n.amounts[last+1].Start) {
		last++
	}
	start = punctuationBefore(n.rs, n.amounts[i].Start, floor)
	end = punctuationAfter(n.rs, n.amounts[last].End, min(max(sentence[1], n.amounts[last].End), n.amounts[last].End+maxClause))
	return start, end
}

// clauseMarkBetween reports a clause mark other than 、 in rs[from:to].
func clauseMarkBetween(rs []rune, from, to int) bool {
	for _, r := range rs[from:to] {
		if r != '、' && strings.ContainsRune(spanBreaks, r) {
			return true
		}
	}
	return false
}

// punctuationAfter returns where the clause holding at ends, no later
// than ceiling. No word spans a clause mark, so the words before it are
// cut as they are in the whole sentence.
func punctuationAfter(rs []rune, at, ceiling int) int {
	for at < ceiling && !strings.ContainsRune(spanBreaks, rs[at]) {
		at++
	}
	return min(at, ceiling)
}

// spanBreaks end the clauses a span is cut at: punctuation only, since a
// quote mark may sit inside a name.
const spanBreaks = "，,；;：:。！？!?\n、"

// punctuationBefore returns where the clause holding at starts, no
// earlier than floor.
func punctuationBefore(rs []rune, at, floor int) int {
	for at > floor && (!strings.ContainsRune(spanBreaks, rs[at-1]) || joinsNouns(rs, at-1)) {
		at--
	}
	return max(at, floor)
}

// statisticWords name a statistic of an indicator (中位数, 增速).
var (
	statisticList  = wordList("statistic_words")
	statisticWords = wordSet(statisticList...)
)

// statisticStem cuts a statistic word off the end of a subject: the
// indicator it is a statistic of.
func statisticStem(subject string) string {
	for _, w := range statisticList {
		if stem, ok := strings.CutSuffix(subject, w); ok && stem != "" {
			return stem
		}
	}
	return subject
}

// isShareName reports a name that already says it is a share (占…比重).
func isShareName(name string) bool {
	return strings.HasSuffix(name, "比重") || strings.HasSuffix(name, "比例") || strings.HasSuffix(name, "占比")
}

// attributeNouns are attributes of the entities counted before them;
// entityUnits count entities (个 所 家 座 处 项).
var (
	attributeNouns = wordSetOf("attribute_nouns")
	entityUnits    = wordSet("个", "所", "家", "座", "处", "个村", "项")
)

// perHead words alone before an amount give the amount per head of the
// subject before it.
var perHead = wordSet("人均", "生均", "户均", "千人均", "万人均", "每人", "每户", "每千人", "每万人", "每千人口", "每万人口")

// respectiveWords distribute the amounts after them over the subjects
// before them.
var respectiveWords = wordSet("分别", "分别为", "分别是", "分别达到", "分别达", "分别占", "分别增长", "分别下降", "分别增加", "分别减少")

// respective finds 分别 before amount i (at is where its name would end) in
// the same clause, and the number of amounts it distributes: the amounts
// after it up to the next comma.
func (n *namer) respective(i, at int) (start, count int, ok bool) {
	words := n.words.words
	j := n.words.firstEndingAfter(at) - 1
	for ; j >= 0; j-- {
		w := words[j].Text
		if respectiveWords[w] {
			break
		}
		if isMark(w) && strings.ContainsAny(w, "，,；;：:。") || at-words[j].start > maxClause {
			return 0, 0, false
		}
	}
	if j < 0 {
		return 0, 0, false
	}
	start = words[j].start
	end := n.spanEnd // the cut ends with a clause
	for k := j + 1; k < len(words); k++ {
		if isMark(words[k].Text) && strings.ContainsAny(words[k].Text, "，,；;：:。") {
			end = words[k].start
			break
		}
	}
	first := sort.Search(len(n.amounts), func(k int) bool { return n.amounts[k].Start > start })
	for k := first; k < len(n.amounts) && n.amounts[k].Start < end; k++ {
		count++
	}
	return start, count, count >= 2
}

// indexInGroup returns the place of amount i among the amounts after the
// 分别 at start.
func (n *namer) indexInGroup(i, start int) int {
	first := sort.Search(len(n.amounts), func(k int) bool { return n.amounts[k].Start > start })
	return i - first
}

// conjuncts splits a subject joined by 和, 及, 与 or 、 into its parts
// ("城镇和农村居民收入" stays whole: a part of one character is no subject).
func conjuncts(subject string) []string {
	if subject == "" {
		return nil
	}
	parts := strings.FieldsFunc(subject, func(r rune) bool { return strings.ContainsRune("和及与、", r) })
	for _, p := range parts {
		if len([]rune(p)) < 2 {
			return []string{subject}
		}
	}
	return parts
}

// isShareOnly reports a clause that is only a word of share before a
// percentage (占, 占比, 占到), so that the share is of the subject before it.
func isShareOnly(words []segment.Word) bool {
	text := strings.TrimRight(joinWords(words), "了到为达约近")
	return text == "占" || text == "占比" || text == "所占比重" || text == "所占比例"
}

// recount gives a carried subject named by the count of another unit the
// noun of this one ("退出374户714人": 退出户数 → 退出人数).
func recount(subject, unit string) string {
	noun, ok := countNouns[unit]
	if !ok {
		return subject
	}
	for _, other := range countNouns {
		if other != noun && strings.HasSuffix(subject, other) {
			return strings.TrimSuffix(subject, other) + noun
		}
	}
	return subject
}

// isBareProduct reports a subject that is one noun and no indicator (钢,
// 化肥, 自行车), read from the words of the clause before an amount.
func isBareProduct(words []segment.Word, subject string) bool {
	if subject == "" || len([]rune(subject)) > 4 || strings.ContainsAny(subject, "量产额数值率积模") {
		return false
	}
	nouns := 0
	for _, w := range words {
		if strings.Contains(subject, w.Text) {
			if !isNoun(w) && w.Pos != "zg" {
				return false
			}
			nouns++
		}
	}
	return nouns == 1
}

// opensShare reports a clause before a percentage that opens with a word
// of proportion (为, 占, 相当于): the percentage is of what follows.
func opensShare(words []segment.Word) bool {
	for _, w := range words {
		if isMark(w.Text) {
			continue
		}
		return w.Text == "为" || w.Text == "占" || w.Text == "相当于" || w.Text == "是"
	}
	return false
}

// coordinated reports a count whose words after it end in 和, 及, 与 or 、
// right before the next amount ("10名校长和5名干部").
func (n *namer) coordinated(i int, after []segment.Word) bool {
	if i+1 >= len(n.amounts) {
		return false
	}
	if len(after) == 0 {
		return n.amounts[i+1].Start == n.amounts[i].End // 13690户25249人
	}
	last := after[len(after)-1].Text
	if last == "和" || last == "及" || last == "与" {
		return true
	}
	end := n.amounts[i].End
	for _, w := range after {
		end += utf8.RuneCountInString(w.Text)
	}
	return end < len(n.rs) && n.rs[end] == '、' && n.amounts[i+1].Start == end+1
}

// sharedVerbPhrase returns the verb phrase after the last of the
// coordinated counts that follow amount i, or "".
func (n *namer) sharedVerbPhrase(i int) string {
	for j := i + 1; j < len(n.amounts) && j <= i+4; j++ {
		until := len(n.rs)
		if j+1 < len(n.amounts) {
			until = n.amounts[j+1].Start
		}
		after := n.words.after(n.amounts[j].End, until)
		k := 0
		for k < len(after) && (isNoun(after[k]) || after[k].Text == "的") {
			k++
		}
		if !n.coordinated(j, after) {
			vp, renamed := countedVerbPhrase(after[k:])
			if renamed {
				return ""
			}
			return vp
		}
	}
	return ""
}
