//go:build torture

package torture

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
	"github.com/zhmetrics/zhmetrics/output"
)

func readRows(t *testing.T, data string) []output.Row {
	t.Helper()
	rows, err := output.ReadRows(strings.NewReader(data))
	if err != nil {
		t.Fatalf("reading rows: %v", err)
	}
	return rows
}

// sameRows compares rows, ignoring doc, and with only the fact's identity
// (kind, value, unit, qualifier, masking, raw, line) when factsOnly.
func sameRows(t *testing.T, label string, want, got []output.Row, factsOnly bool) {
	t.Helper()
	strip := func(r output.Row) output.Row {
		if factsOnly {
			return output.Row{Line: r.Line, Kind: r.Kind, Value: r.Value, Unit: r.Unit,
				Qualifier: r.Qualifier, Masked: r.Masked, Raw: r.Raw}
		}
		r.Doc = ""
		return r
	}
	if len(want) != len(got) {
		t.Errorf("%s: %d rows, want %d", label, len(got), len(want))
	}
	for i := 0; i < len(want) && i < len(got); i++ {
		if w, g := strip(want[i]), strip(got[i]); !reflect.DeepEqual(w, g) {
			t.Errorf("%s: row %d is %+v, want %+v", label, i, g, w)
			return
		}
	}
}

func TestBadInputBatch(t *testing.T) {
	dir := t.TempDir()
	b := newBatch(t, filepath.Join(dir, "reports"))
	res := run(t, runSpec{args: []string{"extract", b.dir, "--format", "jsonl", "--jobs", "2"}, timeout: 2 * time.Minute})
	if res.code != 1 {
		t.Errorf("exit status %d, want 1: some inputs cannot be read", res.code)
	}
	expectStderr(t, res, b.problems)
	for _, name := range b.skipped {
		for _, line := range res.stderrLines() {
			if strings.Contains(line, name) && !strings.Contains(line, "skipped") {
				t.Errorf("stderr line %q does not say the file was skipped", line)
			}
		}
	}
	failed := len(b.problems) - len(b.skipped)
	if want := fmt.Sprintf("%d of %d inputs failed", failed, b.inputs); !strings.Contains(res.stderr, want) {
		t.Errorf("stderr does not say %q:\n%s", want, res.stderr)
	}
	checkPeak(t, "batch", res)

	byDoc := badinput.RowsByDoc(readRows(t, res.stdout))
	doc := func(name string) []output.Row { return byDoc[filepath.Join(b.dir, name)] }
	for name, text := range b.texts {
		if len(doc(name)) == 0 {
			t.Errorf("%s: no rows", name)
		}
		badinput.CheckGrounded(t, name, text, doc(name))
	}
	for name, like := range b.same {
		sameRows(t, name, doc(like), doc(name), false)
	}
	for name, like := range b.sameFacts {
		sameRows(t, name, doc(like), doc(name), true)
	}
	for _, name := range b.noRows {
		if n := len(doc(name)); n != 0 {
			t.Errorf("%s: %d rows, want none", name, n)
		}
	}
	// Every doc name is valid UTF-8 and leads back to its file: as it is,
	// or Go-quoted when the path is not valid UTF-8.
	for d := range byDoc {
		if !utf8.ValidString(d) {
			t.Errorf("doc name %q is not valid UTF-8", d)
		}
	}
	for _, name := range b.oddNames {
		if len(byDoc[strconv.Quote(filepath.Join(b.dir, name))]) == 0 {
			t.Errorf("no rows under the quoted name of %q", name)
		}
	}

	// Any number of workers gives the same bytes.
	serial := run(t, runSpec{args: []string{"extract", b.dir, "--format", "jsonl", "--jobs", "1"}, timeout: 2 * time.Minute})
	if serial.stdout != res.stdout || serial.stderr != res.stderr {
		t.Error("--jobs 1 and --jobs 2 give different output")
	}

	// The workbook lists every input on its documents sheet and holds the
	// same rows.
	book := filepath.Join(dir, "batch.xlsx")
	if res := run(t, runSpec{args: []string{"extract", b.dir, "-o", book, "--no-escape-formulas"}, timeout: 2 * time.Minute}); res.code != 1 {
		t.Errorf("xlsx: exit status %d, want 1", res.code)
	}
	docs, quantities, programs := readWorkbook(t, book)
	if len(docs) != b.inputs {
		t.Errorf("documents sheet has %d rows, want %d", len(docs), b.inputs)
	}
	for _, d := range docs {
		path := d["doc"]
		if unquoted, err := strconv.Unquote(path); err == nil {
			path = unquoted
		}
		name, _ := filepath.Rel(b.dir, path)
		if _, ok := b.problems[quotedInside(name)]; ok != (d["error"] != "") {
			t.Errorf("documents sheet: %s has error %q", name, d["error"])
		}
	}
	var wantQ, wantP int
	for _, rows := range byDoc {
		for _, r := range rows {
			if r.Kind == "program" {
				wantP++
			} else {
				wantQ++
			}
		}
	}
	if quantities != wantQ || programs != wantP {
		t.Errorf("workbook has %d quantity and %d program rows, JSON Lines %d and %d", quantities, programs, wantQ, wantP)
	}
}

