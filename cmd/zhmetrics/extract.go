package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/extract"
	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/output"
	"github.com/zhmetrics/zhmetrics/pipeline"
	"github.com/zhmetrics/zhmetrics/segment"
)

// ExtractOptions are the flags and arguments of `zhmetrics extract`.
type ExtractOptions struct {
	IO *IOStreams

	Paths            []string
	Output           string
	Format           string
	Kinds            []string
	Jobs             int
	Script           string
	Encoding         string
	InputFormat      string
	Globs            []string
	Lexicon          string
	NoEscapeFormulas bool
	BOM              bool
	Header           string
	Quiet            bool
	PDFPassword      string
}

func newCmdExtract(streams *IOStreams, runF func(context.Context, *ExtractOptions) error) *cobra.Command {
	opts := &ExtractOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "extract [PATH...]",
		Short: "Extract metric rows from report files, directories or standard input",
		Long: `Extract counts, percentages, money amounts, measures and named programs.

PATH may be a file, a directory (read recursively; files matching --glob) or
"-" for standard input, which is also read when no PATH is given. Rows come
out in document order, documents in the order given (directories sorted),
whatever --jobs. Without -o, CSV goes to standard output.`,
		Example: `  zhmetrics extract reports/ -o metrics.xlsx
  zhmetrics extract report.txt --kinds percent,money
  cat report.txt | zhmetrics extract --format jsonl | jq .value`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExtract(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (format from its extension: .csv .tsv .jsonl .xlsx .parquet .html; CSV to a device or pipe)")
	f.StringVar(&opts.Format, "format", "", "output format: csv, tsv, jsonl, xlsx, parquet or html (a review page) (overrides the extension)")
	f.StringSliceVar(&opts.Kinds, "kinds", nil, "kinds to report: count,percent,money,measure,program (default all)")
	f.IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), fmt.Sprintf("documents processed in parallel, 1 to %d (default the number of cores)", maxJobs))
	// The usage names the default; the number itself would be the build
	// machine's in the man page.
	f.Lookup("jobs").DefValue = "0"
	f.SetAnnotation("jobs", manDefault, []string{"N"})
	f.StringVar(&opts.Script, "script", "auto", "script conversion: auto (convert what is traditional), t2s, tw2s, hk2s or none")
	f.StringVar(&opts.Encoding, "encoding", "auto", "input encoding: auto, utf-8, gb18030, big5 or utf-16")
	f.StringVar(&opts.InputFormat, "input-format", "", "input format: auto, text, html, docx, doc, rtf, pdf or jsonl (records {\"doc\": …, \"text\": …}, one per line) (default auto for files, text for standard input)")
	f.StringSliceVar(&opts.Globs, "glob", defaultGlobs, "file name patterns read from directories")
	f.StringVar(&opts.Lexicon, "lexicon", "", "add indicator names from a TSV `FILE` (canonical name, then aliases)")
	f.BoolVar(&opts.NoEscapeFormulas, "no-escape-formulas", false, "write text cells starting with = + - @ as they are (for machine consumers)")
	f.BoolVar(&opts.BOM, "bom", false, "start CSV/TSV output with a UTF-8 byte order mark (for Excel on Windows)")
	f.StringVar(&opts.Header, "header", "en", "column names: en or zh")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress display (it shows only when standard error is a terminal)")
	f.StringVar(&opts.PDFPassword, "pdf-password", "", "open encrypted PDFs with this `PASSWORD`")
	return cmd
}

// buildExtractor makes the extractor for a run's kinds and lexicon.
func buildExtractor(kinds []string, lexiconPath string) (*extract.Extractor, error) {
	want := map[string]bool{}
	for _, k := range splitList(kinds) {
		if !validKind(k) {
			return nil, fmt.Errorf("unknown kind %q (want %s)", k, strings.Join(extract.AllKinds, ", "))
		}
		want[k] = true
	}
	lex := extract.DefaultLexicon()
	if lexiconPath != "" {
		f, err := os.Open(lexiconPath)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		defer f.Close()
		if err := lex.Add(f, lexiconPath); err != nil {
			return nil, err
		}
	}
	return extract.New(extract.Options{Kinds: want, Lexicon: lex, Segmenter: segment.Default()}), nil
}

