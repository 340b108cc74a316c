//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
)

// openTerminal returns the two ends of a new pseudo-terminal: the side a
// program sees as its terminal, and the side a user would type into.
func openTerminal(t *testing.T) (tty, user *os.File) {
	t.Helper()
	user, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	fd := int(user.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlocking the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pseudo-terminal number: %v", err)
	}
	tty, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("opening the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { tty.Close(); user.Close() })
	return tty, user
}

func TestBinaryFormatsAreNotWrittenToATerminal(t *testing.T) {
	tty, _ := openTerminal(t)
	good := badinput.WriteFile(t, filepath.Join(t.TempDir(), "good.txt"), []byte(badinput.ReportSimplified))
	for _, format := range []string{"xlsx", "parquet", "XLSX"} {
		var errOut strings.Builder
		streams := &IOStreams{In: strings.NewReader(""), Out: tty, ErrOut: &errOut}
		code := execute(t.Context(), streams, []string{"extract", good, "--format", format})
		if code != exitUsage || !strings.Contains(errOut.String(), "use -o FILE") {
			t.Errorf("--format %s to a terminal: exit status %d, stderr %q; want 2 and a hint to use -o FILE", format, code, errOut.String())
		}
	}
}

func TestStdinOnATerminalIsAnnounced(t *testing.T) {
	tty, user := openTerminal(t)
	user.Write([]byte("\x04")) // Ctrl-D: the end of the input
	var out, errOut strings.Builder
	streams := &IOStreams{In: tty, Out: &out, ErrOut: &errOut}
	if code := execute(t.Context(), streams, []string{"extract"}); code != 0 {
		t.Fatalf("exit status %d: %s", code, errOut.String())
	}
	if want := "zhmetrics: reading standard input (Ctrl-D to end)\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
	// Not on a pipe.
	errOut.Reset()
	runCode, _, stderr := runCLI(t, "", "extract")
	if runCode != 0 || stderr != "" {
		t.Errorf("standard input not a terminal: exit status %d, stderr %q; want 0 and nothing", runCode, stderr)
	}
}
