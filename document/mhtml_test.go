package document_test

import (
	"encoding/base64"
	"mime/quotedprintable"
	"strings"
	"testing"

	"github.com/zhmetrics/zhmetrics/document"
)

// mhtml builds a web page archive as Word saves one: a note for readers,
// the HTML part in the given transfer encoding, then a picture.
func mhtml(t *testing.T, html []byte, charset, transfer string) []byte {
	t.Helper()
	var body strings.Builder
	switch transfer {
	case "quoted-printable":
		w := quotedprintable.NewWriter(&body)
		w.Write(html)
		w.Close()
	case "base64":
		body.WriteString(base64.StdEncoding.EncodeToString(html))
	}
	return []byte("MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/related; boundary=\"----=_NextPart_01DA0000.12345678\"\r\n\r\n" +
		"This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n" +
		"------=_NextPart_01DA0000.12345678\r\n" +
		"Content-Location: file:///C:/report.htm\r\n" +
		"Content-Transfer-Encoding: " + transfer + "\r\n" +
		"Content-Type: text/html; charset=\"" + charset + "\"\r\n\r\n" +
		body.String() + "\r\n\r\n" +
		"------=_NextPart_01DA0000.12345678\r\n" +
		"Content-Location: file:///C:/report.files/image001.png\r\n" +
		"Content-Transfer-Encoding: base64\r\n" +
		"Content-Type: image/png\r\n\r\n" +
		"iVBORw0KGgo=\r\n\r\n" +
		"------=_NextPart_01DA0000.12345678--\r\n")
}

func TestMHTML(t *testing.T) {
	page := `<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head>` +
		`<body><p class=MsoNormal>今年新建乡镇卫生院<b>6</b>所，床位增加420张。</p></body></html>`
	gbk, err := simplifiedGB(page)
	if err != nil {
		t.Fatal(err)
	}
	want := "今年新建乡镇卫生院6所，床位增加420张。\n"
	for _, tc := range []struct {
		name     string
		data     []byte
		encoding string
	}{
		{"report.doc", mhtml(t, gbk, "gb2312", "quoted-printable"), "gb18030"},
		{"report.mht", mhtml(t, []byte(page), "utf-8", "base64"), "utf-8"},
		{"report.txt", mhtml(t, gbk, "gb2312", "base64"), "gb18030"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if f := document.Detect(tc.name, tc.data); f != document.FormatMHTML {
				t.Fatalf("detected as %s", f)
			}
			text, info, err := document.Text(tc.name, tc.data, "auto", "auto")
			if err != nil {
				t.Fatal(err)
			}
			if text != want || info.Format != document.FormatMHTML || info.Encoding != tc.encoding {
				t.Errorf("text %q, info %+v; want %q, mhtml %s", text, info, want, tc.encoding)
			}
		})
	}
}

func TestMHTMLErrors(t *testing.T) {
	noHTML := "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n"
	if _, _, err := document.Text("a.mht", []byte(noHTML), "auto", "auto"); err == nil || !strings.Contains(err.Error(), "no HTML part") {
		t.Errorf("err = %v, want no HTML part", err)
	}
	// A mail that is not multipart/related is text.
	mail := "From: 办公室\r\nSubject: 通知\r\n\r\n会议定于下午三点。\r\n"
	if f := document.Detect("a.txt", []byte(mail)); f != document.FormatText {
		t.Errorf("a plain mail detected as %s", f)
	}
}
