// Package word reads the text of Word 97–2003 (.doc) and RTF documents.
package word

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"
)

// Word 97–2003 (.doc) documents: a compound file (OLE2) holding a
// WordDocument stream, which starts with the File Information Block (FIB),
// and a table stream (0Table or 1Table) holding the piece table, which
// says where each run of the document's characters lies in WordDocument
// and whether it is stored as UTF-16 or as 8-bit cp1252 ("compressed").
// Chinese text is always in UTF-16 pieces. [MS-DOC] 2.3, 2.4.1, 2.8.35.

// CompoundFileMagic starts every OLE2 compound file: Word 97–2003, Excel
// 97–2003, PowerPoint, MSI.
var CompoundFileMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// IsCompoundFile reports whether data is an OLE2 compound file.
func IsCompoundFile(data []byte) bool { return bytes.HasPrefix(data, CompoundFileMagic) }

// docMaxStream bounds the streams read from one compound file, and
// docMaxChars the characters of its main text.
const (
	docMaxStream = 256 << 20
	docMaxChars  = 64 << 20
)

// FIB fields, as byte offsets into WordDocument.
const (
	fibIdent     = 0x0000 // wIdent, 0xA5EC
	fibNFib      = 0x0002 // nFib: 0x00C1 and later for Word 97
	fibFlags     = 0x000A // fComplex 0x0004, fEncrypted 0x0100, fWhichTblStm 0x0200
	fibBaseSize  = 32
	fibMinNFib   = 0x00C1
	fibFComplex  = 0x0004
	fibFEncrypt  = 0x0100
	fibFWhichTbl = 0x0200
	fibCcpText   = 3 // index of ccpText in FibRgLw97; the other stories' counts follow
	fibCcpFtn    = 4
	fibCcpHdd    = 5
	fibCcpAtn    = 7
	fibCcpEdn    = 8
	fibCcpTxbx   = 9
	fibClx       = 33 // index of the fcClx/lcbClx pair in FibRgFcLcb97
)

// DocText returns the text of a Word 97–2003 document: one line per
// paragraph and per table cell, field results kept and field codes left
// out; then, each after a blank line, the footnotes, the endnotes and the
// text boxes. Headers and footers are page furniture and comments are not
// the document's text: both are left out. A .doc that is really a .docx, RTF or HTML never gets here: Detect
// tells them apart by content.
func DocText(data []byte) (string, error) {
	streams, err := compoundStreams(data, "WordDocument", "0Table", "1Table", "EncryptedPackage")
	if err != nil {
		return "", err
	}
	if streams["EncryptedPackage"] != nil {
		return "", errors.New("doc: encrypted: a password-protected Office document")
	}
	word := streams["WordDocument"]
	if word == nil {
		return "", errors.New("doc: a compound file without a WordDocument stream (an Excel or PowerPoint file?)")
	}
	fib, err := readFIB(word)
	if err != nil {
		return "", err
	}
	table := streams["0Table"]
	if fib.flags&fibFWhichTbl != 0 {
		table = streams["1Table"]
	}
	if table == nil {
		return "", errors.New("doc: damaged: its table stream is missing")
	}
	pieces, err := readPieceTable(table, fib.fcClx, fib.lcbClx)
	if err != nil {
		return "", err
	}
	var text strings.Builder
	for i, story := range fib.stories() {
		if story.end == story.start {
			continue
		}
		raw, err := pieceText(word, pieces, story.start, story.end)
		if err != nil {
			return "", err
		}
		if i == 0 {
			text.WriteString(docPlainText(raw))
			continue
		}
		if notes := noteLines(docPlainText(raw)); notes != "" {
			if text.Len() > 0 {
				text.WriteByte('\n')
			}
			text.WriteString(notes)
		}
	}
	return text.String(), nil
}

