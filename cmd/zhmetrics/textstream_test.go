package main

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
)

// firstWriteWriter reports its first write on a channel.
type firstWriteWriter struct {
	once  sync.Once
	wrote chan struct{}
	mu    sync.Mutex
	buf   bytes.Buffer
}

func (w *firstWriteWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.wrote) })
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// TestNormalizeAndSegmentStream: text, normalize and segment write the first
// windows of a long input before the input ends, as extract does, so that
// their memory is bounded by windows rather than by the file.
func TestNormalizeAndSegmentStream(t *testing.T) {
	long := strings.Repeat(badinput.ReportSimplified, (3<<20)/len(badinput.ReportSimplified))
	for _, command := range []string{"text", "normalize", "segment"} {
		t.Run(command, func(t *testing.T) {
			r, w := io.Pipe()
			out := &firstWriteWriter{wrote: make(chan struct{})}
			var errOut strings.Builder
			streams := &IOStreams{In: r, Out: out, ErrOut: &errOut}
			done := make(chan int, 1)
			go func() { done <- execute(t.Context(), streams, []string{command, "-"}) }()
			go io.WriteString(w, long) // and the pipe stays open
			select {
			case <-out.wrote:
			case code := <-done:
				t.Fatalf("ended with status %d before the input did", code)
			case <-time.After(30 * time.Second):
				t.Fatal("nothing written while the input is still open: the whole input is held")
			}
			w.Close()
			if code := <-done; code != 0 {
				t.Fatalf("exit status %d: %s", code, errOut.String())
			}
		})
	}
}

// TestNormalizeIsWhatExtractionSees: on a document of several windows,
// normalize prints the clean text of each window in turn, the text that
// extraction reads, and ends with a line break.
func TestNormalizeIsWhatExtractionSees(t *testing.T) {
	long := strings.Repeat("全市共有学校120所，在校学生3.5万人。\n", (3<<20)/50)
	code, stdout, stderr := runCLI(t, long, "normalize", "-")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	_, one, _ := runCLI(t, "全市共有学校120所，在校学生3.5万人。\n", "normalize", "-")
	if want := strings.Repeat(one, (3<<20)/50); stdout != want {
		t.Errorf("normalize of %d lines: %d bytes, want %d", (3<<20)/50, len(stdout), len(want))
	}
}
