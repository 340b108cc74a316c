package review

import (
	"cmp"
	"crypto/sha256"
	_ "embed" // the page's assets
	"encoding/base64"
	"html/template"
	"slices"
	"strings"
)

// The page's templates, style and script live in assets/, embedded.
//
//go:embed assets/page.tmpl
var pageTemplates string

//go:embed assets/page.css
var pageCSS string

//go:embed assets/page.js
var pageJS string

// Names of the templates in assets/page.tmpl.
const (
	pageHead      = "head"
	pageMiddle    = "middle"
	pageTail      = "tail"
	pageEnd       = "end"
	sectionStart  = "section-start"
	sectionEnd    = "section-end"
	chunkTemplate = "chunk"
	rowsTemplate  = "rows"
)

var (
	// The style and script are this package's own files, never data.
	appStyle  = template.CSS(pageCSS)
	appScript = template.JS(pageJS)
	// appScriptHash lets the page's Content-Security-Policy allow its own
	// script and no other.
	appScriptHash = scriptHash(pageJS)
	templates     = template.Must(template.New("page").Funcs(template.FuncMap{"label": label}).Parse(pageTemplates))
)

func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// pageData is what the page's head, middle and tail templates show.
type pageData struct {
	Options
	Docs          []docSummary
	Rows          int
	Pages         bool // some row has a PDF page
	Errors, Skips int
	Style         template.CSS
	Script        template.JS
	ScriptHash    string
}

// Columns are the columns of the rows table, in order; a diff page puts
// op first, and a page with PDF rows has their page after the document.
func (d pageData) Columns() []string {
	cols := []string{"doc", "line", "kind", "metric", "value", "unit", "qualifier"}
	if d.Pages {
		cols = append([]string{"doc", "page"}, cols[1:]...)
	}
	if d.Diff {
		cols = append([]string{"op"}, cols...)
	}
	return cols
}

// Kinds are the kinds the filter offers.
func (d pageData) Kinds() []string {
	return append(markedKinds[:len(markedKinds):len(markedKinds)], "other")
}

// DocNames lists the documents in page order, for the script.
func (d pageData) DocNames() []string {
	names := make([]string, len(d.Docs))
	for i, doc := range d.Docs {
		names[i] = doc.Name
	}
	return names
}

// label is a column's name on the page.
func label(labels map[string]string, col string) string {
	if l := labels[col]; l != "" {
		return l
	}
	return col
}

// Dir is the folder part of a document's name, with its final separator,
// or "".
func (d docSummary) Dir() string { return d.Name[:len(d.Name)-len(d.Base())] }

// Base is a document's name without its folder.
func (d docSummary) Base() string { return d.Name[strings.LastIndexAny(d.Name, `/\`)+1:] }

// tally is one count in the document list.
type tally struct {
	Name  string
	Class string
	N     int
}

// Counts are a document's rows by kind, the known kinds first.
func (d docSummary) Counts() []tally { return tallies(d.Kinds, markedKinds, "k-") }

// OpCounts are a diff document's rows by how they differ.
func (d docSummary) OpCounts() []tally { return tallies(d.Ops, markedOps, "op-") }

func tallies(counts map[string]int, known []string, prefix string) []tally {
	var out []tally
	for _, k := range known {
		if n := counts[k]; n > 0 {
			out = append(out, tally{Name: k, Class: prefix + k, N: n})
		}
	}
	var other []tally
	for k, n := range counts {
		if !slices.Contains(known, k) && n > 0 {
			other = append(other, tally{Name: k, Class: prefix + "other", N: n})
		}
	}
	slices.SortFunc(other, func(a, b tally) int { return cmp.Compare(a.Name, b.Name) })
	return append(out, other...)
}
