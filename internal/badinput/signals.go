package badinput

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// SignalCase is a zhmetrics command left blocked on an open pipe: reading
// standard input that never ends, writing to a standard output nobody
// reads, or opening a FIFO nobody reads.
type SignalCase struct {
	Name string
	// Args gives the command line; dir is a fresh folder for outputs.
	Args func(t testing.TB, dir string) []string
	// StdoutBlocks leaves standard output unread, so that writes block.
	StdoutBlocks bool
	// Output is the -o file in dir, which holds a previous output.
	Output string
}

// SignalCases are the blocked runs of every command that reads documents
// or rows. root is the repository root; big is a file whose rows fill a
// pipe.
func SignalCases(root, big string) []SignalCase {
	docs := filepath.Join(root, "testdata", "corpus", "docs")
	gold := filepath.Join(root, "testdata", "corpus", "gold.jsonl")
	fixed := func(args ...string) func(testing.TB, string) []string {
		return func(testing.TB, string) []string { return args }
	}
	return []SignalCase{
		{Name: "extract stdin", Output: "out.csv", Args: func(_ testing.TB, dir string) []string {
			return []string{"extract", "-", "-o", filepath.Join(dir, "out.csv")}
		}},
		{Name: "extract file to stdout", StdoutBlocks: true, Args: fixed("extract", big)},
		{Name: "extract xlsx", Output: "out.xlsx", Args: func(_ testing.TB, dir string) []string {
			return []string{"extract", "-", "-o", filepath.Join(dir, "out.xlsx")}
		}},
		{Name: "extract onto FIFO", Args: func(t testing.TB, dir string) []string {
			fifo := filepath.Join(dir, "fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			return []string{"extract", docs, "-o", fifo}
		}},
		{Name: "normalize", Args: fixed("normalize", "-")},
		{Name: "segment", Args: fixed("segment", "-")},
		{Name: "numbers", Args: fixed("numbers")},
		{Name: "text", Args: fixed("text", "-")},
		{Name: "eval", Args: fixed("eval", "--gold", gold, "--docs", docs, "-")},
	}
}

// Signals are the signals a run must stop on, with the exit status and the
// one stderr line it must end with.
var Signals = []struct {
	Sig    syscall.Signal
	Code   int
	Stderr string
}{
	{syscall.SIGINT, 130, "zhmetrics: interrupted"},
	{syscall.SIGTERM, 143, "zhmetrics: terminated"},
}

// maxSignalExit is how long a run may take to end after a signal.
const maxSignalExit = 2 * time.Second

// CheckSignalStops starts bin (with env added) on case c, sends sig once
// the run is blocked, and checks that it ends within 2 s with status code
// and the one stderr line want, leaves no file beside its output or in
// TMPDIR, and leaves the previous output as it was. It returns how long
// the run took to end.
func CheckSignalStops(t *testing.T, bin string, env []string, c SignalCase, sig syscall.Signal, code int, want string) time.Duration {
	t.Helper()
	dir, tmp := t.TempDir(), t.TempDir()
	previous := []byte("previous output, which must survive\n")
	if c.Output != "" {
		WriteFile(t, filepath.Join(dir, c.Output), previous)
	}
	cmd := exec.Command(bin, c.Args(t, dir)...)
	cmd.Env = append(append(os.Environ(), env...), "TMPDIR="+tmp)
	stdinR, stdinW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdinW.Close()
	go stdinW.Write([]byte(ReportSimplified)) // some text, then the pipe stays open
	cmd.Stdin = stdinR
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if c.StdoutBlocks {
		outR, outW, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer outR.Close()
		defer outW.Close()
		cmd.Stdout = outW
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stdinR.Close()
	time.Sleep(700 * time.Millisecond) // blocked by now
	sent := time.Now()
	cmd.Process.Signal(sig)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running 10 s after %v", sig)
	}
	took := time.Since(sent)
	if took > maxSignalExit {
		t.Errorf("took %v to exit after %v, want ≤ %v", took, sig, maxSignalExit)
	}
	if got := cmd.ProcessState.ExitCode(); got != code {
		t.Errorf("exit status %d, want %d (stderr %q)", got, code, stderr.String())
	}
	if lines := StderrLines(stderr.String()); len(lines) != 1 || lines[0] != want {
		t.Errorf("stderr %q, want the one line %q", stderr.String(), want)
	}
	if c.Output != "" {
		if got, _ := os.ReadFile(filepath.Join(dir, c.Output)); !bytes.Equal(got, previous) {
			t.Errorf("the previous output changed: %q", got)
		}
	}
	for _, d := range []string{dir, tmp} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if name := e.Name(); name != c.Output && name != "fifo" {
				t.Errorf("left behind: %s", filepath.Join(d, name))
			}
		}
	}
	return took
}

// SignalCaseName names a subtest.
func SignalCaseName(sig syscall.Signal, c SignalCase) string {
	return fmt.Sprintf("%v/%s", sig, c.Name)
}
