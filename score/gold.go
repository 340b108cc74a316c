package score

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// GoldFact is one line of a gold file (see GUIDE.md) with the span that
// ResolveGold found for it.
type GoldFact struct {
	Line      int    // 1-based position among the non-blank lines of the gold file
	Doc       string // file name of the document
	Text      string
	Before    string // as written in the file: a line break is the two characters \n
	Kind      string // count, percent, money, measure or program
	Value     *float64
	Unit      string
	Masked    bool
	Qualifier string
	Metric    string
	Canonical string // the canonical indicator name, when the gold file gives one
	Optional  bool

	Resolved bool // the text was found; Start and End are set
	Start    int  // code point offset into the document
	End      int  // code point offset, exclusive

	valueRepr string // the value as Python prints it: 17700000000, 99.8 or None
	noMetric  bool   // metric missing or null: never an exact name match
}

// goldKinds are the kinds a gold fact may have.
var goldKinds = map[string]bool{"count": true, "percent": true, "money": true, "measure": true, "program": true}

// ResolveGoldFile opens a gold file and resolves it like ResolveGold.
func ResolveGoldFile(goldPath, docsDir string) ([]GoldFact, map[string][]rune, []string, error) {
	f, err := os.Open(goldPath)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	return ResolveGold(f, docsDir)
}

// ResolveGold reads a gold file and finds each fact in its document, as
// score.py's resolve does: the documents are scanned in order, each search
// starting one code point after the previous fact of the same document, for
// `before` followed by `text`, falling back to `text` alone. Facts that are
// not found are kept with Resolved false and reported in errs, worded like
// score.py. texts holds every document named in the gold file, decoded as
// UTF-8 with line ends made "\n" (Python's universal newlines), keyed by
// the name used in the gold file.
//
// err is set where score.py would stop with an exception: unreadable or
// non-UTF-8 files, a line that is not a JSON object, a missing doc or text,
// and fields of the wrong type. Beyond score.py, an unknown kind is an error
// too (score.py fails on it only once the fact is scored).
func ResolveGold(gold io.Reader, docsDir string) (facts []GoldFact, texts map[string][]rune, errs []string, err error) {
	data, err := io.ReadAll(gold)
	if err != nil {
		return nil, nil, nil, err
	}
	if !utf8.Valid(data) {
		return nil, nil, nil, errors.New("gold file is not valid UTF-8")
	}
	for _, line := range strings.Split(universalNewlines(string(data)), "\n") {
		if strings.TrimFunc(line, pyIsSpace) == "" {
			continue
		}
		f, err := parseGoldLine(line)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("gold line %d: %w", len(facts)+1, err)
		}
		f.Line = len(facts) + 1
		facts = append(facts, f)
	}

	texts = make(map[string][]rune)
	cursor := make(map[string]int)
	for i := range facts {
		f := &facts[i]
		src, ok := texts[f.Doc]
		if !ok {
			src, err = readDoc(docsDir, f.Doc)
			if err != nil {
				return nil, nil, nil, err
			}
			texts[f.Doc] = src
		}
		before := []rune(strings.ReplaceAll(f.Before, `\n`, "\n"))
		text := []rune(f.Text)
		at := find(src, append(append([]rune(nil), before...), text...), cursor[f.Doc])
		if at < 0 { // tolerate an inexact `before`: fall back to the text alone
			at = find(src, text, cursor[f.Doc])
			before = nil
			if at < 0 {
				errs = append(errs, fmt.Sprintf("line %d: %s: %s not found after offset %d",
					f.Line, f.Doc, pyStrRepr(f.Text), cursor[f.Doc]))
				continue
			}
		}
		f.Start = at + len(before)
		f.End = f.Start + len(text)
		f.Resolved = true
		cursor[f.Doc] = f.Start + 1
	}
	return facts, texts, errs, nil
}

// parseGoldLine decodes one gold fact, reading its fields the way score.py
// does: missing unit, qualifier and metric are empty, masked and optional
// follow Python truthiness.
func parseGoldLine(line string) (GoldFact, error) {
	var obj map[string]any
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return GoldFact{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return GoldFact{}, errors.New("extra data after the JSON object")
	}
	if obj == nil {
		return GoldFact{}, errors.New("not a JSON object")
	}
	var f GoldFact
	var err error
	str := func(key string, required bool) string {
		v, present := obj[key]
		if err != nil || (!present && !required) {
			return ""
		}
		if !present {
			err = fmt.Errorf("no %q field", key)
			return ""
		}
		s, ok := v.(string)
		if !ok {
			err = fmt.Errorf("%s: want a string, got %s", key, pyStr(v))
		}
		return s
	}
	// optStr reads a field that score.py reads as `g.get(key) or ""`.
	optStr := func(key string) string {
		if v := obj[key]; v == nil {
			return ""
		}
		return str(key, false)
	}
	f.Doc = str("doc", true)
	f.Text = str("text", true)
	f.Before = str("before", false)
	f.Kind = str("kind", true)
	f.Unit = optStr("unit")
	f.Qualifier = optStr("qualifier")
	f.Metric = optStr("metric")
	f.Canonical = optStr("canonical")
	f.noMetric = obj["metric"] == nil
	f.Masked = truthy(obj["masked"])
	f.Optional = truthy(obj["optional"])
	if err != nil {
		return GoldFact{}, err
	}
	if !goldKinds[f.Kind] {
		return GoldFact{}, fmt.Errorf("unknown kind %q", f.Kind)
	}
	f.valueRepr = "None"
	switch v := obj["value"].(type) {
	case nil:
	case json.Number:
		x, _ := parseNumber(v)
		f.Value = &x
		f.valueRepr = pyNumberRepr(v)
	default:
		return GoldFact{}, fmt.Errorf("value: want a number or null, got %s", pyStr(v))
	}
	return f, nil
}

// readDoc reads a document as score.py does: UTF-8, universal newlines, a
// name that is an absolute path taken as is.
func readDoc(docsDir, name string) ([]rune, error) {
	path := name
	if !filepath.IsAbs(name) {
		path = filepath.Join(docsDir, name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not valid UTF-8", path)
	}
	return []rune(universalNewlines(string(data))), nil
}

// universalNewlines turns "\r\n" and a lone "\r" into "\n", as Python does
// when it reads a file in text mode.
func universalNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// find is Python's str.find(needle, from) on code points.
func find(hay, needle []rune, from int) int {
	if from > len(hay) {
		return -1
	}
	for i := from; i+len(needle) <= len(hay); i++ {
		if equalRunes(hay[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