func validKind(k string) bool {
	for _, known := range extract.AllKinds {
		if k == known {
			return true
		}
	}
	return false
}

// maxJobs bounds --jobs: more workers than this only cost memory.
const maxJobs = 1024

func runExtract(ctx context.Context, opts *ExtractOptions) error {
	if opts.Jobs < 1 || opts.Jobs > maxJobs {
		return fmt.Errorf("--jobs %d: want 1 to %d", opts.Jobs, maxJobs)
	}
	globs := splitList(opts.Globs)
	if err := checkGlobs(globs); err != nil {
		return err
	}
	format := strings.ToLower(opts.Format)
	if format == "" {
		format = "csv"
		// A device or pipe (/dev/stdout, >(gzip >x.gz)) is a stream like
		// standard output, CSV unless --format says otherwise.
		if opts.Output != "" && !output.IsStream(opts.Output) {
			f, err := output.FormatFromPath(opts.Output)
			if err != nil {
				return err
			}
			format = f
		}
	}
	if !normalize.ValidScript(opts.Script) {
		return fmt.Errorf("unknown --script %q (want auto, t2s, tw2s, hk2s or none)", opts.Script)
	}
	if err := normalize.ValidEncoding(opts.Encoding); err != nil {
		return err
	}
	if opts.Output == "" && binaryFormat(format) && isTerminal(opts.IO.Out) {
		return fmt.Errorf("refusing to write %s to a terminal; use -o FILE or redirect standard output", format)
	}
	if opts.InputFormat != "" && opts.InputFormat != "jsonl" {
		if err := document.ValidFormat(opts.InputFormat); err != nil {
			return fmt.Errorf("%w, or jsonl", err)
		}
	}
	ex, err := buildExtractor(opts.Kinds, opts.Lexicon)
	if err != nil {
		return err
	}
	inputs := collectInputs(opts.Paths, globs)
	if opts.Output != "" {
		if err := refuseOverwritingInput(opts.Output, inputs); err != nil {
			return err
		}
		if err := checkOutputFolder(opts.Output); err != nil {
			return err
		}
	}
	noteStdinFromTerminal(inputs, opts.IO)

	var dst io.Writer = opts.IO.Out
	var file *output.AtomicFile
	var fileWrites *recordingWriter
	if opts.Output != "" {
		file, err = output.CreateAtomic(opts.Output)
		if err != nil {
			return outputError{err}
		}
		// Abort is a no-op after Commit; it removes the temporary file on
		// every other way out, an interrupt included.
		defer file.Abort()
		stop := context.AfterFunc(ctx, func() { file.Abort() })
		defer stop()
		fileWrites = &recordingWriter{w: file}
		dst = fileWrites
	}
	w, err := output.New(dst, format, output.Options{
		EscapeFormulas: !opts.NoEscapeFormulas,
		BOM:            opts.BOM,
		Header:         opts.Header,
	})
	if err != nil {
		return err
	}
	// Close is idempotent: on a way out with an error (an interrupt
	// included) this releases the writer's temporary files; what it writes
	// goes to the aborted output file.
	defer w.Close()

	// A review page shows each document's text with its rows.
	textOut, keepText := w.(output.TextWriter)
	cfg := pipeline.Config{Encoding: opts.Encoding, Script: opts.Script, Extractor: ex, KeepText: keepText,
		PDFPassword: opts.PDFPassword}
	configFor := func(in input) pipeline.Config {
		c := cfg
		c.InputFormat = inputFormat(opts.InputFormat, in.stdin)
		return c
	}
	// A stream of records is counted by records, not files: no display.
	bar := newProgress(opts.IO.ErrOut, opts.Quiet || opts.InputFormat == "jsonl", inputs)
	failed := 0
	// Small documents are read and extracted by the workers; standard input
	// and large files stream through when their turn comes, so that memory
	// stays bounded however large they are.
	// The documents read but not yet written share a budget of input bytes,
	// since their rows wait in memory: a few dense documents just under
	// streamAbove would otherwise hold gigabytes.
	budget := newInputBudget(ctx, inFlightBytes)
	work := func(i int) outcome {
		in := inputs[i]
		r, size, err := openInput(in, opts.IO.In)
		if err != nil {
			budget.take(i, 0)
			return outcome{res: pipeline.Result{Info: output.DocInfo{Doc: in.doc, Error: err.Error()}, Err: err}}
		}
		// A Word document counts by its text's size, not its zip's.
		cost := size
		if at, ok := r.(io.ReaderAt); ok && size > 0 {
			cost = document.UnpackedSize(at, size)
		}
		if in.stdin || cost > streamAbove {
			r.Close()
			budget.take(i, 0)
			return outcome{stream: true}
		}
		held := budget.take(i, cost)
		data, err := readOpened(r, size)
		r.Close()
		if err != nil {
			return outcome{held: held, res: pipeline.Result{Info: output.DocInfo{Doc: in.doc, Error: err.Error()}, Err: err}}
		}
		return outcome{held: held, res: pipeline.Process(in.doc, data, configFor(in))}
	}
	emit := func(i int, o outcome) error {
		defer budget.give(o.held)
		r := o.res
		if o.stream {
			var err error
			r, err = streamInput(inputs[i], opts.IO.In, configFor(inputs[i]), bar.reader, w)
			if err != nil {
				return err
			}
		}
		if r.Err != nil {
			bar.pause()
			if r.Skipped {
				fmt.Fprintf(opts.IO.ErrOut, "zhmetrics: %s: skipped: %v\n", r.Info.Doc, r.Err)
			} else {
				failed++
				fmt.Fprintf(opts.IO.ErrOut, "zhmetrics: %s: %v\n", r.Info.Doc, r.Err)
			}
		}
		unread := r.Info.Bytes
		if o.stream {
			unread = 0 // counted as it was read
		}
		bar.add(unread, r.Info.Rows, r.Skipped, r.Err != nil && !r.Skipped)
		for _, row := range r.Rows {
			if err := w.WriteRow(row); err != nil {
				return err
			}
		}
		if keepText && r.Text != "" {
			if err := textOut.WriteText(r.Info.Doc, r.Text); err != nil {
				return err
			}
		}
		return w.WriteDocument(r.Info)
	}
	if opts.InputFormat == "jsonl" {
		failed, err = extractRecordInputs(ctx, inputs, opts.IO.In, cfg, opts.Jobs, w, opts.IO.ErrOut)
	} else {
		err = pipeline.Run(ctx, len(inputs), opts.Jobs, work, emit)
	}
	if err == nil {
		if binaryFormat(format) {
			bar.writing(outputName(opts.Output))
		}
		err = w.Close()
	}
	if err == nil && file != nil {
		err = file.Commit()
		if err != nil {
			err = outputError{err}
		}
	}
	bar.finish(outputName(opts.Output), err == nil)
	if err != nil {
		if fileWrites != nil && fileWrites.err != nil && ctx.Err() == nil {
			return outputError{err}
		}
		return err
	}
	if failed > 0 && opts.InputFormat == "jsonl" {
		fmt.Fprintf(opts.IO.ErrOut, "zhmetrics: %s failed\n", plural(failed, "record or input", "records or inputs"))
		return exitError{code: exitSomeFailed}
	}
	if failed > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "zhmetrics: %d of %s failed\n", failed, plural(len(inputs), "input", "inputs"))
		return exitError{code: exitSomeFailed}
	}
	return nil
}

