package markdown

import (
	"strconv"
	"strings"
)

// marker is a list item's opening: "- ", "* ", "+ ", "1. " or "1) ".
type marker struct {
	ordered bool
	char    byte   // bullet character, or the delimiter . or )
	start   int    // ordered lists: the number
	indent  int    // spaces before the marker
	width   int    // columns up to the item's content
	rest    string // the content on the marker's line
}

func itemMarker(l string) (marker, bool) {
	s, ok := opening(l)
	if !ok || s == "" {
		return marker{}, false
	}
	m := marker{indent: indent(l)}
	n := 0
	switch {
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		m.char, n = s[0], 1
	default:
		for n < len(s) && n < 9 && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return marker{}, false
		}
		m.ordered, m.char = true, s[n]
		for _, d := range s[:n] {
			m.start = m.start*10 + int(d-'0') // at most 9 digits: no overflow
		}
		n++
	}
	if n < len(s) && s[n] != ' ' {
		return marker{}, false
	}
	spaces := indent(s[n:])
	if spaces == 0 || spaces > 4 || n+spaces == len(s) {
		spaces = 1 // blank content or indented code: content starts one space in
	}
	m.width = m.indent + n + spaces
	m.rest = strings.TrimLeft(s[n:], " ")
	return m, true
}

func isItem(l string) bool {
	_, ok := itemMarker(l)
	return ok
}

// list reads the items of one list: an item goes on while lines are
// indented to its content (nested blocks) or lazily continue its
// paragraph; a marker of the same kind further left starts the next item.
func list(lines []string, i int, at level) (*Node, int) {
	first, _ := itemMarker(lines[i])
	var items [][]string
	var cur []string
	width, blank, loose := 0, false, false
	for ; i < len(lines); i++ {
		l := lines[i]
		if m, ok := itemMarker(l); ok && !isBreak(l) && m.ordered == first.ordered &&
			m.char == first.char && (cur == nil || m.indent < width) {
			if cur != nil {
				items = append(items, cur)
			}
			loose = loose || blank
			cur, width, blank = []string{m.rest}, m.width, false
			continue
		}
		switch {
		case isBlank(l):
			cur = append(cur, "")
			blank = true
		case indent(l) >= width:
			cur = append(cur, l[width:])
			loose = loose || blank
			blank = false
		case !blank && !startsBlock(l) && !isBlank(cur[len(cur)-1]):
			cur = append(cur, strings.TrimLeft(l, " "))
		default:
			return listNode(first, append(items, cur), loose, at), i
		}
	}
	return listNode(first, append(items, cur), loose, at), i
}

func listNode(first marker, items [][]string, loose bool, at level) *Node {
	n := elem("ul")
	if first.ordered {
		n.Tag = "ol"
		if first.start != 1 {
			n.Attrs = [][2]string{{"start", strconv.Itoa(first.start)}}
		}
	}
	for _, item := range items {
		children := blocks(item, at.deeper())
		if !loose {
			children = unwrapParagraphs(children)
		}
		n.Children = append(n.Children, elem("li", children...))
	}
	return n
}

// unwrapParagraphs shows a tight list's paragraphs without <p>, as
// CommonMark does.
func unwrapParagraphs(nodes []*Node) []*Node {
	var out []*Node
	for _, n := range nodes {
		if n.Tag == "p" {
			out = append(out, n.Children...)
			continue
		}
		out = append(out, n)
	}
	return out
}
