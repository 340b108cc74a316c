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
	for _, args := range [][]string{{"numbers"}, {"text", "-"}, {"normalize", "-"}, {"segment", "-"}} {
		user.Write([]byte("\x04"))
		errOut.Reset()
		if code := execute(t.Context(), streams, args); code != 0 {
			t.Fatalf("%v: exit status %d: %s", args, code, errOut.String())
		}
		if want := "zhmetrics: reading standard input (Ctrl-D to end)\n"; errOut.String() != want {
			t.Errorf("%v: stderr %q, want %q", args, errOut.String(), want)
		}
	}
	// Not on a pipe.
	errOut.Reset()
	runCode, _, stderr := runCLI(t, "", "extract")
	if runCode != 0 || stderr != "" {
		t.Errorf("standard input not a terminal: exit status %d, stderr %q; want 0 and nothing", runCode, stderr)
	}
}

// readAll collects what is written to the terminal until it is closed.
func readAll(user *os.File) <-chan string {
	got := make(chan string, 1)
	go func() {
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := user.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				got <- b.String()
				return
			}
		}
	}()
	return got
}

// TestProgressOnATerminal: a large file shows bytes read while it streams,
// a workbook shows that it is being written, and the run ends with one
// summary line; none of it reaches a pipe.
func TestProgressOnATerminal(t *testing.T) {
	dir := t.TempDir()
	big := badinput.WriteFile(t, filepath.Join(dir, "big.txt"), []byte(badinput.RepeatReport(badinput.ReportSimplified, streamAbove+streamAbove/16)))
	small := badinput.WriteFile(t, filepath.Join(dir, "small.txt"), []byte(badinput.ReportSimplified))
	out := filepath.Join(dir, "out.xlsx")
	tty, user := openTerminal(t)
	got := readAll(user)
	streams := &IOStreams{In: strings.NewReader(""), Out: &strings.Builder{}, ErrOut: tty}
	if code := execute(t.Context(), streams, []string{"extract", big, small, "-o", out}); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	tty.Close()
	shown := <-got
	// The rate's unit (kB/s, MB/s) depends on how busy the machine is.
	for _, want := range []string{"B/s)", "writing " + out, "zhmetrics: 2 documents, ", " rows, 0 skipped, 0 failed → " + out + " in "} {
		if !strings.Contains(shown, want) {
			t.Errorf("the terminal did not show %q:\n%q", want, shown)
		}
	}
	if n := strings.Count(shown, "zhmetrics: "); n != 1 {
		t.Errorf("%d lines from zhmetrics on the terminal, want the one summary:\n%q", n, shown)
	}
	code, _, stderr := runCLI(t, "", "extract", small, "-o", filepath.Join(dir, "again.csv"))
	if code != 0 || stderr != "" {
		t.Errorf("stderr not a terminal: exit status %d, stderr %q; want nothing", code, stderr)
	}
}
