package normalize

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeCleansAndMapsBack(t *testing.T) {
	tests := []struct {
		name     string
		original string
		script   string
		want     string // the clean text
		find     string // a clean substring whose original span is checked
		wantRaw  string // original[start:end] behind find
	}{
		{"full-width digits", "投入２７，２０３，０００元", "auto", "投入27，203，000元", "27，203", "２７，２０３"},
		{"page fragment rejoined", "这是一段足够长的文字内容全区一次性本科上\n5、线率达到98%。", "auto", "这是一段足够长的文字内容全区一次性本科上线率达到98%。", "上线率", "上\n5、线率"},
		{"number wrapped on its own line", "共清理行政权力\n25\n项", "auto", "共清理行政权力25项", "25项", "25\n项"},
		{"space inside a word", "继 续推进", "auto", "继续推进", "继续", "继 续"},
		{"crlf folded", "第一行\r\n第二行", "auto", "第一行\n第二行", "第二行", "第二行"},
		{"decimal full stop", "增长0。05%", "auto", "增长0.05%", "0.05%", "0。05%"},
		{"traditional converted", "全市近1.2萬名在職教師通過認定", "auto", "全市近1.2万名在职教师通过认定", "万名", "萬名"},
		{"Hong Kong variants converted", "醫療衞生開支", "auto", "医疗卫生开支", "卫生", "衞生"},
		{"script none keeps traditional", "在職教師", "none", "在職教師", "教師", "教師"},
		{"boilerplate dropped", "文档侵权举报QQ:3215808601\n全区新增学位300个", "auto", "\n全区新增学位300个", "300个", "300个"},
		{"square metre spelt out", "面积120㎡", "auto", "面积120平方米", "平方米", "㎡"},
		{"invisible characters dropped", "投入1\u200b38\u00ad3.5万\u2060元", "auto", "投入1383.5万元", "1383.5万元", "1\u200b38\u00ad3.5万\u2060元"},
		{"wrapped lines after numbers cut at their breaks", "全县共有中小学校12\n6所，在校学生38\n1\n00人，专任教师24\n50人，其中中级职称\n以上教师占比为63\n.5%，比上年提高了\n两个百分点。", "auto",
			"全县共有中小学校126所，在校学生38100人，专任教师2450人，其中中级职称以上教师占比为63.5%，比上年提高了两个百分点。", "中级职称以上", "中级职称\n以上"},
		{"mixed number cut after 万", "全县低收入人口共计3万\n2,418人，比上年减少。", "auto", "全县低收入人口共计3万2,418人，比上年减少。", "3万2,418人", "3万\n2,418人"},
		{"a year after a number ending a line", "全县常住人口52万\n2024年新增就业3000人。", "auto", "全县常住人口52万\n2024年新增就业3000人。", "2024年", "2024年"},
		{"form feed between pages", "全县新建公路4\n\n2\n\f县交通局  第3页\n2公里。\f注", "auto", "全县新建公路42公里。注", "42公里", "4\n\n2\n\f县交通局  第3页\n2公里"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Normalize(tt.original, 0, Options{Script: tt.script})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Text.String(); got != tt.want {
				t.Fatalf("clean text\n got %q\nwant %q", got, tt.want)
			}
			checkMap(t, tt.original, res.Text)
			i := strings.Index(tt.want, tt.find)
			a := utf8.RuneCountInString(tt.want[:i])
			b := a + utf8.RuneCountInString(tt.find)
			start, end := res.Text.Origin(a, b)
			if raw := string([]rune(tt.original)[start:end]); raw != tt.wantRaw {
				t.Errorf("original behind %q = %q, want %q", tt.find, raw, tt.wantRaw)
			}
		})
	}
}

