package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
)

// asMainEnv makes the test binary run main() instead of the tests, so that
// the subprocess tests run the real command without a build step.
const asMainEnv = "ZHMETRICS_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// signalCase is a command left blocked on an open pipe: reading standard
// input that never ends, writing to a standard output nobody reads, or
// opening a FIFO nobody reads.
type signalCase struct {
	name string
	args func(dir string) []string
	// stdoutBlocks leaves standard output unread, so writes block.
	stdoutBlocks bool
	output       string // the -o file, relative to dir, holding previous output
}

func signalCases(t *testing.T, bigFile string) []signalCase {
	t.Helper()
	docs := filepath.Join("..", "..", "testdata", "corpus", "docs")
	gold := filepath.Join("..", "..", "testdata", "corpus", "gold.jsonl")
	return []signalCase{
		{name: "extract stdin", args: func(dir string) []string {
			return []string{"extract", "-", "-o", filepath.Join(dir, "out.csv")}
		}, output: "out.csv"},
		{name: "extract file to stdout", stdoutBlocks: true, args: func(string) []string {
			return []string{"extract", bigFile}
		}},
		{name: "extract xlsx", args: func(dir string) []string {
			return []string{"extract", "-", "-o", filepath.Join(dir, "out.xlsx")}
		}, output: "out.xlsx"},
		{name: "extract onto FIFO", args: func(dir string) []string {
			fifo := filepath.Join(dir, "fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			return []string{"extract", docs, "-o", fifo}
		}},
		{name: "normalize", args: func(string) []string { return []string{"normalize", "-"} }},
		{name: "segment", args: func(string) []string { return []string{"segment", "-"} }},
		{name: "numbers", args: func(string) []string { return []string{"numbers"} }},
		{name: "text", args: func(string) []string { return []string{"text", "-"} }},
		{name: "eval", args: func(string) []string {
			return []string{"eval", "--gold", gold, "--docs", docs, "-"}
		}},
	}
}

// TestSignalsStopEveryCommand sends SIGINT and SIGTERM to every command
// while it is blocked on a pipe and checks that it ends within 2 s with
// status 130 or 143 and one line on stderr, leaves no temporary file beside
// its output or in TMPDIR, and leaves the previous output as it was.
func TestSignalsStopEveryCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs subprocesses")
	}
	bigFile := filepath.Join(t.TempDir(), "big.txt")
	badinput.WriteFile(t, bigFile, bytes.Repeat([]byte(badinput.ReportSimplified), 2000))
	for _, sc := range []struct {
		sig    syscall.Signal
		code   int
		stderr string
	}{
		{syscall.SIGINT, 130, "zhmetrics: interrupted"},
		{syscall.SIGTERM, 143, "zhmetrics: terminated"},
	} {
		for _, c := range signalCases(t, bigFile) {
			t.Run(fmt.Sprintf("%v/%s", sc.sig, c.name), func(t *testing.T) {
				dir, tmp := t.TempDir(), t.TempDir()
				previous := []byte("previous output, which must survive\n")
				if c.output != "" {
					badinput.WriteFile(t, filepath.Join(dir, c.output), previous)
				}
				cmd := exec.Command(os.Args[0], c.args(dir)...)
				cmd.Env = append(os.Environ(), asMainEnv+"=1", "TMPDIR="+tmp)
				stdinR, stdinW, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				defer stdinW.Close()
				// Some text, then the pipe stays open.
				go stdinW.Write([]byte(badinput.ReportSimplified))
				cmd.Stdin = stdinR
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if c.stdoutBlocks {
					outR, outW, err := os.Pipe()
					if err != nil {
						t.Fatal(err)
					}
					defer outR.Close()
					cmd.Stdout = outW
					defer outW.Close()
				}
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				stdinR.Close()
				time.Sleep(700 * time.Millisecond) // blocked by now
				sent := time.Now()
				cmd.Process.Signal(sc.sig)
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				select {
				case <-done:
				case <-time.After(10 * time.Second):
					cmd.Process.Kill()
					<-done
					t.Fatalf("still running 10 s after %v", sc.sig)
				}
				took := time.Since(sent)
				if took > 2*time.Second {
					t.Errorf("took %v to exit after %v, want ≤ 2 s", took, sc.sig)
				}
				if got := cmd.ProcessState.ExitCode(); got != sc.code {
					t.Errorf("exit status %d, want %d (stderr %q)", got, sc.code, stderr.String())
				}
				if lines := badinput.StderrLines(stderr.String()); len(lines) != 1 || lines[0] != sc.stderr {
					t.Errorf("stderr %q, want the one line %q", stderr.String(), sc.stderr)
				}
				if c.output != "" {
					if got, _ := os.ReadFile(filepath.Join(dir, c.output)); !bytes.Equal(got, previous) {
						t.Errorf("the previous output changed: %q", got)
					}
				}
				for _, d := range []string{dir, tmp} {
					entries, _ := os.ReadDir(d)
					for _, e := range entries {
						if name := e.Name(); name != c.output && name != "fifo" {
							t.Errorf("left behind: %s", filepath.Join(d, name))
						}
					}
				}
			})
		}
	}
}

// TestBrokenPipeLeavesNoTemporaryFiles closes the reader of a workbook
// after 10 bytes, as `| head -c 10` does: the run ends quietly with 141 and
// excelize's temporary files are gone.
func TestBrokenPipeLeavesNoTemporaryFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs subprocesses")
	}
	tmp := t.TempDir()
	bigFile := filepath.Join(t.TempDir(), "big.txt")
	badinput.WriteFile(t, bigFile, bytes.Repeat([]byte(badinput.ReportSimplified), 2000))
	cmd := exec.Command(os.Args[0], "extract", bigFile, "--format", "xlsx")
	cmd.Env = append(os.Environ(), asMainEnv+"=1", "TMPDIR="+tmp)
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = outW
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	outW.Close()
	buf := make([]byte, 10)
	if _, err := outR.Read(buf); err != nil {
		t.Fatal(err)
	}
	outR.Close()
	cmd.Wait()
	if got := cmd.ProcessState.ExitCode(); got != exitBrokenPipe {
		t.Errorf("exit status %d, want %d", got, exitBrokenPipe)
	}
	if s := strings.TrimSpace(stderr.String()); s != "" {
		t.Errorf("stderr %q, want nothing", s)
	}
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
}
