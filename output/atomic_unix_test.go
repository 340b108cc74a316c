//go:build unix

package output

import (
	"errors"
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

// TestAtomicRefusesPlantedLinks follows the kernel's protected-symlinks
// rule: in a sticky world-writable folder, a link is followed only when
// it belongs to the caller or to the folder's owner.
func TestAtomicRefusesPlantedLinks(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making links owned by other users needs root")
	}
	tests := []struct {
		name             string
		dirOwner, linkBy int
		mode             os.FileMode
		refused          bool
	}{
		{"another user's link in a sticky world-writable folder", 0, 65534, 0o777 | os.ModeSticky, true},
		{"the caller's own link", 0, 0, 0o777 | os.ModeSticky, false},
		{"the folder owner's link", 65534, 65534, 0o777 | os.ModeSticky, false},
		{"a folder that is not sticky", 0, 65534, 0o777, false},
		{"a sticky folder that is not world-writable", 0, 65534, 0o775 | os.ModeSticky, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			victim := filepath.Join(dir, "victim.txt")
			os.WriteFile(victim, []byte("precious"), 0o644)
			shared := filepath.Join(dir, "shared")
			os.Mkdir(shared, 0o755)
			os.Chmod(shared, tt.mode)
			os.Chown(shared, tt.dirOwner, tt.dirOwner)
			link := filepath.Join(shared, "out.csv")
			os.Symlink(victim, link)
			os.Lchown(link, tt.linkBy, tt.linkBy)
			a, err := CreateAtomic(link)
			var unsafe *UnsafeLinkError
			if tt.refused != errors.As(err, &unsafe) {
				t.Fatalf("CreateAtomic: %v, want refused %v", err, tt.refused)
			}
			if a != nil {
				a.Abort()
			}
		})
	}
}
