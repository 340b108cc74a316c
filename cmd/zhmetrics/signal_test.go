package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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

// TestSignalsStopEveryCommand sends SIGINT and SIGTERM to every command
// while it is blocked on a pipe and checks that it ends within 2 s with
// status 130 or 143 and one line on stderr, leaves no temporary file beside
// its output or in TMPDIR, and leaves the previous output as it was.
func TestSignalsStopEveryCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs subprocesses")
	}
	big := filepath.Join(t.TempDir(), "big.txt")
	badinput.WriteFile(t, big, bytes.Repeat([]byte(badinput.ReportSimplified), 2000))
	for _, s := range badinput.Signals {
		for _, c := range badinput.SignalCases(filepath.Join("..", ".."), big) {
			t.Run(badinput.SignalCaseName(s.Sig, c), func(t *testing.T) {
				badinput.CheckSignalStops(t, os.Args[0], []string{asMainEnv + "=1"}, c, s.Sig, s.Code, s.Stderr)
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
