package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhmetrics/zhmetrics/internal/chromium"
	"github.com/zhmetrics/zhmetrics/internal/pagecheck"
	"github.com/zhmetrics/zhmetrics/output"
)

// The review page is checked twice: its markup is parsed here (every row
// has its mark, holding its raw), and it is opened in headless Chromium
// (marks, clicks, keys, no request, no console error). Set
// ZHMETRICS_REVIEW_DOCS to a folder to run the same checks on other
// documents than the bundled corpus.

// reviewDocs is what the corpus checks read: the bundled corpus, or the
// text, HTML and Word documents in $ZHMETRICS_REVIEW_DOCS.
func reviewDocs() []string {
	if dir := os.Getenv("ZHMETRICS_REVIEW_DOCS"); dir != "" {
		return []string{dir} // every format a folder is read for
	}
	return []string{filepath.Join("testdata", "corpus", "docs")}
}

// extractPage runs extract on args into review.html and rows.csv in a
// temporary folder and returns the page's path and the CSV rows.
func extractPage(t *testing.T, args ...string) (string, []output.Row) {
	t.Helper()
	dir := t.TempDir()
	page, csv := filepath.Join(dir, "review.html"), filepath.Join(dir, "rows.csv")
	// The CSV without formula escapes, so that raw is the text itself.
	for _, out := range []string{page, csv} {
		if code, _, stderr := runCLI(t, "", append(append([]string{"extract", "--no-escape-formulas"}, args...), "-o", out)...); code != 0 && code != 1 {
			t.Fatalf("extract -o %s exited %d: %s", filepath.Base(out), code, stderr)
		}
	}
	rows, err := readRowsFile(csv, nil)
	if err != nil {
		t.Fatal(err)
	}
	return page, rows
}

// parsedMarks parses a page and returns each row's marks.
func parsedMarks(t *testing.T, path string) map[int]markInfo {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parsed, err := pagecheck.Marks(f)
	if err != nil {
		t.Fatal(err)
	}
	marks := map[int]markInfo{}
	for n, m := range parsed {
		marks[n] = markInfo{text: m.Text(), class: m.Class}
	}
	return marks
}

type markInfo struct{ text, class string }

// checkMarks checks that row N of the CSV has its mark, around exactly its
// raw, coloured by its kind, and that no mark names a row that is not there.
func checkMarks(t *testing.T, rows []output.Row, marks map[int]markInfo) {
	t.Helper()
	bad := 0
	for i, r := range rows {
		m, ok := marks[i+1]
		switch {
		case !ok:
			t.Errorf("row %d (%s %d-%d %q) has no mark", i+1, r.Doc, r.Start, r.End, r.Raw)
		case m.text != pagecheck.DOMText(r.Raw):
			t.Errorf("row %d: mark holds %q, raw is %q", i+1, m.text, r.Raw)
		case !strings.Contains(m.class, "k-"+r.Kind) || strings.Contains(m.class, "masked") != r.Masked:
			t.Errorf("row %d: mark class %q for kind %s, masked %v", i+1, m.class, r.Kind, r.Masked)
		default:
			continue
		}
		if bad++; bad > 20 {
			t.Fatal("too many rows without their mark")
		}
	}
	for n := range marks {
		if n < 1 || n > len(rows) {
			t.Errorf("a mark names row %d; there are %d rows", n, len(rows))
		}
	}
}

func TestReviewPageMarksEveryRow(t *testing.T) {
	toRepoRoot(t)
	page, rows := extractPage(t, reviewDocs()...)
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	checkMarks(t, rows, parsedMarks(t, page))
}

// hostileText is a report sentence wrapped in markup a scraped page might
// hold; on the page all of it must stay text.
const hostileText = "<script>window.pwned = 1</script>本年度投入资金1200万元，" +
	"<img src=x onerror=\"window.pwned = 2\">覆盖学校35所，</textarea><textarea>" +
	"<a href=\"javascript:window.pwned = 3\">点击查看</a>完成率达到98.5%。\r\n" +
	"</script><script>window.pwned = 4</script><!-- 注释 -->{{.}}]]><style>body{display:none}</style>" +
	"<iframe src=\"https://example.com/\"></iframe>第二行有“强基计划”项目\x00约3000人。\r" +
	"<meta http-equiv=\"refresh\" content=\"0;url=https://example.com/\">末行共计12个。\n"

