package pipeline

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhmetrics/zhmetrics/output"
)

// TestKeepTextIsTheTextRowsIndex checks that the text kept for a review
// page is the decoded original, whole or streamed a window at a time, and
// that each window comes after the rows that lie in it.
func TestKeepTextIsTheTextRowsIndex(t *testing.T) {
	line := "全县新建幼儿园6所，新增学位1800个。\r\n"
	small := strings.Repeat(line, 3)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(small)
	if err != nil {
		t.Fatal(err)
	}
	large := strings.Repeat(line, 2*windowBytes/len(line))
	cfg := testConfig()
	cfg.KeepText = true
	for name, tc := range map[string]struct{ data, text string }{
		"utf-8":           {small, small},
		"gb18030":         {gbk, small},
		"several windows": {large, large},
	} {
		res := Process(name, []byte(tc.data), cfg)
		if res.Text != tc.text {
			t.Errorf("%s: kept %d bytes of text, want the %d decoded", name, len(res.Text), len(tc.text))
		}
		if res := Process(name, []byte(tc.data), testConfig()); res.Text != "" {
			t.Errorf("%s: text kept without KeepText", name)
		}
	}

	var pieces []string
	seen := 0 // code points of text handed over so far
	emit := func(r output.Row) error {
		if r.Start < seen {
			t.Errorf("row at %d came after the text holding it (%d code points given)", r.Start, seen)
		}
		return nil
	}
	text := func(s string) error {
		pieces = append(pieces, s)
		seen += utf8.RuneCountInString(s)
		return nil
	}
	if _, err := ProcessReaderText("big.txt", bytes.NewReader([]byte(large)), testConfig(), emit, text); err != nil {
		t.Fatal(err)
	}
	if len(pieces) < 2 || strings.Join(pieces, "") != large {
		t.Errorf("%d pieces joining to %d bytes, want several joining to the %d of the text", len(pieces), len(strings.Join(pieces, "")), len(large))
	}
}
