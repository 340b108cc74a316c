package word

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
)

// wordStream builds a WordDocument stream: a FIB with the given nFib and
// flags, ccpText and the Clx's place in the table stream, then text.
func wordStream(nFib, flags uint16, ccpText, fcClx, lcbClx uint32, text []byte) []byte {
	const csw, cslw, cbRgFcLcb = 14, 22, 93
	size := fibBaseSize + 2 + 2*csw + 2 + 4*cslw + 2 + 8*cbRgFcLcb
	w := make([]byte, size)
	binary.LittleEndian.PutUint16(w[fibIdent:], 0xA5EC)
	binary.LittleEndian.PutUint16(w[fibNFib:], nFib)
	binary.LittleEndian.PutUint16(w[fibFlags:], flags)
	at := fibBaseSize
	binary.LittleEndian.PutUint16(w[at:], csw)
	at += 2 + 2*csw
	binary.LittleEndian.PutUint16(w[at:], cslw)
	binary.LittleEndian.PutUint32(w[at+2+4*fibCcpText:], ccpText)
	at += 2 + 4*cslw
	binary.LittleEndian.PutUint16(w[at:], cbRgFcLcb)
	binary.LittleEndian.PutUint32(w[at+2+8*fibClx:], fcClx)
	binary.LittleEndian.PutUint32(w[at+2+8*fibClx+4:], lcbClx)
	return append(w, text...)
}

// clx builds a Clx with one property modifier and a piece table.
func clx(cps []uint32, fcs []uint32) []byte {
	plc := make([]byte, 4*len(cps)+8*len(fcs))
	for i, cp := range cps {
		binary.LittleEndian.PutUint32(plc[4*i:], cp)
	}
	for i, fc := range fcs {
		binary.LittleEndian.PutUint32(plc[4*len(cps)+8*i+2:], fc)
	}
	out := []byte{0x01, 0x02, 0x00, 0xAA, 0xBB} // Prc with 2 bytes of grpprl
	out = append(out, 0x02, 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[len(out)-4:], uint32(len(plc)))
	return append(out, plc...)
}

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// TestDocPieces reads a main text made of an 8-bit piece and a UTF-16
// piece, in that order in the text but the other way round in the stream.
func TestDocPieces(t *testing.T) {
	chinese := utf16LE("在校学生1200名\r")
	latin := []byte("Caf\xe9 42\r") // cp1252: é
	w := wordStream(0x00C1, 0, 0, 0, 0, nil)
	fcChinese := uint32(len(w))
	w = append(w, chinese...)
	fcLatin := uint32(len(w))
	w = append(w, latin...)
	nLatin, nChinese := uint32(len(latin)), uint32(len(chinese)/2)
	table := clx([]uint32{0, nLatin, nLatin + nChinese}, []uint32{fcLatin*2 | 0x40000000, fcChinese})
	ccp := nLatin + nChinese
	binary.LittleEndian.PutUint32(w[fibBaseSize+2+2*14+2+4*fibCcpText:], ccp)
	binary.LittleEndian.PutUint32(w[fibBaseSize+2+2*14+2+4*22+2+8*fibClx+4:], uint32(len(table)))

	f, err := readFIB(w)
	if err != nil {
		t.Fatal(err)
	}
	pieces, err := readPieceTable(table, f.fcClx, f.lcbClx)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := pieceText(w, pieces, 0, f.ccpText)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := docPlainText(raw), "Café 42\n在校学生1200名\n"; got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
}

func TestDocFIBRefusals(t *testing.T) {
	tests := []struct {
		name string
		w    []byte
		want string
	}{
		{"not Word", append([]byte{0x12, 0x34}, make([]byte, 600)...), "doc: not a Word document"},
		{"Word 95", wordStream(0x0065, 0, 0, 0, 0, nil), "doc: a Word 6 or Word 95 document"},
		{"encrypted", wordStream(0x00C1, fibFEncrypt, 0, 0, 0, nil), "doc: encrypted: a password is needed"},
		{"cut short", wordStream(0x00C1, 0, 0, 0, 0, nil)[:60], "doc: damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readFIB(tt.w)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q…", err, tt.want)
			}
		})
	}
}

