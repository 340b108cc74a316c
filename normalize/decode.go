package normalize

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Encoding names reported by Decode.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncGB18030 = "gb18030"
	EncBig5    = "big5"
)

// ErrBinary is returned (wrapped with a reason, e.g. "binary content (PNG image)")
// when auto-detection finds that the input is not text.
var ErrBinary = errors.New("binary content")

// Decode turns raw bytes into text and reports the encoding it used.
//
// want is "auto" (or ""), "utf-8", "gb18030" (also "gbk"), "big5" or "utf-16"
// (a BOM decides LE/BE, no BOM means LE; "utf-16le" and "utf-16be" force the
// byte order). Forced encodings never fail: bytes the charset cannot decode
// become U+FFFD. Only auto-detection returns ErrBinary. Line endings and NUL
// bytes are left as they are.
func Decode(b []byte, want string) (text string, enc string, err error) {
	switch strings.ToLower(strings.TrimSpace(want)) {
	case "", "auto":
		return decodeAuto(b)
	case "utf-8", "utf8":
		if hasPrefix(b, bomUTF8) {
			return decodeUTF8(b[len(bomUTF8):]), EncUTF8BOM, nil
		}
		return decodeUTF8(b), EncUTF8, nil
	case "gb18030", "gbk", "gb2312":
		return strings.TrimPrefix(decodeGB18030(b), "\uFEFF"), EncGB18030, nil
	case "big5":
		return decodeBig5(b), EncBig5, nil
	case "utf-16", "utf16":
		if hasPrefix(b, bomUTF16BE) {
			return decodeUTF16(b[2:], true), EncUTF16BE, nil
		}
		return decodeUTF16(trimPrefix(b, bomUTF16LE), false), EncUTF16LE, nil
	case "utf-16le", "utf16le":
		return decodeUTF16(trimPrefix(b, bomUTF16LE), false), EncUTF16LE, nil
	case "utf-16be", "utf16be":
		return decodeUTF16(trimPrefix(b, bomUTF16BE), true), EncUTF16BE, nil
	}
	return "", "", fmt.Errorf("unknown encoding %q (want auto, utf-8, gb18030, big5, utf-16)", want)
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// scoreSampleSize bounds how much of a large file is decoded several ways
// when the encoding has to be guessed; the winner then decodes the whole file.
const scoreSampleSize = 1 << 20

func decodeAuto(b []byte) (string, string, error) {
	if len(b) == 0 {
		return "", EncUTF8, nil
	}
	if kind := binaryMagic(b); kind != "" {
		return "", "", fmt.Errorf("%w (%s)", ErrBinary, kind)
	}
	// A BOM is a deliberate marker of text: trust it.
	switch {
	case hasPrefix(b, bomUTF8):
		return decodeUTF8(b[len(bomUTF8):]), EncUTF8BOM, nil
	case hasPrefix(b, bomUTF16LE):
		return decodeUTF16(b[2:], false), EncUTF16LE, nil
	case hasPrefix(b, bomUTF16BE):
		return decodeUTF16(b[2:], true), EncUTF16BE, nil
	}

	st := scanBytes(b)
	utf16Order := ""
	if st.nul >= 2 {
		utf16Order = utf16NULPattern(b)
	}
	reason := st.binaryReason(len(b))

	// (Nearly) valid UTF-8 is UTF-8: GB18030 and Big5 text is almost never
	// valid UTF-8 beyond a few bytes. The exception is ASCII text in UTF-16,
	// which is valid UTF-8 too but has a NUL byte in every code unit.
	valid := utf8.Valid(b)
	if (valid || mostlyUTF8(b)) && (utf16Order == "" || st.nul*4 < len(b)) {
		if reason != "" {
			return "", "", fmt.Errorf("%w (%s)", ErrBinary, reason)
		}
		if valid {
			return string(b), EncUTF8, nil
		}
		return decodeUTF8(b), EncUTF8, nil
	}

	if reason != "" && utf16Order == "" {
		return "", "", fmt.Errorf("%w (%s)", ErrBinary, reason)
	}

	candidates := []candidate{
		{EncUTF8, decodeUTF8},
		{EncGB18030, decodeGB18030},
		{EncBig5, decodeBig5},
	}
	switch utf16Order {
	case EncUTF16LE:
		candidates = append(candidates, candidate{EncUTF16LE, func(b []byte) string { return decodeUTF16(b, false) }})
	case EncUTF16BE:
		candidates = append(candidates, candidate{EncUTF16BE, func(b []byte) string { return decodeUTF16(b, true) }})
	}

	sample := b
	if len(sample) > scoreSampleSize {
		sample = sample[:scoreSampleSize]
	}
	best, bestText, bestScore := -1, "", textScore{}
	for i, c := range candidates {
		text := c.decode(sample)
		s := scoreText(text)
		if best < 0 || s.points > bestScore.points {
			best, bestText, bestScore = i, text, s
		}
	}
	winner := candidates[best]

	if winner.enc == EncUTF16LE || winner.enc == EncUTF16BE {
		// Only accept the NUL-pattern guess when the result reads as text.
		if bestScore.bad*20 > bestScore.runes {
			if reason == "" {
				reason = "NUL bytes"
			}
			return "", "", fmt.Errorf("%w (%s)", ErrBinary, reason)
		}
	} else if reason != "" {
		return "", "", fmt.Errorf("%w (%s)", ErrBinary, reason)
	}

	if len(sample) == len(b) {
		return bestText, winner.enc, nil
	}
	return winner.decode(b), winner.enc, nil
}

type candidate struct {
	enc    string
	decode func([]byte) string
}

// mostlyUTF8 reports whether b is UTF-8 apart from a small share
// (under 1%) of invalid bytes among its non-ASCII bytes. Shares above that
// are left to the plausibility scoring, which also keeps UTF-8 when the
// other charsets read worse (e.g. a short line cut mid-character).
func mostlyUTF8(b []byte) bool {
	invalid, nonASCII := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
			if invalid*100 >= len(b) {
				return false // already 1% of all bytes: no need to read on
			}
		}
		nonASCII += size
		i += size
	}
	return invalid*100 < nonASCII
}

