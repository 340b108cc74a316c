package document_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/zhmetrics/zhmetrics/document"
)

// readAll returns the records and the per-line errors of a stream, in order,
// one string each.
func readAll(t *testing.T, r io.Reader) ([]string, error) {
	return readRecords(t, document.NewRecordReader(r))
}

// readRecords is readAll, reading the text of a long record as it streams.
func readRecords(t *testing.T, rr *document.RecordReader) ([]string, error) {
	t.Helper()
	var got []string
	for {
		rec, err := rr.Next()
		if err == io.EOF {
			return got, nil
		}
		var recErr *document.RecordError
		if errors.As(err, &recErr) {
			got = append(got, "error "+recErr.Error())
			continue
		}
		if err != nil {
			return got, err
		}
		if rec.Long != nil {
			text, err := io.ReadAll(rec.Long)
			if errors.As(err, &recErr) {
				got = append(got, "error "+recErr.Error())
				continue
			}
			if err != nil {
				return got, err
			}
			if rec.Doc == "" {
				rec.Doc = rec.Long.DocAfter()
			}
			rec.Text = string(text)
		}
		got = append(got, fmt.Sprintf("%d %q %q", rec.Line, rec.Doc, rec.Text))
	}
}

func TestRecordReader(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"records", `{"doc": "a", "text": "招生1200人"}` + "\n" + `{"text": "增长5%", "doc": "b", "id": 7}` + "\n",
			[]string{`1 "a" "招生1200人"`, `2 "b" "增长5%"`}},
		{"no final line break, CRLF, blank lines and a BOM",
			"\xEF\xBB\xBF{\"doc\":\"a\",\"text\":\"x\"}\r\n\r\n   \n{\"text\":\"y\"}",
			[]string{`1 "a" "x"`, `4 "" "y"`}},
		{"escapes", `{"text": "第一行\n第二行\u4e07\t\"引\""}`, []string{`1 "" "第一行\n第二行万\t\"引\""`}},
		{"malformed records are reported and skipped",
			`{"doc":"a","text":"1"}` + "\n" +
				`{"doc":"b","text":` + "\n" +
				`["not", "an object"]` + "\n" +
				`{"doc":"c"}` + "\n" +
				`{"doc":"d","text":12}` + "\n" +
				`{"doc":"e","text":null}` + "\n" +
				`{"doc":5,"text":"x"}` + "\n" +
				`{"doc":"f","text":"2"} trailing` + "\n" +
				`{"doc":"g","text":"3"}` + "\n",
			[]string{
				`1 "a" "1"`,
				`error line 2: invalid JSON at byte 18: unexpected end of JSON input`,
				`error line 3: not a JSON object`,
				`error line 4: no "text" key`,
				`error line 5: "text" is a number, not a string`,
				`error line 6: "text" is null, not a string`,
				`error line 7: "doc" is a number, not a string`,
				`error line 8: invalid JSON at byte 24: invalid character 't' after top-level value`,
				`9 "g" "3"`,
			}},
		{"keys are matched exactly", `{"doc": "a", "TEXT": "增长5%"}` + "\n" + `{"Doc": "b", "text": "x"}`,
			[]string{`error line 1: no "text" key`, `2 "" "x"`}},
		{"invalid UTF-8 and surrogate pairs", "{\"text\": \"a\xe4\xb8b\xff\\ud83d\\ude00\"}",
			[]string{"1 \"\" \"a\ufffd\ufffdb\ufffd😀\""}},
		{"nested values skipped", `{"meta": {"a": [1, {"b": null}], "c": "}"}, "text": "x", "n": -1.5e3}`,
			[]string{`1 "" "x"`}},
		{"empty stream", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One byte at a time as well, as a pipe may deliver it.
			for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in))} {
				got, err := readAll(t, r)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
			}
			// Every record long enough to stream gives the same.
			got, err := readRecords(t, document.NewRecordReaderShort(strings.NewReader(tt.in), 16))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("streamed: got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestRecordReaderLongLine(t *testing.T) {
	long := strings.Repeat("招生1200人，", 100000) // 1.5 MB, more than the read buffer
	in := `{"text":"` + long + `"}` + "\n" + `{"text":"short"}` + "\n"
	rr := document.NewRecordReader(strings.NewReader(in))
	rec, err := rr.Next()
	if err != nil || rec.Long == nil {
		t.Fatalf("long record: err=%v, long %v", err, rec.Long != nil)
	}
	if text, err := io.ReadAll(rec.Long); err != nil || string(text) != long {
		t.Fatalf("long record: err=%v, %d bytes", err, len(text))
	}
	rec, err = rr.Next()
	if err != nil || rec.Text != "short" || rec.Line != 2 {
		t.Fatalf("after the long record: %+v %v", rec, err)
	}
}

func TestRecordReaderReadError(t *testing.T) {
	broken := errors.New("broken")
	r := io.MultiReader(strings.NewReader(`{"text":"a"}`+"\n"), iotest.ErrReader(broken))
	got, err := readAll(t, r)
	if !errors.Is(err, broken) || len(got) != 1 {
		t.Fatalf("got %v, %v; want one record, then the read error", got, err)
	}
}
