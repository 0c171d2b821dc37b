package markdown

import "strings"

// inliner reads the inline content of one block (or of one link text or
// emphasis, a level deeper).
type inliner struct {
	s     string
	at    level
	links bool // false inside link text: links do not nest
	out   []*Node
	buf   []byte // text not yet made into a node

	// Searches are remembered: a search that found no closing delimiter
	// after position x finds none after any later position either, so
	// each kind is searched to the end at most once; backtick runs and
	// bracket pairs are found in one pass each.
	noCloser [2][2]bool    // [* or _][single or double]
	ticks    map[int][]int // backtick runs by length: where each starts, ahead of the reader
	brackets []int         // for each '[', the index of its ']' or -1
	found    []found       // find's answers, one per character
	runFrom  int           // the run of * or _ emphasis measured last:
	runEnd   int           // s[runFrom:runEnd], one character repeated
}

func inlines(s string, at level) []*Node { return parseInlines(s, at, true) }

func parseInlines(s string, at level, links bool) []*Node {
	*at.work += len(s)
	if at.depth >= maxDepth {
		if s == "" {
			return nil
		}
		return []*Node{text(s)}
	}
	p := &inliner{s: s, at: at, links: links}
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
		*p.at.work += j - i
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
		*p.at.work += len(p.out[last].Text)
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
			*p.at.work += len(p.out[last].Text) + len(n.Text)
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
	*p.at.work += n
	if k := p.closingTicks(i+n, n); k >= 0 {
		p.add(elem("code", text(codeText(s[i+n:k]))))
		return k + n
	}
	p.buf = append(p.buf, s[i:i+n]...)
	return i + n
}

// closingTicks is where the first run of exactly n backticks at or after
// from starts, or -1. All runs are found in one pass the first time, and
// each length's list is only walked forward, so text full of backtick
// runs of many lengths costs linear time, not a scan per length.
func (p *inliner) closingTicks(from, n int) int {
	if p.ticks == nil {
		p.ticks = map[int][]int{}
		s := p.s
		*p.at.work += len(s)
		for k := 0; k < len(s); {
			if s[k] != '`' {
				k++
				continue
			}
			r := runLen(s, k)
			p.ticks[r] = append(p.ticks[r], k)
			k += r
		}
	}
	runs := p.ticks[n]
	for len(runs) > 0 && runs[0] < from {
		runs = runs[1:]
		*p.at.work += 1
	}
	p.ticks[n] = runs
	if len(runs) == 0 {
		return -1
	}
	return runs[0]
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
