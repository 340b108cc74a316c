package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/zhmetrics/zhmetrics/output"
)

// exiter ends the process on every way out, a signal included, after
// removing every temporary file: output files not yet committed, and a
// private temporary folder given to libraries (excelize) through TMPDIR.
//
// A signal ends the process at once rather than waiting for the command to
// notice: a read of standard input or the opening of a FIFO nobody reads
// cannot be interrupted, and a user or a task scheduler wants the process
// gone within a moment.
type exiter struct {
	errOut *gatedWriter
	tmpDir string // removed on exit; "" when none could be made
	once   sync.Once
}

func newExiter(stderr *os.File) *exiter {
	ex := &exiter{errOut: &gatedWriter{f: stderr}}
	if dir, err := os.MkdirTemp("", "zhmetrics-"); err == nil {
		ex.tmpDir = dir
		os.Setenv("TMPDIR", dir)
	}
	return ex
}

// watchSignals returns a context cancelled on SIGINT or SIGTERM, which
// then end the process with status 130 or 143 and one line on stderr.
// SIGPIPE is caught too, so that a write to a closed pipe fails with EPIPE
// and the command cleans up instead of dying on the spot.
func (ex *exiter) watchSignals(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
	go func() {
		for sig := range sigs {
			switch sig {
			case os.Interrupt:
				cancel()
				ex.exit(exitInterrupted, "zhmetrics: interrupted")
			case syscall.SIGTERM:
				cancel()
				ex.exit(exitTerminated, "zhmetrics: terminated")
			}
			// SIGPIPE: the failed write returns EPIPE to the command.
		}
	}()
	return ctx
}

// exit removes the temporary files, prints line (if any) as the last line
// on stderr and exits with code. The first call wins; a later one, from
// another goroutine, waits for the process to end.
func (ex *exiter) exit(code int, line string) {
	ex.once.Do(func() {
		ex.errOut.close()
		output.AbortAll()
		if ex.tmpDir != "" {
			os.RemoveAll(ex.tmpDir)
		}
		if line != "" {
			fmt.Fprintln(ex.errOut.f, line)
		}
		os.Exit(code)
	})
	select {}
}

// gatedWriter is standard error until close, after which writes are
// dropped, so that the line saying why the process ends is the last one.
type gatedWriter struct {
	f      *os.File
	closed atomic.Bool
}

func (g *gatedWriter) Write(p []byte) (int, error) {
	if g.closed.Load() {
		return len(p), nil
	}
	return g.f.Write(p)
}

func (g *gatedWriter) close() { g.closed.Store(true) }

// Fd lets a terminal be recognised through the gate.
func (g *gatedWriter) Fd() uintptr { return g.f.Fd() }

// recordingWriter remembers the first error of the writer it wraps, so that
// a failed write to standard output gets its own exit status however the
// command reports it.
type recordingWriter struct {
	w   io.Writer
	err error
}

func (r *recordingWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

// Fd lets a terminal be recognised through the wrapper.
func (r *recordingWriter) Fd() uintptr {
	if f, ok := r.w.(interface{ Fd() uintptr }); ok {
		return f.Fd()
	}
	return ^uintptr(0)
}

func isBrokenPipe(err error) bool {
	return err != nil && errors.Is(err, syscall.EPIPE)
}