// quotedInside is name as a report shows it inside the quoted path: Go
// escapes for a name that is not clean UTF-8, the name itself otherwise.
func quotedInside(name string) string {
	q := strconv.Quote(name)
	if q[1:len(q)-1] == name {
		return name
	}
	return q[1 : len(q)-1]
}

// readWorkbook returns the documents sheet's rows by column name and the
// number of rows on the metrics and programs sheets.
func readWorkbook(t *testing.T, path string) (docs []map[string]string, quantities, programs int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var header []string
		n := 0
		for rows.Next() {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if header == nil {
				header = cols
				continue
			}
			n++
			if sheet == "documents" {
				m := map[string]string{}
				for i, c := range cols {
					m[header[i]] = c
				}
				docs = append(docs, m)
			}
		}
		rows.Close()
		switch {
		case sheet == "metrics" || strings.HasPrefix(sheet, "metrics_"):
			quantities += n
		case sheet == "programs" || strings.HasPrefix(sheet, "programs_"):
			programs += n
		}
	}
	return docs, quantities, programs
}

func TestAllReadMeansExitZero(t *testing.T) {
	dir := t.TempDir()
	b := newBatch(t, dir)
	args := []string{"extract"}
	for _, name := range append([]string{"简体 utf8.txt", "gbk.txt", "big5.txt"}, b.noRows...) {
		args = append(args, filepath.Join(dir, name))
	}
	res := run(t, runSpec{args: args, timeout: time.Minute})
	if res.code != 0 {
		t.Errorf("exit status %d, want 0 when every file was read (skipped binaries included)\n%s", res.code, res.stderr)
	}
	for _, line := range res.stderrLines() {
		if !strings.Contains(line, "skipped") {
			t.Errorf("unexpected stderr line %q", line)
		}
	}
}

// TestUnreadableForOrdinaryUser runs zhmetrics as an unprivileged user on a
// file and a folder without read permission.
func TestUnreadableForOrdinaryUser(t *testing.T) {
	var user *syscall.Credential
	if os.Geteuid() == 0 {
		user = &syscall.Credential{Uid: 65534, Gid: 65534} // nobody
	}
	dir, err := os.MkdirTemp("", "zhmetrics-perm-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	badinput.WriteFile(t, filepath.Join(dir, "a-good.txt"), []byte(badinput.ReportSimplified))
	secret := badinput.WriteFile(t, filepath.Join(dir, "b-secret.txt"), []byte(badinput.ReportSimplified))
	badinput.WriteFile(t, filepath.Join(dir, "c-closed", "inner.txt"), []byte(badinput.ReportSimplified))
	for _, p := range []string{secret, filepath.Join(dir, "c-closed")} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
	}
	res := run(t, runSpec{args: []string{"extract", "--format", "jsonl", dir}, user: user, dir: dir, timeout: time.Minute})
	if res.code != 1 {
		t.Errorf("exit status %d, want 1", res.code)
	}
	expectStderr(t, res, map[string]string{"b-secret.txt": "permission denied", "c-closed": "permission denied"})
	if rows := badinput.RowsByDoc(readRows(t, res.stdout))[filepath.Join(dir, "a-good.txt")]; len(rows) == 0 {
		t.Error("no rows from the readable file")
	}
}

// docFacts are the facts of one generated document, in order.
type docFacts struct {
	doc   string
	facts []fact
}

