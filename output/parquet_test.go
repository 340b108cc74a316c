package output

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/parquet-go/parquet-go"
)

func readParquet(t *testing.T, data []byte) (*parquet.File, []parquetRow) {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.Read[parquetRow](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return f, rows
}

func TestParquetRoundTrip(t *testing.T) {
	data := writeAll(t, "parquet", Options{EscapeFormulas: true, BOM: true, Header: "zh"}, sampleRows(), sampleDocs())
	f, got := readParquet(t, data)

	var want []parquetRow
	for _, r := range sampleRows() {
		want = append(want, parquetRow{Doc: r.Doc, Line: int64(r.Line), Start: int64(r.Start), End: int64(r.End),
			Kind: r.Kind, Metric: r.Metric, Canonical: r.Canonical, Value: r.Value, Unit: r.Unit,
			Qualifier: r.Qualifier, Masked: r.Masked, Raw: r.Raw, Sentence: r.Sentence})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows read back:\n got %+v\nwant %+v", got, want)
	}

	// Typed columns, in Columns order, with English names.
	wantTypes := map[string]string{
		"line": "INT64", "start": "INT64", "end": "INT64", "value": "DOUBLE", "masked": "BOOLEAN", "page": "INT64",
	}
	fields := f.Schema().Fields()
	if len(fields) != len(Columns) {
		t.Fatalf("%d columns, want %d", len(fields), len(Columns))
	}
	for i, field := range fields {
		if field.Name() != Columns[i] {
			t.Errorf("column %d is %q, want %q", i, field.Name(), Columns[i])
		}
		typ := field.Type().Kind().String()
		want, numeric := wantTypes[field.Name()]
		if numeric && typ != want {
			t.Errorf("column %s has type %s, want %s", field.Name(), typ, want)
		}
		if !numeric && field.Type().LogicalType().String() != "STRING" {
			t.Errorf("column %s has type %s (%s), want a string", field.Name(), typ, field.Type().LogicalType())
		}
		if optional := field.Optional(); optional != (field.Name() == "value" || field.Name() == "page") {
			t.Errorf("column %s optional = %v", field.Name(), optional)
		}
	}
}

func TestParquetRowGroups(t *testing.T) {
	defer func(old int64) { parquetRowGroupRows = old }(parquetRowGroupRows)
	parquetRowGroupRows = 100

	rows := benchRows(1050)
	data := writeAll(t, "parquet", Options{}, rows, nil)
	f, got := readParquet(t, data)
	if n := len(f.RowGroups()); n != 11 {
		t.Errorf("%d row groups, want 11", n)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows read back, want %d", len(got), len(rows))
	}
	for i, r := range rows {
		if got[i].Line != int64(r.Line) || got[i].Sentence != r.Sentence || !reflect.DeepEqual(got[i].Value, r.Value) {
			t.Fatalf("row %d read back as %+v, want %+v", i, got[i], r)
		}
	}
}

func TestParquetEmpty(t *testing.T) {
	_, got := readParquet(t, writeAll(t, "parquet", Options{}, nil, nil))
	if len(got) != 0 {
		t.Errorf("%d rows, want none", len(got))
	}
}
