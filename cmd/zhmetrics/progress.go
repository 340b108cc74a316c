package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress reports files done, bytes read, throughput and time left on a
// terminal, then the writing of the output, and ends with one summary
// line. It is silent unless standard error is a terminal, so pipes and CI
// logs stay clean.
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	total int
	done  int
	start time.Time

	rows, skipped, failed int
}

// newProgress returns a progress display for inputs, or nil when errOut is
// not a terminal or quiet is set. Only a shown display costs a look at the
// inputs' sizes.
func newProgress(errOut io.Writer, quiet bool, inputs []input) *progress {
	if quiet || !isTerminal(errOut) || len(inputs) == 0 {
		return nil
	}
	return newProgressTo(errOut, inputs)
}

// newProgressTo draws on w whatever w is. Standard input has no size, so
// with it among the inputs the display counts bytes without a total.
func newProgressTo(w io.Writer, inputs []input) *progress {
	total := inputSizes(inputs)
	for _, in := range inputs {
		if in.stdin {
			total = -1
		}
	}
	n := len(inputs)
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(24),
		progressbar.OptionSetDescription(fmt.Sprintf("0/%d files", n)),
	)
	return &progress{w: w, bar: bar, total: n, start: time.Now()}
}

// add records one finished input: its bytes not yet counted by read, and
// its rows and outcome for the summary.
func (p *progress) add(unread int64, rows int, skipped, failed bool) {
	if p == nil {
		return
	}
	p.done++
	p.rows += rows
	if skipped {
		p.skipped++
	}
	if failed {
		p.failed++
	}
	p.bar.Describe(fmt.Sprintf("%d/%d files", p.done, p.total))
	_ = p.bar.Add64(unread)
}

// reader counts the bytes read through r as they come, for a large file or
// standard input streamed through in windows.
func (p *progress) reader(r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return &progressReader{r: r, p: p}
}

type progressReader struct {
	r io.Reader
	p *progress
}

func (r *progressReader) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	_ = r.p.bar.Add64(int64(n))
	return n, err
}

// writing shows that the output is being written (a workbook is written
// whole at the end, a third of a large run).
func (p *progress) writing(name string) {
	if p == nil {
		return
	}
	_ = p.bar.Clear()
	fmt.Fprintf(p.w, "\rwriting %s…", name)
}

// pause clears the display so that a message can be printed; it comes
// back with the next update.
func (p *progress) pause() {
	if p != nil {
		_ = p.bar.Clear()
	}
}

// finish removes the display and, when the run succeeded, prints one
// summary line: documents, rows, skipped, failed, output and time.
func (p *progress) finish(output string, ok bool) {
	if p == nil {
		return
	}
	_ = p.bar.Finish()
	_ = p.bar.Clear()
	fmt.Fprint(p.w, "\r\033[K")
	if !ok {
		return
	}
	fmt.Fprintf(p.w, "zhmetrics: %s, %s, %d skipped, %d failed → %s in %s\n",
		plural(p.done, "document", "documents"), plural(p.rows, "row", "rows"),
		p.skipped, p.failed, output, time.Since(p.start).Round(100*time.Millisecond))
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
