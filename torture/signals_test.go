//go:build torture

package torture

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
)

// TestSignals stops every command of the built binary with SIGINT and
// SIGTERM while it is blocked on a pipe: exit status 130 or 143 within 2 s,
// one stderr line, no temporary file left, the previous output intact.
func TestSignals(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.txt")
	badinput.WriteFile(t, big, bytes.Repeat([]byte(badinput.ReportSimplified), 2000))
	for _, s := range badinput.Signals {
		for _, c := range badinput.SignalCases("..", big) {
			t.Run(badinput.SignalCaseName(s.Sig, c), func(t *testing.T) {
				took := badinput.CheckSignalStops(t, zhmetrics, nil, c, s.Sig, s.Code, s.Stderr)
				t.Logf("ended %v after %v", took.Round(time.Millisecond), s.Sig)
			})
		}
	}
}

// TestTextStagesStreamInBoundedMemory runs text, normalize and segment on a
// generated 40 MiB file: memory is bounded by windows, not by the file.
func TestTextStagesStreamInBoundedMemory(t *testing.T) {
	const maxTextStageRSS = 300 << 20
	in := filepath.Join(t.TempDir(), "long.txt")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	for written := 0; written < 40<<20; written += len(badinput.ReportSimplified) {
		io.WriteString(f, badinput.ReportSimplified)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for _, command := range []string{"text", "normalize", "segment"} {
		var lines lineCounter
		res := run(t, runSpec{args: []string{command, in}, stdout: &lines, timeout: 10 * time.Minute})
		if res.code != 0 || res.stderr != "" {
			t.Errorf("%s: exit status %d, stderr %q", command, res.code, res.stderr)
		}
		if lines.n == 0 {
			t.Errorf("%s: no output", command)
		}
		checkPeak(t, command+" of 40 MiB", res)
		if res.peakRSS > maxTextStageRSS {
			t.Errorf("%s: peak RSS %s, want ≤ %s", command, mib(res.peakRSS), mib(maxTextStageRSS))
		}
	}
}

// lineCounter counts the lines written to it.
type lineCounter struct{ n int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.n += strings.Count(string(p), "\n")
	return len(p), nil
}
