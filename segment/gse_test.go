package segment

import (
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-ego/gse"
)

// The segmenter must cut exactly as gse does with its zh_s dictionary;
// these tests compare the two on the corpus and on random text.

var (
	gseOnce sync.Once
	gseSeg  gse.Segmenter
	gseErr  error
)

func reference(t *testing.T) *gse.Segmenter {
	t.Helper()
	if testing.Short() {
		t.Skip("loading gse's dictionary takes seconds")
	}
	gseOnce.Do(func() {
		gseSeg.SkipLog = true
		gseErr = gseSeg.LoadDictEmbed("zh_s")
	})
	if gseErr != nil {
		t.Fatal(gseErr)
	}
	return &gseSeg
}

// corpusLines returns the lines of the bundled corpus and windows of
// them of the lengths extraction cuts (clauses of up to 40 characters).
func corpusLines(t *testing.T) []string {
	t.Helper()
	paths, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	if len(paths) == 0 {
		t.Skip("corpus not found")
	}
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimRight(line, "\r")
			if line == "" {
				continue
			}
			out = append(out, line)
			rs := []rune(line)
			for i := 0; i < len(rs); i += 17 {
				out = append(out, string(rs[i:min(i+40, len(rs))]))
			}
		}
	}
	return out
}

// randomTexts mixes dictionary words, their pieces, upper-case and
// full-width letters, digits, decimals, spaces, punctuation and rare
// characters, to reach the edges of gse's units and tie-breaking.
func randomTexts(n int) []string {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{
		"全区", "共有", "中小学校", "在校学生", "万人", "入园率", "保持在", "增长", "百分点", "学前教育",
		"4S店", "AA制", "ABC", "x光", "X光", "B超", "T恤", "卡拉OK", "3D", "iPhone", "GDP", "CPI",
		"一", "二", "十", "百", "千", "万", "亿", "个", "所", "名", "元", "%", "％", "．", ".", ",", "，",
		"。", "、", "；", " ", "  ", "\t", "“", "”", "（", "）", "《", "》", "-", "—", "~", "/",
		"123", "45.6", "７８", "Ａｂ", "ß", "É", "é", "Ω", "ж", "Ж", "ǅ", "İ", "𠀀", "𪚥", "\u3000",
		"的", "了", "在", "和", "与", "及", "等", "其中", "比", "上年", "同比", "提高", "下降",
		"人民群众", "中华人民共和国", "教育局", "工作总结", "小学", "初中", "高中", "幼儿园", "义务教育",
		"研究生", "硕士", "博士", "研究", "生命", "命中", "中国", "国家", "家长", "长江", "江苏省",
	}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := rng.Intn(25); k >= 0; k-- {
			switch rng.Intn(6) {
			case 0:
				b.WriteRune(rune(0x4e00 + rng.Intn(0x9fa5-0x4e00)))
			case 1:
				p := []rune(pieces[rng.Intn(len(pieces))])
				b.WriteString(string(p[rng.Intn(len(p)):]))
			default:
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
		}
		out[i] = b.String()
	}
	return out
}

func TestCutPosMatchesGSE(t *testing.T) {
	ref := reference(t)
	seg := Default()
	texts := append(corpusLines(t), randomTexts(20000)...)
	texts = append(texts, "", " ", "A", "a", "ABC", "中", "\xff\xfe中文", "中\x80文")
	mismatches := 0
	for _, text := range texts {
		want := []Word{}
		for _, p := range ref.Pos(text, false) {
			want = append(want, Word{Text: p.Text, Pos: p.Pos})
		}
		got := seg.CutPos(text)
		if !slices.Equal(got, want) {
			mismatches++
			if mismatches <= 5 {
				t.Errorf("CutPos(%q)\n got %v\nwant %v", text, got, want)
			}
		}
	}
	if mismatches > 0 {
		t.Errorf("%d of %d texts cut differently from gse", mismatches, len(texts))
	}
}

func TestCutMatchesGSE(t *testing.T) {
	ref := reference(t)
	seg := Default()
	texts := append(corpusLines(t), randomTexts(5000)...)
	texts = append(texts, "", " ", "A", "中", "İstanbul", "ǅemal")
	mismatches := 0
	for _, text := range texts {
		want := ref.Cut(text, true)
		got := seg.Cut(text)
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !slices.Equal(got, want) {
			mismatches++
			if mismatches <= 5 {
				t.Errorf("Cut(%q)\n got %q\nwant %q", text, got, want)
			}
		}
	}
	if mismatches > 0 {
		t.Errorf("%d of %d texts cut differently from gse", mismatches, len(texts))
	}
}

// TestDictionaryIsGSEs checks every word's frequency, tag and path length
// against gse, and that the trie holds no other words.
func TestDictionaryIsGSEs(t *testing.T) {
	ref := reference(t)
	d, err := openDict(dictData)
	if err != nil {
		t.Fatal(err)
	}
	if d.total != ref.Dict.TotalFreq() || d.maxUnits != ref.Dict.MaxTokenLen() {
		t.Fatalf("total %v, max %d; gse has %v, %d", d.total, d.maxUnits, ref.Dict.TotalFreq(), ref.Dict.MaxTokenLen())
	}
	logTotal := float32(math.Log2(ref.Dict.TotalFreq()))
	for _, tok := range ref.Dict.Tokens {
		node := 0
		for _, r := range tok.Text() {
			node = d.child(node, r)
		}
		p, ok := d.word(node)
		if node == 0 || !ok {
			t.Fatalf("%q missing", tok.Text())
		}
		if d.frequency(p) != tok.Freq() || d.tag(p) != tok.Pos() || d.pathLength(p) != logTotal-float32(math.Log2(tok.Freq())) {
			t.Fatalf("%q: %v %q %v; gse has %v %q", tok.Text(), d.frequency(p), d.tag(p), d.pathLength(p), tok.Freq(), tok.Pos())
		}
	}
	words := 0
	for n := 0; n < len(d.infos)/2; n++ {
		if _, ok := d.word(n); ok {
			words++
		}
	}
	if words != ref.Dict.NumTokens() {
		t.Errorf("%d words, gse has %d", words, ref.Dict.NumTokens())
	}
}
