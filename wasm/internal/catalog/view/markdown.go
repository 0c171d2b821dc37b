//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/markdown"
)

// markdownBlock draws untrusted markdown: tags and attributes come from
// package markdown only, and text goes in as text nodes.
func markdownBlock(src string, large bool) js.Value {
	box := el("div", a{"class", pick(large, "md large", "md"), "dir", "auto"})
	for _, n := range markdown.Parse(src) {
		add(box, mdNode(n))
	}
	return box
}

func mdNode(n *markdown.Node) js.Value {
	if n.Tag == "" {
		return doc.Call("createTextNode", n.Text)
	}
	var attrs []string
	for _, at := range n.Attrs {
		attrs = append(attrs, at[0], at[1])
	}
	e := el(n.Tag, attrs)
	for _, k := range n.Children {
		add(e, mdNode(k))
	}
	return e
}
