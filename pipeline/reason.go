package pipeline

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxReason bounds the reason a message gives: a reason can quote the
// document (an XML element name, a JSON value), which may be megabytes.
const maxReason = 300

// Reason is err's message as it may go on one line of stderr or into a
// cell: at most maxReason bytes, and characters that are not printable
// (controls, line and paragraph separators, bidirectional overrides,
// invalid bytes) written as Go escapes, as odd file names are.
func Reason(err error) string {
	msg := err.Error()
	var b strings.Builder
	for i := 0; i < len(msg); {
		r, size := utf8.DecodeRuneInString(msg[i:])
		if b.Len() >= maxReason {
			fmt.Fprintf(&b, "… (%d bytes more)", len(msg)-i)
			break
		}
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, msg[i])
		case !unicode.IsGraphic(r) && r != ' ':
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(msg[i : i+size])
		}
		i += size
	}
	return b.String()
}

// reasonError is an error whose message is made safe by Reason; errors.Is
// and errors.As still see the error it holds.
type reasonError struct {
	err error
	msg string
}

func (e *reasonError) Error() string { return e.msg }
func (e *reasonError) Unwrap() error { return e.err }

func safeError(err error) error {
	if msg := Reason(err); msg != err.Error() {
		return &reasonError{err: err, msg: msg}
	}
	return err
}
