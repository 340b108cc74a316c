package document

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// FuzzRecordReader: a record read whole and the same record streamed give
// the same text, the same doc and the same errors.
func FuzzRecordReader(f *testing.F) {
	for _, s := range []string{
		`{"doc": "a", "text": "招生1200人"}`, `{"text": "x\u4e07\ud83d\ude00", "meta": [1, {"b": null}]}`,
		`{"text": "a", "doc": 5}`, `{"text": "a"} x`, "{\"text\": \"\xff\xfe\"}", `{"TEXT": "a"}`,
		`{"text": "a\ud800b"}`, `{"text": "a\ud800\u0041\udc00\ud83d\ude00"}`, `{"": 1, "text": "a"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		whole, werr := readOne(NewRecordReader(strings.NewReader(line)))
		streamed, serr := readOne(NewRecordReaderShort(strings.NewReader(line), 16))
		var wbad, sbad *RecordError
		if errors.As(werr, &wbad) != errors.As(serr, &sbad) || (werr == nil) != (serr == nil) {
			t.Fatalf("%q: read whole %v, streamed %v", line, werr, serr)
		}
		if werr == nil && whole != streamed {
			t.Fatalf("%q: read whole %q, streamed %q", line, whole, streamed)
		}
	})
}

func TestBlankRecordLinesAreSkippedHoweverLong(t *testing.T) {
	for _, blank := range []string{"   ", strings.Repeat(" \t", 40), strings.Repeat(" ", 40) + "\r"} {
		in := blank + "\n" + `{"text": "新建校舍12所"}` + "\n" + blank
		for name, rr := range map[string]*RecordReader{
			"whole": NewRecordReader(strings.NewReader(in)), "streamed": NewRecordReaderShort(strings.NewReader(in), 16),
		} {
			text, err := readOne(rr)
			if err != nil || text != "\x00新建校舍12所" {
				t.Errorf("%s, %d blanks: %q %v", name, len(blank), text, err)
			}
			if _, err := rr.Next(); err != io.EOF {
				t.Errorf("%s, %d blanks: after the record %v, want EOF", name, len(blank), err)
			}
		}
	}
}

func TestStreamedRecordRejectsBadValuesItSkips(t *testing.T) {
	// Values of keys other than doc and text are skipped, not read, by the
	// streamed reader; they must still be JSON.
	for _, tc := range []struct {
		value string
		ok    bool
	}{
		{`null`, true}, {`true`, true}, {`-0.5e+3`, true}, {`[1, {"a": false}]`, true}, {`12`, true},
		{`nul`, false}, {`tree`, false}, {`a`, false}, {`01`, false}, {`1.`, false}, {`-`, false},
		{`1e`, false}, {`.5`, false}, {`[0, {"k": x}]`, false}, {`truefalse`, false},
	} {
		line := `{"text": "新建学校12所", "meta": ` + tc.value + `}`
		_, werr := readOne(NewRecordReader(strings.NewReader(line)))
		_, serr := readOne(NewRecordReaderShort(strings.NewReader(line), 4))
		if (werr == nil) != tc.ok || (serr == nil) != tc.ok {
			t.Errorf("%s: read whole %v, streamed %v; want ok %v", tc.value, werr, serr, tc.ok)
		}
	}
}

// TestRepeatedKeysAreRefused: a record that gives "text" or "doc" twice
// is refused, read whole or streamed, wherever the two stand; so is a key
// over 1 KiB or a "doc" over 64 KiB, which the streaming reader bounds.
func TestRepeatedKeysAreRefused(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{`{"text": "全年招生1200人", "text": "新建学校3所"}`, false},
		{`{"doc": "a", "text": "全年招生1200人", "doc": "b"}`, false},
		{`{"doc": "a", "doc": "b", "text": "全年招生1200人"}`, false},
		{`{"text": "全年招生1200人", "\u0074ext": "新建学校3所"}`, false},
		{`{"text": "全年招生1200人", "meta": {"text": "x", "doc": "y"}, "doc": "a"}`, true},
		{`{"text": "text和doc各出现两次：text、doc", "doc": "a"}`, true},
		{`{"` + strings.Repeat("键", 400) + `": 1, "text": "全年招生1200人"}`, false},
		{`{"` + strings.Repeat("键", 300) + `": 1, "text": "全年招生1200人"}`, true},
		{`{"text": "全年招生1200人", "doc": "` + strings.Repeat("文", 22000) + `"}`, false},
	} {
		_, werr := readOne(NewRecordReader(strings.NewReader(tc.line)))
		_, serr := readOne(NewRecordReaderShort(strings.NewReader(tc.line), 4))
		if (werr == nil) != tc.ok || (serr == nil) != tc.ok {
			t.Errorf("%s: read whole %v, streamed %v; want ok %v", tc.line, werr, serr, tc.ok)
		}
	}
}

func readOne(rr *RecordReader) (string, error) {
	rec, err := rr.Next()
	if err != nil {
		return "", err
	}
	if rec.Long != nil {
		text, err := io.ReadAll(rec.Long)
		if err != nil {
			return "", err
		}
		rec.Text = string(text)
		if rec.Doc == "" {
			rec.Doc = rec.Long.DocAfter()
		}
	}
	return rec.Doc + "\x00" + rec.Text, nil
}

// FuzzMarkupSplitter: the pieces the splitter cuts XML into hold the same
// text as the XML itself, and it fails only where the XML reader does or
// on a tag over its limit. The splitter cuts every 16 bytes and allows
// tags of 64, and reads a few bytes at a time, so that short inputs reach
// its cuts and its waits for more input.
func FuzzMarkupSplitter(f *testing.F) {
	for _, s := range []string{
		"<a>" + strings.Repeat("招生&amp;", 8) + "</a>",
		"<a><![CDATA[" + strings.Repeat("x]", 30) + "]]></a>",
		"<a><!--" + strings.Repeat("注", 20) + "--><b x='>'>1</b></a>",
		"<a b='" + strings.Repeat("v", 70) + "'>1</a>",
		"<?xml version='1.0'?><!DOCTYPE a><a>&#x4e07;<b/>" + strings.Repeat("0", 40) + "</a>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		plain, perr := xmlText(strings.NewReader(doc))
		sp := newMarkupSplitter(iotest.HalfReader(strings.NewReader(doc)))
		sp.every, sp.limit = 16, 64
		split, serr := xmlText(sp)
		if errors.Is(serr, errMarkupTooLong) {
			return
		}
		if (perr == nil) != (serr == nil) || perr == nil && plain != split {
			t.Fatalf("%.80q: plain %.80q %v, split %.80q %v", doc, plain, perr, split, serr)
		}
	})
}

// TestMarkupSplitterReadsDeclarationsAsXMLDoes: a ">" inside quotes,
// nested brackets or a comment does not end a declaration, so the text
// after it is no text to cut; and what an XML reader refuses, split or
// not, it still refuses.
func TestMarkupSplitterReadsDeclarationsAsXMLDoes(t *testing.T) {
	for _, doc := range []string{
		`<!DOCTYPE 报告 [<!ENTITY 单位 "万元>">]><p>全年一般公共预算收入增长百分之六点五</p>`,
		`<!DOCTYPE 报告 [<!-- 注释 > 在这里 -->]><p>全年一般公共预算收入增长百分之六点五</p>`,
		`<!DOCTYPE 报告 <内部 <嵌套>>><p>全年一般公共预算收入增长百分之六点五</p>`,
		`<!DOCTYPE 报告 <!--> 全年一般公共预算收入增长百分之六点五>`,
		`<!DOCTYPE 报告 <!---> 全年一般公共预算收入增长百分之六点五-->><p>支出</p>`,
		`<!DOCTYPE 报告 '未闭合的引号> 全年一般公共预算收入增长百分之六点五>`,
	} {
		plain, perr := xmlText(strings.NewReader(doc))
		sp := newMarkupSplitter(strings.NewReader(doc))
		sp.every, sp.limit = 12, 256
		split, serr := xmlText(sp)
		if (perr == nil) != (serr == nil) || plain != split {
			t.Errorf("%q: plain %q %v, split %q %v", doc, plain, perr, split, serr)
		}
	}
}

