package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLexiconRoundTripAndErrors(t *testing.T) {
	code, tsv, stderr := runCLI(t, "", "lexicon")
	if code != 0 || !strings.Contains(tsv, "新增学位") {
		t.Fatalf("lexicon exited %d (%s):\n%s", code, stderr, tsv)
	}
	dir := t.TempDir()
	own := filepath.Join(dir, "own.tsv")
	if err := os.WriteFile(own, []byte(tsv+"# ours\n劳动教育基地\t劳动教育基地学校\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "评选30所劳动教育基地学校。\n", "extract", "--lexicon", own)
	if code != 0 || !strings.Contains(out, ",劳动教育基地学校,劳动教育基地,30,") {
		t.Fatalf("extract with --lexicon exited %d (%s):\n%s", code, stderr, out)
	}
	bad := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(bad, []byte("指标\t别名\n\t没有标准名\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "", "extract", "--lexicon", bad)
	if code != 2 || !strings.Contains(stderr, bad+":2") {
		t.Fatalf("malformed lexicon: exit %d, stderr %q; want 2 naming %s:2", code, stderr, bad)
	}
}
