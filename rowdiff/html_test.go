package rowdiff

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/output"
)

// countRow is a count row of doc at [start, end) holding raw.
func countRow(doc string, start int, raw string, v float64) output.Row {
	return output.Row{Doc: doc, Line: 1, Start: start, End: start + len([]rune(raw)), Kind: "count",
		Metric: "学校", Value: value(v), Unit: "所", Raw: raw}
}

var markRE = regexp.MustCompile(`<mark data-row="(\d+)" class="([^"]*)" tabindex="0">([^<]*)</mark>`)

func TestWriteHTMLMarksDifferencesInTheirText(t *testing.T) {
	// The new text of a.txt: "新建学校12所，改造15所。" (12所 at 4, 15所 at 10).
	texts := map[string]string{"new/a.txt": "新建学校12所，改造15所。"}
	old := []output.Row{
		countRow("old/a.txt", 4, "12所", 11), // value changed
		countRow("old/a.txt", 7, "改造", 2),   // removed; its raw is gone from the text
		countRow("old/b.txt", 0, "3所", 3),   // b.txt removed, its text missing
	}
	new := []output.Row{
		countRow("new/a.txt", 4, "12所", 12),
		countRow("new/a.txt", 10, "15所", 15), // added
	}
	var out bytes.Buffer
	err := WriteHTML(&out, Compare(old, new), func(path string) (string, error) {
		if text, ok := texts[path]; ok {
			return text, nil
		}
		return "", errors.New("no such file")
	})
	if err != nil {
		t.Fatal(err)
	}
	page := out.String()
	var got []string
	for _, m := range markRE.FindAllStringSubmatch(page, -1) {
		got = append(got, m[1]+" "+m[2]+" "+m[3])
	}
	want := []string{"1 k-count op-changed 12所", "3 k-count op-added 15所"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("marks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, s := range []string{
		"1 of 3 rows have no mark",                              // the removed row of a.txt
		"Text not shown: no such file",                          // b.txt
		"1 added, 1 removed, 1 changed",                         // a.txt's counts
		"1 row added, 2 removed, 1 changed in 2 of 2 documents", // the headline
		`"value","11","12"`,                                     // the change, for the tooltip
	} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}
