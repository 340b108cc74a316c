package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDocsMan(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "0")
	dir := filepath.Join(t.TempDir(), "man1") // created by the command
	code, _, stderr := runCLI(t, "", "docs", "man", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	tests := []struct {
		page string
		want []string // substrings of the page; nil when there must be no page
	}{
		{"zhmetrics.1", []string{`.TH "ZHMETRICS" "1" "Jan 1970"`, "zhmetrics-extract(1)"}},
		{"zhmetrics-extract.1", []string{"--output", "--kinds", "zhmetrics manual"}},
		{"zhmetrics-eval.1", []string{"--min-f1"}},
		{"zhmetrics-diff.1", []string{"--format"}},
		{"zhmetrics-completion-bash.1", []string{"bash"}},
		{"zhmetrics-docs.1", nil},     // hidden
		{"zhmetrics-docs-man.1", nil}, // hidden
		{"zhmetrics-help.1", nil},
	}
	for _, tc := range tests {
		data, err := os.ReadFile(filepath.Join(dir, tc.page))
		if tc.want == nil {
			if err == nil {
				t.Errorf("%s written, want none", tc.page)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.page, err)
			continue
		}
		// roff escapes some hyphens and not others.
		page := strings.ReplaceAll(string(data), `\-`, "-")
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", tc.page, w)
			}
		}
		if strings.Contains(page, "Auto generated") {
			t.Errorf("%s has the generation footer", tc.page)
		}
	}
}

func TestDocsHidden(t *testing.T) {
	code, stdout, _ := runCLI(t, "", "--help")
	if code != 0 || strings.Contains(stdout, "docs") {
		t.Errorf("exit %d; help lists docs:\n%s", code, stdout)
	}
	if code, _, _ := runCLI(t, "", "docs", "man"); code != 2 {
		t.Errorf("docs man without DIR: exit %d, want 2", code)
	}
}
