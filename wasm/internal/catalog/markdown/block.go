package markdown

import "strings"

// blocks parses lines into block nodes; at.depth counts enclosing quotes
// and list items.
func blocks(lines []string, at level) []*Node {
	var out []*Node
	for i := 0; i < len(lines); {
		line := lines[i]
		*at.work += len(line) + 1
		switch {
		case isBlank(line):
			i++
		case isFence(line):
			var n *Node
			n, i = fenced(lines, i)
			out = append(out, n)
		case isHeading(line):
			out = append(out, heading(line, at))
			i++
		case isBreak(line):
			out = append(out, elem("hr"))
			i++
		case at.depth < maxDepth && isQuote(line):
			var n *Node
			n, i = quote(lines, i, at)
			out = append(out, n)
		case at.depth < maxDepth && isItem(line):
			var n *Node
			n, i = list(lines, i, at)
			out = append(out, n)
		default:
			var n *Node
			n, i = paragraph(lines, i, at)
			out = append(out, n)
		}
	}
	return out
}

// startsBlock reports whether line ends a paragraph: CommonMark lets
// fences, headings, breaks, quotes and lists (ordered ones only when they
// start at 1) interrupt one.
func startsBlock(line string) bool {
	if isFence(line) || isHeading(line) || isBreak(line) || isQuote(line) {
		return true
	}
	m, ok := itemMarker(line)
	return ok && (!m.ordered || m.start == 1) && !isBlank(m.rest)
}

func paragraph(lines []string, i int, at level) (*Node, int) {
	var b []string
	for ; i < len(lines); i++ {
		l := lines[i]
		if isBlank(l) || (len(b) > 0 && startsBlock(l)) {
			break
		}
		b = append(b, strings.TrimLeft(l, " "))
	}
	src := strings.TrimRight(strings.Join(b, "\n"), " ")
	return elem("p", inlines(src, at)...), i
}

func isBlank(l string) bool { return strings.TrimLeft(l, " \t") == "" }

// indent counts leading spaces.
func indent(l string) int {
	n := 0
	for n < len(l) && l[n] == ' ' {
		n++
	}
	return n
}

// opening strips up to three spaces of indentation; ok is false for four
// or more (CommonMark's indented code, which this subset reads as text).
func opening(l string) (rest string, ok bool) {
	n := indent(l)
	return l[n:], n <= 3
}

func isHeading(l string) bool {
	_, _, ok := headingParts(l)
	return ok
}

func headingParts(l string) (level int, content string, ok bool) {
	s, ok := opening(l)
	if !ok {
		return 0, "", false
	}
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(s) && s[level] != ' ' && s[level] != '\t') {
		return 0, "", false
	}
	content = strings.Trim(s[level:], " \t")
	// A closing run of #s goes when a space precedes it (or it is all).
	if t := strings.TrimRight(content, "#"); t != content && (t == "" || strings.HasSuffix(t, " ")) {
		content = strings.TrimRight(t, " ")
	}
	return level, content, true
}

func heading(l string, at level) *Node {
	n, content, _ := headingParts(l)
	return elem("h"+string(rune('0'+n)), inlines(content, at)...)
}

// isBreak is a thematic break: three or more of one of - * _, spaces allowed.
func isBreak(l string) bool {
	s, ok := opening(l)
	if !ok || s == "" || !strings.ContainsRune("-*_", rune(s[0])) {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

func isQuote(l string) bool {
	s, ok := opening(l)
	return ok && strings.HasPrefix(s, ">")
}

// quote collects "> " lines (and lazy continuation lines of a paragraph)
// and parses them as blocks one level deeper.
func quote(lines []string, i int, at level) (*Node, int) {
	var inner []string
	for ; i < len(lines); i++ {
		l := lines[i]
		if isQuote(l) {
			s, _ := opening(l)
			s = strings.TrimPrefix(s[1:], " ")
			inner = append(inner, s)
			continue
		}
		last := len(inner) - 1
		if isBlank(l) || startsBlock(l) || isBlank(inner[last]) || isFence(inner[last]) {
			break
		}
		inner = append(inner, l)
	}
	return elem("blockquote", blocks(inner, at.deeper())...), i
}
