package document

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Record is one document of a JSON Lines stream: {"doc": "...", "text": "..."}.
type Record struct {
	Doc  string // "" when the record has no "doc" (before its "text", for a long one)
	Text string
	Line int // 1-based line of the record in the stream
	// Long is set, and Text left empty, for a record longer than
	// ShortRecord: its text is read from Long as the stream goes, and must
	// be read to its end before Next is called again.
	Long *LongText
}

// ShortRecord is the longest line read whole as one record; a longer one
// streams, so that memory is bounded by windows of text, not by records.
const ShortRecord = 1 << 20

// RecordError is a line that is not a valid record. The stream can go on
// after it.
type RecordError struct {
	Line int
	Err  error
}

func (e *RecordError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *RecordError) Unwrap() error { return e.Err }

// RecordReader reads records one line at a time, so that memory is bounded
// by the longest line, whatever the length of the stream.
type RecordReader struct {
	r     *bufio.Reader
	line  int
	buf   []byte
	long  *LongText // the long record being read, if any
	short int       // ShortRecord, or less in tests
}

// NewRecordReader reads JSON Lines records from r.
func NewRecordReader(r io.Reader) *RecordReader {
	return &RecordReader{r: bufio.NewReaderSize(r, 64*1024), short: ShortRecord}
}

// keepBuffer is the largest line buffer kept for the next line; a buffer
// grown by one huge record is given back to the garbage collector.
const keepBuffer = 1 << 20

// jsonSpace is JSON's white space within a line.
const jsonSpace = " \t\r"

// Next returns the next record. Blank lines (of JSON's white space) are
// skipped. At the end of the stream it returns io.EOF. A line that is not
// a valid record yields a *RecordError, after which Next may be called
// again; any other error is a failure to read and ends the stream.
func (rr *RecordReader) Next() (Record, error) {
	if rr.long != nil {
		// The caller stopped reading: skip the rest of the record.
		if _, err := io.Copy(io.Discard, rr.long); err != nil && !errors.As(err, new(*RecordError)) {
			return Record{}, err
		}
		rr.long = nil
	}
	for {
		line, complete, err := rr.readLine()
		if err != nil {
			return Record{}, err
		}
		rr.line++
		if rr.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		}
		if !complete {
			rec, err := rr.startLong(line)
			if err == errBlankLine {
				continue
			}
			return rec, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(bytes.Trim(line, jsonSpace)) == 0 {
			continue // a blank line, of JSON's white space as a long one is
		}
		rec, err := parseRecord(line)
		if err != nil {
			return Record{}, &RecordError{Line: rr.line, Err: err}
		}
		rec.Line = rr.line
		return rec, nil
	}
}

// readLine returns the next line without its line break, or io.EOF when
// there is none. A last line without a line break is still a line. A line
// longer than ShortRecord is returned incomplete: its first bytes, the rest
// left in rr.r.
func (rr *RecordReader) readLine() (line []byte, complete bool, err error) {
	if cap(rr.buf) > keepBuffer {
		rr.buf = nil
	}
	rr.buf = rr.buf[:0]
	for {
		chunk, err := rr.r.ReadSlice('\n')
		rr.buf = append(rr.buf, chunk...)
		switch {
		case err == nil:
			return rr.buf, true, nil
		case errors.Is(err, bufio.ErrBufferFull):
			if len(rr.buf) > rr.short {
				return rr.buf, false, nil
			}
			continue
		case err == io.EOF && len(rr.buf) > 0:
			return rr.buf, true, nil
		default:
			return nil, false, err
		}
	}
}

// parseRecord reads one JSON object with a string "text" and an optional
// string "doc"; other keys are ignored.
func parseRecord(line []byte) (Record, error) {
	if bytes.TrimLeft(line, " \t")[0] != '{' {
		return Record{}, errors.New("not a JSON object")
	}
	// A map, not a struct: keys are matched exactly ("TEXT" is no "text").
	var keys map[string]json.RawMessage
	err := json.Unmarshal(line, &keys)
	fields := struct{ Doc, Text json.RawMessage }{keys["doc"], keys["text"]}
	if err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return Record{}, fmt.Errorf("invalid JSON at byte %d: %v", syntax.Offset, err)
		}
		return Record{}, fmt.Errorf("invalid JSON: %v", err)
	}
	for key := range keys {
		if len(key) > maxKey {
			return Record{}, errLongerThan(maxKey)
		}
	}
	if mayRepeatKeys(line) {
		if err := refuseRepeatedKeys(line); err != nil {
			return Record{}, err
		}
	}
	if fields.Text == nil {
		return Record{}, errors.New(`no "text" key`)
	}
	var rec Record
	if err := stringField("text", fields.Text, &rec.Text); err != nil {
		return Record{}, err
	}
	if fields.Doc != nil {
		if err := stringField("doc", fields.Doc, &rec.Doc); err != nil {
			return Record{}, err
		}
		if len(rec.Doc) > maxDoc {
			return Record{}, errLongerThan(maxDoc)
		}
	}
	return rec, nil
}

// mayRepeatKeys reports a line that may hold "text" or "doc" twice: one
// that spells either twice, or escapes a Latin letter as a key may be
// written ("\u0074ext"). Escaped Chinese text (\u4e07) needs no second
// look, so records written with ASCII escapes are parsed once.
func mayRepeatKeys(line []byte) bool {
	return bytes.Count(line, []byte("text")) > 1 || bytes.Count(line, []byte("doc")) > 1 || bytes.Contains(line, []byte(`\u00`))
}

// refuseRepeatedKeys returns an error when the object, valid JSON, gives
// "text" or "doc" twice, as the streaming reader does: which of two texts
// would be the record's is no guess to make (a map keeps the last).
func refuseRepeatedKeys(line []byte) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	if _, err := dec.Token(); err != nil { // the opening brace
		return err
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if err := dec.Decode(new(json.RawMessage)); err != nil {
			return err
		}
		if key, _ := t.(string); key == "text" || key == "doc" {
			if seen[key] {
				return fmt.Errorf("two %q keys", key)
			}
			seen[key] = true
		}
	}
	return nil
}

func stringField(key string, raw json.RawMessage, dst *string) error {
	if len(raw) == 0 || raw[0] != '"' {
		return fmt.Errorf("%q is %s, not a string", key, jsonKind(raw))
	}
	return json.Unmarshal(raw, dst)
}

func jsonKind(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "empty"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
