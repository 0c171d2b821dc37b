package markdown_test

import (
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/markdown"
)

// html writes nodes as HTML with text escaped, the way the DOM layer's
// textContent would end up serialized, so expectations read naturally.
func html(nodes []*markdown.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		writeNode(&b, n)
	}
	return b.String()
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func writeNode(b *strings.Builder, n *markdown.Node) {
	if n.Tag == "" {
		b.WriteString(escaper.Replace(n.Text))
		return
	}
	b.WriteString("<" + n.Tag)
	for _, a := range n.Attrs {
		b.WriteString(" " + a[0] + `="` + escaper.Replace(a[1]) + `"`)
	}
	b.WriteString(">")
	if n.Tag == "br" || n.Tag == "hr" {
		return
	}
	for _, c := range n.Children {
		writeNode(b, c)
	}
	b.WriteString("</" + n.Tag + ">")
}
