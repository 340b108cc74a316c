package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// dirEntries lists the names in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestAtomicCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Base(a.TempName())
	if !strings.HasPrefix(tmp, ".out.csv") || !strings.Contains(tmp, ".tmp") || filepath.Dir(a.TempName()) != dir {
		t.Errorf("temporary file %q, want a hidden .tmp file beside the output", a.TempName())
	}
	if _, err := a.Write([]byte("new")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("output exists before Commit: %v", err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("output %q, want new", got)
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %q, want the output only", names)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
	if err := a.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Error("Abort after Commit changed the output")
	}
	if _, err := a.Write([]byte("x")); err == nil {
		t.Error("Write after Commit succeeded")
	}
}

func TestAtomicAbortKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	a.Write([]byte("partial"))
	for range 2 { // idempotent
		if err := a.Abort(); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("output %q after Abort, want old", got)
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %q after Abort, want the old output only", names)
	}
	if err := a.Commit(); !errors.Is(err, ErrAborted) {
		t.Errorf("Commit after Abort = %v, want ErrAborted", err)
	}
	if _, err := a.Write([]byte("x")); !errors.Is(err, ErrAborted) {
		t.Errorf("Write after Abort = %v, want ErrAborted", err)
	}
}

func TestAtomicKeepsModeOfReplacedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.tsv")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	a.Write([]byte("new"))
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old 0600", info.Mode().Perm())
	}
}

func TestAtomicReplacesSymlinkTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.csv")
	link := filepath.Join(dir, "link.csv")
	os.WriteFile(target, []byte("old"), 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	a, err := CreateAtomic(link)
	if err != nil {
		t.Fatal(err)
	}
	a.Write([]byte("new"))
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target %q, want new", got)
	}
}

func TestAtomicConcurrentAbort(t *testing.T) {
	dir := t.TempDir()
	a, err := CreateAtomic(filepath.Join(dir, "out.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { a.Abort() })
	}
	wg.Go(func() { a.Commit() })
	wg.Wait()
	// Whichever won, exactly one outcome: nothing left but maybe the output.
	for _, name := range dirEntries(t, dir) {
		if strings.Contains(name, ".tmp") {
			t.Errorf("temporary file %s left behind", name)
		}
	}
}

func TestAtomicErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := CreateAtomic(filepath.Join(dir, "missing", "out.csv")); err == nil {
		t.Error("CreateAtomic in a missing directory succeeded")
	}
	if _, err := CreateAtomic(dir); err == nil {
		t.Error("CreateAtomic over a directory succeeded")
	}
}

// TestAtomicLargeOutput writes past several writeback points in writes of
// odd sizes; what Commit leaves must be every byte, in order.
func TestAtomicLargeOutput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.csv")
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	chunk := make([]byte, 300_007)
	for i := 0; len(want) < 3*writebackEvery+12345; i++ {
		for k := range chunk {
			chunk[k] = byte('a' + (i+k)%26)
		}
		if _, err := a.Write(chunk); err != nil {
			t.Fatal(err)
		}
		want = append(want, chunk...)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("committed %d bytes, want the %d written", len(got), len(want))
	}
	if a.flushed == 0 {
		t.Error("no writeback was started")
	}
}

// TestAbortAllRemovesEveryTemporaryFile: on the way out of the process
// every file neither committed nor aborted is removed, committed files stay,
// and no file can be started afterwards.
func TestAbortAllRemovesEveryTemporaryFile(t *testing.T) {
	t.Cleanup(func() {
		unfinished.Lock()
		unfinished.closed = false
		unfinished.Unlock()
	})
	dir := t.TempDir()
	done, err := CreateAtomic(filepath.Join(dir, "done.csv"))
	if err != nil {
		t.Fatal(err)
	}
	done.Write([]byte("complete\n"))
	if err := done.Commit(); err != nil {
		t.Fatal(err)
	}
	previous := filepath.Join(dir, "b.csv")
	os.WriteFile(previous, []byte("previous\n"), 0o644)
	for _, name := range []string{"a.csv", "b.csv"} {
		f, err := CreateAtomic(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("partial"))
	}
	AbortAll()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "b.csv done.csv" {
		t.Errorf("left in the folder: %s, want b.csv done.csv", got)
	}
	if got, _ := os.ReadFile(previous); string(got) != "previous\n" {
		t.Errorf("the previous file changed: %q", got)
	}
	if _, err := CreateAtomic(filepath.Join(dir, "late.csv")); !errors.Is(err, ErrAborted) {
		t.Errorf("CreateAtomic after AbortAll: %v, want ErrAborted", err)
	}
}