// checkHugeOutput reads an output file row by row and checks it holds
// exactly the facts of the documents, in order, each on line 1.
func checkHugeOutput(t *testing.T, path string, docs ...docFacts) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := output.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var want []fact
	var wantDoc []string
	for _, d := range docs {
		want = append(want, d.facts...)
		for range d.facts {
			wantDoc = append(wantDoc, d.doc)
		}
	}
	i, bad := 0, 0
	for ; ; i++ {
		r, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if i < len(want) {
			w := want[i]
			if r.Doc != wantDoc[i] || r.Start != w.start || r.End != w.end || r.Raw != w.raw || r.Line != 1 ||
				r.Value == nil || *r.Value != float64(w.value) {
				if bad++; bad <= 5 {
					t.Errorf("row %d: %s [%d,%d) %q value %v line %d; want %s [%d,%d) %q value %d line 1",
						i, r.Doc, r.Start, r.End, r.Raw, r.Value, r.Line, wantDoc[i], w.start, w.end, w.raw, w.value)
				}
			}
		}
		if len(r.Sentence) > 4096 {
			if bad++; bad <= 5 {
				t.Errorf("row %d: sentence of %d bytes", i, len(r.Sentence))
			}
		}
	}
	if i != len(want) || bad > 0 {
		t.Errorf("%d rows for %d facts, %d wrong", i, len(want), bad)
	}
}

func TestHugeSingleLine(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "one-line.txt")
	facts := writeHugeLine(t, in, 30<<20, 40, 80)
	t.Logf("30 MiB on one line, %d facts", len(facts))
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	for _, format := range []string{"jsonl", "xlsx"} {
		path := filepath.Join(out, "rows."+format)
		res := run(t, runSpec{args: []string{"extract", in, "-o", path}, watch: out, timeout: 5 * time.Minute})
		if res.code != 0 || res.stderr != "" {
			t.Errorf("%s: exit status %d, stderr %q", format, res.code, res.stderr)
		}
		checkPeak(t, "30 MiB line to "+format, res)
		if res.killed != "" {
			continue
		}
		if format == "jsonl" {
			checkHugeOutput(t, path, docFacts{in, facts})
		} else if _, q, p := readWorkbook(t, path); q+p != len(facts) {
			t.Errorf("xlsx: %d rows for %d facts", q+p, len(facts))
		}
		os.Remove(path)
	}
}

func TestHugeFile1GB(t *testing.T) {
	if os.Getenv("ZHMETRICS_TORTURE_BIG") != "1" {
		t.Skip("set ZHMETRICS_TORTURE_BIG=1 to extract a 1 GB file")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "huge.txt")
	facts := writeHugeLine(t, in, 1<<30, 600, 800)
	t.Logf("1 GiB on one line, %d facts", len(facts))
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	path := filepath.Join(out, "rows.csv")
	res := run(t, runSpec{args: []string{"extract", in, "-o", path}, watch: out, timeout: 25 * time.Minute})
	if res.code != 0 || res.stderr != "" {
		t.Errorf("exit status %d, stderr %q", res.code, res.stderr)
	}
	checkPeak(t, "1 GiB line to csv", res)
	if res.killed == "" {
		checkHugeOutput(t, path, docFacts{in, facts})
	}
}

// TestDenseDocumentsInParallel reads documents of a few MB, dense with
// facts, with several workers: whether each is read whole or streamed,
// memory must stay bounded whatever --jobs is, since rows of documents read
// ahead wait in memory for their turn.
func TestDenseDocumentsInParallel(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	var docs []docFacts
	for i, size := range []int64{3900 << 10, 3900 << 10, 3900 << 10, 3900 << 10, 7800 << 10, 7800 << 10, 15 << 20, 15 << 20} {
		path := filepath.Join(in, fmt.Sprintf("dense%d.txt", i))
		docs = append(docs, docFacts{path, writeHugeLine(t, path, size, 40, 80)})
	}
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	path := filepath.Join(out, "rows.jsonl")
	res := run(t, runSpec{args: []string{"extract", in, "-o", path, "--jobs", "4"}, watch: out, timeout: 5 * time.Minute})
	if res.code != 0 || res.stderr != "" {
		t.Errorf("exit status %d, stderr %q", res.code, res.stderr)
	}
	checkPeak(t, "dense documents, --jobs 4", res)
	if res.killed == "" {
		checkHugeOutput(t, path, docs...)
	}
}

var (
	manyOnce sync.Once
	manyDir  string
)

const manyFiles = 100_000

// manyFilesDir is a folder of 100,000 one-line reports, made once.
func manyFilesDir(t *testing.T) string {
	manyOnce.Do(func() {
		start := time.Now()
		dir := filepath.Join(fixtures, "many")
		writeManyFiles(t, dir, manyFiles)
		manyDir = dir
		t.Logf("wrote %d files in %.1fs", manyFiles, time.Since(start).Seconds())
	})
	if manyDir == "" {
		t.Fatal("the folder of many files could not be made")
	}
	return manyDir
}

// firstWriteHook keeps what is written and calls hook before the first
// write.
type firstWriteHook struct {
	mu   sync.Mutex
	hook func()
	buf  bytes.Buffer
}

func (w *firstWriteHook) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.hook != nil {
		w.hook()
		w.hook = nil
	}
	return w.buf.Write(p)
}

