package output

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"sort"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxSheetRows is how many data rows a sheet takes before the rows continue
// on a new sheet (metrics_2, metrics_3, …): Excel's 1,048,576 rows less the
// header. Tests lower it.
var maxSheetRows = excelize.TotalRows - 1

// maxCellChars is Excel's limit on the length of a cell's text, counted in
// UTF-16 code units. Longer text is cut to fit, ending with truncatedMarker.
const (
	maxCellChars    = excelize.TotalCellChars
	truncatedMarker = "…[truncated]"
)

// Column widths, in characters, matching Columns, documentColumns and
// summaryColumns.
var (
	rowWidths      = []float64{28, 7, 8, 8, 9, 24, 18, 16, 8, 10, 8, 18, 80, 6}
	documentWidths = []float64{40, 12, 11, 12, 10, 8, 40}
	summaryWidths  = []float64{40, 9, 9, 9, 9, 9, 9}
)

// summaryKinds are the kinds counted on the summary sheet, in column order.
var summaryKinds = []string{"count", "percent", "money", "measure", "program"}

// xlsxWriter writes a workbook with the sheets
//
//	metrics    quantity rows (every kind but "program")
//	programs   program rows
//	documents  one row per WriteDocument call
//	summary    facts per document and kind, as plain numbers (total
//	           counts every row, whatever its kind), in order of first
//	           appearance; a document named again after summaryWindow
//	           others gets a row again
//
// Every sheet is streamed as its rows come, so that memory does not grow
// with the number of documents (a JSON Lines stream of millions of records).
//
// Each sheet has a bold, frozen header row and an autofilter. line, start,
// end and value (and bytes and rows) are numeric cells; masked and converted
// are booleans. Rows are streamed: excelize keeps each sheet's XML in memory
// up to 16 MB and spills the rest to a temporary file. Close deflates the
// parts into another temporary file and copies them to the output in name
// order, so memory stays flat however large the workbook. Past maxSheetRows rows a sheet
// continues on metrics_2, metrics_3, … (programs_2, …) with the same header.
type xlsxWriter struct {
	out    io.Writer
	file   *excelize.File
	lang   string
	escape bool

	boldStyle    int // header cells
	integerStyle int // whole values: #,##0
	decimalStyle int // fractional values, never in scientific notation
	booleanStyle int // masked: TRUE or FALSE

	metrics, programs *sheetSeries
	documents, totals *sheetSeries // the documents and summary sheets
	// pending are the latest documents seen, not yet on the summary sheet,
	// in order of first appearance; byDoc indexes them.
	pending []*docSummary
	byDoc   map[string]*docSummary

	values []any            // reused for each row
	zip    *sortedZipWriter // set when the workbook is written
	closed bool
}

// sheetSeries is one logical sheet, split over several worksheets when it
// outgrows maxSheetRows.
type sheetSeries struct {
	base   string
	header []string
	widths []float64
	sheets []*streamSheet
}

// streamSheet is one worksheet being streamed.
type streamSheet struct {
	name string
	sw   *excelize.StreamWriter
	rows int // data rows written, header excluded
}

// docSummary counts one document's rows by kind.
type docSummary struct {
	doc    string
	counts [5]int // in summaryKinds order
	total  int
}

func newXLSXWriter(w io.Writer, opts Options) (*xlsxWriter, error) {
	rowHeader, err := header(Columns, opts.Header)
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	xw := &xlsxWriter{
		out:    w,
		file:   f,
		lang:   opts.Header,
		escape: opts.EscapeFormulas,
		values: make([]any, len(Columns)),
		byDoc:  map[string]*docSummary{},
	}
	// excelize hands the zip writer its own buffer; write to w instead.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		xw.zip = newSortedZipWriter(w)
		return xw.zip
	})
	decimalFormat := "#,##0.0#########"
	styles := []struct {
		id    *int
		style excelize.Style
	}{
		{&xw.boldStyle, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&xw.integerStyle, excelize.Style{NumFmt: 3}}, // #,##0
		{&xw.decimalStyle, excelize.Style{CustomNumFmt: &decimalFormat}},
		{&xw.booleanStyle, excelize.Style{CustomNumFmt: &booleanFormat}},
	}
	for _, s := range styles {
		if *s.id, err = f.NewStyle(&s.style); err != nil {
			f.Close()
			return nil, err
		}
	}
	// Reuse the default sheet for metrics rather than leave an empty Sheet1.
	if err := f.SetSheetName(f.GetSheetName(0), "metrics"); err != nil {
		f.Close()
		return nil, err
	}
	xw.metrics = &sheetSeries{base: "metrics", header: rowHeader, widths: rowWidths}
	xw.programs = &sheetSeries{base: "programs", header: rowHeader, widths: rowWidths}
	for _, s := range []*sheetSeries{xw.metrics, xw.programs} {
		if _, err := xw.addSheet(s); err != nil {
			f.Close()
			return nil, err
		}
	}
	return xw, nil
}

