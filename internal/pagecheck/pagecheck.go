// Package pagecheck reads the marks of a review page back as a browser's
// HTML parser sees them, for the tests of the page.
package pagecheck

import (
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Mark is what the page shows of one row.
type Mark struct {
	Parts []string // the texts of the row's marks, in document order
	Class string   // the class of its first mark
	Depth int      // how many other marks enclose its most nested part
}

// Text is the row's marks' texts joined: its raw, as the page holds it.
func (m Mark) Text() string { return strings.Join(m.Parts, "") }

// Marks parses a page and returns each row's marks by row number.
func Marks(page io.Reader) (map[int]Mark, error) {
	doc, err := html.Parse(page)
	if err != nil {
		return nil, err
	}
	marks := map[int]Mark{}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode && n.Data == "mark" {
			row, _ := strconv.Atoi(attr(n, "data-row"))
			m := marks[row]
			if len(m.Parts) == 0 {
				m.Class = attr(n, "class")
			}
			m.Parts = append(m.Parts, text(n))
			m.Depth = max(m.Depth, depth)
			marks[row] = m
			depth++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth)
		}
	}
	walk(doc, 0)
	return marks, nil
}

// DOMText is s as a browser stores it once parsed: line ends become "\n"
// and NUL becomes U+FFFD.
func DOMText(s string) string {
	return strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\uFFFD").Replace(s)
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}