// TestManySmallFiles reads a folder of 100,000 files, one of which is
// removed once the run is under way: every other file gives its row, in
// order, the removed one gets one stderr line, and the run fails.
func TestManySmallFiles(t *testing.T) {
	dir := manyFilesDir(t)
	vanishing := badinput.WriteFile(t, filepath.Join(dir, "zz-vanishing.txt"), []byte(badinput.ReportSimplified))
	defer os.Remove(vanishing)
	removed := false
	// The first rows come out long after the folder was listed and long
	// before its last file is read.
	out := &firstWriteHook{hook: func() { removed = os.Remove(vanishing) == nil }}
	res := run(t, runSpec{args: []string{"extract", dir}, stdout: out, timeout: 5 * time.Minute})
	checkPeak(t, fmt.Sprintf("%d files", manyFiles), res)
	if !removed {
		t.Fatal("the file was not removed during the run")
	}
	if res.code != 1 {
		t.Errorf("exit status %d, want 1", res.code)
	}
	expectStderr(t, res, map[string]string{"zz-vanishing.txt": "no such file"})
	if want := fmt.Sprintf("1 of %d inputs failed", manyFiles+1); !strings.Contains(res.stderr, want) {
		t.Errorf("stderr does not say %q", want)
	}
	rd, err := output.NewReader(&out.buf)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for ; ; i++ {
		r, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(dir, fmt.Sprintf("r%06d.txt", i))
		if r.Doc != want || r.Value == nil || *r.Value != float64(1000+i) {
			t.Fatalf("row %d: %s value %v, want %s value %d", i, r.Doc, r.Value, want, 1000+i)
		}
	}
	if i != manyFiles {
		t.Errorf("%d rows, want %d", i, manyFiles)
	}
}

// TestInterrupt stops runs with SIGINT and SIGTERM while they write an
// output file, and checks the previous file is untouched and no temporary
// file is left, beside the output or in TMPDIR.
func TestInterrupt(t *testing.T) {
	dir := manyFilesDir(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, format := range []string{"csv", "xlsx"} {
			t.Run(fmt.Sprintf("%v/%s", sig, format), func(t *testing.T) {
				outDir, tmpDir := t.TempDir(), t.TempDir()
				out := filepath.Join(outDir, "metrics."+format)
				previous := []byte("previous output, which must survive\n")
				badinput.WriteFile(t, out, previous)
				sent := make(chan time.Time, 1)
				res := run(t, runSpec{
					args: []string{"extract", dir, "-o", out}, env: []string{"TMPDIR=" + tmpDir},
					timeout: 5 * time.Minute,
					started: func(p *os.Process) {
						go func() {
							// Wait for the temporary output file, then a little more.
							for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
								if tmps, _ := filepath.Glob(filepath.Join(outDir, ".*tmp*")); len(tmps) > 0 {
									break
								}
								time.Sleep(10 * time.Millisecond)
							}
							time.Sleep(500 * time.Millisecond)
							sent <- time.Now()
							p.Signal(sig)
						}()
					},
				})
				select {
				case <-sent:
				default:
					t.Fatalf("the run ended (status %d) before the signal was sent", res.code)
				}
				if res.code == 0 {
					t.Errorf("exit status 0 after %v", sig)
				}
				t.Logf("exit status %d after %v, stderr %q", res.code, sig, res.stderr)
				if got, err := os.ReadFile(out); err != nil || !bytes.Equal(got, previous) {
					t.Errorf("the previous output changed (err %v): %q", err, firstBytes(got))
				}
				for _, d := range []string{outDir, tmpDir} {
					entries, _ := os.ReadDir(d)
					for _, e := range entries {
						if filepath.Join(d, e.Name()) != out {
							t.Errorf("left behind: %s", filepath.Join(d, e.Name()))
						}
					}
				}
			})
		}
	}
}

func firstBytes(b []byte) []byte {
	if len(b) > 80 {
		return b[:80]
	}
	return b
}

func TestRefusesOutputThatIsAnInput(t *testing.T) {
	dir := t.TempDir()
	report := badinput.WriteFile(t, filepath.Join(dir, "report.csv"), []byte(badinput.ReportSimplified))
	res := run(t, runSpec{args: []string{"extract", report, "-o", report}, timeout: time.Minute})
	if res.code != 2 || !strings.Contains(res.stderr, "one of the inputs") {
		t.Errorf("exit status %d, stderr %q; want 2 and a refusal", res.code, res.stderr)
	}
	if got, _ := os.ReadFile(report); string(got) != badinput.ReportSimplified {
		t.Error("the input was changed")
	}
}
