package document

import (
	"bytes"
	"errors"
)

// compoundFileMagic starts every OLE2 compound file: Word 97–2003, Excel
// 97–2003, PowerPoint, MSI.
var compoundFileMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func isCompoundFile(data []byte) bool { return bytes.HasPrefix(data, compoundFileMagic) }

func docText(name string, data []byte, encoding string) (string, Info, error) {
	return "", Info{Format: FormatDOC}, errors.New("doc: Word 97–2003 documents are not read yet")
}