// booleanFormat shows a boolean cell as TRUE or FALSE in every spreadsheet,
// including those that read a boolean as the number 1 or 0.
var booleanFormat = `"TRUE";"TRUE";"FALSE"`

// printSetup makes a sheet print readably: landscape, as wide as one page,
// with the header row repeated on every page. (Fitting to the page is a
// sheet property, set in addSheet before rows are streamed.)
func (xw *xlsxWriter) printSetup(sheet string) error {
	landscape, wide, tall := "landscape", 1, 0
	err := xw.file.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall})
	if err != nil {
		return err
	}
	return xw.file.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", sheet), Scope: sheet,
	})
}

// addSheet starts the next worksheet of s: widths, frozen header row.
func (xw *xlsxWriter) addSheet(s *sheetSeries) (*streamSheet, error) {
	name := s.base
	if n := len(s.sheets); n > 0 {
		name = fmt.Sprintf("%s_%d", s.base, n+1)
	}
	if idx, _ := xw.file.GetSheetIndex(name); idx < 0 {
		if _, err := xw.file.NewSheet(name); err != nil {
			return nil, err
		}
	}
	fit := true
	if err := xw.file.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	sw, err := xw.file.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	// Widths and panes must be set before the first row is streamed.
	// excelize puts each new width before the earlier ones, and Excel wants
	// them in column order, so set them from the last column back.
	for i := len(s.widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, s.widths[i]); err != nil {
			return nil, err
		}
	}
	err = sw.SetPanes(&excelize.Panes{
		Freeze:      true,
		YSplit:      1,
		TopLeftCell: "A2",
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
	if err != nil {
		return nil, err
	}
	cells := make([]any, len(s.header))
	for i, h := range s.header {
		cells[i] = excelize.Cell{StyleID: xw.boldStyle, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return nil, err
	}
	sh := &streamSheet{name: name, sw: sw}
	s.sheets = append(s.sheets, sh)
	return sh, nil
}

// appendRow streams values as the next data row of s.
func (xw *xlsxWriter) appendRow(s *sheetSeries, values []any) error {
	sh := s.sheets[len(s.sheets)-1]
	if sh.rows >= maxSheetRows {
		var err error
		if sh, err = xw.addSheet(s); err != nil {
			return err
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, sh.rows+2)
	if err != nil {
		return err
	}
	sh.rows++
	return sh.sw.SetRow(cell, values)
}

// text renders a text cell: nil (no cell) when empty, else formula-escaped
// when asked and cut to Excel's limit.
func (xw *xlsxWriter) text(s string) any {
	if s == "" {
		return nil
	}
	if xw.escape {
		s = EscapeFormula(s)
	}
	return truncateCell(s)
}

// number renders a value cell. Whole numbers show with thousands separators,
// fractions with their decimals; neither falls into scientific notation as
// Excel's General format does past eleven digits.
func (xw *xlsxWriter) number(v *float64) any {
	if v == nil {
		return nil
	}
	style := xw.decimalStyle
	if *v == math.Trunc(*v) && math.Abs(*v) < 1e15 {
		style = xw.integerStyle
	}
	return excelize.Cell{StyleID: style, Value: *v}
}

func (xw *xlsxWriter) WriteRow(r Row) error {
	if xw.closed {
		return errors.New("write to closed xlsx writer")
	}
	if err := checkRow(r); err != nil {
		return err
	}
	summary, err := xw.count(r.Doc)
	if err != nil {
		return err
	}
	summary.add(r.Kind)
	v := xw.values
	v[0] = xw.text(r.Doc)
	v[1] = r.Line
	v[2] = r.Start
	v[3] = r.End
	v[4] = xw.text(r.Kind)
	v[5] = xw.text(r.Metric)
	v[6] = xw.text(r.Canonical)
	v[7] = xw.number(r.Value)
	v[8] = xw.text(r.Unit)
	v[9] = xw.text(r.Qualifier)
	v[10] = excelize.Cell{StyleID: xw.booleanStyle, Value: r.Masked}
	v[11] = xw.text(r.Raw)
	v[12] = xw.text(r.Sentence)
	v[13] = nil // an empty cell for documents without pages
	if r.Page > 0 {
		v[13] = r.Page
	}
	series := xw.metrics
	if r.Kind == "program" {
		series = xw.programs
	}
	return xw.appendRow(series, v)
}

// WriteDocument writes d's row on the documents sheet.
func (xw *xlsxWriter) WriteDocument(d DocInfo) error {
	if xw.closed {
		return errors.New("write to closed xlsx writer")
	}
	if _, err := xw.count(d.Doc); err != nil {
		return err
	}
	if xw.documents == nil {
		var err error
		if xw.documents, err = xw.newSeries("documents", documentColumns, documentWidths); err != nil {
			return err
		}
	}
	values := []any{xw.text(d.Doc), d.Bytes, xw.text(d.Encoding), xw.text(d.Script),
		d.Converted, d.Rows, xw.text(d.Error)}
	return xw.appendRow(xw.documents, values)
}

// summaryWindow is how many documents wait for more of their rows before
// their summary row is written. Rows come document by document, so one
// would do; a few more let a caller write a few documents' rows before
// their WriteDocument calls.
const summaryWindow = 64

// count returns doc's summary, adding it on first sight; past
// summaryWindow pending documents, the earliest goes on the summary sheet.
func (xw *xlsxWriter) count(doc string) (*docSummary, error) {
	if s, ok := xw.byDoc[doc]; ok {
		return s, nil
	}
	if len(xw.pending) >= summaryWindow {
		if err := xw.writeSummaryRows(1); err != nil {
			return nil, err
		}
	}
	s := &docSummary{doc: doc}
	xw.byDoc[doc] = s
	xw.pending = append(xw.pending, s)
	return s, nil
}

// writeSummaryRows writes the rows of the n earliest pending documents on
// the summary sheet.
func (xw *xlsxWriter) writeSummaryRows(n int) error {
	if xw.totals == nil {
		var err error
		if xw.totals, err = xw.newSeries("summary", summaryColumns, summaryWidths); err != nil {
			return err
		}
	}
	for _, d := range xw.pending[:n] {
		delete(xw.byDoc, d.doc)
		values := []any{xw.text(d.doc)}
		for _, c := range d.counts {
			values = append(values, c)
		}
		if err := xw.appendRow(xw.totals, append(values, d.total)); err != nil {
			return err
		}
	}
	xw.pending = append(xw.pending[:0], xw.pending[n:]...)
	return nil
}

// newSeries starts a sheet with columns named in the writer's language.
func (xw *xlsxWriter) newSeries(base string, columns []string, widths []float64) (*sheetSeries, error) {
	names, err := header(columns, xw.lang)
	if err != nil {
		return nil, err
	}
	s := &sheetSeries{base: base, header: names, widths: widths}
	if _, err := xw.addSheet(s); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *docSummary) add(kind string) {
	s.total++
	for i, k := range summaryKinds {
		if k == kind {
			s.counts[i]++
		}
	}
}

// Close writes the documents and summary sheets, sets the autofilters and
// writes the workbook to the underlying writer. It always releases
// excelize's temporary files.
func (xw *xlsxWriter) Close() (err error) {
	if xw.closed {
		return nil
	}
	xw.closed = true
	defer func() {
		if cerr := xw.file.Close(); err == nil {
			err = cerr
		}
		if xw.zip != nil {
			if rerr := xw.zip.remove(); err == nil {
				err = rerr
			}
		}
	}()
	if xw.documents == nil {
		if xw.documents, err = xw.newSeries("documents", documentColumns, documentWidths); err != nil {
			return err
		}
	}
	if err := xw.writeSummaryRows(len(xw.pending)); err != nil {
		return err
	}
	var order []*streamSheet
	var widths []int
	for _, s := range []*sheetSeries{xw.metrics, xw.programs, xw.documents, xw.totals} {
		for _, sh := range s.sheets {
			order = append(order, sh)
			widths = append(widths, len(s.header))
		}
	}
	// Later parts of a split sheet were appended at the end; put every
	// sheet in place before the autofilters, which refer to sheet indexes.
	for i, sh := range order {
		if current := xw.file.GetSheetName(i); current != sh.name {
			if err := xw.file.MoveSheet(sh.name, current); err != nil {
				return err
			}
		}
	}
	xw.file.SetActiveSheet(0)
	for i, sh := range order {
		last, err := excelize.CoordinatesToCellName(widths[i], sh.rows+1)
		if err != nil {
			return err
		}
		if err := xw.file.AutoFilter(sh.name, "A1:"+last, nil); err != nil {
			return err
		}
		if err := xw.printSetup(sh.name); err != nil {
			return err
		}
		if err := sh.sw.Flush(); err != nil {
			return err
		}
	}
	return xw.file.Write(xw.out)
}

// truncateCell cuts s to Excel's cell limit, counted in UTF-16 code units,
// marking the cut with truncatedMarker. A cut never splits a character.
func truncateCell(s string) string {
	// A UTF-16 string never has more code units than UTF-8 has bytes.
	if len(s) <= maxCellChars || utf16Len(s) <= maxCellChars {
		return s
	}
	budget := maxCellChars - utf16Len(truncatedMarker)
	units := 0
	for i, r := range s {
		n := utf16RuneLen(r)
		if units+n > budget {
			return s[:i] + truncatedMarker
		}
		units += n
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16RuneLen(r)
	}
	return n
}

// utf16RuneLen is 2 for characters outside the Basic Multilingual Plane.
func utf16RuneLen(r rune) int {
	if r > 0xFFFF && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// sortedZipWriter is the excelize.ZipWriter of every workbook. It writes
// the members in name order, since excelize writes streamed sheets in map
// order, which would give the same rows different bytes from run to run.
// Each member is deflated as it comes into a temporary file, and Close
// copies them from there into the zip in order. The zip goes straight to
// out rather than to the buffer excelize passes in: File.WriteTo copies
// that buffer to its writer only at the end, which would hold the whole
// workbook in memory.
type sortedZipWriter struct {
	out     io.Writer
	tmp     *os.File // deflated members, one after another
	spool   *countingWriter
	fw      *flate.Writer
	members []*zipMember
	current *zipMember // being written, nil once finished
	err     error      // first write error, reported by Create and Close
}

func newSortedZipWriter(out io.Writer) *sortedZipWriter {
	return &sortedZipWriter{out: out}
}

// zipMember is one member's place in the temporary file.
type zipMember struct {
	z          *sortedZipWriter
	name       string
	offset     int64 // of the deflated data in tmp
	compressed int64
	crc        hash.Hash32
	size       uint64
}

func (m *zipMember) Write(p []byte) (int, error) {
	if m.z.err != nil {
		return 0, m.z.err
	}
	m.crc.Write(p)
	m.size += uint64(len(p))
	n, err := m.z.fw.Write(p)
	if err != nil {
		m.z.err = err
	}
	return n, err
}

// countingWriter buffers writes to the temporary file, counting them.
type countingWriter struct {
	*bufio.Writer
	written int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.Writer.Write(p)
	c.written += int64(n)
	return n, err
}

func (z *sortedZipWriter) Create(name string) (io.Writer, error) {
	if err := z.finishMember(); err != nil {
		return nil, err
	}
	if z.tmp == nil {
		tmp, err := os.CreateTemp("", "zhmetrics-xlsx-")
		if err != nil {
			z.err = err
			return nil, err
		}
		z.tmp = tmp
		z.spool = &countingWriter{Writer: bufio.NewWriterSize(tmp, 1<<20)}
		if z.fw, err = flate.NewWriter(z.spool, flate.DefaultCompression); err != nil {
			z.err = err
			return nil, err
		}
	} else {
		z.fw.Reset(z.spool)
	}
	m := &zipMember{z: z, name: name, offset: z.spool.written, crc: crc32.NewIEEE()}
	z.members = append(z.members, m)
	z.current = m
	return m, nil
}

// finishMember ends the deflate stream of the member being written.
func (z *sortedZipWriter) finishMember() error {
	if z.err != nil {
		return z.err
	}
	if z.current == nil {
		return nil
	}
	if err := z.fw.Close(); err != nil {
		z.err = err
		return err
	}
	z.current.compressed = z.spool.written - z.current.offset
	z.current = nil
	return nil
}

func (z *sortedZipWriter) AddFS(fs.FS) error {
	return errors.New("xlsx: adding a file system to a workbook is not supported")
}

// Close writes the zip to out and removes the temporary file.
func (z *sortedZipWriter) Close() error {
	defer z.remove()
	if err := z.finishMember(); err != nil {
		return err
	}
	if z.spool != nil {
		if err := z.spool.Flush(); err != nil {
			return err
		}
	}
	sort.Slice(z.members, func(i, j int) bool { return z.members[i].name < z.members[j].name })
	zw := zip.NewWriter(z.out)
	for _, m := range z.members {
		h := &zip.FileHeader{
			Name:               m.name,
			Method:             zip.Deflate,
			CRC32:              m.crc.Sum32(),
			CompressedSize64:   uint64(m.compressed),
			UncompressedSize64: m.size,
		}
		// Excel wants ZIP64 members to say so in their local header too.
		if m.size >= math.MaxUint32 || m.compressed >= math.MaxUint32 {
			h.ReaderVersion = 45
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, io.NewSectionReader(z.tmp, m.offset, m.compressed)); err != nil {
			return err
		}
	}
	return zw.Close()
}

// remove deletes the temporary file; it is safe to call more than once.
func (z *sortedZipWriter) remove() error {
	if z.tmp == nil {
		return nil
	}
	err := z.tmp.Close()
	if rerr := os.Remove(z.tmp.Name()); err == nil {
		err = rerr
	}
	z.tmp = nil
	return err
}
