package document

import (
	"bufio"
	"io"
)

// NewRecordReaderShort is NewRecordReader streaming every record longer
// than short bytes.
func NewRecordReaderShort(r io.Reader, short int) *RecordReader {
	return &RecordReader{r: bufio.NewReaderSize(r, 16), short: short}
}
