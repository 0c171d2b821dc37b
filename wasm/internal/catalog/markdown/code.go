package markdown

import "strings"

// fence is an opening code fence: ``` or ~~~ (three or more).
type fence struct {
	char   byte
	length int
	indent int
	info   string
}

func fenceOf(l string) (fence, bool) {
	s, ok := opening(l)
	if !ok || len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return fence{}, false
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	info := strings.TrimSpace(s[n:])
	if n < 3 || (s[0] == '`' && strings.Contains(info, "`")) {
		return fence{}, false
	}
	return fence{char: s[0], length: n, indent: indent(l), info: info}, true
}

func isFence(l string) bool {
	_, ok := fenceOf(l)
	return ok
}

// closes reports whether l closes f: the same character, at least as
// many, nothing after but spaces.
func (f fence) closes(l string) bool {
	s, ok := opening(l)
	if !ok {
		return false
	}
	n := 0
	for n < len(s) && s[n] == f.char {
		n++
	}
	return n >= f.length && strings.TrimSpace(s[n:]) == ""
}

// fenced reads a fenced code block; an unclosed fence runs to the end.
// The text is kept exactly, markdown and HTML included.
func fenced(lines []string, i int) (*Node, int) {
	f, _ := fenceOf(lines[i])
	var body []string
	for i++; i < len(lines); i++ {
		if f.closes(lines[i]) {
			i++
			break
		}
		l := lines[i]
		l = l[min(indent(l), f.indent):]
		body = append(body, l)
	}
	code := elem("code")
	if len(body) > 0 {
		code.Children = []*Node{text(strings.Join(body, "\n") + "\n")}
	}
	if lang := language(f.info); lang != "" {
		code.Attrs = [][2]string{{"class", "language-" + lang}}
	}
	return elem("pre", code), i
}

// language is the first word of a fence's info string when it is a plain
// name (go, js, c++, shell-session); anything else is dropped.
func language(info string) string {
	word, _, _ := strings.Cut(info, " ")
	if word == "" || len(word) > 32 {
		return ""
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if !(isAlnumASCII(c) || c == '-' || c == '_' || c == '+' || c == '.') {
			return ""
		}
	}
	return word
}

func isAlnumASCII(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