// checkMap verifies the invariants of a position map: spans inside the
// original and never going backwards.
func checkMap(t *testing.T, original string, text *Text) {
	t.Helper()
	n := int32(utf8.RuneCountInString(original))
	var last int32
	for i := range text.Runes {
		s, e := text.Start[i], text.End[i]
		if s < 0 || e > n || s > e {
			t.Fatalf("character %d maps to [%d,%d) outside [0,%d)", i, s, e, n)
		}
		if s < last {
			t.Fatalf("character %d maps back to %d, before %d", i, s, last)
		}
		last = s
	}
}

func TestDetectScript(t *testing.T) {
	tests := []struct{ text, want string }{
		{"全市近万名在职教师通过认定取得了教师资格", ScriptSimplified},
		{"全市近萬名在職教師通過認定取得了教師資格", ScriptTraditional},
		{"2020 ABC", ScriptNone},
		{"向着更高级别的媒体网站学习", ScriptSimplified},
	}
	for _, tt := range tests {
		if got := DetectScript([]rune(tt.text)); got != tt.want {
			t.Errorf("DetectScript(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestNormalizeCorpusKeepsMap(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Normalize(string(data), 0, Options{Script: "auto"})
		if err != nil {
			t.Fatal(err)
		}
		checkMap(t, string(data), res.Text)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"全市近1.2萬名教師", "本科上\n5、线率", "２７，２０３元\r\n", "0。05%", "a\x00b", "继 续",
		"增长 1 2 . 5 %，共 x x 所", "全年植树\n\n- 7 -\n某县林业局\n\n造林3\n\n3.5 1\n\n万亩。", "經(jīng)費( y ù)教jiao育", "甲,乙.\n1.丙"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		res, err := Normalize(s, 0, Options{Script: "auto"})
		if err != nil {
			t.Fatal(err)
		}
		checkMap(t, s, res.Text)
		if len(res.Text.Runes) != len(res.Text.Start) || len(res.Text.Start) != len(res.Text.End) {
			t.Fatal("map length differs from text length")
		}
		for line := range strings.SplitSeq(s, "\n") {
			checkTriggers(t, line)
		}
		for _, script := range []string{"none", "t2s"} {
			res, err := Normalize(s, 0, Options{Script: script})
			if err != nil {
				t.Fatal(err)
			}
			if want := normalizeFresh(t, s, script); !sameText(res.Text, want) {
				t.Fatalf("%q, %s: recycled buffers give %q, fresh ones %q", s, script, string(res.Text.Runes), string(want.Runes))
			}
		}
	})
}

// normalizeFresh is Normalize with an explicit conversion, every step
// building into new buffers: the reference for the recycling in pass.
func normalizeFresh(t *testing.T, s, script string) *Text {
	t.Helper()
	text := FoldWidth.Apply(NewText(s, 0))
	if script != "none" {
		groups, err := converter(script)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range groups {
			text = g.convert(text)
		}
	}
	for _, step := range cleaningSteps {
		text = step.Apply(text)
	}
	return text
}

func sameText(a, b *Text) bool {
	return slices.Equal(a.Runes, b.Runes) && slices.Equal(a.Start, b.Start) && slices.Equal(a.End, b.End)
}

// TestNormalizeRecyclingMatchesFresh runs the reports of the corpus, whose
// cleaning changes text at most steps, through both.
func TestNormalizeRecyclingMatchesFresh(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	if len(paths) == 0 {
		t.Fatal("no corpus documents")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, script := range []string{"none", "t2s"} {
			res, err := Normalize(string(data), 0, Options{Script: script})
			if err != nil {
				t.Fatal(err)
			}
			if !sameText(res.Text, normalizeFresh(t, string(data), script)) {
				t.Errorf("%s, %s: recycled buffers give another text", filepath.Base(p), script)
			}
		}
	}
}

// TestBoilerplatePatternsEachDropALine gives every pattern of
// data/boilerplate.txt a line of hosting-site text it must drop, and keeps
// report lines that only share words with such text.
func TestBoilerplatePatternsEachDropALine(t *testing.T) {
	dropped := []string{
		"此文档由会员分享，仅供参考", "全文可在线阅读", "八年级语文复习资料30页珍藏版", "请在文库上搜索更多内容", "下载文档查看全文",
		"本资料免费下载", "点击下载完整版", "下载客服：周一至周五", "文档侵权请联系", "侵权举报电话", "客服QQ：47281936",
		"  2.35 MB", "18 页", "当前文档由网友上传", "本文档仅供学习", "相关文档推荐", "关注公众号领取福利",
		"2024-05-06 发布", "会员登录 | 注册", "新用户注册送积分", "您现在的位置：首页", "首页 > 工作总结", "欢迎访问某某范文网",
		"范文大全网", "本文章由网友小李分享", "加入收藏", "我要投稿", "小编为你整理了以下内容", "希望大家能够喜欢",
		"范文格式参考", "更多请访问 www.example.org", "分享到：微信", "上一篇：学校工作计划", "下一篇：教学总结",
		"阅读全文", "浏览次数：320次", "字数：2400", "约3.6千字",
	}
	kept := []string{
		"本站共监测到空气质量优良天数320天", "扫码支付笔数增长35%", "1200", "投入资金", "全年新增就业岗位4500个",
		"文章超市", "学校图书馆藏书3万册，下载电子资源1200次",
	}
	if n := len(embeddedLines(boilerplateData)); n > len(dropped) {
		t.Fatalf("%d patterns, %d example lines: give the new pattern one", n, len(dropped))
	}
	hit := make([]bool, len(boilerplatePatterns))
	for _, line := range dropped {
		found := false
		for i, p := range boilerplatePatterns {
			if p.re.MatchString(line) {
				hit[i], found = true, true
			}
		}
		if !found {
			t.Errorf("%q is not dropped", line)
		}
	}
	for i, p := range boilerplatePatterns {
		if !hit[i] {
			t.Errorf("pattern %q has no example line", p.re)
		}
	}
	for _, line := range kept {
		for _, p := range boilerplatePatterns {
			if p.re.MatchString(line) {
				t.Errorf("report line %q dropped by %q", line, p.re)
			}
		}
	}
}

// TestBoilerplatePatternsNameWhatTheyNeed checks that a pattern without a
// literal start says which characters it needs, and that every match holds
// one of them.
func TestBoilerplatePatternsNameWhatTheyNeed(t *testing.T) {
	for _, p := range boilerplatePatterns {
		if prefix, _ := p.re.LiteralPrefix(); prefix == "" && p.needs == "" {
			t.Errorf("pattern %q has neither a literal start nor needs", p.re)
		}
	}
}

// checkTriggers compares the trigger index with trying every pattern.
func checkTriggers(t *testing.T, line string) {
	t.Helper()
	want := false
	for _, p := range boilerplatePatterns {
		if p.re.MatchString(line) {
			want = true
			break
		}
	}
	got := false
	if c := boilerplateTriggers.candidates([]rune(line)); c != 0 {
		got = matchesAny([]byte(line), c)
	}
	if got != want {
		t.Fatalf("%q: trigger index says boilerplate %v, every pattern %v", line, got, want)
	}
}

func TestBoilerplateTriggersMatchEveryPattern(t *testing.T) {
	lines := []string{
		"本资料由会员分享，可在线阅读", "请在百度上搜索", "QQ：123456789", "qq 88888", "1.2 MB", "12 页", "  相关文档",
		"2021-03-04 发布", "首页 > 教育", "12345", "www.example.com", "浏览次数：1234次", "字数：5000", "千字",
		"文 章 超 市", "希望大家能够喜欢", "文章由小王分享", "全市新增学位1.2万个", "下一篇", "", "首", "页",
		"本", "相关", "发布", "K", "5G网络覆盖率达到95%", "阅读量 12 次",
	}
	paths, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	dropped := 0
	for _, line := range lines {
		checkTriggers(t, line)
		if c := boilerplateTriggers.candidates([]rune(line)); c != 0 && matchesAny([]byte(line), c) {
			dropped++
		}
	}
	if dropped == 0 {
		t.Fatal("no line was boilerplate")
	}
}
