//go:build unix

package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestAtomicWritesPipesDirectly: a named pipe (or /dev/stdout) cannot be
// replaced by a rename, so it is written in place.
func TestAtomicWritesPipesDirectly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan string)
	go func() {
		data, _ := os.ReadFile(path)
		got <- string(data)
	}()
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.TempName() != "" {
		t.Errorf("temporary file %q for a pipe", a.TempName())
	}
	if _, err := a.Write([]byte("doc,line\n")); err != nil {
		t.Fatal(err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "doc,line\n" {
		t.Fatalf("pipe read %q", s)
	}
	if names := dirEntries(t, filepath.Dir(path)); len(names) != 1 {
		t.Fatalf("directory holds %v, want the pipe alone", names)
	}
	if err := a.Abort(); err != nil {
		t.Fatal(err)
	}
}