// noteLines tidies the text of notes and text boxes: the tab after a
// note's number and the empty paragraphs that end each note and box go.
func noteLines(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimLeft(line, " \t"); line != "" {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// cpRange is the characters [start, end) of one story of a document.
type cpRange struct{ start, end uint32 }

// stories returns the main text's characters, then the footnotes', the
// endnotes' and the text boxes', as they follow one another in the
// document's characters: main text, footnotes, headers, comments,
// endnotes, text boxes ([MS-DOC] 2.3).
func (f fib) stories() []cpRange {
	at := uint64(0)
	next := func(n uint32) cpRange {
		r := cpRange{uint32(min(at, docMaxChars)), uint32(min(at+uint64(n), docMaxChars))}
		at += uint64(n)
		return r
	}
	main, ftn := next(f.ccpText), next(f.ccpFtn)
	next(f.ccpHdd)
	next(f.ccpAtn)
	edn, txbx := next(f.ccpEdn), next(f.ccpTxbx)
	return []cpRange{main, ftn, edn, txbx}
}

// compoundStreams returns the named top-level streams of a compound file
// (absent names are missing from the map).
func compoundStreams(data []byte, names ...string) (streams map[string][]byte, err error) {
	defer func() {
		// The container is untrusted; a reader panic is the file's error.
		if p := recover(); p != nil {
			err = fmt.Errorf("doc: damaged compound file (%v)", p)
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("doc: damaged compound file (%v)", err)
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	streams = map[string][]byte{}
	for f, err := r.Next(); err == nil; f, err = r.Next() {
		if len(f.Path) != 0 || !want[f.Name] || streams[f.Name] != nil {
			continue
		}
		if f.Size < 0 || f.Size > docMaxStream || f.Size > int64(len(data)) {
			return nil, fmt.Errorf("doc: damaged compound file (stream %s of %d bytes)", f.Name, f.Size)
		}
		buf := make([]byte, f.Size)
		if _, err := io.ReadFull(f, buf); err != nil {
			return nil, fmt.Errorf("doc: damaged compound file (stream %s: %v)", f.Name, err)
		}
		streams[f.Name] = buf
	}
	return streams, nil
}

type fib struct {
	flags                                   uint16
	ccpText, ccpFtn, ccpHdd, ccpAtn, ccpEdn uint32
	ccpTxbx                                 uint32
	fcClx, lcbClx                           uint32
}

// readFIB reads the fields of the File Information Block needed for the
// main text, refusing what is not a Word 97–2003 document.
func readFIB(w []byte) (fib, error) {
	var f fib
	if len(w) < fibBaseSize+2 || binary.LittleEndian.Uint16(w[fibIdent:]) != 0xA5EC {
		return f, errors.New("doc: not a Word document (no Word file information block)")
	}
	if nFib := binary.LittleEndian.Uint16(w[fibNFib:]); nFib < fibMinNFib && nFib != 0 {
		return f, fmt.Errorf("doc: a Word 6 or Word 95 document (version %d), not supported; save it as .docx", nFib)
	}
	f.flags = binary.LittleEndian.Uint16(w[fibFlags:])
	if f.flags&fibFEncrypt != 0 {
		return f, errors.New("doc: encrypted: a password is needed")
	}
	at := fibBaseSize
	csw := int(binary.LittleEndian.Uint16(w[at:]))
	at += 2 + 2*csw
	if at+2 > len(w) {
		return f, errDOCTruncated
	}
	cslw := int(binary.LittleEndian.Uint16(w[at:]))
	lw := at + 2
	if cslw <= fibCcpText || lw+4*cslw+2 > len(w) {
		return f, errDOCTruncated
	}
	f.ccpText = binary.LittleEndian.Uint32(w[lw+4*fibCcpText:])
	if cslw > fibCcpTxbx {
		count := func(i int) uint32 { return binary.LittleEndian.Uint32(w[lw+4*i:]) }
		f.ccpFtn, f.ccpHdd, f.ccpAtn, f.ccpEdn, f.ccpTxbx = count(fibCcpFtn), count(fibCcpHdd), count(fibCcpAtn), count(fibCcpEdn), count(fibCcpTxbx)
	}
	at = lw + 4*cslw
	cbRgFcLcb := int(binary.LittleEndian.Uint16(w[at:]))
	blob := at + 2
	if cbRgFcLcb <= fibClx || blob+8*(fibClx+1) > len(w) {
		return f, errDOCTruncated
	}
	f.fcClx = binary.LittleEndian.Uint32(w[blob+8*fibClx:])
	f.lcbClx = binary.LittleEndian.Uint32(w[blob+8*fibClx+4:])
	return f, nil
}

var errDOCTruncated = errors.New("doc: damaged: its file information block is cut short")

// piece is one run of characters: CPs [cpStart, cpEnd) stored at byte
// offset fc of WordDocument, 8-bit when compressed, else UTF-16LE.
type piece struct {
	cpStart, cpEnd uint32
	fc             uint32
	compressed     bool
}

// readPieceTable finds the piece table (Pcdt) in the Clx at table[fc:fc+lcb],
// skipping the property modifiers (Prc) before it.
func readPieceTable(table []byte, fc, lcb uint32) ([]piece, error) {
	if uint64(fc)+uint64(lcb) > uint64(len(table)) || lcb == 0 {
		return nil, errors.New("doc: damaged: no piece table")
	}
	clx := table[fc : fc+lcb]
	for len(clx) > 0 && clx[0] == 0x01 { // Prc: clxt, cbGrpprl, grpprl
		if len(clx) < 3 {
			return nil, errors.New("doc: damaged piece table")
		}
		n := int(int16(binary.LittleEndian.Uint16(clx[1:])))
		if n < 0 || 3+n > len(clx) {
			return nil, errors.New("doc: damaged piece table")
		}
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 0x02 {
		return nil, errors.New("doc: damaged piece table")
	}
	size := binary.LittleEndian.Uint32(clx[1:])
	plc := clx[5:]
	if uint64(size) > uint64(len(plc)) || size < 16 || (size-4)%12 != 0 {
		return nil, errors.New("doc: damaged piece table")
	}
	n := int((size - 4) / 12)
	pieces := make([]piece, n)
	pcds := plc[4*(n+1):]
	for i := range n {
		p := piece{
			cpStart: binary.LittleEndian.Uint32(plc[4*i:]),
			cpEnd:   binary.LittleEndian.Uint32(plc[4*(i+1):]),
		}
		fcc := binary.LittleEndian.Uint32(pcds[8*i+2:])
		p.compressed = fcc&0x40000000 != 0
		p.fc = fcc & 0x3FFFFFFF
		if p.compressed {
			p.fc /= 2
		}
		if p.cpEnd < p.cpStart {
			return nil, errors.New("doc: damaged piece table (pieces out of order)")
		}
		pieces[i] = p
	}
	return pieces, nil
}

// pieceText returns the characters [from, to) of the document.
func pieceText(word []byte, pieces []piece, from, to uint32) ([]rune, error) {
	if to > docMaxChars {
		return nil, fmt.Errorf("doc: too large (%d characters)", to)
	}
	out := make([]rune, 0, to-from)
	for _, p := range pieces {
		if p.cpStart >= to {
			break
		}
		if p.cpEnd <= from {
			continue
		}
		skip := max(from, p.cpStart) - p.cpStart
		n := min(p.cpEnd, to) - p.cpStart - skip
		if p.compressed {
			fc := uint64(p.fc) + uint64(skip)
			if fc+uint64(n) > uint64(len(word)) {
				return nil, errors.New("doc: damaged: a piece lies outside the document")
			}
			out = appendCP1252(out, word[fc:fc+uint64(n)])
			continue
		}
		fc := uint64(p.fc) + 2*uint64(skip)
		if fc+2*uint64(n) > uint64(len(word)) {
			return nil, errors.New("doc: damaged: a piece lies outside the document")
		}
		units := make([]uint16, n)
		for i := range units {
			units[i] = binary.LittleEndian.Uint16(word[fc+2*uint64(i):])
		}
		out = append(out, utf16.Decode(units)...)
	}
	return out, nil
}

// appendCP1252 decodes 8-bit "compressed" characters. [MS-DOC] 2.4.1 maps
// them as Windows-1252.
func appendCP1252(out []rune, b []byte) []rune {
	dec := charmap.Windows1252
	for _, c := range b {
		out = append(out, dec.DecodeByte(c))
	}
	return out
}

// Special characters of Word's main text. [MS-DOC] 2.4.4 and 2.8.25.
const (
	wordParagraph  = '\r'
	wordCellMark   = 0x07 // ends a table cell, and a row
	wordLineBreak  = 0x0B
	wordPageBreak  = 0x0C
	wordColumn     = 0x0E
	wordFieldBegin = 0x13
	wordFieldSep   = 0x14
	wordFieldEnd   = 0x15
	wordNBHyphen   = 0x1E
	wordSoftHyphen = 0x1F
)

// docPlainText turns Word's characters into lines: paragraphs, line
// breaks and table cells end lines (an empty cell and a row's end mark give
// no empty line), a field's code is dropped and its result kept, and
// object anchors and other control characters are left out.
func docPlainText(raw []rune) string {
	var b strings.Builder
	b.Grow(len(raw) * 3)
	// fields holds, for each open field, whether its result has begun;
	// text is shown only when every open field is in its result.
	var fields []bool
	inCode := 0
	lineStart := true
	newline := func() {
		b.WriteByte('\n')
		lineStart = true
	}
	for _, r := range raw {
		switch r {
		case wordFieldBegin:
			fields = append(fields, false)
			inCode++
			continue
		case wordFieldSep:
			if n := len(fields); n > 0 && !fields[n-1] {
				fields[n-1] = true
				inCode--
			}
			continue
		case wordFieldEnd:
			if n := len(fields); n > 0 {
				if !fields[n-1] {
					inCode--
				}
				fields = fields[:n-1]
			}
			continue
		}
		if inCode > 0 {
			continue
		}
		switch {
		case r == wordParagraph, r == wordLineBreak, r == wordPageBreak, r == wordColumn:
			newline()
		case r == wordCellMark:
			if !lineStart {
				newline()
			}
		case r == wordNBHyphen:
			b.WriteByte('-')
			lineStart = false
		case r == '\t':
			b.WriteByte('\t')
			lineStart = false
		case r == wordSoftHyphen, r < 0x20:
			// anchors of pictures, footnotes and comments; optional hyphens
		default:
			b.WriteRune(r)
			lineStart = false
		}
	}
	text := b.String()
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text
}
