package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/zhmetrics/zhmetrics/output"
	"github.com/zhmetrics/zhmetrics/pipeline"
)

func streamConfig(t *testing.T) pipeline.Config {
	t.Helper()
	ex, err := buildExtractor(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.Config{Encoding: "auto", Script: "auto", Extractor: ex}
}

// jsonlRecord encodes one record as a line.
func jsonlRecord(t *testing.T, doc, text string) string {
	t.Helper()
	b, err := json.Marshal(map[string]string{"doc": doc, "text": text})
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

// runRecords runs extractRecords into JSON Lines and returns the rows.
func runRecords(t *testing.T, in io.Reader, jobs int) ([]output.Row, string, int, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	w, err := output.New(&out, "jsonl", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	failed, runErr := extractRecords(context.Background(), in, "-", streamConfig(t), jobs, w, &errOut)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := output.ReadRows(&out)
	if err != nil {
		t.Fatal(err)
	}
	return rows, errOut.String(), failed, runErr
}

// TestStreamGivesTheRowsOfFiles: the corpus as one record per document
// gives the rows of the same documents read as files, in input order,
// whatever the number of workers.
func TestStreamGivesTheRowsOfFiles(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "docs", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	cfg := streamConfig(t)
	var stream strings.Builder
	var want []output.Row
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		stream.WriteString(jsonlRecord(t, name, string(data)))
		res := pipeline.Process(name, data, cfg)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		want = append(want, res.Rows...)
	}
	for _, jobs := range []int{1, 4} {
		got, stderr, failed, err := runRecords(t, strings.NewReader(stream.String()), jobs)
		if err != nil || failed != 0 || stderr != "" {
			t.Fatalf("jobs=%d: err=%v failed=%d stderr=%q", jobs, err, failed, stderr)
		}
		if len(got) != len(want) {
			t.Fatalf("jobs=%d: %d rows, want %d", jobs, len(got), len(want))
		}
		for i := range want {
			if showStreamRow(got[i]) != showStreamRow(want[i]) {
				t.Fatalf("jobs=%d: row %d\n got  %s\n want %s", jobs, i, showStreamRow(got[i]), showStreamRow(want[i]))
			}
		}
	}
}

func showStreamRow(r output.Row) string {
	v := "-"
	if r.Value != nil {
		v = fmt.Sprint(*r.Value)
	}
	return fmt.Sprintf("%s:%d [%d,%d) %s %s %s %s %q", r.Doc, r.Line, r.Start, r.End, r.Kind, v, r.Unit, r.Metric, r.Raw)
}

func TestStreamMalformedRecordsAreReportedAndSkipped(t *testing.T) {
	in := jsonlRecord(t, "a", "全年招生1200人。") +
		`{"doc": "b", "text": ` + "\n" +
		`{"doc": "c"}` + "\n" +
		"\n" +
		`{"text": "增长5%。"}` + "\n" +
		`{"doc": "d", "text": 7}` + "\n" +
		jsonlRecord(t, "e", "投资3.5亿元。")
	for _, jobs := range []int{1, 3} {
		rows, stderr, failed, err := runRecords(t, iotest.HalfReader(strings.NewReader(in)), jobs)
		if err != nil {
			t.Fatal(err)
		}
		wantErr := "zhmetrics: -:2: invalid JSON at byte 21: unexpected end of JSON input\n" +
			"zhmetrics: -:3: no \"text\" key\n" +
			"zhmetrics: -:6: \"text\" is a number, not a string\n"
		if stderr != wantErr || failed != 3 {
			t.Errorf("jobs=%d: failed=%d, stderr\n%s\nwant 3 and\n%s", jobs, failed, stderr, wantErr)
		}
		var docs []string
		for _, r := range rows {
			docs = append(docs, r.Doc+" "+r.Raw)
		}
		if got, want := strings.Join(docs, "|"), "a 1200人|stdin:5 5%|e 3.5亿元"; got != want {
			t.Errorf("jobs=%d: rows %q, want %q", jobs, got, want)
		}
	}
}

func TestStreamReadErrorKeepsEarlierRows(t *testing.T) {
	broken := errors.New("connection reset")
	in := io.MultiReader(strings.NewReader(jsonlRecord(t, "a", "全年招生1200人。")), iotest.ErrReader(broken))
	rows, _, _, err := runRecords(t, in, 2)
	if !errors.Is(err, broken) || !strings.HasPrefix(err.Error(), "-: ") {
		t.Fatalf("err=%v, want the read error named by its source", err)
	}
	if len(rows) != 1 || rows[0].Doc != "a" {
		t.Fatalf("rows %v, want the row of the record read before the error", rows)
	}
}

// signallingWriter is an output.Writer that reports each row as it is
// written.
type signallingWriter struct {
	rows chan output.Row
}

func (w *signallingWriter) WriteRow(r output.Row) error        { w.rows <- r; return nil }
func (w *signallingWriter) WriteDocument(output.DocInfo) error { return nil }
func (w *signallingWriter) Close() error                       { return nil }

// TestStreamWritesEachRecordWhenDone: a record's rows are written before
// the next record arrives, as a pipe needs.
func TestStreamWritesEachRecordWhenDone(t *testing.T) {
	pr, pw := io.Pipe()
	w := &signallingWriter{rows: make(chan output.Row, 10)}
	done := make(chan error, 1)
	go func() {
		_, err := extractRecords(context.Background(), pr, "-", streamConfig(t), 2, w, io.Discard)
		done <- err
	}()
	for i, text := range []string{"全年招生1200人。", "增长5%。", "投资3.5亿元。"} {
		if _, err := io.WriteString(pw, jsonlRecord(t, fmt.Sprint(i), text)); err != nil {
			t.Fatal(err)
		}
		select {
		case r := <-w.rows:
			if r.Doc != fmt.Sprint(i) {
				t.Fatalf("row of record %s, want record %d", r.Doc, i)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("record %d: no row written while the stream stays open", i)
		}
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestStreamStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pr, pw := io.Pipe() // never written: the read blocks
	defer pw.Close()
	w, err := output.New(io.Discard, "jsonl", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extractRecords(ctx, pr, "-", streamConfig(t), 2, w, io.Discard); !errors.Is(err, context.Canceled) {
		t.Fatalf("err=%v, want context.Canceled", err)
	}
}

// TestStreamInputs: files are read in turn, a record's line is counted in
// its own file, and a missing file is reported without ending the run.
func TestStreamInputs(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	b := filepath.Join(dir, "b.jsonl")
	if err := os.WriteFile(a, []byte(jsonlRecord(t, "", "全年招生1200人。")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("{}\n"+jsonlRecord(t, "", "增长5%。")), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := collectInputs([]string{a, filepath.Join(dir, "missing.jsonl"), b}, nil)
	var out, errOut bytes.Buffer
	w, err := output.New(&out, "jsonl", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	failed, err := extractRecordInputs(context.Background(), inputs, strings.NewReader(""), streamConfig(t), 2, w, &errOut)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := output.ReadRows(&out)
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, r := range rows {
		docs = append(docs, r.Doc)
	}
	if got, want := strings.Join(docs, " "), a+":1 "+b+":2"; got != want {
		t.Errorf("rows from %q, want %q", got, want)
	}
	stderr := errOut.String()
	if failed != 2 || !strings.Contains(stderr, "missing.jsonl: ") || !strings.Contains(stderr, b+`:1: no "text" key`) {
		t.Errorf("failed=%d, stderr:\n%s", failed, stderr)
	}
}

// TestStreamCommand: `extract --input-format jsonl` reads records from
// standard input and reports a bad line without stopping.
func TestStreamCommand(t *testing.T) {
	in := jsonlRecord(t, "a", "全年招生1200人。") + "not json\n" + jsonlRecord(t, "b", "增长5%。")
	code, out, stderr := runCLI(t, in, "extract", "--input-format", "jsonl", "--format", "jsonl")
	if code != 1 || !strings.Contains(stderr, "zhmetrics: -:2: not a JSON object\n") {
		t.Fatalf("exit %d, stderr %q; want 1 and the bad line reported", code, stderr)
	}
	rows, err := output.ReadRows(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Doc != "a" || rows[1].Doc != "b" {
		t.Fatalf("rows %v, want one from a, then one from b", rows)
	}
}