// byteStats counts the bytes that do not occur in text files.
type byteStats struct {
	nul     int // 0x00
	control int // C0 controls other than \t \n \v \f \r and ESC, and DEL
}

func scanBytes(b []byte) byteStats {
	var st byteStats
	for _, c := range b {
		if c >= 0x20 && c != 0x7F {
			continue
		}
		switch c {
		case 0x00:
			st.nul++
		case '\t', '\n', '\v', '\f', '\r', 0x1B:
		default:
			st.control++
		}
	}
	return st
}

// binaryReason returns why the counted bytes make the input binary, or ""
// when they do not: more than 5% of the bytes are NULs or stray control
// bytes. Sparse NULs inside text are kept (the cleaner blanks them later).
func (st byteStats) binaryReason(n int) string {
	suspicious := st.nul + st.control
	if suspicious < 2 || suspicious*20 <= n {
		return ""
	}
	if st.nul >= st.control {
		return "NUL bytes"
	}
	return "control bytes"
}

// utf16NULPattern recognises UTF-16 without a BOM by its NUL bytes: ASCII
// characters (newlines, digits, Latin letters) put a zero high byte on the
// same side of every code unit, while the other side almost never is zero.
// It returns EncUTF16LE, EncUTF16BE or "".
func utf16NULPattern(b []byte) string {
	zeroEven, zeroOdd := 0, 0
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			zeroEven++
		}
		if b[i+1] == 0 {
			zeroOdd++
		}
	}
	switch {
	case zeroOdd >= 2 && zeroEven*8 <= zeroOdd:
		return EncUTF16LE
	case zeroEven >= 2 && zeroOdd*8 <= zeroEven:
		return EncUTF16BE
	}
	return ""
}

// binaryMagic names the file type when b starts with the signature of a
// well-known binary format, and returns "" otherwise.
func binaryMagic(b []byte) string {
	for _, m := range magicNumbers {
		if len(b) >= m.offset+len(m.magic) && string(b[m.offset:m.offset+len(m.magic)]) == m.magic {
			return m.kind
		}
	}
	switch {
	case hasPrefix(b, []byte("\xCA\xFE\xBA\xBE")) && len(b) >= 8:
		// Java class files and universal Mach-O binaries share this magic;
		// class files follow it with a version number of 45 or more.
		if binary.BigEndian.Uint32(b[4:8]) >= 45 {
			return "Java class file"
		}
		return "Mach-O binary"
	case hasPrefix(b, []byte("MZ")) && len(b) >= 64:
		// DOS header: the PE header offset lives at 0x3C.
		off := int(binary.LittleEndian.Uint32(b[0x3C:0x40]))
		if off >= 64 && off+4 <= len(b) && string(b[off:off+4]) == "PE\x00\x00" {
			return "Windows executable"
		}
	case hasPrefix(b, []byte("BZh")) && len(b) >= 10 && b[3] >= '1' && b[3] <= '9':
		if block := string(b[4:10]); block == "\x31\x41\x59\x26\x53\x59" || block == "\x17\x72\x45\x38\x50\x90" {
			return "bzip2 archive"
		}
	case hasPrefix(b, []byte("RIFF")) && len(b) >= 12:
		switch string(b[8:12]) {
		case "WEBP":
			return "WebP image"
		case "WAVE", "AVI ":
			return "RIFF media"
		}
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		return "MP4/QuickTime media"
	case hasPrefix(b, []byte("ID3")) && len(b) >= 10 && b[3] >= 2 && b[3] <= 4 && b[4] == 0:
		return "MP3 audio"
	}
	return ""
}

