package output

import (
	"errors"
	"io"

	"github.com/parquet-go/parquet-go"
)

// parquetRowGroupRows bounds the rows held in memory: the writer finishes a
// row group, and writes it out, every this many rows. Tests lower it.
var parquetRowGroupRows int64 = 64 * 1024

// parquetBatch is how many rows are handed to the Parquet writer at once.
const parquetBatch = 256

// parquetRow is a Row as a Parquet record: line, start and end are INT64,
// value an optional DOUBLE (null when nil), page an optional INT64, masked a BOOLEAN and the rest
// UTF-8 strings. Columns that repeat a few values are dictionary-encoded.
type parquetRow struct {
	Doc       string   `parquet:"doc,dict"`
	Line      int64    `parquet:"line"`
	Start     int64    `parquet:"start"`
	End       int64    `parquet:"end"`
	Kind      string   `parquet:"kind,dict"`
	Metric    string   `parquet:"metric,dict"`
	Canonical string   `parquet:"canonical,dict"`
	Value     *float64 `parquet:"value,optional"`
	Unit      string   `parquet:"unit,dict"`
	Qualifier string   `parquet:"qualifier,dict"`
	Masked    bool     `parquet:"masked"`
	Raw       string   `parquet:"raw"`
	Sentence  string   `parquet:"sentence"`
	Page      *int64   `parquet:"page,optional"` // null for documents without pages
}

// parquetWriter writes an Apache Parquet file, zstd-compressed, with the
// columns in Columns order and English names. Rows stream out one row group
// at a time, so memory stays bounded whatever the row count. Text is never
// formula-escaped and Options.BOM and Options.Header do not apply.
type parquetWriter struct {
	out    *parquet.GenericWriter[parquetRow]
	batch  []parquetRow
	closed bool
}

func newParquetWriter(w io.Writer) *parquetWriter {
	out := parquet.NewGenericWriter[parquetRow](w,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(parquetRowGroupRows),
	)
	return &parquetWriter{out: out, batch: make([]parquetRow, 0, parquetBatch)}
}

func (pw *parquetWriter) WriteRow(r Row) error {
	if pw.closed {
		return errors.New("write to closed parquet writer")
	}
	if err := checkRow(r); err != nil {
		return err
	}
	pr := parquetRow{
		Doc: r.Doc, Line: int64(r.Line), Start: int64(r.Start), End: int64(r.End),
		Kind: r.Kind, Metric: r.Metric, Canonical: r.Canonical,
		Unit: r.Unit, Qualifier: r.Qualifier, Masked: r.Masked,
		Raw: r.Raw, Sentence: r.Sentence,
	}
	if r.Page > 0 {
		page := int64(r.Page)
		pr.Page = &page
	}
	if r.Value != nil {
		v := *r.Value // the row is kept until the batch is written
		pr.Value = &v
	}
	pw.batch = append(pw.batch, pr)
	if len(pw.batch) == cap(pw.batch) {
		return pw.flushBatch()
	}
	return nil
}

func (pw *parquetWriter) flushBatch() error {
	_, err := pw.out.Write(pw.batch)
	clear(pw.batch) // drop references to the rows' strings
	pw.batch = pw.batch[:0]
	return err
}

func (pw *parquetWriter) WriteDocument(DocInfo) error { return nil }

// Close writes the last row group and the file footer.
func (pw *parquetWriter) Close() error {
	if pw.closed {
		return nil
	}
	pw.closed = true
	if err := pw.flushBatch(); err != nil {
		return err
	}
	return pw.out.Close()
}
