// Package pipeline runs one document through decode → normalise → extract →
// ground, and runs many documents in parallel with their results merged back
// into input order.
package pipeline

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/output"
)

// Config holds what every document is processed with.
type Config struct {
	Encoding  string // --encoding: auto, utf-8, gb18030, big5, utf-16
	Script    string // --script: auto, t2s, tw2s, hk2s, none
	Extractor *extract.Extractor
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

// windowSize is how many characters of a document are normalised and
// extracted at a time, so that one huge file needs bounded memory.
const windowSize = 1 << 18

// Process decodes, normalises and extracts one document held in data. A
// failure inside is reported as the document's error, never as a crash of
// the batch.
func Process(name string, data []byte, cfg Config) (res Result) {
	res = Result{Info: output.DocInfo{Doc: name, Bytes: int64(len(data))}}
	defer func() {
		if p := recover(); p != nil {
			err := fmt.Errorf("internal error: %v", p)
			res = Result{Info: output.DocInfo{Doc: name, Bytes: int64(len(data)), Error: err.Error()}, Err: err}
		}
	}()
	text, enc, err := normalize.Decode(data, cfg.Encoding)
	res.Info.Encoding = enc
	if err != nil {
		res.Err = err
		res.Info.Error = err.Error()
		res.Skipped = errors.Is(err, normalize.ErrBinary)
		return res
	}
	rows, script, converted, err := ExtractText(name, text, cfg)
	res.Info.Script, res.Info.Converted = script, converted
	if err != nil {
		res.Err = err
		res.Info.Error = err.Error()
		return res
	}
	res.Rows = rows
	res.Info.Rows = len(rows)
	return res
}

// ExtractText normalises decoded text and grounds every fact found in it
// back into that text. Large texts are handled a window at a time.
func ExtractText(name, text string, cfg Config) (rows []output.Row, script string, converted bool, err error) {
	base, line := 0, 1
	scripts := map[string]bool{}
	for len(text) > 0 {
		window := cutWindow(text, windowSize)
		text = text[len(window):]
		wrows, res, err := extractWindow(name, window, base, line, cfg)
		if err != nil {
			return rows, "", false, err
		}
		rows = append(rows, wrows...)
		scripts[res.Script] = true
		converted = converted || res.Converted
		base += utf8.RuneCountInString(window)
		line += countLineBreaks(window)
	}
	return rows, summarizeScripts(scripts), converted, nil
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
	original := []rune(window)
	lineStarts := lineStartOffsets(original)
	clean := res.Text
	facts := cfg.Extractor.Extract(clean.Runes)
	rows := make([]output.Row, 0, len(facts))
	for _, f := range facts {
		start, end := clean.Origin(f.Start, f.End)
		ls, le := start-base, end-base
		if ls < 0 || le > len(original) || ls >= le {
			continue // a fact that cannot be grounded is never a row
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
			Raw:       string(original[ls:le]),
			Sentence:  strings.TrimSpace(clean.Slice(f.SentenceStart, f.SentenceEnd)),
		}
		if f.Kind != extract.KindProgram && f.HasValue {
			v := f.Value
			row.Value = &v
		}
		rows = append(rows, row)
	}
	return rows, res, nil
}

// cutWindow returns a prefix of text of about n characters that ends at a
// line break, else after sentence punctuation, else at a character that
// cannot be inside a number, so that no fact is cut in two.
func cutWindow(text string, n int) string {
	if utf8.RuneCountInString(text) <= n+n/4 {
		return text
	}
	// Byte offset of the n-th character.
	at, count := 0, 0
	for i := range text {
		if count == n {
			at = i
			break
		}
		count++
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
	// No punctuation: cut before a character that is no part of a number.
	for i := at; i > at/2; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !mayBeInNumber(r) {
			return text[:i]
		}
		i -= size
	}
	return text[:at]
}

func mayBeInNumber(r rune) bool {
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
		return true
	}
	return strings.ContainsRune("零〇一二两兩三四五六七八九十百千万萬亿億点點壹贰叁肆伍陆柒捌玖拾佰仟.,，%％xX*×ｘＸ＊_余多几成分之", r)
}

// lineStartOffsets returns the offsets at which each line of rs starts. A
// line ends at "\n", "\r\n" or a lone "\r".
func lineStartOffsets(rs []rune) []int {
	starts := []int{0}
	for i, r := range rs {
		if r == '\n' || (r == '\r' && (i+1 >= len(rs) || rs[i+1] != '\n')) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineIndex returns the 0-based line holding offset.
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
