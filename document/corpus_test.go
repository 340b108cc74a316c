package document_test

import (
	"encoding/xml"
	"fmt"
	"html"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/output"
	"github.com/zhmetrics/zhmetrics/pipeline"
	"github.com/zhmetrics/zhmetrics/segment"
)

// TestCorpusFormatsGiveTheSameFacts turns every corpus report into an HTML
// page (with numbers in its script, style and navigation that must not
// become facts) and a Word document (with runs split at arbitrary points,
// mid-word and mid-number), and checks that both give the facts of the
// plain text, in the same order, each grounded in the document's text.
func TestCorpusFormatsGiveTheSameFacts(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the segmenter")
	}
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "corpus", "docs", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus documents: %v", err)
	}
	cfg := pipeline.Config{
		Encoding:  "auto",
		Script:    "auto",
		Extractor: extract.New(extract.Options{Lexicon: extract.DefaultLexicon(), Segmenter: segment.Default()}),
	}
	rng := rand.New(rand.NewSource(1))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		want := facts(t, name, data, "text", cfg)
		if len(want) == 0 {
			t.Fatalf("%s: no facts in the plain text", name)
		}
		plain, _, err := document.Text(name, data, "text", "auto")
		if err != nil {
			t.Fatal(err)
		}
		variants := map[string][]byte{
			"html": []byte(toHTML(plain)),
			"docx": buildDOCX(t, toWordBody(plain, rng)),
		}
		for _, format := range []string{"html", "docx"} {
			t.Run(name+"/"+format, func(t *testing.T) {
				got := facts(t, strings.TrimSuffix(name, ".txt")+"."+format, variants[format], "auto", cfg)
				for i := 0; i < max(len(got), len(want)); i++ {
					switch {
					case i >= len(got):
						t.Fatalf("fact %d missing: %s", i, want[i])
					case i >= len(want):
						t.Fatalf("extra fact %d: %s", i, got[i])
					case got[i] != want[i]:
						t.Fatalf("fact %d:\n got  %s\n want %s", i, got[i], want[i])
					}
				}
			})
		}
	}
}

// facts reads a document and returns its facts as comparable strings,
// checking that every row's raw is its document text at [start, end).
func facts(t *testing.T, name string, data []byte, format string, cfg pipeline.Config) []string {
	t.Helper()
	text, _, err := document.Text(name, data, format, "auto")
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	rows, _, _, err := pipeline.ExtractText(name, text, cfg)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	runes := []rune(text)
	out := make([]string, len(rows))
	for i, r := range rows {
		if r.Start < 0 || r.End > len(runes) || string(runes[r.Start:r.End]) != r.Raw {
			t.Fatalf("%s: row %d raw %q is not the text at [%d, %d)", name, i, r.Raw, r.Start, r.End)
		}
		out[i] = factKey(r)
	}
	return out
}

var blankLines = regexp.MustCompile(`\n[\n \t]*\n`)

func factKey(r output.Row) string {
	value := "-"
	if r.Value != nil {
		value = fmt.Sprint(*r.Value)
	}
	// The HTML page holds one paragraph a line and no blank lines, so a fact
	// cut by a page break spans one line break there and several in the
	// plain text: raw is compared with runs of line breaks folded.
	raw := blankLines.ReplaceAllString(r.Raw, "\n")
	return fmt.Sprintf("%s value=%s unit=%q masked=%v qualifier=%q raw=%q metric=%q",
		r.Kind, value, r.Unit, r.Masked, r.Qualifier, raw, r.Metric)
}

// toHTML makes a page of text, one paragraph per line, wrapped in the parts
// of a page that are not its text, all full of numbers.
func toHTML(text string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>2021年工作报告 第3页</title>
<style>p { margin: 12px 0; line-height: 1.5 } .n::after { content: "共120人" }</style>
<script>var visits = 98765; document.title = "增长12.5%";</script>
</head><body>
<nav><a href="/">首页</a> | <a href="/p/2">第2页</a> | 访问量 3000次 | 全年招生8000人</nav>
<header>发布时间 2022-01-05 阅读 1234 次</header>
<article>
`)
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(line))
		b.WriteString("</p>\n")
	}
	b.WriteString(`</article>
<aside>相关阅读：投资50亿元的新项目</aside>
<footer>版权所有 2000-2024 备案号 12345678 浏览 100万次</footer>
<script>trackPageView(42, "3.5%");</script>
</body></html>
`)
	return b.String()
}

// toWordBody makes a Word body of text, one paragraph per line, each line
// cut into runs at random points.
func toWordBody(text string, rng *rand.Rand) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		line = strings.TrimRight(line, "\r")
		b.WriteString("<w:p>")
		for line != "" {
			n := min(utf8.RuneCountInString(line), 1+rng.Intn(6))
			cut := len(string([]rune(line)[:n]))
			b.WriteString(`<w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">`)
			xml.EscapeText(&b, []byte(line[:cut]))
			b.WriteString("</w:t></w:r>")
			line = line[cut:]
		}
		b.WriteString("</w:p>")
	}
	return b.String()
}
