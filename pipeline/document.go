// Package pipeline runs one document through decode → normalise → extract →
// ground, and runs many documents in parallel with their results merged back
// into input order.
package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/output"
)

// Config holds what every document is processed with.
type Config struct {
	Encoding    string // --encoding: auto, utf-8, gb18030, big5, utf-16
	InputFormat string // --input-format: auto (or ""), text, html, docx, doc, rtf, pdf; see document.Read
	PDFPassword string // --pdf-password
	Script      string // --script: auto, t2s, tw2s, hk2s, none
	Extractor   *extract.Extractor
	// KeepText keeps each document's original text, the text that rows'
	// Start and End index, in Result.Text (for a review page).
	KeepText bool
}

// Result is one document's outcome.
type Result struct {
	Info output.DocInfo
	Rows []output.Row
	// Text is the document's original text, with Config.KeepText.
	Text string
	// Err is why the document could not be read; Skipped marks binary
	// content, which is reported but is not a failure.
	Err     error
	Skipped bool
}

// windowBytes is about how much decoded text is normalised and extracted at
// a time, so that one huge document needs bounded memory.
const windowBytes = 1 << 20

// sampleBytes is how much of a document is read to detect its encoding
// before the rest is decoded as a stream.
const sampleBytes = 1 << 20

// Process decodes, normalises and extracts one document held in data. A
// failure inside is reported as the document's error, never as a crash of
// the batch.
func Process(name string, data []byte, cfg Config) Result {
	var rows []output.Row
	collect := func(batch []output.Row) error {
		if rows == nil {
			rows = batch // a one-window document: its rows as extracted
		} else {
			rows = append(rows, batch...)
		}
		return nil
	}
	var pieces []string
	var keep func(string) error
	if cfg.KeepText {
		keep = func(text string) error { pieces = append(pieces, text); return nil }
	}
	var res Result
	if len(data) <= sampleBytes && !isZip(data) {
		// Already in memory and small enough to decode whole: no copy.
		res, _ = processWhole(name, data, cfg, collect, keep)
	} else {
		res, _ = processReader(name, bytes.NewReader(data), cfg, collect, keep)
	}
	res.Rows = rows
	res.Text = strings.Join(pieces, "")
	return res
}

// ProcessReader reads one document from r and hands each row to emit as
// soon as the window holding it is done, so memory stays bounded however
// long the document is. The returned Result describes the document (its
// Rows are left empty); the error is emit's, which should stop the batch.
func ProcessReader(name string, r io.Reader, cfg Config, emit func(output.Row) error) (res Result, emitErr error) {
	return ProcessReaderText(name, r, cfg, emit, nil)
}