var magicNumbers = []struct {
	offset int
	magic  string
	kind   string
}{
	{0, "\x89PNG\r\n\x1A\n", "PNG image"},
	{0, "\xFF\xD8\xFF", "JPEG image"},
	{0, "GIF87a", "GIF image"},
	{0, "GIF89a", "GIF image"},
	{0, "II*\x00", "TIFF image"},
	{0, "MM\x00*", "TIFF image"},
	{0, "%PDF-", "PDF document"},
	{0, "PK\x03\x04", "ZIP archive, e.g. DOCX/XLSX"},
	{0, "PK\x05\x06", "ZIP archive, e.g. DOCX/XLSX"},
	{0, "PK\x07\x08", "ZIP archive, e.g. DOCX/XLSX"},
	{0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "OLE2 document, e.g. DOC/XLS"},
	{0, "\x1F\x8B", "gzip archive"},
	{0, "\xFD7zXZ\x00", "xz archive"},
	{0, "7z\xBC\xAF\x27\x1C", "7z archive"},
	{0, "\x28\xB5\x2F\xFD", "zstd archive"},
	{0, "Rar!\x1A\x07", "RAR archive"},
	{257, "ustar", "tar archive"},
	{0, "\x7FELF", "ELF binary"},
	{0, "\xFE\xED\xFA\xCE", "Mach-O binary"},
	{0, "\xFE\xED\xFA\xCF", "Mach-O binary"},
	{0, "\xCE\xFA\xED\xFE", "Mach-O binary"},
	{0, "\xCF\xFA\xED\xFE", "Mach-O binary"},
	{0, "SQLite format 3\x00", "SQLite database"},
	{0, "\x00asm", "WebAssembly module"},
	{0, "OggS", "Ogg media"},
	{0, "fLaC", "FLAC audio"},
	{0, "wOFF", "WOFF font"},
	{0, "wOF2", "WOFF2 font"},
}

func hasPrefix(b, prefix []byte) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == string(prefix)
}

func trimPrefix(b, prefix []byte) []byte {
	if hasPrefix(b, prefix) {
		return b[len(prefix):]
	}
	return b
}

// decodeUTF8 returns b as a string with each invalid byte replaced by one
// U+FFFD, the same runes a Go range loop over string(b) yields.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	start := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			sb.Write(b[start:i])
			sb.WriteRune(utf8.RuneError)
			start = i + 1
		}
		i += size
	}
	sb.Write(b[start:])
	return sb.String()
}

// decodeUTF16 decodes UTF-16 code units; unpaired surrogates and a trailing
// odd byte become U+FFFD.
func decodeUTF16(b []byte, bigEndian bool) string {
	unit := func(i int) rune {
		if bigEndian {
			return rune(b[i])<<8 | rune(b[i+1])
		}
		return rune(b[i+1])<<8 | rune(b[i])
	}
	var sb strings.Builder
	sb.Grow(len(b) * 3 / 2)
	for i := 0; i+1 < len(b); i += 2 {
		u := unit(i)
		switch {
		case !utf16.IsSurrogate(u):
			sb.WriteRune(u)
		case u < 0xDC00 && i+3 < len(b) && unit(i+2) >= 0xDC00 && unit(i+2) <= 0xDFFF:
			sb.WriteRune(utf16.DecodeRune(u, unit(i+2)))
			i += 2
		default:
			sb.WriteRune(utf8.RuneError)
		}
	}
	if len(b)%2 == 1 {
		sb.WriteRune(utf8.RuneError)
	}
	return sb.String()
}

func decodeGB18030(b []byte) string {
	return decodeWith(simplifiedchinese.GB18030, b)
}