// writeHostileDocs writes documents whose text and names are markup.
func writeHostileDocs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.txt": hostileText,
		`<img src=x onerror="window.pwned=5">.txt`: "学生共1500名。\n",
		"c.txt": strings.Repeat("全市新建学校12所，投入3.5亿元，“双减”政策覆盖率达到100%。\n", 400),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReviewPageShowsMarkupAsText(t *testing.T) {
	dir := writeHostileDocs(t)
	page, rows := extractPage(t, dir, "--input-format", "text")
	checkMarks(t, rows, parsedMarks(t, page))
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, markup := range []string{"<img", "<iframe", "<textarea", "<a href=\"javascript", "<meta http-equiv=\"refresh", "<style>body"} {
		if bytes.Contains(data, []byte(markup)) {
			t.Errorf("the page holds %q as markup", markup)
		}
	}
	if n := bytes.Count(data, []byte("<script>")); n != 1 {
		t.Errorf("the page has %d executable script elements, want its own one", n)
	}
}

// startBrowser starts headless Chromium, or skips the test when it is not
// installed.
func startBrowser(t testing.TB) *chromium.Page {
	t.Helper()
	b, err := chromium.Start(context.Background())
	if errors.Is(err, chromium.ErrNotFound) {
		t.Skip("skipping the browser check: " + err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	p, err := b.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// openPage loads a page file and waits until its script is ready.
func openPage(t testing.TB, p *chromium.Page, path string) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Load("file://" + abs); err != nil {
		t.Fatal(err)
	}
	waitFor(t, p, `document.documentElement.dataset.ready === "true"`)
}

// waitFor polls a JavaScript condition for up to 10 s.
func waitFor(t testing.TB, p *chromium.Page, cond string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; {
		var ok bool
		if err := p.Eval("!!("+cond+")", &ok); err != nil {
			t.Fatal(err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", cond)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type box struct{ X, Y, W, H float64 }

func (b box) center() (float64, float64) { return b.X + b.W/2, b.Y + b.H/2 }

// inside reports whether b lies within c.
func (b box) inside(c box) bool {
	return b.W > 0 && b.X >= c.X-1 && b.Y >= c.Y-1 && b.X+b.W <= c.X+c.W+1 && b.Y+b.H <= c.Y+c.H+1
}

func boxOf(t *testing.T, p *chromium.Page, selector string) box {
	t.Helper()
	var b box
	// The first of its boxes: a mark wrapped over a line end has two, and
	// the middle of their bounding box may be over neither.
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return null;
		const rs = e.getClientRects(), r = rs.length ? rs[0] : e.getBoundingClientRect();
		return {X: r.x, Y: r.y, W: r.width, H: r.height}; })()`, selector)
	if err := p.Eval(js, &b); err != nil {
		t.Fatal(err)
	}
	if b.W == 0 && b.H == 0 {
		t.Fatalf("%s is not on the page", selector)
	}
	return b
}

// click clicks the middle of the element selector names.
func click(t *testing.T, p *chromium.Page, selector string) {
	t.Helper()
	x, y := boxOf(t, p, selector).center()
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		if err := p.Call("Input.dispatchMouseEvent", map[string]any{"type": typ, "x": x, "y": y, "button": "left", "clickCount": 1}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func press(t *testing.T, p *chromium.Page, key string) {
	t.Helper()
	for _, typ := range []string{"keyDown", "keyUp"} {
		params := map[string]any{"type": typ, "key": key, "code": "Key" + strings.ToUpper(key)}
		if key == "Enter" {
			params["code"], params["windowsVirtualKeyCode"] = "Enter", 13
			if typ == "keyDown" {
				params["text"] = "\r"
			}
		} else if key == "Tab" {
			params["code"], params["windowsVirtualKeyCode"] = "Tab", 9
		} else if typ == "keyDown" {
			params["text"] = key
		}
		if err := p.Call("Input.dispatchKeyEvent", params, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// browserMarks collects each row's mark text from the live DOM.
func browserMarks(t *testing.T, p *chromium.Page) map[int]markInfo {
	t.Helper()
	var got map[string]struct{ Text, Class string }
	js := `(() => { const out = {}; for (const m of document.querySelectorAll("#texts mark[data-row]")) {
		const o = out[m.dataset.row] ??= {Text: "", Class: m.className}; o.Text += m.textContent; } return out; })()`
	if err := p.Eval(js, &got); err != nil {
		t.Fatal(err)
	}
	marks := map[int]markInfo{}
	for k, v := range got {
		n, _ := strconv.Atoi(k)
		marks[n] = markInfo{text: v.Text, class: strings.ReplaceAll(strings.ReplaceAll(v.Class, " selected", ""), " flash", "")}
	}
	return marks
}

// checkQuiet fails on any request but the page's own, and on any console
// error or uncaught exception.
func checkQuiet(t *testing.T, p *chromium.Page, page string) {
	t.Helper()
	for _, url := range p.Requests() {
		if !strings.HasSuffix(url, "/"+filepath.Base(page)) {
			t.Errorf("the page requested %s", url)
		}
	}
	for _, e := range p.Errors() {
		t.Errorf("console: %s", e)
	}
}

func TestReviewPageInChromium(t *testing.T) {
	toRepoRoot(t)
	page, rows := extractPage(t, reviewDocs()...)
	if len(rows) < 2 {
		t.Fatalf("%d rows: the checks need two at least", len(rows))
	}
	p := startBrowser(t)
	openPage(t, p, page)
	checkMarks(t, rows, browserMarks(t, p))

	// Clicking a table row scrolls its mark into view and flashes it. The
	// row is found through the text filter, as a reviewer would.
	target := len(rows) * 2 / 3
	r := rows[target-1]
	if err := p.Eval(fmt.Sprintf(`(() => { const q = document.querySelector("#q"); q.value = %q;
		q.dispatchEvent(new Event("input")); })()`, r.Raw), nil); err != nil {
		t.Fatal(err)
	}
	rowSel := fmt.Sprintf(`tr[data-n="%d"]`, target)
	waitFor(t, p, `document.querySelector('`+rowSel+`')`)
	click(t, p, rowSel)
	markSel := fmt.Sprintf(`mark[data-row="%d"]`, target)
	waitFor(t, p, `document.querySelector('`+markSel+`').classList.contains("flash")`)
	if m, main := boxOf(t, p, markSel), boxOf(t, p, "#texts"); !m.inside(main) {
		t.Errorf("after clicking row %d its mark is at %+v, outside the text pane %+v", target, m, main)
	}

	// Clicking a mark selects its row; j moves to the next fact.
	if err := p.Eval(`(() => { const q = document.querySelector("#q"); q.value = ""; q.dispatchEvent(new Event("input")); q.blur(); })()`, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, p, fmt.Sprintf(`document.querySelectorAll("tr.row").length > 1 && document.querySelector("#shown").textContent.startsWith("%d ")`, len(rows)))
	click(t, p, markSel)
	waitFor(t, p, fmt.Sprintf(`document.querySelector("tr.selected")?.dataset.n === "%d"`, target))
	press(t, p, "j")
	next := fmt.Sprintf(`mark[data-row="%d"]`, target+1)
	waitFor(t, p, `document.querySelector('`+next+`').classList.contains("selected")`)
	if m, main := boxOf(t, p, next), boxOf(t, p, "#texts"); !m.inside(main) {
		t.Errorf("after j the next mark is at %+v, outside the text pane %+v", m, main)
	}

	// Hovering a mark shows what its row says. The mark may still be
	// scrolling into view, so the pointer follows it until the tip shows.
	for deadline := time.Now().Add(10 * time.Second); ; {
		x, y := boxOf(t, p, next).center()
		if err := p.Call("Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": x, "y": y}, nil); err != nil {
			t.Fatal(err)
		}
		var shown bool
		if err := p.Eval(`!document.querySelector("#tip").hidden`, &shown); err != nil {
			t.Fatal(err)
		}
		if shown {
			break
		}
		if time.Now().After(deadline) {
			var at string
			p.Eval(fmt.Sprintf(`(() => { const e = document.elementFromPoint(%v, %v); return e ? e.outerHTML.slice(0, 300) : "none"; })()`, x, y), &at)
			var m string
			p.Eval(`document.querySelector('`+next+`').outerHTML.slice(0, 300)`, &m)
			t.Fatalf("hovering the mark at %v,%v shows no tip; there: %s; mark: %s", x, y, at, m)
		}
		time.Sleep(100 * time.Millisecond)
	}
	var tip string
	if err := p.Eval(`document.querySelector("#tip").textContent`, &tip); err != nil {
		t.Fatal(err)
	}
	if want := rows[target].Kind; !strings.Contains(tip, want) || !strings.Contains(tip, rows[target].Metric) {
		t.Errorf("tooltip %q lacks the kind %s or the metric %s", tip, want, rows[target].Metric)
	}

	// A focused table row goes to its mark with Enter.
	if err := p.Eval(`document.querySelector("tr.row").focus()`, nil); err != nil {
		t.Fatal(err)
	}
	var first string
	if err := p.Eval(`document.activeElement.dataset.n`, &first); err != nil {
		t.Fatal(err)
	}
	press(t, p, "Enter")
	waitFor(t, p, `document.querySelector('mark[data-row="`+first+`"]').classList.contains("selected")`)

	// Enter focused the mark; Tab goes on to the next fact's mark, and focus
	// shows its tip as hover does.
	waitFor(t, p, `document.activeElement.dataset.row === "`+first+`"`)
	press(t, p, "Tab")
	waitFor(t, p, `document.activeElement.matches("#texts mark") && document.activeElement.dataset.row !== "`+first+`"`)
	waitFor(t, p, `!document.querySelector("#tip").hidden`)

	// The value column sorts as numbers.
	if err := p.Eval(`document.querySelector("#scroller").scrollTop = 0`, nil); err != nil {
		t.Fatal(err)
	}
	click(t, p, `th[data-col="value"]`)
	var values []string
	waitFor(t, p, `document.querySelector('th[data-col="value"]').getAttribute("aria-sort") === "ascending"`)
	if err := p.Eval(`[...document.querySelectorAll("tr.row")].map(tr => tr.children[4].textContent).filter(v => v !== "" && v !== "masked")`, &values); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(values); i++ {
		a, _ := strconv.ParseFloat(values[i-1], 64)
		b, _ := strconv.ParseFloat(values[i], 64)
		if a > b {
			t.Fatalf("sorted by value, %s comes before %s", values[i-1], values[i])
		}
	}
	checkPrint(t, p, len(rows))
	checkQuiet(t, p, page)
}

// checkPrint emulates printing: the table holds every row, after the texts.
func checkPrint(t *testing.T, p *chromium.Page, rows int) {
	t.Helper()
	if err := p.Call("Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Eval(`dispatchEvent(new Event("beforeprint"))`, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, p, fmt.Sprintf(`document.querySelectorAll("tr.row").length === %d`, rows))
	if table, texts := boxOf(t, p, "#rows"), boxOf(t, p, "#texts"); table.H == 0 || table.Y < texts.Y+texts.H {
		t.Errorf("printed, the rows table is at %+v, not after the texts at %+v", table, texts)
	}
	if err := p.Eval(`dispatchEvent(new Event("afterprint"))`, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Call("Emulation.setEmulatedMedia", map[string]any{"media": ""}, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, p, fmt.Sprintf(`document.querySelectorAll("tr.row").length < %d`, rows))
}

func TestReviewPageOfPDFShowsPages(t *testing.T) {
	toRepoRoot(t)
	page, rows := extractPage(t, "testdata/pdf/libreoffice.pdf")
	pages := map[int]bool{}
	for _, r := range rows {
		pages[r.Page] = true
	}
	if len(rows) == 0 || pages[0] {
		t.Fatalf("every row of a PDF has a page: %v", pages)
	}
	checkMarks(t, rows, parsedMarks(t, page))
	p := startBrowser(t)
	openPage(t, p, page)
	waitFor(t, p, `document.querySelectorAll("tr.row").length > 0`)
	var got []string
	js := `(() => { const i = [...document.querySelectorAll("thead th")].findIndex(th => th.dataset.col === "page");
		return i < 0 ? [] : [...document.querySelectorAll("tr.row")].map(tr => tr.dataset.n + ":" + tr.children[i].textContent); })()`
	if err := p.Eval(js, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("the table has no page column")
	}
	for _, cell := range got {
		n, page, _ := strings.Cut(cell, ":")
		i, _ := strconv.Atoi(n)
		if want := strconv.Itoa(rows[i-1].Page); page != want {
			t.Errorf("row %s: page %q, want %s", n, page, want)
		}
	}
	checkQuiet(t, p, page)
}

func TestReviewPageRunsNothingFromDocuments(t *testing.T) {
	dir := writeHostileDocs(t)
	page, rows := extractPage(t, dir, "--input-format", "text")
	p := startBrowser(t)
	openPage(t, p, page)
	checkMarks(t, rows, browserMarks(t, p))
	var state struct {
		Pwned                                 any
		Scripts, Images, Links, Areas, Frames int
		Text                                  string
	}
	js := `({Pwned: window.pwned ?? null, Scripts: document.scripts.length,
		Images: document.images.length, Links: document.querySelectorAll("a[href^=javascript], #texts a").length,
		Areas: document.querySelectorAll("textarea").length, Frames: document.querySelectorAll("iframe").length,
		Text: document.querySelector("#texts").textContent})`
	if err := p.Eval(js, &state); err != nil {
		t.Fatal(err)
	}
	// The page's own scripts: one per block of rows, the document names
	// and the program.
	if state.Pwned != nil || state.Images+state.Links+state.Areas+state.Frames > 0 {
		t.Errorf("document markup came alive: %+v", state)
	}
	for _, s := range []string{"<script>window.pwned = 1</script>", `<img src=x onerror="window.pwned = 2">`,
		"</textarea>", `<a href="javascript:window.pwned = 3">`, `<img src=x onerror="window.pwned=5">.txt`} {
		if !strings.Contains(state.Text, s) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
	checkQuiet(t, p, page)
}

func TestDiffFlags(t *testing.T) {
	tests := []struct {
		args []string
		want DiffOptions
	}{
		{[]string{"a.csv", "b.csv"}, DiffOptions{Old: "a.csv", New: "b.csv", Format: "text", Max: 50}},
		{[]string{"--format", "html", "-o", "changes.html", "a.csv", "-"}, DiffOptions{Old: "a.csv", New: "-", Format: "html", Max: 50, Output: "changes.html"}},
		{[]string{"--max", "-1", "--output", "d.md", "--format", "markdown", "a", "b"}, DiffOptions{Old: "a", New: "b", Format: "markdown", Max: -1, Output: "d.md"}},
	}
	for _, tt := range tests {
		var got *DiffOptions
		cmd := newCmdDiff(&IOStreams{}, func(_ context.Context, o *DiffOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		got.IO = nil
		if *got != tt.want {
			t.Errorf("%v: got %+v, want %+v", tt.args, *got, tt.want)
		}
	}
}

// diffPage extracts a folder, changes one document and removes another,
// extracts again and writes the diff page; it returns the page and the
// differing rows as JSON Lines gives them.
func diffPage(t *testing.T) (page string, diffs int) {
	t.Helper()
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.Mkdir(docs, 0o755)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(docs, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "全市新建学校12所，改造校舍15所，投入资金3.5亿元。\n")
	write("b.txt", "全年接待游客约300万人次。\n")
	old, new := filepath.Join(dir, "old.csv"), filepath.Join(dir, "new.csv")
	if code, _, stderr := runCLI(t, "", "extract", docs, "-o", old); code != 0 {
		t.Fatalf("extract: %d %s", code, stderr)
	}
	write("a.txt", "全市新建学校13所，改造校舍15所，投入资金3.5亿元，惠及学生2000名。\n")
	os.Remove(filepath.Join(docs, "b.txt"))
	if code, _, stderr := runCLI(t, "", "extract", docs, "-o", new); code != 0 {
		t.Fatalf("extract: %d %s", code, stderr)
	}
	page = filepath.Join(dir, "changes.html")
	if code, _, stderr := runCLI(t, "", "diff", old, new, "--format", "html", "-o", page); code != 1 {
		t.Fatalf("diff exited %d, want 1: %s", code, stderr)
	}
	_, out, _ := runCLI(t, "", "diff", old, new, "--format", "json", "--max", "-1")
	return page, strings.Count(out, `"op": `)
}

func TestDiffPageMarksDifferences(t *testing.T) {
	page, diffs := diffPage(t)
	marks := parsedMarks(t, page)
	// a.txt's rows are marked: its sentence changed, so every old row
	// changed, and one is added; b.txt's text is gone.
	var ops []string
	for n := 1; n <= diffs; n++ {
		if m, ok := marks[n]; ok {
			ops = append(ops, m.class+" "+m.text)
		}
	}
	want := []string{"k-count op-changed 13所", "k-count op-changed 15所", "k-money op-changed 3.5亿元", "k-count op-added 2000名"}
	if strings.Join(ops, "|") != strings.Join(want, "|") {
		t.Errorf("marks %q, want %q", ops, want)
	}
	data, _ := os.ReadFile(page)
	if !strings.Contains(string(data), "Text not shown") {
		t.Error("the page does not say that b.txt's text is missing")
	}
}

func TestDiffPageInChromium(t *testing.T) {
	page, _ := diffPage(t)
	p := startBrowser(t)
	openPage(t, p, page)
	waitFor(t, p, `document.querySelectorAll("tr.row").length > 0`)
	click(t, p, `tr.row`)
	waitFor(t, p, `document.querySelector("#texts mark.selected")`)
	checkQuiet(t, p, page)
}

func TestReviewPageOfStreamedInputs(t *testing.T) {
	// A file above streamAbove goes through in windows; standard input and
	// JSON Lines records take their own ways to the writer.
	dir := t.TempDir()
	filler := "全面推进课程改革，深化教学研究，加强教师队伍建设。\n"
	var big strings.Builder
	for i := 0; big.Len() <= streamAbove+streamAbove/8; i++ {
		big.WriteString(filler)
		if i%200 == 0 {
			fmt.Fprintf(&big, "本年新建学校%d所，投入资金%d.5亿元。\r\n", i%97+1, i%13+1)
		}
	}
	bigPath := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(bigPath, []byte(big.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	page, rows := extractPage(t, bigPath)
	if len(rows) < 2*(streamAbove/len(filler))/200 {
		t.Fatalf("only %d rows from the streamed file", len(rows))
	}
	checkMarks(t, rows, parsedMarks(t, page))

	records := `{"doc": "r1", "text": "招生3000人，<b>完成率</b>98%。"}` + "\n" + `{"doc": "r2", "text": "新建校舍12所。"}` + "\n"
	for _, tc := range []struct {
		name, stdin string
		args        []string
	}{
		{"stdin", "今年新建幼儿园15所，增加学位4500个。\n", []string{"-"}},
		{"records", records, []string{"--input-format", "jsonl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "review.html")
			code, _, stderr := runCLI(t, tc.stdin, append([]string{"extract", "-o", out}, tc.args...)...)
			_, csv, _ := runCLI(t, tc.stdin, append([]string{"extract", "--no-escape-formulas"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			rows, err := output.ReadRows(strings.NewReader(csv))
			if err != nil || len(rows) == 0 {
				t.Fatalf("rows %v, %v", rows, err)
			}
			checkMarks(t, rows, parsedMarks(t, out))
		})
	}
}

func TestReviewPageOfHTMLInput(t *testing.T) {
	// For HTML the page shows the plain text that offsets index.
	dir := t.TempDir()
	page := `<html><head><title>通报</title><script>var x = "1200万元";</script></head><body>
<p>全年投入资金<b>1200万元</b>，新建学校<i>8</i>所。</p><table><tr><td>入学率</td><td>99.5%</td></tr></table></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "report.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	out, rows := extractPage(t, dir, "--glob", "*.html")
	if len(rows) < 2 {
		t.Fatalf("rows %v", rows)
	}
	checkMarks(t, rows, parsedMarks(t, out))
}
