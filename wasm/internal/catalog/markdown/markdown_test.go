package markdown_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/markdown"
)

const rel = ` rel="noopener noreferrer" target="_blank"`

func TestBlocks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"blank lines", "\n  \n\t\n", ""},
		{"paragraph", "Slack integration", "<p>Slack integration</p>"},
		{"two paragraphs", "one\ntwo\n\nthree", "<p>one\ntwo</p><p>three</p>"},
		{"crlf", "one\r\ntwo\r\n\r\nthree", "<p>one\ntwo</p><p>three</p>"},
		{"headings", "# One\n## Two ##\n###### Six", "<h1>One</h1><h2>Two</h2><h6>Six</h6>"},
		{"seven hashes is text", "####### no", "<p>####### no</p>"},
		{"hash without space is text", "#hashtag", "<p>#hashtag</p>"},
		{"heading interrupts paragraph", "text\n# Head", "<p>text</p><h1>Head</h1>"},
		{"heading keeps inner hash", "# C# rocks", "<h1>C# rocks</h1>"},
		{"thematic break", "a\n\n---\n\nb", "<p>a</p><hr><p>b</p>"},
		{"bullet list", "- one\n- two\n* other", "<ul><li>one</li><li>two</li></ul><ul><li>other</li></ul>"},
		{"ordered list", "1. one\n2. two", "<ol><li>one</li><li>two</li></ol>"},
		{"ordered start", "3) three\n4) four", `<ol start="3"><li>three</li><li>four</li></ol>`},
		{"loose list", "- one\n\n- two", "<ul><li><p>one</p></li><li><p>two</p></li></ul>"},
		{"nested list", "- a\n  - b\n  - c\n- d", "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>"},
		{"lazy continuation", "- a\nstill a\n- b", "<ul><li>a\nstill a</li><li>b</li></ul>"},
		{"list after paragraph", "Steps:\n- one", "<p>Steps:</p><ul><li>one</li></ul>"},
		{"number 2 does not interrupt", "in\n2. x", "<p>in\n2. x</p>"},
		{"list then paragraph", "- a\n\nafter", "<ul><li>a</li></ul><p>after</p>"},
		{"quote", "> quoted\n> more", "<blockquote><p>quoted\nmore</p></blockquote>"},
		{"fenced code", "```go\nfmt.Println(\"*hi*\")\n```", `<pre><code class="language-go">fmt.Println(&quot;*hi*&quot;)` + "\n</code></pre>"},
		{"tilde fence", "~~~\n<b>x</b>\n~~~", "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>"},
		{"unclosed fence runs to end", "```\ncode\n\nmore", "<pre><code>code\n\nmore\n</code></pre>"},
		{"fence keeps markdown", "```\n# not a heading\n- nor a list\n```", "<pre><code># not a heading\n- nor a list\n</code></pre>"},
		{"hostile fence info dropped", "```\" onclick=\"x\ncode\n```", "<pre><code>code\n</code></pre>"},
		{"empty fence", "```\n```", "<pre><code></code></pre>"},
		{"tabs indent nested list", "- a\n\t- b", "<ul><li>a<ul><li>b</li></ul></li></ul>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, html(markdown.Parse(tt.in)))
		})
	}
}

