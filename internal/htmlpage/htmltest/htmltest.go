// Package htmltest checks that a page built with internal/htmlpage keeps
// hostile values inert, with a real HTML5 tokenizer (golang.org/x/net/html,
// the algorithm browsers follow): for tests only.
//
//	htmltest.Inert(t, func(v string) string { return render(name: v) })
package htmltest

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/xkit-wasm/xkit/internal/htmlpage"
)

// Hostile are values that break out of an HTML context when a page does not
// escape them: out of text, a quoted attribute, a <script> string, a
// comment, and JavaScript's line terminators.
var Hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`' onmouseover='alert(1)`,
	`</script><script>alert(1)</script>`,
	`</SCRIPT ><svg onload=alert(1)>`,
	`<!--<script>`,
	"\"; alert(1); var x=\"",
	"a\u2028b\u2029c\\\"</textarea></title></style>",
	`&lt;&#x3C;&amp;`,
	`javascript:alert(1)`,
}

// benign stands for the value in the reference rendering.
const benign = "Benign-Value-7"

// Inert renders the page with a benign value and with each hostile value,
// and requires the two to tokenize alike: the same elements, attributes
// and text nodes in the same order, where the hostile page's text and
// attribute values hold the hostile value (decoded) exactly where the
// benign page holds the benign one, and its scripts hold the value's
// htmlpage.JS literal where the benign page holds the benign literal. So
// the value changed nothing but itself, in every context it reached.
func Inert(t *testing.T, render func(value string) string) {
	t.Helper()
	for _, p := range Problems(render) {
		t.Error(p)
	}
}

// Problems is Inert's findings: what each hostile value did to the page.
func Problems(render func(value string) string) []string {
	want := tokens(render(benign))
	if !strings.Contains(strings.Join(want, "\n"), benign) {
		return []string{"the page does not show the value at all:\n" + render(benign)}
	}
	var problems []string
	for _, v := range Hostile {
		got := tokens(render(v))
		inner := func(s string) string { q := htmlpage.JS(s); return q[1 : len(q)-1] }
		for i := range got {
			// Scripts hold the JS literal; everything else the decoded value.
			got[i] = strings.ReplaceAll(got[i], inner(v), inner(benign))
			got[i] = strings.ReplaceAll(got[i], v, benign)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			problems = append(problems, "value "+strconv.Quote(v)+" changed the page's structure:\n"+diff(want, got))
		}
	}
	return problems
}

// tokens is the page as the tokenizer sees it, one line per token: tag
// names with their attributes (name=value, decoded), text (decoded), and
// the raw text of script elements.
func tokens(page string) []string {
	z := html.NewTokenizer(strings.NewReader(page))
	var out []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		tok := z.Token()
		var b strings.Builder
		b.WriteString(tt.String())
		b.WriteString(" ")
		switch tt {
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteString(tok.Data)
			for _, a := range tok.Attr {
				b.WriteString(" " + a.Key + "=" + a.Val)
			}
		default:
			b.WriteString(tok.Data)
		}
		out = append(out, b.String())
	}
}

func diff(want, got []string) string {
	var b strings.Builder
	for i := 0; i < max(len(want), len(got)); i++ {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			b.WriteString("  want: " + w + "\n  got:  " + g + "\n")
		}
	}
	return b.String()
}