func decodeBig5(b []byte) string {
	return decodeWith(traditionalchinese.Big5, b)
}

// decodeWith decodes with an x/text charset, whose decoders replace
// undecodable bytes with U+FFFD rather than fail.
func decodeWith(e encoding.Encoding, b []byte) string {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		// Not expected from these decoders; fall back to UTF-8 so the
		// caller still gets valid text.
		return decodeUTF8(b)
	}
	return string(out)
}

// textScore measures how plausible a decoded text is as Chinese (or plain
// ASCII) text.
type textScore struct {
	points int // higher is more plausible
	bad    int // runes that rarely occur in real text
	runes  int
}

// Points per rune. Frequent characters carry the decision: decoding with
// the wrong charset still yields CJK characters, but rare ones.
const (
	pointsFrequentHan = 4
	pointsCommonHan   = 1  // GB2312 or Big5 level 1: helps short inputs
	pointsUnexpected  = -1 // kana, Hangul, box drawing, other scripts, rare ideographs
	pointsJunk        = -3 // controls, private use, noncharacters
	pointsReplacement = -4 // U+FFFD: bytes the charset could not decode
	pointsMixedScript = -3 // per pair of simplified-only and traditional-only characters
)

func scoreText(s string) textScore {
	var sc textScore
	simplifiedOnly, traditionalOnly := 0, 0
	for _, r := range s {
		sc.runes++
		if r >= 0x4E00 && r <= 0x9FFF {
			switch {
			case han.frequent.has(r):
				sc.points += pointsFrequentHan
			case han.common.has(r):
				sc.points += pointsCommonHan
			}
			inGB, inBig5 := han.gb2312.has(r), han.big5.has(r)
			if inGB && !inBig5 {
				simplifiedOnly++
			} else if inBig5 && !inGB {
				traditionalOnly++
			}
			continue
		}
		p := runePoints(r)
		sc.points += p
		if p < 0 {
			sc.bad++
		}
	}
	// Real text is written in one script. GB18030 decoding of Big5 bytes
	// mixes GB2312 (simplified) characters with GBK's traditional ones.
	sc.points += pointsMixedScript * min(simplifiedOnly, traditionalOnly)
	return sc
}

// runePoints scores runes outside U+4E00..U+9FFF.
func runePoints(r rune) int {
	switch {
	case r >= 0x20 && r < 0x7F, r == '\t', r == '\n', r == '\r', r == '\f', r == '\v':
		return 0
	case r == utf8.RuneError:
		return pointsReplacement
	case r < 0x20, r >= 0x7F && r < 0xA0, r >= 0xE000 && r <= 0xF8FF, r >= 0xFFF0:
		return pointsJunk
	case r >= 0xA0 && r <= 0xBF, r == 0xD7, r == 0xF7, // Latin-1 symbols, × ÷
		r >= 0x2000 && r <= 0x24FF, // punctuation, letterlike, numbers, arrows, maths, enclosed
		r >= 0x25A0 && r <= 0x2BFF, // shapes, symbols (not box drawing)
		r >= 0x3000 && r <= 0x303F, // CJK punctuation
		r >= 0x3200 && r <= 0x33FF, // enclosed CJK, squared units such as ㎡
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFFEF: // full-width forms
		return 0
	}
	return pointsUnexpected
}

// frequentHan holds about 560 of the most frequent simplified characters of
// modern Chinese followed by the traditional forms of the same characters,
// so that GB18030 text (simplified or traditional) and Big5 text both score.
const frequentHan = "" +
	"的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动" +
	"同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自" +
	"二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日" +
	"那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变" +
	"条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总" +
	"次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指" +
	"几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器" +
	"压志世金增争济阶油思术极交受联什认六共权收证改清美再采转更单风切打白教速花带安场" +
	"身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温" +
	"传土许步群广石记需段研界拉林律叫且究观越织装影众书布复容儿须际商非验连断深难近矿" +
	"千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维" +
	"划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调" +
	"满县局照参红细引听该铁价严己尔女神德司像告死望觉师让笑飞言持服英士失夫令怎呢未远" +
	"台罗字爱击兵算城亚请病息似官视企功吗乎轻早曾找显吧阿李谈吃念首医突费尽另注语仅考" +
	"落随" +
	// Traditional forms.
	"瞭這爲為個箇國時來們於齣對會發髮動衕過說説產種麪麵後學經進著傢電裏裡現實兩體製機" +
	"當噹點從業應開牠閤還義錶間樣與關線內數麼質氣嚮曏變條衹隻祇沒結問無係繫軍並併題黨" +
	"員總設長頭資邊級圖統較將組見計別彆論運農幾區強決幹乾戰迴則據處隊給門規熱領東導壓" +
	"誌爭濟階術朮極聯認權證証採寀轉單風帶場車務萬達積議聲報鬥類離華確纔張馬節話況溫傳" +
	"許羣廣記觀織裝衆眾書佈復複覆兒須鬚際驗連斷難礦韆週賙備辦習響約勞團糰痠歷曆剋構稱" +
	"準號維劃選標寫親養層卻專狀廠識適屬圓調滿縣侷參蔘紅細聽該鐵價嚴爾覺師讓飛伕遠臺檯" +
	"枱颱羅愛擊亞請視嗎輕顯談喫唸醫費盡儘註語僅隨"

