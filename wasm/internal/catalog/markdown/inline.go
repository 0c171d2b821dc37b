package markdown

import "strings"

// inliner reads the inline content of one block (or of one link text or
// emphasis, a level deeper).
type inliner struct {
	s     string
	depth int
	links bool // false inside link text: links do not nest
	out   []*Node
	buf   []byte // text not yet made into a node

	// Failed searches are remembered: a search that found no closing
	// delimiter after position x finds none after any later position
	// either, so each kind is searched to the end at most once.
	noCloser [2][2]bool   // [* or _][single or double]
	noCode   map[int]bool // backtick run lengths without a closing run
	brackets []int        // for each '[', the index of its ']' or -1
	found    []found      // find's answers, one per character
}

func inlines(s string, depth int) []*Node { return parseInlines(s, depth, true) }

func parseInlines(s string, depth int, links bool) []*Node {
	if depth >= maxDepth {
		if s == "" {
			return nil
		}
		return []*Node{text(s)}
	}
	p := &inliner{s: s, depth: depth, links: links}
	for i := 0; i < len(s); {
		i = p.step(i)
	}
	p.flush()
	return p.out
}

// step reads what starts at i and returns where to go on.
func (p *inliner) step(i int) int {
	s := p.s
	switch s[i] {
	case '\\':
		return p.escape(i)
	case '\n':
		return p.newline(i)
	case '`':
		return p.code(i)
	case '*', '_':
		return p.emphasis(i)
	case '[':
		if end, ok := p.link(i, false); ok {
			return end
		}
	case '!':
		if i+1 < len(s) && s[i+1] == '[' {
			if end, ok := p.link(i+1, true); ok {
				return end
			}
		}
	default:
		j := i + 1
		for j < len(s) && !strings.ContainsRune("\\\n`*_[!", rune(s[j])) {
			j++
		}
		p.buf = append(p.buf, s[i:j]...)
		return j
	}
	p.buf = append(p.buf, s[i])
	return i + 1
}

func (p *inliner) flush() {
	if len(p.buf) == 0 {
		return
	}
	t := string(p.buf)
	p.buf = p.buf[:0]
	if last := len(p.out) - 1; last >= 0 && p.out[last].Tag == "" {
		t = p.out[last].Text + t
		p.out = p.out[:last]
	}
	p.out = append(p.out, text(t))
}

// add appends nodes, merging text into a text node before it.
func (p *inliner) add(nodes ...*Node) {
	p.flush()
	for _, n := range nodes {
		if last := len(p.out) - 1; n.Tag == "" && last >= 0 && p.out[last].Tag == "" {
			p.out[last] = text(p.out[last].Text + n.Text)
			continue
		}
		p.out = append(p.out, n)
	}
}

// escape: a backslash makes ASCII punctuation literal, and before a line
// end it is a hard break.
func (p *inliner) escape(i int) int {
	s := p.s
	if i+1 < len(s) && s[i+1] == '\n' {
		p.add(elem("br"))
		return i + 2
	}
	if i+1 < len(s) && isPunct(s[i+1]) {
		p.buf = append(p.buf, s[i+1])
		return i + 2
	}
	p.buf = append(p.buf, '\\')
	return i + 1
}

// newline: two or more spaces before a line end make a hard break.
func (p *inliner) newline(i int) int {
	n := len(p.buf)
	for n > 0 && p.buf[n-1] == ' ' {
		n--
	}
	spaces := len(p.buf) - n
	p.buf = p.buf[:n]
	if spaces >= 2 {
		p.add(elem("br"))
	} else {
		p.buf = append(p.buf, '\n')
	}
	return i + 1
}

// code reads a code span: a run of backticks up to a run of the same
// length. Its text is literal; line ends become spaces.
func (p *inliner) code(i int) int {
	s := p.s
	n := runLen(s, i)
	if !p.noCode[n] {
		for k := i + n; k < len(s); {
			if s[k] != '`' {
				k++
				continue
			}
			kn := runLen(s, k)
			if kn == n {
				p.add(elem("code", text(codeText(s[i+n:k]))))
				return k + n
			}
			k += kn
		}
		if p.noCode == nil {
			p.noCode = map[int]bool{}
		}
		p.noCode[n] = true
	}
	p.buf = append(p.buf, s[i:i+n]...)
	return i + n
}

func codeText(c string) string {
	c = replaceBytes(c, "\n", " ")
	if len(c) >= 2 && c[0] == ' ' && c[len(c)-1] == ' ' && strings.Trim(c, " ") != "" {
		c = c[1 : len(c)-1]
	}
	return c
}

func runLen(s string, i int) int {
	n := 1
	for i+n < len(s) && s[i+n] == s[i] {
		n++
	}
	return n
}

func isPunct(c byte) bool {
	return c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// isWordByte treats letters, digits and all non-ASCII bytes as word
// characters, for the rule that _ inside a word is not emphasis.
func isWordByte(c byte) bool { return c >= 0x80 || isAlnumASCII(c) }
