package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress reports files done, throughput and time left on a terminal. It
// is silent unless standard error is a terminal, so pipes and CI logs stay
// clean.
type progress struct {
	bar   *progressbar.ProgressBar
	total int
	done  int
}

// newProgress returns a progress display for inputs, or nil when errOut is
// not a terminal or quiet is set. Only a shown display costs a look at the
// inputs' sizes.
func newProgress(errOut io.Writer, quiet bool, inputs []input) *progress {
	f, ok := errOut.(*os.File)
	n := len(inputs)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) || n == 0 {
		return nil
	}
	bar := progressbar.NewOptions64(inputSizes(inputs),
		progressbar.OptionSetWriter(errOut),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(24),
		progressbar.OptionSetDescription(fmt.Sprintf("0/%d files", n)),
	)
	return &progress{bar: bar, total: n}
}

// add records one finished input of size bytes.
func (p *progress) add(size int64) {
	if p == nil {
		return
	}
	p.done++
	p.bar.Describe(fmt.Sprintf("%d/%d files", p.done, p.total))
	_ = p.bar.Add64(size)
}

// pause clears the display so that a message can be printed; it comes
// back with the next update.
func (p *progress) pause() {
	if p != nil {
		_ = p.bar.Clear()
	}
}

// finish removes the display before the final messages.
func (p *progress) finish() {
	if p == nil {
		return
	}
	_ = p.bar.Finish()
	_ = p.bar.Clear()
}

// inputSizes adds up the sizes of the inputs that are files.
func inputSizes(inputs []input) int64 {
	var total int64
	for _, in := range inputs {
		if in.stdin || in.err != nil {
			continue
		}
		if info, err := os.Stat(in.name); err == nil {
			total += info.Size()
		}
	}
	return total
}
