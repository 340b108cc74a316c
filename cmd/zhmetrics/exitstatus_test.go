package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
)

// failingWriter fails every write with err, as a full disk or a broken
// pipe does.
type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// TestOutputFailuresHaveTheirOwnStatus: a full disk or an I/O error on the
// output exits 74 with one line, a closed pipe 141 with none, and neither
// is taken for a usage error (2).
func TestOutputFailuresHaveTheirOwnStatus(t *testing.T) {
	good := badinput.WriteFile(t, filepath.Join(t.TempDir(), "good.txt"), []byte(badinput.ReportSimplified))
	for _, c := range []struct {
		name   string
		out    error // standard output's error, or nil
		args   []string
		code   int
		stderr string
	}{
		{"stdout full", syscall.ENOSPC, []string{"extract", good}, exitIOError, "no space left on device"},
		{"stdout EIO", syscall.EIO, []string{"extract", good, "--format", "jsonl"}, exitIOError, "input/output error"},
		{"stdout closed", syscall.EPIPE, []string{"extract", good}, exitBrokenPipe, ""},
		{"normalize full", syscall.ENOSPC, []string{"normalize", good}, exitIOError, "no space left on device"},
		{"text full", syscall.ENOSPC, []string{"text", good}, exitIOError, "no space left on device"},
		{"-o /dev/full", nil, []string{"extract", good, "-o", "/dev/full"}, exitIOError, "no space left on device"},
		{"-o /dev/full xlsx", nil, []string{"extract", good, "-o", "/dev/full", "--format", "xlsx"}, exitIOError, "no space left on device"},
	} {
		if strings.HasPrefix(c.args[len(c.args)-1], "/dev/full") || strings.Contains(strings.Join(c.args, " "), "/dev/full") {
			if _, err := os.Stat("/dev/full"); err != nil {
				continue
			}
		}
		var errOut strings.Builder
		streams := &IOStreams{In: strings.NewReader(""), ErrOut: &errOut}
		streams.Out = &strings.Builder{}
		if c.out != nil {
			streams.Out = failingWriter{c.out}
		}
		code := execute(t.Context(), streams, c.args)
		lines := badinput.StderrLines(errOut.String())
		switch {
		case code != c.code:
			t.Errorf("%s: exit status %d, want %d (stderr %q)", c.name, code, c.code, errOut.String())
		case c.stderr == "" && len(lines) != 0:
			t.Errorf("%s: stderr %q, want nothing", c.name, errOut.String())
		case c.stderr != "" && (len(lines) != 1 || !strings.Contains(lines[0], c.stderr)):
			t.Errorf("%s: stderr %q, want one line with %q", c.name, errOut.String(), c.stderr)
		}
	}
}
