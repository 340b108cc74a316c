// Command zhmetrics turns Chinese report text into tidy metric rows.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// IOStreams are the standard streams a command reads and writes, so that
// tests can drive commands without a subprocess.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// exitError carries an exit status out of a command that has already said
// what went wrong on stderr.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	// The live heap is small (a few MB) while allocation is heavy, so the
	// default GC target collects hundreds of times per 10 MB of input;
	// a higher target trades a few MB of memory for about a third more
	// throughput. GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// A soft ceiling keeps that headroom from growing with large
	// workbooks, whose sheet buffers stay live until the file is written.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(250 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	streams := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	os.Exit(execute(ctx, streams, os.Args[1:]))
}

// execute runs the command line args and returns the exit status.
func execute(ctx context.Context, streams *IOStreams, args []string) int {
	root := newRootCmd(streams)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var exit exitError
	if errors.As(err, &exit) {
		return exit.code
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(streams.ErrOut, "zhmetrics: interrupted")
		return 130
	}
	fmt.Fprintln(streams.ErrOut, "zhmetrics:", err)
	return 2
}