// outputName is how the summary names the output.
func outputName(path string) string {
	if path == "" {
		return "standard output"
	}
	return docName(path)
}

// plural is "1 input" or "3 inputs".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// binaryFormat reports whether format's bytes are no text for a terminal.
func binaryFormat(format string) bool { return format == "xlsx" || format == "parquet" }

// isTerminal reports whether a stream (an *os.File, or a wrapper with Fd)
// is a terminal.
func isTerminal(stream any) bool {
	f, ok := stream.(interface{ Fd() uintptr })
	return ok && f.Fd() != ^uintptr(0) && term.IsTerminal(int(f.Fd()))
}

// noteStdinFromTerminal says that standard input is being read when it is a
// terminal, so that a user who forgot the PATH is not left waiting.
func noteStdinFromTerminal(inputs []input, streams *IOStreams) {
	for _, in := range inputs {
		if in.stdin && isTerminal(streams.In) {
			fmt.Fprintln(streams.ErrOut, "zhmetrics: reading standard input (Ctrl-D to end)")
			return
		}
	}
}

// noteStdin is noteStdinFromTerminal for a command reading only stdin.
func noteStdin(streams *IOStreams) { noteStdinFromTerminal([]input{stdinInput}, streams) }

// checkGlobs refuses a malformed --glob pattern, which would match nothing.
func checkGlobs(globs []string) error {
	for _, g := range globs {
		if _, err := filepath.Match(g, ""); err != nil {
			return fmt.Errorf("--glob %q: bad pattern", g)
		}
	}
	return nil
}

