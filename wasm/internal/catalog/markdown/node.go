package markdown

import "strings"

// Node is an element (Tag set) or a text node (Tag "", Text set).
type Node struct {
	Tag      string      // p, h1..h6, ul, ol, li, blockquote, pre, code, em, strong, a, br, hr; "" for text
	Attrs    [][2]string // name, value pairs: a (href, rel, target), ol (start), code (class)
	Text     string      // text nodes only
	Children []*Node
}

// maxDepth caps nesting of blocks (quotes, lists) and inlines (emphasis,
// links); deeper input is kept as plain text.
const maxDepth = 16

func text(s string) *Node { return &Node{Text: s} }

func elem(tag string, children ...*Node) *Node { return &Node{Tag: tag, Children: children} }

// Parse reads markdown source into block nodes. It never fails: anything
// it does not understand is text.
func Parse(src string) []*Node {
	nodes, _ := parse(src)
	return nodes
}

// level is how deep a parse is (quotes, list items, emphasis, links) and
// where it counts its work.
type level struct {
	depth int
	// work counts the parse's steps: bytes scanned or copied, added where a
	// loop ends (a plain add, not a call: wasm pays for every call site).
	// Tests hold hostile input to a number of steps linear in its size
	// instead of timing it.
	work *int
}

func (l level) deeper() level { return level{l.depth + 1, l.work} }

// parse is Parse, also saying how many steps it took.
func parse(src string) ([]*Node, int) {
	src = replaceBytes(src, "\r\n", "\n")
	src = replaceBytes(src, "\r", "\n")
	src = replaceBytes(src, "\x00", "\uFFFD")
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		lines[i] = expandTabs(l)
	}
	work := 0
	nodes := blocks(lines, level{work: &work})
	return nodes, work
}

// expandTabs turns leading tabs into four spaces each, enough for list
// and code indentation.
func expandTabs(l string) string {
	n := 0
	for n < len(l) && (l[n] == ' ' || l[n] == '\t') {
		n++
	}
	if !strings.Contains(l[:n], "\t") {
		return l
	}
	return replaceBytes(l[:n], "\t", "    ") + l[n:]
}

// replaceBytes is strings.ReplaceAll for the short patterns markdown
// replaces; strings.Replace costs about 5 KB of wasm.
func replaceBytes(s, old, new string) string {
	i := strings.Index(s, old)
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s)+len(new))
	for ; i >= 0; i = strings.Index(s, old) {
		b = append(b, s[:i]...)
		b = append(b, new...)
		s = s[i+len(old):]
	}
	return string(append(b, s...))
}
