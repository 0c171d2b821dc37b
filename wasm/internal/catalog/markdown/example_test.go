package markdown_test

import (
	"fmt"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/markdown"
)

func Example() {
	nodes := markdown.Parse("Sync **contacts** with [Acme](https://acme.example).\n\n" +
		"<script>alert(1)</script> [click](javascript:alert(1))")
	var show func(n *markdown.Node, indent string)
	show = func(n *markdown.Node, indent string) {
		if n.Tag == "" {
			fmt.Printf("%stext %q\n", indent, n.Text)
			return
		}
		fmt.Printf("%s%s %v\n", indent, n.Tag, n.Attrs)
		for _, c := range n.Children {
			show(c, indent+"  ")
		}
	}
	for _, n := range nodes {
		show(n, "")
	}
	// Output:
	// p []
	//   text "Sync "
	//   strong []
	//     text "contacts"
	//   text " with "
	//   a [[href https://acme.example] [rel noopener noreferrer] [target _blank]]
	//     text "Acme"
	//   text "."
	// p []
	//   text "<script>alert(1)</script> click"
}
