package document_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/output"
	"github.com/zhmetrics/zhmetrics/pipeline"
	"github.com/zhmetrics/zhmetrics/segment"
)

var extractConfig = sync.OnceValue(func() pipeline.Config {
	return pipeline.Config{
		Encoding:  "auto",
		Script:    "auto",
		Extractor: extract.New(extract.Options{Lexicon: extract.DefaultLexicon(), Segmenter: segment.Default()}),
	}
})

// factBag counts a document's facts by kind, value, unit, masking and,
// for programs, name: a comparison that ignores offsets, lines and the
// metric wording that layout may change.
func factBag(t *testing.T, path string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res := pipeline.Process(path, data, extractConfig())
	if res.Err != nil {
		t.Fatalf("%s: %v", path, res.Err)
	}
	doc, err := document.Read(path, data, document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkGrounded(t, path, res.Rows, doc)
	bag := map[string]int{}
	for _, r := range res.Rows {
		bag[factOf(r)]++
	}
	return bag
}

func factOf(r output.Row) string {
	value := "-"
	if r.Value != nil {
		value = fmt.Sprintf("%.6g", *r.Value)
	}
	name := ""
	if r.Kind == extract.KindProgram {
		name = r.Metric
	}
	return fmt.Sprintf("%s %s %s %v %s", r.Kind, value, r.Unit, r.Masked, name)
}

// checkGrounded checks every row's raw against the document's text and its
// page against the document's pages.
func checkGrounded(t *testing.T, path string, rows []output.Row, doc document.Document) {
	t.Helper()
	runes := []rune(doc.Text)
	for i, r := range rows {
		if r.Start < 0 || r.End > len(runes) || string(runes[r.Start:r.End]) != r.Raw {
			t.Fatalf("%s: row %d raw %q is not the text at [%d, %d)", path, i, r.Raw, r.Start, r.End)
		}
		switch {
		case doc.PageStarts == nil && r.Page != 0:
			t.Fatalf("%s: row %d has page %d in a document without pages", path, i, r.Page)
		case doc.PageStarts != nil && (r.Page < 1 || r.Page > len(doc.PageStarts) || doc.PageStarts[r.Page-1] > r.Start):
			t.Fatalf("%s: row %d at %d on page %d; pages start at %v", path, i, r.Start, r.Page, doc.PageStarts)
		}
	}
}

// bagF1 is the F1 of got's facts against want's.
func bagF1(want, got map[string]int) (f1 float64, missing, extra []string) {
	tp, nWant, nGot := 0, 0, 0
	for k, n := range want {
		nWant += n
		tp += min(n, got[k])
		if got[k] < n {
			missing = append(missing, k)
		}
	}
	for k, n := range got {
		nGot += n
		if want[k] < n {
			extra = append(extra, k)
		}
	}
	if nWant+nGot == 0 {
		return 1, nil, nil
	}
	return 2 * float64(tp) / float64(nWant+nGot), missing, extra
}

// TestPagedFixturesGiveTheFactsOfTheirText reads the PDFs, Word 97–2003
// and RTF files made from testdata/pdf/report.txt: each gives the facts of
// the text (a Chromium page wraps "3个百分点" before its last character,
// which the normaliser rejoins).
func TestPagedFixturesGiveTheFactsOfTheirText(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the segmenter")
	}
	want := factBag(t, "../testdata/pdf/report.txt")
	tests := []struct {
		file  string
		floor float64
		pages int
	}{
		{"pdf/libreoffice.pdf", 1, 1},
		{"pdf/chromium.pdf", 1, 3},
		{"pdf/encrypted-owner.pdf", 1, 1},
		{"doc/report.doc", 1, 0},
		{"doc/report.rtf", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := "../testdata/" + tt.file
			f1, missing, extra := bagF1(want, factBag(t, path))
			if f1 < tt.floor {
				t.Fatalf("facts F1 %.3f < %.3f\nmissing %q\nextra %q", f1, tt.floor, missing, extra)
			}
			data, _ := os.ReadFile(path)
			doc, _ := document.Read(path, data, document.Options{})
			if len(doc.PageStarts) != tt.pages {
				t.Fatalf("%d pages, want %d", len(doc.PageStarts), tt.pages)
			}
		})
	}
}

