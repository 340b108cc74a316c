// Command zhmetrics turns Chinese report text into tidy metric rows.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/zhmetrics/zhmetrics/output"
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

// Exit statuses, as the README and `zhmetrics --help` list them.
const (
	exitOK          = 0
	exitSomeFailed  = 1   // some input could not be read; the rest was written
	exitUsage       = 2   // bad flags, arguments or input paths; nothing written
	exitIOError     = 74  // the output could not be written (EX_IOERR: full disk, EIO)
	exitInterrupted = 130 // SIGINT, as shells report it (128+2)
	exitBrokenPipe  = 141 // the reader of standard output went away (128+13)
	exitTerminated  = 143 // SIGTERM (128+15)
)

// outputError is a failure to create, write or commit the output, which
// exits with exitIOError rather than as a usage error.
type outputError struct{ err error }

func (e outputError) Error() string { return e.err.Error() }
func (e outputError) Unwrap() error { return e.err }

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
	ex := newExiter(os.Stderr)
	ctx := ex.watchSignals(context.Background())
	streams := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: ex.errOut}
	ex.exit(execute(ctx, streams, os.Args[1:]), "")
}

// execute runs the command line args and returns the exit status.
func execute(ctx context.Context, streams *IOStreams, args []string) int {
	out := &recordingWriter{w: streams.Out}
	streams = &IOStreams{In: streams.In, Out: out, ErrOut: streams.ErrOut}
	root := newRootCmd(streams)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var exit exitError
	switch {
	case errors.As(err, &exit):
		return exit.code
	case ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, output.ErrAborted):
		fmt.Fprintln(streams.ErrOut, "zhmetrics: interrupted")
		return exitInterrupted
	case isBrokenPipe(err) || isBrokenPipe(out.err):
		// The reader has what it wanted (`| head`): no message, as for
		// any tool killed by SIGPIPE.
		return exitBrokenPipe
	case out.err != nil:
		fmt.Fprintln(streams.ErrOut, "zhmetrics: writing standard output:", out.err)
		return exitIOError
	}
	fmt.Fprintln(streams.ErrOut, "zhmetrics:", err)
	if errors.As(err, new(*output.UnsafeLinkError)) {
		return exitUsage // a refused -o path, like -o naming an input
	}
	if errors.As(err, new(outputError)) {
		return exitIOError
	}
	return exitUsage
}
