package document

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// MHTML ("single file web page", .mht) is a web page and its pictures in
// one MIME message. Word saves documents this way, and Chinese sites often
// publish such a file named .doc. Its text is the text of its HTML part.

// isMHTML reports whether head starts with the headers of a MIME message
// whose body is multipart/related.
func isMHTML(head []byte) bool {
	r := mimeReader(head)
	start, _ := r.R.Peek(16)
	lower := strings.ToLower(string(start))
	if !strings.HasPrefix(lower, "mime-version:") && !strings.HasPrefix(lower, "content-type:") && !strings.HasPrefix(lower, "from:") {
		return false
	}
	header, _ := r.ReadMIMEHeader() // a header cut at the end of head still has its first fields
	media, _, err := mime.ParseMediaType(header.Get("Content-Type"))
	return err == nil && media == "multipart/related"
}

// mimeReader reads a MIME message from data, past a byte order mark and
// blank lines before its headers.
func mimeReader(data []byte) *textproto.Reader {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return textproto.NewReader(bufio.NewReader(bytes.NewReader(data)))
}

// mhtmlText returns the text of an MHTML file's first HTML part, decoded
// with encoding, or when that is auto with the part's charset (else as an
// HTML page is: its BOM, its meta charset, its bytes).
func mhtmlText(data []byte, encoding string) (string, string, error) {
	r := mimeReader(data)
	header, err := r.ReadMIMEHeader()
	if err != nil {
		return "", "", fmt.Errorf("mhtml: %w", err)
	}
	_, params, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return "", "", errors.New("mhtml: no multipart boundary")
	}
	parts := multipart.NewReader(r.R, params["boundary"])
	for {
		part, err := parts.NextPart() // undoes quoted-printable
		if err == io.EOF {
			return "", "", errors.New("mhtml: no HTML part")
		}
		if err != nil {
			return "", "", fmt.Errorf("mhtml: %w", err)
		}
		media, params, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil || media != "text/html" {
			continue
		}
		body, err := io.ReadAll(transferDecoder(part))
		if err != nil {
			return "", "", fmt.Errorf("mhtml: the HTML part: %w", err)
		}
		if encoding == "" || strings.EqualFold(encoding, "auto") {
			encoding = charsetEncoding(params["charset"])
		}
		return htmlText(body, encoding)
	}
}

// transferDecoder undoes a part's base64 (NextPart has undone
// quoted-printable; base64's decoder skips line ends).
func transferDecoder(part *multipart.Part) io.Reader {
	if strings.EqualFold(strings.TrimSpace(part.Header.Get("Content-Transfer-Encoding")), "base64") {
		return base64.NewDecoder(base64.StdEncoding, part)
	}
	return part
}

// charsetEncoding names, for normalize.Decode, a MIME charset it reads;
// "auto" for any other.
func charsetEncoding(charset string) string {
	switch strings.ToLower(strings.Trim(charset, `" `)) {
	case "utf-8", "utf8":
		return "utf-8"
	case "gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn":
		return "gb18030"
	case "big5", "big5-hkscs", "cp950", "x-x-big5":
		return "big5"
	}
	return "auto"
}
