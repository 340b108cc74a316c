package document_test

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/zhmetrics/zhmetrics/document"
	"github.com/zhmetrics/zhmetrics/normalize"
)

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"paragraphs", `<p>第一段。</p><p>第二段。</p>`, "第一段。\n第二段。\n"},
		{"dropped elements",
			`<html><head><title>标题 2021</title><style>p{margin:12px}</style><script>var n = 42;</script></head>
			<body><nav>首页 | 第3页</nav><header>2021年</header><p>招生1200人</p>
			<aside>阅读 998 次</aside><footer>版权 2000-2024</footer><noscript>启用JS 1</noscript></body></html>`,
			"招生1200人\n"},
		{"hidden elements", `<p>在校生300人</p><div hidden>500</div><div style="display: none">600</div><p aria-hidden="true">7</p>`,
			"在校生300人\n"},
		{"entities", `<p>增长&nbsp;5%&amp;下降 &lt;3% &#x4E07;元</p>`, "增长\u00a05%&下降 <3% 万元\n"},
		{"inline white space collapses", "<p>  共有\t 学校   12 所  </p>", "共有 学校 12 所\n"},
		{"source line break between Chinese characters vanishes", "<p>全年完成\n投资120亿元，\n增长 8%</p>", "全年完成投资120亿元，增长 8%\n"},
		{"source line break between Latin words is a space", "<p>GDP\ngrowth</p>", "GDP growth\n"},
		{"inline elements join", `<p>增长<b>1</b><span>2.5</span>%</p>`, "增长12.5%\n"},
		{"br", `<p>一<br>二<br/><br>三</p>`, "一\n二\n\n三\n"},
		{"blank line floods are capped", `<p>一</p><br><br><br><br><p>二</p>`, "一\n\n二\n"},
		{"no leading or trailing blank lines", "\n\n<div><div><p>  文本  </p></div></div>\n\n", "文本\n"},
		{"lists", `<ul><li>小学 5 所</li><li>中学 3 所</li></ul>`, "小学 5 所\n中学 3 所\n"},
		{"table cells", `<table><tr><th>项目</th><th>数量</th></tr><tr><td>学校</td><td>12所</td></tr></table>`,
			"项目\t数量\n学校\t12所\n"},
		{"pre keeps white space", "<pre>a  b\n  c</pre><p>d</p>", "a  b\n  c\nd\n"},
		{"headings", `<h1>报告</h1>正文`, "报告\n正文\n"},
		{"600 unclosed elements, as browsers render them", strings.Repeat("<span>", 600) + "<p>招生1200人</p>", "招生1200人\n"},
		{"an unclosed head ends at the body", "<head><title>t 1</title><body><p>招生1200人</p>", "招生1200人\n"},
		{"a long text run with entities", "<p>" + strings.Repeat("增长&amp;5%", 20000) + "</p>", strings.Repeat("增长&5%", 20000) + "\n"},
		{"empty", ``, ""},
		{"only markup", `<html><body><script>1</script></body></html>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, info, err := document.Text("page.html", []byte(tt.html), "auto", "auto")
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != document.FormatHTML {
				t.Errorf("format %q, want html", info.Format)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestHTMLEncoding(t *testing.T) {
	gb := func(s string) []byte {
		b, err := simplifiedGB(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name     string
		data     []byte
		encoding string
		wantText string
		wantEnc  string
	}{
		{"utf-8", []byte(`<p>增长5%</p>`), "auto", "增长5%\n", "utf-8"},
		{"meta charset gb2312",
			append([]byte(`<html><head><meta charset="gb2312"></head><body><p>`), append(gb("增长5%"), "</p></body></html>"...)...),
			"auto", "增长5%\n", "gb18030"},
		{"meta http-equiv gbk",
			append([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>`), gb("招生1200人")...),
			"auto", "招生1200人\n", "gb18030"},
		{"no declaration: detected like text", append([]byte(`<p>`), gb("全年招生1200人，增长百分之五。")...),
			"auto", "全年招生1200人，增长百分之五。\n", "gb18030"},
		{"UTF-8 page with a stale gb2312 meta", []byte(`<meta charset="gb2312"><p>增长5%</p>`), "auto", "增长5%\n", "utf-8"},
		{"utf-8 declared, GBK bytes", append([]byte(`<meta charset="utf-8"><p>`), gb("今年全市新建学校十二所，在校学生人数比上年增长百分之五。")...),
			"auto", "今年全市新建学校十二所，在校学生人数比上年增长百分之五。\n", "gb18030"},
		{"gbk declared, Big5 bytes", append([]byte(`<meta charset="gbk"><p>`), big5(t, "今年全市新建學校十二所，在校學生人數比上年增長百分之五。")...),
			"auto", "今年全市新建學校十二所，在校學生人數比上年增長百分之五。\n", "big5"},
		{"BOM", append([]byte("\xEF\xBB\xBF"), `<p>增长5%</p>`...), "auto", "增长5%\n", "utf-8-bom"},
		{"forced encoding", append([]byte(`<p>`), gb("增长5%")...), "gb18030", "增长5%\n", "gb18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, info, err := document.Text("page.htm", tt.data, "html", tt.encoding)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.wantText || info.Encoding != tt.wantEnc {
				t.Errorf("got %q (%s), want %q (%s)", got, info.Encoding, tt.wantText, tt.wantEnc)
			}
		})
	}
}

func TestHTMLBinaryIsReported(t *testing.T) {
	_, _, err := document.Text("x.html", []byte("\x00\x01\x02\x03\x04\x05\x06\x07binary\x00\x00\x00"), "html", "auto")
	if !errors.Is(err, normalize.ErrBinary) {
		t.Fatalf("err=%v, want ErrBinary", err)
	}
}

func big5(t *testing.T, s string) []byte {
	b, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
