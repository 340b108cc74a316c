package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/normalize"
	"github.com/zhmetrics/zhmetrics/output"
	"github.com/zhmetrics/zhmetrics/pipeline"
)

// streamItem is one line of a JSON Lines stream: a record to extract, or
// why the line is not a record.
type streamItem struct {
	line   int
	name   string
	text   string
	badErr error
}

// streamResult is a line's outcome.
type streamResult struct {
	line   int
	badErr error
	res    pipeline.Result
}

// extractRecords reads JSON Lines records {"doc": …, "text": …} from r
// (named source in messages) and writes each record's rows, in input order,
// as soon as the record and those before it are done, so that it can sit in
// a pipe (Spark's RDD.pipe, Hadoop Streaming, GNU parallel --pipe). At most
// 2×jobs records are held at a time. A line that is not a valid record, or
// a record that fails, is reported on errOut as "zhmetrics: SOURCE:LINE:
// reason" and counted in failed, and the stream goes on. err is a failure
// to read r or to write, which ends the stream.
//
// A record without "doc" is named SOURCE:LINE in its rows (stdin:LINE for
// standard input). When w can
// Flush, it is flushed after every record so that rows leave at once.
func extractRecords(ctx context.Context, r io.Reader, source string, cfg pipeline.Config, jobs int, w output.Writer, errOut io.Writer) (failed int, err error) {
	rr := document.NewRecordReader(r)
	// A long record ends a run of the pool: it streams on its own once the
	// records before it are written, and then the pool starts again.
	var long *document.Record
	next := func() (streamItem, bool, error) {
		rec, err := rr.Next()
		if err == nil && rec.Long != nil {
			long = &rec
			return streamItem{}, false, nil
		}
		var bad *document.RecordError
		switch {
		case err == io.EOF:
			return streamItem{}, false, nil
		case errors.As(err, &bad):
			return streamItem{line: bad.Line, badErr: bad.Err}, true, nil
		case err != nil:
			return streamItem{}, false, fmt.Errorf("%s: %w", source, err)
		}
		name := rec.Doc
		if name == "" {
			name = recordName(source, rec.Line)
		}
		return streamItem{line: rec.Line, name: name, text: rec.Text}, true, nil
	}
	work := func(it streamItem) streamResult {
		if it.badErr != nil {
			return streamResult{line: it.line, badErr: it.badErr}
		}
		return streamResult{line: it.line, res: extractRecord(it.name, it.text, cfg)}
	}
	flusher, _ := w.(interface{ Flush() error })
	emit := func(r streamResult) error {
		if r.badErr != nil {
			failed++
			fmt.Fprintf(errOut, "zhmetrics: %s:%d: %s\n", source, r.line, pipeline.Reason(r.badErr))
			return nil
		}
		if r.res.Err != nil {
			failed++
			fmt.Fprintf(errOut, "zhmetrics: %s:%d: %s: %v\n", source, r.line, r.res.Info.Doc, r.res.Err)
		}
		for _, row := range r.res.Rows {
			if err := w.WriteRow(row); err != nil {
				return err
			}
		}
		if tw, ok := w.(output.TextWriter); ok && r.res.Text != "" {
			if err := tw.WriteText(r.res.Info.Doc, r.res.Text); err != nil {
				return err
			}
		}
		if err := w.WriteDocument(r.res.Info); err != nil {
			return err
		}
		if flusher != nil {
			return flusher.Flush()
		}
		return nil
	}
	for {
		long = nil
		if err := pipeline.RunStream(ctx, jobs, next, work, emit); err != nil || long == nil {
			return failed, err
		}
		res, err := extractLongRecord(*long, source, cfg, w.WriteRow, errOut)
		if err != nil {
			return failed, err
		}
		if res.Err != nil {
			failed++
			var bad *document.RecordError
			if errors.As(res.Err, &bad) {
				fmt.Fprintf(errOut, "zhmetrics: %s:%d: %s\n", source, bad.Line, pipeline.Reason(bad.Err))
			} else {
				fmt.Fprintf(errOut, "zhmetrics: %s:%d: %s: %v\n", source, long.Line, res.Info.Doc, res.Err)
			}
		}
		if err := w.WriteDocument(res.Info); err != nil {
			return failed, err
		}
		if flusher != nil {
			if err := flusher.Flush(); err != nil {
				return failed, err
			}
		}
	}
}

// extractLongRecord extracts a record too long to hold, writing its rows
// as its windows are done. The error is the writer's.
func extractLongRecord(rec document.Record, source string, cfg pipeline.Config, write func(output.Row) error, errOut io.Writer) (pipeline.Result, error) {
	name := rec.Doc
	if name == "" {
		name = recordName(source, rec.Line)
	}
	cfg.InputFormat, cfg.Encoding = document.FormatText, normalize.EncUTF8
	res, err := pipeline.ProcessReader(name, rec.Long, cfg, write)
	if err == nil && rec.Doc == "" && rec.Long.DocAfter() != "" {
		fmt.Fprintf(errOut, "zhmetrics: %s:%d: \"doc\" comes after a \"text\" of more than %d MiB: rows named %s\n",
			source, rec.Line, document.ShortRecord>>20, name)
	}
	return res, err
}

// recordName names a record that has no "doc" by where it is. Standard
// input is "stdin" rather than "-", which a spreadsheet would take for the
// start of a formula.
func recordName(source string, line int) string {
	if source == "-" {
		source = "stdin"
	}
	return fmt.Sprintf("%s:%d", source, line)
}

// extractRecordInputs runs extractRecords on every input in turn (a file,
// or standard input). An input that cannot be opened is reported and
// counted in failed, and the next one is read.
func extractRecordInputs(ctx context.Context, inputs []input, stdin io.Reader, cfg pipeline.Config, jobs int, w output.Writer, errOut io.Writer) (failed int, err error) {
	for _, in := range inputs {
		n, err := extractRecordInput(ctx, in, stdin, cfg, jobs, w, errOut)
		failed += n
		if err != nil {
			return failed, err
		}
	}
	return failed, nil
}

func extractRecordInput(ctx context.Context, in input, stdin io.Reader, cfg pipeline.Config, jobs int, w output.Writer, errOut io.Writer) (failed int, err error) {
	r, _, err := openInput(in, stdin)
	if err != nil {
		fmt.Fprintf(errOut, "zhmetrics: %s: %v\n", in.doc, err)
		return 1, nil
	}
	defer r.Close()
	return extractRecords(ctx, r, in.doc, cfg, jobs, w, errOut)
}

// extractRecord extracts one record's text. A failure inside is the
// record's error, never a crash of the stream.
func extractRecord(name, text string, cfg pipeline.Config) (res pipeline.Result) {
	info := output.DocInfo{Doc: name, Bytes: int64(len(text)), Encoding: normalize.EncUTF8}
	res = pipeline.Result{Info: info}
	defer func() {
		if p := recover(); p != nil {
			err := fmt.Errorf("internal error: %v", p)
			info.Error = err.Error()
			res = pipeline.Result{Info: info, Err: err}
		}
	}()
	rows, script, converted, err := pipeline.ExtractText(name, text, cfg)
	res.Info.Script, res.Info.Converted = script, converted
	if err != nil {
		res.Err = err
		res.Info.Error = err.Error()
		return res
	}
	res.Rows = rows
	res.Info.Rows = len(rows)
	if cfg.KeepText {
		res.Text = text
	}
	return res
}
