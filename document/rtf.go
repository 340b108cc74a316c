package document

import (
	"bytes"
	"errors"
)

func isRTF(data []byte) bool { return bytes.HasPrefix(data, []byte(`{\rtf`)) }

func rtfText(data []byte) (string, string, error) {
	return "", "", errors.New("RTF documents are not read yet")
}
