package extract

import (
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/extract/number"
	"github.com/zhmetrics/zhmetrics/internal/wordlist"
)

// The word lists are read at start-up; each line must be well formed and
// each entry appear once, so that a review of the file is a review of the
// rules.
func TestDataFiles(t *testing.T) {
	files := map[string]struct {
		text   string
		fields int
	}{
		"units.tsv":             {unitsFile, 3},
		"unit_blockers.txt":     {unitBlockersFile, 1},
		"qualifiers.tsv":        {qualifiersFile, 3},
		"half_words.txt":        {halfWordsFile, 1},
		"calendar_words.txt":    {calendarWordsFile, 1},
		"currency_notes.txt":    {currencyNotesFile, 2},
		"counterpart_words.txt": {wordFile("counterpart_words"), 2},
		"band_units.txt":        {wordFile("band_units"), 1},
		"band_words.txt":        {wordFile("band_words"), 1},
	}
	for name, f := range files {
		seen := map[string]bool{}
		for _, line := range wordlist.Lines(f.text) {
			fields := strings.Split(line, "\t")
			if len(fields) < f.fields || len(fields) > f.fields+1 {
				t.Errorf("%s: %q has %d fields, want %d", name, line, len(fields), f.fields)
			}
			if seen[fields[0]] {
				t.Errorf("%s: %q listed twice", name, fields[0])
			}
			seen[fields[0]] = true
		}
		if len(seen) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	// Every Latin unit the number grammar ends a number at is a unit here.
	for _, u := range number.LatinUnits() {
		if _, ok := units[u]; !ok {
			t.Errorf("units.tsv lacks the Latin unit %q", u)
		}
	}
	// A unit that begins with a scale character must be known to the number
	// grammar as one, or 1500千瓦 reads as 1,500,000 瓦.
	for u := range units {
		known := false
		for _, s := range number.ScaleUnits() {
			known = known || strings.HasPrefix(u, s) // 千克 covers 千克/亩
		}
		if strings.ContainsRune("十百千万亿兆", []rune(u)[0]) && !known {
			t.Errorf("units.tsv: %q begins with a scale character but is not in number's scale_units.txt", u)
		}
	}
	// A blocker must not shadow a unit of its own length: it would make the
	// unit unreachable.
	for _, b := range unitBlockers {
		if _, ok := units[b]; ok {
			t.Errorf("unit_blockers.txt: %q is also a unit", b)
		}
	}
}