// ProcessReaderText is ProcessReader that also hands text the document's
// original text a window at a time, each window after the rows that lie
// in it (text may be nil). The error is emit's or text's.
func ProcessReaderText(name string, r io.Reader, cfg Config, emit func(output.Row) error, text func(string) error) (res Result, emitErr error) {
	return processReader(name, r, cfg, func(rows []output.Row) error {
		for _, row := range rows {
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	}, text)
}

// processWhole is processReader for a document held whole in data.
func processWhole(name string, data []byte, cfg Config, emit func([]output.Row) error, text func(string) error) (res Result, emitErr error) {
	res.Info.Doc = name
	defer recoverInternal(&res)
	ex := newWindowExtractor(name, cfg, emit)
	ex.text = text
	return ex.whole(res, data)
}

// recoverInternal turns a panic into the document's error, so that one
// document's failure never crashes the batch.
func recoverInternal(res *Result) {
	if p := recover(); p != nil {
		res.Err = fmt.Errorf("internal error: %v", p)
		res.Info.Error = res.Err.Error()
	}
}

// processReader is ProcessReader handing over each window's rows at once.
func processReader(name string, r io.Reader, cfg Config, emit func([]output.Row) error, text func(string) error) (res Result, emitErr error) {
	ex := newWindowExtractor(name, cfg, emit)
	ex.text = text
	return readWindows(ex, r)
}

// readWindows reads one document from r and hands it to ex a window at a
// time.
func readWindows(ex *windowExtractor, r io.Reader) (res Result, emitErr error) {
	name, cfg := ex.name, ex.cfg
	res.Info.Doc = name
	defer recoverInternal(&res)
	counted := &countingReader{r: r}
	// Read one byte past the sample size: a text or page that fits is
	// decoded whole; a longer one, or a zip, is judged by its first bytes
	// and streamed.
	sample, err := io.ReadAll(io.LimitReader(counted, sampleBytes+1))
	if err != nil {
		res.Info.Bytes = counted.n
		return failed(res, err), nil
	}
	whole := len(sample) <= sampleBytes
	if whole && !isZip(sample) {
		return ex.whole(res, sample)
	}
	if document.ReadWhole(name, sample, cfg.InputFormat) {
		// A PDF, .doc or RTF file is parsed whole, within a bound.
		rest, err := io.ReadAll(io.LimitReader(counted, document.MaxWholeBytes+1-int64(len(sample))))
		data := append(sample, rest...)
		res.Info.Bytes = counted.n
		switch {
		case err != nil:
			return failed(res, err), nil
		case len(data) > document.MaxWholeBytes:
			return failed(res, fmt.Errorf("larger than %d MiB, the most read of a document that is parsed whole", document.MaxWholeBytes>>20)), nil
		}
		return ex.whole(res, data)
	}
	at, size := randomAccess(r)
	src := document.Source{Head: sample, At: at, Size: size}
	if !whole {
		src.Rest = counted
	}
	decoded, info, err := document.Open(name, src, cfg.InputFormat, cfg.Encoding)
	res.Info.Encoding = info.Encoding
	if err != nil {
		res.Info.Bytes = max(counted.n, size)
		return failed(res, err), nil
	}
	err = ex.stream(decoded)
	res.Info.Bytes = max(counted.n, size)
	if err != nil {
		return ex.finish(failed(res, err)), ex.emitErr
	}
	return ex.finish(res), nil
}

func isZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// randomAccess returns r as an io.ReaderAt with its size, when r is a
// regular file or an in-memory reader; a pipe gives nil.
func randomAccess(r io.Reader) (io.ReaderAt, int64) {
	at, ok := r.(io.ReaderAt)
	if !ok {
		return nil, 0
	}
	switch v := r.(type) {
	case interface{ Size() int64 }:
		return at, v.Size()
	case interface{ Stat() (fs.FileInfo, error) }:
		if info, err := v.Stat(); err == nil && info.Mode().IsRegular() {
			return at, info.Size()
		}
	}
	return nil, 0
}

func failed(res Result, err error) Result {
	err = safeError(err)
	res.Err = err
	res.Info.Error = err.Error()
	res.Skipped = errors.Is(err, normalize.ErrBinary)
	res.Info.Skipped = res.Skipped
	return res
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// windowExtractor extracts consecutive windows of one document, keeping
// offsets and line numbers running across them.
type windowExtractor struct {
	name      string
	cfg       Config
	base      int // code point offset of the next window
	line      int // line number at the start of the next window
	rows      int
	converted bool
	scripts   map[string]bool
	emit      func([]output.Row) error // a window's rows, in order
	text      func(string) error       // each window's text after its rows, or nil
	emitErr   error
	// each, when set, is called with every window instead of extracting
	// it (see EachWindow).
	each func(window string, base int) error
	// cut returns the length of the next window of rest, when rest is
	// longer than longest; margin is how much text either side of a window
	// is read with it (see extractWindows).
	cut     func(rest string) int
	longest int
	margin  int
	// pageStarts are the offsets at which a PDF's pages start; nil for
	// documents without pages.
	pageStarts []int
}

// windowMargin is the text read before and after each window, so that a
// fact cut by the window's edge is found whole in the window where it
// starts. It is far longer than any fact, and short beside a window.
const windowMargin = 8 << 10

func newWindowExtractor(name string, cfg Config, emit func([]output.Row) error) *windowExtractor {
	return &windowExtractor{name: name, cfg: cfg, line: 1, emit: emit, scripts: map[string]bool{},
		cut:     func(rest string) int { return len(cutWindow(rest, windowBytes)) },
		longest: windowBytes + windowBytes/4, margin: windowMargin}
}

// whole extracts a document read whole into data.
func (w *windowExtractor) whole(res Result, data []byte) (Result, error) {
	doc, err := document.Read(w.name, data, document.Options{
		Format: w.cfg.InputFormat, Encoding: w.cfg.Encoding, PDFPassword: w.cfg.PDFPassword})
	res.Info.Encoding, res.Info.Bytes = doc.Info.Encoding, int64(len(data))
	var partial *document.PartialError
	if err != nil && !errors.As(err, &partial) {
		return failed(res, err), nil
	}
	w.pageStarts = doc.PageStarts
	if err := w.extractAll(doc.Text); err != nil {
		return w.finish(failed(res, err)), w.emitErr
	}
	if partial != nil {
		// What could be read is extracted; the document still failed.
		return w.finish(failed(res, partial)), nil
	}
	return w.finish(res), nil
}

// extract extracts the window text[from:to], reading text[:from] and
// text[to:] with it as context: a fact is kept only when it starts inside
// the window, so that the windows before and after, which read this one's
// text as their margins, do not report it again.
func (w *windowExtractor) extract(text string, from, to int) error {
	window := text[from:to]
	if w.each != nil {
		if err := w.each(window, w.base); err != nil {
			w.emitErr = err
			return err
		}
		w.base += utf8.RuneCountInString(window)
		w.line += countLineBreaks(window)
		return nil
	}
	before := utf8.RuneCountInString(text[:from])
	owned := utf8.RuneCountInString(text[from:to])
	base, line := w.base-before, w.line-countLineBreaks(text[:from])
	rows, res, err := extractWindow(w.name, text, base, line, before, before+owned, w.cfg)
	if err != nil {
		return err
	}
	if w.pageStarts != nil {
		for i := range rows {
			rows[i].Page = 1 + lineIndex(w.pageStarts, rows[i].Start)
		}
	}
	if len(rows) > 0 {
		if err := w.emit(rows); err != nil {
			w.emitErr = err
			return err
		}
	}
	if w.text != nil {
		if err := w.text(window); err != nil {
			w.emitErr = err
			return err
		}
	}
	w.rows += len(rows)
	w.scripts[res.Script] = true
	w.converted = w.converted || res.Converted
	w.base += owned
	w.line += countLineBreaks(window)
	return nil
}

// extractAll extracts a whole decoded text, a window at a time.
func (w *windowExtractor) extractAll(text string) error {
	_, err := w.extractWindows(text, 0, true)
	return err
}

// extractWindows extracts text[from:], window by window; text[:from] has
// been extracted already and is read only as the margin of the first
// window. Unless final, it stops at the first window whose right margin may
// not be in text yet, and returns where that window starts.
func (w *windowExtractor) extractWindows(text string, from int, final bool) (int, error) {
	for from < len(text) {
		rest := text[from:]
		if !final && len(rest) < w.longest {
			break
		}
		n := len(rest)
		if n > w.longest {
			n = w.cut(rest)
		}
		lo, hi := w.marginStart(text, from), w.marginEnd(text, from+n)
		if err := w.extract(text[lo:hi], from-lo, from+n-lo); err != nil {
			return from, err
		}
		from += n
	}
	return from, nil
}

// marginStart is where the margin before a window starting at at begins.
func (w *windowExtractor) marginStart(text string, at int) int {
	i := max(0, at-w.margin)
	for i < at && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// marginEnd is where the margin after a window ending at at ends.
func (w *windowExtractor) marginEnd(text string, at int) int {
	i := min(len(text), at+w.margin)
	for i > at && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// stream extracts the text read from r, holding a window and its margins
// at a time.
func (w *windowExtractor) stream(r io.Reader) error {
	var buf []byte
	chunk := make([]byte, 256<<10)
	from, eof := 0, false
	for !eof {
		for len(buf)-from < w.longest && !eof {
			n, err := r.Read(chunk)
			buf = append(buf, chunk[:n]...)
			if err == io.EOF {
				eof = true
			} else if err != nil {
				// What was read is still extracted before the error is told.
				if _, xerr := w.extractWindows(string(buf), from, true); xerr != nil {
					return xerr
				}
				return err
			}
		}
		text := string(buf)
		next, err := w.extractWindows(text, from, eof)
		if err != nil {
			return err
		}
		keep := w.marginStart(text, next)
		buf = append(buf[:0], buf[keep:]...)
		from = next - keep
	}
	return nil
}

func (w *windowExtractor) finish(res Result) Result {
	res.Info.Rows = w.rows
	res.Info.Script = summarizeScripts(w.scripts)
	res.Info.Converted = w.converted
	return res
}

// ExtractText normalises decoded text and grounds every fact found in it
// back into that text, a window at a time.
func ExtractText(name, text string, cfg Config) (rows []output.Row, script string, converted bool, err error) {
	ex := newWindowExtractor(name, cfg, func(batch []output.Row) error { rows = append(rows, batch...); return nil })
	if err := ex.extractAll(text); err != nil {
		return rows, "", false, err
	}
	info := ex.finish(Result{}).Info
	return rows, info.Script, info.Converted, nil
}

func summarizeScripts(seen map[string]bool) string {
	switch {
	case seen[normalize.ScriptTraditional] && seen[normalize.ScriptSimplified]:
		return "mixed"
	case seen[normalize.ScriptTraditional]:
		return normalize.ScriptTraditional
	case seen[normalize.ScriptSimplified]:
		return normalize.ScriptSimplified
	}
	return normalize.ScriptNone
}

// extractWindow extracts window, whose first character is at offset base
// of the document and on line firstLine, keeping the facts that start at
// code point offsets [from, to) of window.
func extractWindow(name, window string, base, firstLine, from, to int, cfg Config) ([]output.Row, *normalize.Result, error) {
	res, err := normalize.Normalize(window, base, normalize.Options{Script: cfg.Script})
	if err != nil {
		return nil, nil, err
	}
	// Rows hold strings of their own; the clean text's buffers go back for
	// the next window once they are built.
	defer func() {
		res.Text.Release()
		res.Text = nil
	}()
	originalLen := utf8.RuneCountInString(window)
	lineStarts := lineStartOffsets(window)
	raw := runeCursor{s: window}
	clean := res.Text
	facts := cfg.Extractor.Extract(clean.Runes)
	rows := make([]output.Row, 0, len(facts))
	// Facts of one sentence share its text rather than each copying it.
	sentence, sentenceStart, sentenceEnd := "", -1, -1
	for _, f := range facts {
		start, end := clean.Origin(f.Start, f.End)
		ls, le := start-base, end-base
		if ls < 0 || le > originalLen || ls >= le {
			continue // a fact that cannot be grounded is never a row
		}
		if ls < from || ls >= to {
			continue // the neighbouring window's
		}
		if f.SentenceStart != sentenceStart || f.SentenceEnd != sentenceEnd {
			sentence = strings.TrimSpace(clean.Slice(f.SentenceStart, f.SentenceEnd))
			sentenceStart, sentenceEnd = f.SentenceStart, f.SentenceEnd
		}
		row := output.Row{
			Doc:       name,
			Line:      firstLine + lineIndex(lineStarts, ls),
			Start:     start,
			End:       end,
			Kind:      f.Kind,
			Metric:    f.Metric,
			Canonical: f.Canonical,
			Unit:      f.Unit,
			Qualifier: f.Qualifier,
			Masked:    f.Masked,
			Raw:       raw.slice(ls, le),
			Sentence:  sentence,
		}
		if f.Kind != extract.KindProgram && f.HasValue {
			v := f.Value
			row.Value, row.ValueText = &v, f.Exact
		}
		rows = append(rows, row)
	}
	return rows, res, nil
}

// cutWindow returns a prefix of text of at most maxBytes that ends at a
// line break, else after sentence punctuation, else before a character that
// cannot be inside a number, so that no fact is cut in two.
func cutWindow(text string, maxBytes int) string {
	if len(text) <= maxBytes {
		return text
	}
	at := maxBytes
	for at > 0 && !utf8.RuneStart(text[at]) {
		at--
	}
	lookback := text[:at]
	if i := strings.LastIndexByte(lookback, '\n'); i > at/2 {
		return text[:i+1]
	}
	for _, p := range []string{"。", "；", "！", "？", ";", "!", "?"} {
		if i := strings.LastIndex(lookback, p); i > at/2 {
			return text[:i+len(p)]
		}
	}
	// No punctuation: cut before a character that is no part of a number,
	// and never inside a "\r\n", which would count as two line breaks.
	for i := at; i > at/2; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !mayBeInNumber(r) && !(r == '\r' && text[i] == '\n') {
			return text[:i]
		}
		i -= size
	}
	if text[at-1] == '\r' && text[at] == '\n' {
		at++
	}
	return text[:at]
}

func mayBeInNumber(r rune) bool {
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
		return true
	}
	return strings.ContainsRune("零〇一二两兩三四五六七八九十百千万萬亿億点點壹贰叁肆伍陆柒捌玖拾佰仟.,，%％xX*×ｘＸ＊_余多几成分之", r)
}

// lineStartOffsets returns the code point offsets at which each line of s
// starts. A line ends at "\n", "\r\n" or a lone "\r".
func lineStartOffsets(s string) []int {
	starts := []int{0}
	i := 0 // code point offset of the character at byte k
	for k := 0; k < len(s); i++ {
		c := s[k]
		if c < utf8.RuneSelf {
			if c == '\n' || (c == '\r' && (k+1 >= len(s) || s[k+1] != '\n')) {
				starts = append(starts, i+1)
			}
			k++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[k:])
		k += size
	}
	return starts
}

// runeCursor slices a string by code point offsets without converting it
// to runes. Facts come in order of their start, so it walks forward from
// the last start it found.
type runeCursor struct {
	s          string
	at, atByte int // code point offset at and its byte offset
}

// slice returns a copy of s[a:b] counted in code points; a < b <= the
// number of code points in s.
func (c *runeCursor) slice(a, b int) string {
	if a < c.at {
		c.at, c.atByte = 0, 0
	}
	for c.at < a {
		_, size := utf8.DecodeRuneInString(c.s[c.atByte:])
		c.atByte += size
		c.at++
	}
	end := c.atByte
	for i := a; i < b; i++ {
		_, size := utf8.DecodeRuneInString(c.s[end:])
		end += size
	}
	sub := c.s[c.atByte:end]
	if !utf8.ValidString(sub) {
		return string([]rune(sub)) // invalid bytes read as U+FFFD, as when decoded to runes
	}
	return strings.Clone(sub)
}

// lineIndex returns the 0-based index of the line (or page) holding offset,
// given the offsets at which lines (or pages) start.
func lineIndex(starts []int, offset int) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func countLineBreaks(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || (s[i] == '\r' && (i+1 >= len(s) || s[i+1] != '\n')) {
			n++
		}
	}
	return n
}
