package markdown

import (
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/fold"
)

// link reads [text](url) or, with image, ![alt](url) at the '[' at i.
// Safe links become <a>; unsafe links and all images show their text.
func (p *inliner) link(i int, image bool) (end int, ok bool) {
	if !p.links && !image {
		return 0, false
	}
	s := p.s
	j := p.closeBracket(i)
	if j < 0 || j+1 >= len(s) || s[j+1] != '(' {
		return 0, false
	}
	dest, end, ok := p.destination(j + 2)
	if !ok {
		return 0, false
	}
	label := parseInlines(s[i+1:j], p.at.deeper(), false)
	if image || !safeURL(dest) {
		p.add(label...)
		return end, true
	}
	a := elem("a", label...)
	a.Attrs = [][2]string{{"href", dest}, {"rel", "noopener noreferrer"}, {"target", "_blank"}}
	p.add(a)
	return end, true
}

// safeURL allows http, https and mailto only, with no control characters
// (browsers drop some of them, which could hide a scheme).
func safeURL(u string) bool {
	for i := 0; i < len(u); i++ {
		if u[i] < 0x20 || u[i] == 0x7f {
			return false
		}
	}
	l := fold.Lower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// closeBracket finds the ']' matching the '[' at i; all pairs are matched
// in one pass the first time, so many brackets cost linear time.
func (p *inliner) closeBracket(i int) int {
	if p.brackets == nil {
		s := p.s
		*p.at.work += len(s)
		p.brackets = make([]int, len(s))
		var open []int
		for k := 0; k < len(s); k++ {
			switch s[k] {
			case '\\':
				k++
			case '[':
				p.brackets[k] = -1
				open = append(open, k)
			case ']':
				if n := len(open); n > 0 {
					p.brackets[open[n-1]] = k
					open = open[:n-1]
				}
			}
		}
	}
	return p.brackets[i]
}

// destination reads "url)", "<url>)" or "url "title")" from k, just after
// the '('. Parentheses in a url must balance (32 deep at most).
func (p *inliner) destination(k int) (dest string, end int, ok bool) {
	s := p.s
	k = skipSpaces(s, k)
	if k < len(s) && s[k] == '<' {
		e := p.find(k+1, '>')
		if nl := p.find(k+1, '\n'); e < 0 || (nl >= 0 && nl < e) {
			return "", 0, false
		}
		dest, k = s[k+1:e], e+1
	} else {
		start, depth := k, 0
	scan:
		for ; k < len(s); k++ {
			switch c := s[k]; {
			case c == '\\' && k+1 < len(s):
				k++
			case c <= ' ':
				break scan
			case c == '(':
				if depth++; depth > 32 {
					return "", 0, false
				}
			case c == ')':
				if depth == 0 {
					break scan
				}
				depth--
			}
		}
		*p.at.work += k - start
		if depth != 0 {
			return "", 0, false
		}
		dest = unescapePunct(s[start:k])
	}
	k = skipSpaces(s, k)
	if k < len(s) && (s[k] == '"' || s[k] == '\'' || s[k] == '(') {
		closing := s[k]
		if closing == '(' {
			closing = ')'
		}
		e := p.find(k+1, closing)
		if e < 0 {
			return "", 0, false
		}
		k = skipSpaces(s, e+1)
	}
	if k >= len(s) || s[k] != ')' {
		return "", 0, false
	}
	return dest, k + 1, true
}

// find returns the index of the first c at or after k that no backslash
// escapes, or -1. Each answer is remembered for the stretch it covers, so
// text full of "[a](b (" or "[a](<b" costs linear time, not quadratic.
func (p *inliner) find(k int, c byte) int {
	for _, f := range p.found {
		if f.c == c && f.from <= k && (f.at < 0 || k <= f.at) {
			return f.at
		}
	}
	at, s := -1, p.s
	i := k
	for ; i < len(s); i++ {
		if s[i] == '\\' {
			i++
		} else if s[i] == c {
			at = i
			break
		}
	}
	*p.at.work += i - k
	p.remember(found{c: c, from: k, at: at})
	return at
}

// found is one answer of find: from from on, the next c is at at.
type found struct {
	c        byte
	from, at int
}

func (p *inliner) remember(f found) {
	for i := range p.found {
		if p.found[i].c == f.c {
			p.found[i] = f
			return
		}
	}
	p.found = append(p.found, f)
}

func skipSpaces(s string, k int) int {
	for k < len(s) && isSpace(s[k]) {
		k++
	}
	return k
}

func unescapePunct(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isPunct(s[i+1]) {
			i++
		}
		b = append(b, s[i])
	}
	return string(b)
}