// checkOutputFolder says plainly that -o names a folder that does not
// exist, rather than failing on the temporary file's name.
func checkOutputFolder(path string) error {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("-o %s: folder %s does not exist", docName(path), docName(dir))
	case err == nil && !info.IsDir():
		return fmt.Errorf("-o %s: %s is not a folder", docName(path), docName(dir))
	}
	return nil
}

// refuseOverwritingInput stops a run whose output would replace one of its
// inputs, before anything is read.
func refuseOverwritingInput(out string, inputs []input) error {
	outInfo, err := os.Stat(out)
	if err != nil {
		return nil // a new file cannot be an input
	}
	absOut, _ := filepath.Abs(out)
	for _, in := range inputs {
		if in.stdin || in.err != nil {
			continue
		}
		info, err := os.Stat(in.name)
		if err != nil {
			continue
		}
		if os.SameFile(outInfo, info) {
			return fmt.Errorf("refusing to write %s: it is one of the inputs", absOut)
		}
	}
	return nil
}

// streamAbove is the file size above which a document streams through in
// windows, when its turn comes, rather than being read whole by a worker.
const streamAbove = 4 << 20

// inFlightBytes bounds the input bytes of the documents read by workers
// and not yet written out. Their rows take up to about 15 times their size
// (a page of dense figures), so this keeps memory within a few hundred MB
// whatever --jobs is.
const inFlightBytes = 8 << 20

// inputBudget shares inFlightBytes among the documents in flight. Documents
// take their share in input order, so a later document never holds bytes
// an earlier one waits for (the earliest is the one being written, and
// waiting for it would deadlock the ordered pool).
type inputBudget struct {
	ctx  context.Context
	mu   sync.Mutex
	cond *sync.Cond
	free int64
	max  int64
	next int // the input whose turn it is to take
}

func newInputBudget(ctx context.Context, max int64) *inputBudget {
	b := &inputBudget{ctx: ctx, free: max, max: max}
	b.cond = sync.NewCond(&b.mu)
	// Wake waiters when the run is cancelled.
	context.AfterFunc(ctx, func() {
		b.mu.Lock()
		b.cond.Broadcast()
		b.mu.Unlock()
	})
	return b
}

// take waits for input i's turn and for n bytes (at most the whole budget)
// to be free, takes them and returns how many it took. Every input takes
// once, in order. After cancellation it takes nothing and returns at once.
func (b *inputBudget) take(i int, n int64) int64 {
	n = min(max(n, 0), b.max)
	b.mu.Lock()
	defer b.mu.Unlock()
	for (b.next != i || b.free < n) && b.ctx.Err() == nil {
		b.cond.Wait()
	}
	b.next++
	b.cond.Broadcast()
	if b.ctx.Err() != nil {
		return 0
	}
	b.free -= n
	return n
}

// give returns n bytes taken before.
func (b *inputBudget) give(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.free += n
	b.cond.Broadcast()
	b.mu.Unlock()
}

// outcome is a worker's result for one input: extracted rows, or a note
// that the input streams through when its turn comes.
type outcome struct {
	res    pipeline.Result
	stream bool
	held   int64 // bytes taken from the input budget
}

// streamInput extracts one input a window at a time, writing rows (and,
// for a TextWriter, the text) as they come. The error is the writer's.
func streamInput(in input, stdin io.Reader, cfg pipeline.Config, counted func(io.Reader) io.Reader, w output.Writer) (pipeline.Result, error) {
	r, _, err := openInput(in, stdin)
	if err != nil {
		return pipeline.Result{Info: output.DocInfo{Doc: in.doc, Error: err.Error()}, Err: err}, nil
	}
	defer r.Close()
	var text func(string) error
	if tw, ok := w.(output.TextWriter); ok {
		text = func(s string) error { return tw.WriteText(in.doc, s) }
	}
	return pipeline.ProcessReaderText(in.doc, counted(r), cfg, w.WriteRow, text)
}
