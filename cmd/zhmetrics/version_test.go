package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/normalize"
)

// TestVersionShowsVersionAndCommit: --version and `version` show the
// stamped version and commit, and so does the man pages' footer.
func TestVersionShowsVersionAndCommit(t *testing.T) {
	oldVersion, oldCommit := version, commit
	version, commit = "v1.2.3", "0123456789ab"
	t.Cleanup(func() { version, commit = oldVersion, oldCommit })
	want := "zhmetrics v1.2.3 (commit 0123456789ab)\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, stdout, stderr := runCLI(t, "", args...)
		if code != 0 || stdout != want {
			t.Errorf("%v: exit status %d, stdout %q, stderr %q; want %q", args, code, stdout, stderr, want)
		}
	}
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "", "docs", "man", dir); code != 0 {
		t.Fatalf("docs man: %s", stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "zhmetrics.1"))
	if !strings.Contains(strings.ReplaceAll(string(page), `\-`, "-"), "zhmetrics v1.2.3 (commit 0123456789ab)") {
		t.Errorf("the man page footer lacks the version and commit:\n%s", page)
	}
}

// TestManPageShowsDefaultsLiterally: the --glob default is not read as
// Markdown, and --jobs shows no core count of the machine that built it.
func TestManPageShowsDefaultsLiterally(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "", "docs", "man", dir); code != 0 {
		t.Fatalf("docs man: %s", stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "zhmetrics-extract.1"))
	page := strings.NewReplacer(`\-`, "-", `\&`, "").Replace(string(data))
	if !strings.Contains(page, "--glob\\fP=[*.txt,*.md,*.text,*.html,*.htm,*.docx,*.doc,*.pdf,*.mht,*.mhtml]") {
		t.Errorf("the --glob default is not shown literally:\n%s", page)
	}
	if strings.Contains(page, "--jobs\\fP="+strconv.Itoa(runtime.NumCPU())+"\n") {
		t.Errorf("the man page shows this machine's core count as the --jobs default")
	}
	code, stdout, _ := runCLI(t, "", "extract", "--help")
	if code != 0 || strings.Contains(stdout, "(default "+strconv.Itoa(runtime.NumCPU())+")") {
		t.Errorf("--help shows the core count as a number: %s", stdout)
	}
}

// TestCompletionOffersFlagValues: the values completion offers are those
// the flags accept.
func TestCompletionOffersFlagValues(t *testing.T) {
	for _, s := range scriptValues {
		if !normalize.ValidScript(s) {
			t.Errorf("completion offers --script %s, which is refused", s)
		}
	}
	for _, e := range encodingValues {
		if err := normalize.ValidEncoding(e); err != nil {
			t.Errorf("completion offers --encoding %s: %v", e, err)
		}
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"extract", "--format", ""}, []string{"csv", "tsv", "jsonl", "xlsx", "parquet", "html"}},
		{[]string{"extract", "--kinds", "count,p"}, []string{"count,percent", "count,program"}},
		{[]string{"extract", "--script", ""}, scriptValues},
		{[]string{"extract", "--encoding", ""}, encodingValues},
		{[]string{"extract", "--header", ""}, []string{"en", "zh"}},
		{[]string{"text", "--input-format", ""}, document.Formats},
		{[]string{"extract", "--input-format", ""}, append(append([]string(nil), document.Formats...), "jsonl")},
		{[]string{"normalize", "--script", "t"}, scriptValues},
	} {
		code, stdout, stderr := runCLI(t, "", append([]string{"__complete"}, c.args...)...)
		var got []string
		for _, line := range strings.Split(stdout, "\n") {
			if line != "" && !strings.HasPrefix(line, ":") {
				got = append(got, line)
			}
		}
		if code != 0 || strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("complete %v: exit status %d, got %q, want %q (%s)", c.args, code, got, c.want, stderr)
		}
	}
}