func TestInlines(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"em", "*a* and _b_", "<p><em>a</em> and <em>b</em></p>"},
		{"strong", "**a** and __b__", "<p><strong>a</strong> and <strong>b</strong></p>"},
		{"strong em", "***both***", "<p><strong><em>both</em></strong></p>"},
		{"em around strong", "*a **b** c*", "<p><em>a <strong>b</strong> c</em></p>"},
		{"unclosed star", "**a*", "<p>*<em>a</em></p>"},
		{"spaced star is text", "a * b * c", "<p>a * b * c</p>"},
		{"snake_case stays", "use snake_case_name here", "<p>use snake_case_name here</p>"},
		{"code span", "run `go test` now", "<p>run <code>go test</code> now</p>"},
		{"code span literal", "`*not em* <b>`", "<p><code>*not em* &lt;b&gt;</code></p>"},
		{"double backtick", "``a ` b``", "<p><code>a ` b</code></p>"},
		{"unclosed backtick", "a ` b", "<p>a ` b</p>"},
		{"escape", `\*not em\*`, "<p>*not em*</p>"},
		{"backslash kept", `C:\path`, `<p>C:\path</p>`},
		{"hard break spaces", "a  \nb", "<p>a<br>b</p>"},
		{"hard break backslash", "a\\\nb", "<p>a<br>b</p>"},
		{"link", "[Docs](https://example.com/docs)", `<p><a href="https://example.com/docs"` + rel + `>Docs</a></p>`},
		{"http link", "[x](http://127.0.0.1:8080/a)", `<p><a href="http://127.0.0.1:8080/a"` + rel + `>x</a></p>`},
		{"mailto", "[mail](mailto:help@example.com)", `<p><a href="mailto:help@example.com"` + rel + `>mail</a></p>`},
		{"upper scheme", "[x](HTTPS://EXAMPLE.COM)", `<p><a href="HTTPS://EXAMPLE.COM"` + rel + `>x</a></p>`},
		{"link with title", `[x](https://a.example "Title")`, `<p><a href="https://a.example"` + rel + `>x</a></p>`},
		{"link angle dest", "[x](<https://a.example/a b>)", `<p><a href="https://a.example/a b"` + rel + `>x</a></p>`},
		{"link with parens", "[wiki](https://en.wikipedia.org/wiki/Go_(language))", `<p><a href="https://en.wikipedia.org/wiki/Go_(language)"` + rel + `>wiki</a></p>`},
		{"emphasis in link", "[**bold** link](https://a.example)", `<p><a href="https://a.example"` + rel + `><strong>bold</strong> link</a></p>`},
		{"link in emphasis", "*see [x](https://a.example)*", `<p><em>see <a href="https://a.example"` + rel + `>x</a></em></p>`},
		{"nested link text stays text", "[a [b](https://b.example) c](https://a.example)", `<p><a href="https://a.example"` + rel + `>a [b](https://b.example) c</a></p>`},
		{"relative link is text", "[home](/home)", "<p>home</p>"},
		{"bracket without dest", "[not a link] here", "<p>[not a link] here</p>"},
		{"unclosed dest", "[x](https://a.example", "<p>[x](https://a.example</p>"},
		{"image is alt text", "![logo](https://a.example/logo.png)", "<p>logo</p>"},
		{"bang alone", "Wow! [x](https://a.example)", `<p>Wow! <a href="https://a.example"` + rel + `>x</a></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, html(markdown.Parse(tt.in)))
		})
	}
}

// TestHostile: nothing from the input becomes a tag, an attribute name or
// a dangerous link; the serialized output escapes everything.
func TestHostile(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"script", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
		{"img onerror", `<img src=x onerror="alert(1)">`, "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>"},
		{"html block", "<div>\n*hi*\n</div>", "<p>&lt;div&gt;\n<em>hi</em>\n&lt;/div&gt;</p>"},
		{"javascript", "[x](javascript:alert(1))", "<p>x</p>"},
		{"javascript mixed case", "[x](JaVaScRiPt:alert(1))", "<p>x</p>"},
		{"javascript spaced", "[x]( javascript:alert(1) )", "<p>x</p>"},
		{"javascript entity", "[x](&#106;avascript:alert(1))", "<p>x</p>"},
		{"javascript escaped", `[x](java\script:alert(1))`, "<p>x</p>"},
		{"javascript angle", "[x](<javascript:alert(1)>)", "<p>x</p>"},
		{"vbscript", "[x](vbscript:msgbox(1))", "<p>x</p>"},
		{"data", "[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>"},
		{"protocol relative", "[x](//evil.example)", "<p>x</p>"},
		{"control char before scheme", "[x](\x01https://a.example)", "<p>[x](\x01https://a.example)</p>"},
		{"tab inside scheme", "[x](<ht\ttps://a.example>)", "<p>x</p>"},
		{"quote breaking attribute", `[x](https://a.example/"onmouseover="alert(1))`, `<p><a href="https://a.example/&quot;onmouseover=&quot;alert(1)"` + rel + `>x</a></p>`},
		{"script in link text", "[<script>](https://a.example)", `<p><a href="https://a.example"` + rel + `>&lt;script&gt;</a></p>`},
		{"script in heading", "# <script>x</script>", "<h1>&lt;script&gt;x&lt;/script&gt;</h1>"},
		{"script in code", "`<script>`", "<p><code>&lt;script&gt;</code></p>"},
		{"autolink is text", "<https://a.example>", "<p>&lt;https://a.example&gt;</p>"},
		{"nul byte", "a\x00b", "<p>a\uFFFDb</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, html(markdown.Parse(tt.in)))
		})
	}
}

// TestOnlyKnownTags walks the trees of hostile inputs: every tag and
// attribute comes from the package's fixed set, every href is safe.
func TestOnlyKnownTags(t *testing.T) {
	tags := map[string]bool{"": true, "p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"ul": true, "ol": true, "li": true, "blockquote": true, "pre": true, "code": true, "em": true,
		"strong": true, "a": true, "br": true, "hr": true}
	attrs := map[string]bool{"href": true, "rel": true, "target": true, "start": true, "class": true}
	inputs := []string{
		"<script>alert(1)</script>", "[x](javascript:alert(1))", "```<script>\nx\n```",
		"- [a](data:x)\n  > [b](vbscript:y)\n  > ```js\" onload=\"z\n",
		"![x](javascript:1)[y](https://ok.example)", "<a href=\"javascript:1\">x</a>",
	}
	var walk func(n *markdown.Node)
	walk = func(n *markdown.Node) {
		assert.True(t, tags[n.Tag], "tag %q", n.Tag)
		for _, a := range n.Attrs {
			assert.True(t, attrs[a[0]], "attribute %q", a[0])
			if a[0] == "href" {
				assert.Regexp(t, `^(?i)(https?://|mailto:)`, a[1])
			}
			if a[0] == "class" {
				assert.Regexp(t, `^language-[A-Za-z0-9_+.-]+$`, a[1])
			}
		}
		if n.Tag == "" {
			assert.Empty(t, n.Children)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, in := range inputs {
		for _, n := range markdown.Parse(in) {
			walk(n)
		}
	}
}