// TestCorpusAsPDFAndDoc prints every corpus report to PDF with LibreOffice
// and with Chromium and saves it as .doc with LibreOffice, where these are
// installed (make pdf-tools), and compares the facts with the text's.
// Floors are today's figures: hard wraps inside facts cost the rest.
func TestCorpusAsPDFAndDoc(t *testing.T) {
	if testing.Short() {
		t.Skip("converts the corpus")
	}
	soffice, errS := exec.LookPath("soffice")
	chromium, errC := exec.LookPath("chromium")
	if errS != nil && errC != nil {
		t.Skip("neither soffice nor chromium is installed (make pdf-tools installs them)")
	}
	texts, _ := filepath.Glob("../testdata/corpus/docs/*.txt")
	dir := t.TempDir()
	want := map[string]map[string]int{}
	for _, p := range texts {
		want[strings.TrimSuffix(filepath.Base(p), ".txt")] = factBag(t, p)
	}
	producers := []struct {
		name  string
		ext   string
		make  func(t *testing.T, out string)
		floor float64
		tool  error
	}{
		// 0.999 today.
		{"libreoffice-pdf", ".pdf", func(t *testing.T, out string) { convertWithLibreOffice(t, soffice, "pdf", texts, out) }, 0.995, errS},
		{"libreoffice-doc", ".doc", func(t *testing.T, out string) { convertWithLibreOffice(t, soffice, "doc", texts, out) }, 1, errS},
		// A Chromium start costs seconds: every other report.
		// 0.999 today (0.988 before the browser's head and foot were known).
		{"chromium-pdf", ".pdf", func(t *testing.T, out string) { printWithChromium(t, chromium, everyOther(texts), out) }, 0.995, errC},
	}
	for _, p := range producers {
		t.Run(p.name, func(t *testing.T) {
			if p.tool != nil {
				t.Skipf("not installed: %v", p.tool)
			}
			out := filepath.Join(dir, p.name)
			os.MkdirAll(out, 0o755)
			p.make(t, out)
			all, gotAll := map[string]int{}, map[string]int{}
			for stem, w := range want {
				path := filepath.Join(out, stem+p.ext)
				if _, err := os.Stat(path); err != nil {
					continue // not made by this producer
				}
				got := factBag(t, path)
				for k, n := range w {
					all[stem+" "+k] += n
				}
				for k, n := range got {
					gotAll[stem+" "+k] += n
				}
			}
			f1, missing, extra := bagF1(all, gotAll)
			t.Logf("%s: facts F1 %.3f against the texts' (%d missing, %d extra kinds of fact)", p.name, f1, len(missing), len(extra))
			if f1 < p.floor {
				t.Fatalf("facts F1 %.3f < %.3f\nmissing %q\nextra %q", f1, p.floor, missing, extra)
			}
		})
	}
}

func convertWithLibreOffice(t *testing.T, soffice, to string, texts []string, out string) {
	t.Helper()
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(out, "profile"),
		"--convert-to", to, "--outdir", out}, texts...)
	if msg, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
}

// printWithChromium prints each text as an HTML page, with Chromium's
// running header (date, title) and footer (address, page n/m) on.
func printWithChromium(t *testing.T, chromium string, texts []string, out string) {
	t.Helper()
	for _, p := range texts {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := document.Text(p, data, "text", "auto")
		if err != nil {
			t.Fatal(err)
		}
		stem := strings.TrimSuffix(filepath.Base(p), ".txt")
		page := filepath.Join(out, stem+".html")
		var b strings.Builder
		b.WriteString(`<!doctype html><html><head><meta charset="utf-8"><title>` + stem + `</title>` +
			`<style>body{font-family:"Noto Sans CJK SC";font-size:12pt}p{margin:0 0 .4em}</style></head><body>`)
		for _, line := range strings.Split(text, "\n") {
			b.WriteString("<p>" + htmlEscape(line) + "</p>\n")
		}
		b.WriteString("</body></html>\n")
		if err := os.WriteFile(page, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu",
			"--user-data-dir="+filepath.Join(out, "profile"), "--print-to-pdf="+filepath.Join(out, stem+".pdf"), page)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("chromium: %v\n%s", err, msg)
		}
	}
}

func everyOther(paths []string) []string {
	var out []string
	for i := 0; i < len(paths); i += 2 {
		out = append(out, paths[i])
	}
	return out
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
