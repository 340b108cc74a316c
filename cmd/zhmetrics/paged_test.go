package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyFixtures copies files of testdata into a new folder under names of
// its own.
func copyFixtures(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, fixture := range files {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", fixture))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPagedDocumentsInAFolder reads a folder of PDFs, .doc and RTF files,
// one of each kind of trouble among them: each trouble gets its line, the
// others give their rows, with pages for the PDFs only.
func TestPagedDocumentsInAFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the segmenter and PDFium")
	}
	dir := copyFixtures(t, map[string]string{
		"a.pdf":       "pdf/libreoffice.pdf",
		"b.pdf":       "pdf/encrypted-user.pdf",
		"c.pdf":       "pdf/scanned.pdf",
		"d.doc":       "doc/report.doc",
		"e.doc":       "doc/report.rtf",   // RTF under a Word name
		"f.txt":       "pdf/chromium.pdf", // a PDF under a text name
		"notes.md":    "pdf/report.txt",
		"skipped.odt": "doc/fields.fodt",
	})
	page := "<!DOCTYPE html><html><body><p>全市共有学校126所，教师3400名。</p></body></html>"
	if err := os.WriteFile(filepath.Join(dir, "g.doc"), []byte(page), 0o644); err != nil { // a page saved as .doc
		t.Fatal(err)
	}
	run := runZh(t, "extract", dir, "--format", "jsonl", "--jobs", "2")
	if run.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", run.code, run.stderr)
	}
	run.expectProblems(t, map[string]string{
		filepath.Join(dir, "b.pdf"): "encrypted: a password is needed",
		filepath.Join(dir, "c.pdf"): "no text layer (scanned pages need OCR)",
	})
	perDoc := map[string]int{}
	pages := map[string]map[int]bool{}
	for _, r := range run.rows(t) {
		name := filepath.Base(r.Doc)
		perDoc[name]++
		if pages[name] == nil {
			pages[name] = map[int]bool{}
		}
		pages[name][r.Page] = true
	}
	want := perDoc["notes.md"]
	if want == 0 {
		t.Fatal("no rows from the text")
	}
	for _, name := range []string{"a.pdf", "d.doc", "e.doc"} {
		if perDoc[name] != want {
			t.Errorf("%s: %d rows, want %d as from the text", name, perDoc[name], want)
		}
	}
	if perDoc["g.doc"] != 2 {
		t.Errorf("g.doc (an HTML page): %d rows, want 2", perDoc["g.doc"])
	}
	if perDoc["f.txt"] < want-2 {
		t.Errorf("f.txt (a PDF): %d rows, want about %d", perDoc["f.txt"], want)
	}
	if len(pages["f.txt"]) != 3 || pages["f.txt"][0] {
		t.Errorf("f.txt rows on pages %v, want 1, 2 and 3", pages["f.txt"])
	}
	if len(pages["d.doc"]) != 1 || !pages["d.doc"][0] {
		t.Errorf("d.doc rows on pages %v, want none", pages["d.doc"])
	}

	withPassword := runZh(t, "extract", filepath.Join(dir, "b.pdf"), "--pdf-password", "userpw", "--format", "jsonl")
	if withPassword.code != 0 || len(withPassword.rows(t)) != want {
		t.Fatalf("with the password: exit %d, %d rows, want 0 and %d\n%s", withPassword.code, len(withPassword.rows(t)), want, withPassword.stderr)
	}
}

// TestTextOfAPDF prints the text that a PDF's rows index.
func TestTextOfAPDF(t *testing.T) {
	dir := copyFixtures(t, map[string]string{"a.pdf": "pdf/libreoffice.pdf"})
	code, stdout, stderr := runCLI(t, "", "text", filepath.Join(dir, "a.pdf"))
	if code != 0 || !strings.HasPrefix(stdout, "某县教育局二〇二三年工作总结\n一、基本情况\n") {
		t.Fatalf("exit %d, stdout %.80q, stderr %q", code, stdout, stderr)
	}
}

func TestPDFPasswordAndGlobFlags(t *testing.T) {
	tests := []struct {
		args     []string
		password string
		globs    []string
		textToo  bool
	}{
		{[]string{"a.pdf"}, "", defaultGlobs, true},
		{[]string{"a.pdf", "--pdf-password", "s3cret"}, "s3cret", defaultGlobs, true},
		{[]string{"dir", "--glob", "*.pdf"}, "", []string{"*.pdf"}, false},
	}
	for _, tt := range tests {
		var got *ExtractOptions
		cmd := newCmdExtract(&IOStreams{}, func(_ context.Context, o *ExtractOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got.PDFPassword != tt.password || strings.Join(got.Globs, ",") != strings.Join(tt.globs, ",") {
			t.Errorf("extract %v: password %q globs %v, want %q %v", tt.args, got.PDFPassword, got.Globs, tt.password, tt.globs)
		}
		if !tt.textToo {
			continue
		}
		var text *TextCmdOptions
		tc := newCmdText(&IOStreams{}, func(_ context.Context, o *TextCmdOptions) error { text = o; return nil })
		tc.SetArgs(tt.args)
		if err := tc.Execute(); err != nil {
			t.Fatalf("text %v: %v", tt.args, err)
		}
		if text.PDFPassword != tt.password {
			t.Errorf("text %v: password %q, want %q", tt.args, text.PDFPassword, tt.password)
		}
	}
}