func TestDocPieceTableRefusals(t *testing.T) {
	good := clx([]uint32{0, 4}, []uint32{0})
	tests := []struct {
		name     string
		table    []byte
		fc, lcb  uint32
		word     []byte
		ccpText  uint32
		wantText bool
	}{
		{"Clx beyond the table", good, 10, uint32(len(good)), nil, 4, false},
		{"piece beyond the document", good, 0, uint32(len(good)), []byte("ab"), 4, false},
		{"pieces out of order", clx([]uint32{4, 0}, []uint32{0}), 0, 17 + 5 + 5, nil, 4, false},
		{"a good piece", good, 0, uint32(len(good)), utf16LE("1200"), 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pieces, err := readPieceTable(tt.table, tt.fc, min(tt.lcb, uint32(len(tt.table))))
			if err == nil {
				_, err = pieceText(tt.word, pieces, 0, tt.ccpText)
			}
			if (err == nil) != tt.wantText {
				t.Fatalf("err = %v, want text %v", err, tt.wantText)
			}
		})
	}
}

func TestDocPlainText(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"paragraphs and line breaks", "全年招生800人\r其中女生\x0b420人\r", "全年招生800人\n其中女生\n420人\n"},
		{"table cells, an empty cell and row ends", "学校\x07数量\x07\x07小学\x07\x0778所\x07\x07", "学校\n数量\n小学\n78所\n"},
		{"field code dropped, result kept", "见\x13 HYPERLINK \"http://x.cn/3\" \x14附表3\x15，共12项\r", "见附表3，共12项\n"},
		{"nested field", "第\x13 IF \x13 PAGE \x145\x15 > 1 \x14五\x15页\r", "第五页\n"},
		{"field without a result", "日期\x13 DATE \\@ yyyy \x15为准\r", "日期为准\n"},
		{"anchors and hyphens", "图\x01表\x08注\x02 non\x1ebreak op\x1ftional\r", "图表注 non-break optional\n"},
		{"no paragraph mark at the end", "投入5亿元", "投入5亿元\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := docPlainText([]rune(tt.raw)); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDocFromLibreOffice(t *testing.T) {
	text, err := DocText(readFixture(t, "doc/fields.doc"))
	if err != nil {
		t.Fatal(err)
	}
	want := "全市共有中小学校412所，在校学生38.5万人。\n指标\n数值\n毛入学率达到98.6%\n投入资金2.3亿元\n新增学位1500个\n" +
		"详见附件3，全年培训教师2100人次。\n本页共1页，资助学生600名。\n"
	if text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
}

func TestDocDamagedContainer(t *testing.T) {
	data := readFixture(t, "doc/report.doc")
	for _, cut := range []int{600, 2048, len(data) / 2} {
		_, err := DocText(data[:cut])
		if err == nil || !strings.HasPrefix(err.Error(), "doc: ") {
			t.Errorf("cut at %d: err = %v, want a doc: error", cut, err)
		}
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDocNotesAndTextBoxes reads a LibreOffice .doc (testdata/doc/
// stories.fodt converted) with a running header, a footnote, an endnote
// and a text box: the notes and the box follow the body, the header is
// left out.
func TestDocNotesAndTextBoxes(t *testing.T) {
	text, err := DocText(readFixture(t, "doc/stories.doc"))
	if err != nil {
		t.Fatal(err)
	}
	want := "全县共有幼儿园46所，在园幼儿8200人。\n义务教育巩固率达到97.2%。\n全年招聘教师150名。\n" +
		"\n其中普惠性幼儿园39所。\n" +
		"\n按户籍人口计算，较上年提高0.4个百分点。\n" +
		"\n专栏：全年改造校舍3.6万平方米。\n"
	if text != want {
		t.Fatalf("text %q\nwant %q", text, want)
	}
}

func TestDocStories(t *testing.T) {
	f := fib{ccpText: 10, ccpFtn: 4, ccpHdd: 6, ccpAtn: 3, ccpEdn: 5, ccpTxbx: 7}
	want := []cpRange{{0, 10}, {10, 14}, {23, 28}, {28, 35}}
	got := f.stories()
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("stories %v, want %v", got, want)
		}
	}
}