// hanBits is a set of runes in U+4E00..U+9FFF.
type hanBits [(0x9FFF - 0x4E00 + 64) / 64]uint64

func (h *hanBits) add(text string) {
	for _, r := range text {
		if r >= 0x4E00 && r <= 0x9FFF {
			i := r - 0x4E00
			h[i/64] |= 1 << (i % 64)
		}
	}
}

func (h *hanBits) has(r rune) bool {
	i := r - 0x4E00
	return h[i/64]&(1<<(i%64)) != 0
}

// han holds the character sets used for scoring. The charset sets come from
// decoding the double-byte ranges, so no table is copied here.
var han = func() (sets struct{ frequent, common, gb2312, big5 hanBits }) {
	sets.frequent.add(frequentHan)
	// GB2312 hanzi: level 1 (the 3755 most used) is rows B0-D7, level 2 D8-F7.
	gbLevel1 := decodeGB18030(doubleBytes(0xB0, 0xD7, 0xA1, 0xFE, 0, 0))
	gbLevel2 := decodeGB18030(doubleBytes(0xD8, 0xF7, 0xA1, 0xFE, 0, 0))
	// Big5 level 1 (5401 frequently used) is A440-C67E, level 2 C940-F9D5.
	big5Level1 := decodeBig5(doubleBytes(0xA4, 0xC6, 0x40, 0x7E, 0xA1, 0xFE))
	big5Level2 := decodeBig5(doubleBytes(0xC9, 0xF9, 0x40, 0x7E, 0xA1, 0xFE))
	sets.common.add(gbLevel1)
	sets.common.add(big5Level1)
	sets.gb2312.add(gbLevel1)
	sets.gb2312.add(gbLevel2)
	sets.big5.add(big5Level1)
	sets.big5.add(big5Level2)
	return sets
}()

// doubleBytes lists every pair with a lead byte in [lead0, lead1] and a trail
// byte in [a0, a1] or [b0, b1] (an empty range when b1 is 0).
func doubleBytes(lead0, lead1, a0, a1, b0, b1 int) []byte {
	var out []byte
	for lead := lead0; lead <= lead1; lead++ {
		for trail := a0; trail <= a1; trail++ {
			out = append(out, byte(lead), byte(trail))
		}
		for trail := b0; trail <= b1 && b1 > 0; trail++ {
			out = append(out, byte(lead), byte(trail))
		}
	}
	return out
}

// Confirm returns the encoding to decode b with when the document declares
// declared (an HTML meta charset: utf-8, gb18030 or big5): the declared one
// when the bytes bear it out, otherwise the one they read as. Valid UTF-8
// is UTF-8 whatever is declared (pages are often saved as UTF-8 by
// scrapers that keep the original declaration); bytes that are not UTF-8
// are detected; GB18030 and Big5 decode each other's bytes without error,
// so the one whose decoding reads more plausibly wins.
func Confirm(b []byte, declared string) string {
	sample := b[:min(len(b), scoreSampleSize)]
	switch {
	case utf8.Valid(sample):
		return EncUTF8
	case declared == EncUTF8 && mostlyUTF8(sample):
		return EncUTF8
	case declared == EncUTF8:
		if _, enc, err := decodeAuto(sample); err == nil {
			return enc
		}
		return declared
	}
	other := map[string]string{EncGB18030: EncBig5, EncBig5: EncGB18030}[declared]
	if other == "" {
		return declared
	}
	decoders := map[string]func([]byte) string{EncGB18030: decodeGB18030, EncBig5: decodeBig5}
	if scoreText(decoders[other](sample)).points > scoreText(decoders[declared](sample)).points {
		return other
	}
	return declared
}