// TestMarkupSplitterCutsNothingAReaderReadsAsOne: with cuts every 16
// bytes, a line end "\r\n" and a forbidden "]]>" in text stay whole.
func TestMarkupSplitterCutsNothingAReaderReadsAsOne(t *testing.T) {
	for _, doc := range []string{
		"<p>全年新建学校一十二所其中\r\n小学8所</p>",
		"<p>招生计划共计三千二百人]]>录取</p>",
		"<p><![CDATA[在校学生一万二千名\r\n教师]]></p>",
		"<p><!--注释内容写在这里面\r\n--></p>",
	} {
		plain, perr := xmlText(strings.NewReader(doc))
		for at := 10; at <= 24; at++ { // longer than an opening "<![CDATA[", as splitEvery is
			sp := newMarkupSplitter(strings.NewReader(doc))
			sp.every, sp.limit = at, 64
			split, serr := xmlText(sp)
			if (perr == nil) != (serr == nil) || plain != split {
				t.Errorf("%q cut every %d: plain %q %v, split %q %v", doc, at, plain, perr, split, serr)
			}
		}
	}
}

func xmlText(r io.Reader) (string, error) {
	d := xml.NewDecoder(r)
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		if c, ok := tok.(xml.CharData); ok {
			b.Write(c)
		}
	}
}

// FuzzHTMLReader: any page gives valid text without a line break at its
// start, read whole or a byte at a time.
func FuzzHTMLReader(f *testing.F) {
	for _, s := range []string{
		"<p>招生1200人</p>", "<pre>\na\n\n</pre><p>b", strings.Repeat("<span>", 600) + "x",
		"<table><tr><td>a<td>b</table>", "<head><title>t<body>x", "<script>if (a<b) {}</script>y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		out, err := io.ReadAll(newHTMLReader(strings.NewReader(page)))
		if err != nil {
			return
		}
		if !utf8.Valid(out) && utf8.ValidString(page) {
			t.Fatalf("%q: invalid UTF-8 %q", page, out)
		}
		if bytes.HasPrefix(out, []byte("\n")) {
			t.Fatalf("%q: text starts with a line break: %q", page, out)
		}
	})
}

// FuzzMHTMLText: a web archive's reader never panics, and its text is
// valid UTF-8.
func FuzzMHTMLText(f *testing.F) {
	f.Add([]byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n" +
		"Content-Type: text/html; charset=gb2312\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"<p>=D0=C2=BD=A812=CB=F9</p>\r\n--b--\r\n"))
	f.Add([]byte("Content-Type: multipart/related; boundary=\"x\"\n\n--x\nContent-Type: text/html\n" +
		"Content-Transfer-Encoding: base64\n\nPHA+MTLmiYA8L3A+\n--x--\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !isMHTML(data) {
			return
		}
		text, _, err := mhtmlText(data, "auto")
		if err == nil && !utf8.ValidString(text) {
			t.Fatalf("text is not valid UTF-8: %q", text)
		}
	})
}
