// Package pipeline runs one document through decode → normalise → extract →
// ground, and runs many documents in parallel with their results merged back
// into input order.
package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
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
}

// Result is one document's outcome.
type Result struct {
	Info output.DocInfo
	Rows []output.Row
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
	var res Result
	if len(data) <= sampleBytes {
		// Already in memory and small enough to decode whole: no copy.
		res, _ = processWhole(name, data, cfg, collect)
	} else {
		res, _ = processReader(name, bytes.NewReader(data), cfg, collect)
	}
	res.Rows = rows
	return res
}

// ProcessReader reads one document from r and hands each row to emit as
// soon as the window holding it is done, so memory stays bounded however
// long the document is. The returned Result describes the document (its
// Rows are left empty); the error is emit's, which should stop the batch.
func ProcessReader(name string, r io.Reader, cfg Config, emit func(output.Row) error) (res Result, emitErr error) {
	return processReader(name, r, cfg, func(rows []output.Row) error {
		for _, row := range rows {
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// processWhole is processReader for a document held whole in data.
func processWhole(name string, data []byte, cfg Config, emit func([]output.Row) error) (res Result, emitErr error) {
	res.Info.Doc = name
	defer recoverInternal(&res)
	ex := newWindowExtractor(name, cfg, emit)
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
func processReader(name string, r io.Reader, cfg Config, emit func([]output.Row) error) (res Result, emitErr error) {
	res.Info.Doc = name
	defer recoverInternal(&res)
	counted := &countingReader{r: r}
	ex := newWindowExtractor(name, cfg, emit)
	// Read one byte past the sample size: a document that fits is decoded
	// whole, a longer one is detected on its sample and streamed.
	sample, err := io.ReadAll(io.LimitReader(counted, sampleBytes+1))
	whole := len(sample) <= sampleBytes
	if err != nil {
		res.Info.Bytes = counted.n
		return failed(res, err), nil
	}
	if !whole && !document.ReadsAsText(name, sample, cfg.InputFormat) {
		// HTML and Word documents are read whole.
		rest, err := io.ReadAll(counted)
		if err != nil {
			res.Info.Bytes = counted.n
			return failed(res, err), nil
		}
		sample, whole = append(sample, rest...), true
	}
	if whole {
		return ex.whole(res, sample)
	}

	_, enc, err := normalize.Decode(detectionSample(sample), cfg.Encoding)
	res.Info.Encoding = enc
	if err != nil {
		res.Info.Bytes = counted.n
		return failed(res, err), nil
	}
	decoded, err := normalize.NewDecodingReader(io.MultiReader(bytes.NewReader(sample), counted), enc)
	if err != nil {
		return failed(res, err), nil
	}
	var buf []byte
	chunk := make([]byte, 256<<10)
	eof := false
	for {
		for len(buf) < windowBytes+windowBytes/4 && !eof {
			n, err := decoded.Read(chunk)
			buf = append(buf, chunk[:n]...)
			if err == io.EOF {
				eof = true
			} else if err != nil {
				res.Info.Bytes = counted.n
				return ex.finish(failed(res, err)), nil
			}
		}
		if len(buf) == 0 {
			break
		}
		text := string(buf)
		window := text
		if !eof || len(text) > windowBytes+windowBytes/4 {
			window = cutWindow(text, windowBytes)
		}
		if err := ex.extract(window); err != nil {
			res.Info.Bytes = counted.n
			return ex.finish(failed(res, err)), ex.emitErr
		}
		buf = append(buf[:0], buf[len(window):]...)
	}
	res.Info.Bytes = counted.n
	return ex.finish(res), nil
}

// detectionSample trims a sample cut from a longer input to its last line
// break, so that a character cut in two does not sway detection.
func detectionSample(sample []byte) []byte {
	if i := bytes.LastIndexByte(sample, '\n'); i > len(sample)/2 {
		return sample[:i+1]
	}
	return sample
}

func failed(res Result, err error) Result {
	res.Err = err
	res.Info.Error = err.Error()
	res.Skipped = errors.Is(err, normalize.ErrBinary)
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
	emitErr   error
	// pageStarts are the offsets at which a PDF's pages start; nil for
	// documents without pages.
	pageStarts []int
}

func newWindowExtractor(name string, cfg Config, emit func([]output.Row) error) *windowExtractor {
	return &windowExtractor{name: name, cfg: cfg, line: 1, emit: emit, scripts: map[string]bool{}}
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

func (w *windowExtractor) extract(window string) error {
	rows, res, err := extractWindow(w.name, window, w.base, w.line, w.cfg)
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
	w.rows += len(rows)
	w.scripts[res.Script] = true
	w.converted = w.converted || res.Converted
	w.base += utf8.RuneCountInString(window)
	w.line += countLineBreaks(window)
	return nil
}

// extractAll extracts a whole decoded text, a window at a time.
func (w *windowExtractor) extractAll(text string) error {
	for len(text) > 0 {
		window := text
		if len(text) > windowBytes+windowBytes/4 {
			window = cutWindow(text, windowBytes)
		}
		text = text[len(window):]
		if err := w.extract(window); err != nil {
			return err
		}
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

func extractWindow(name, window string, base, firstLine int, cfg Config) ([]output.Row, *normalize.Result, error) {
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
			row.Value = &v
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
