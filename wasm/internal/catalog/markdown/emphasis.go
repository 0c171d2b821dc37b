package markdown

// emphasis reads *em*, _em_, **strong** or __strong__ starting at i. A
// run of three or more opens strong with the rest inside (***a*** is
// strong(em(a))). When no closer exists, one character is text and the
// rest of the run is tried again from the next position.
func (p *inliner) emphasis(i int) int {
	s, c := p.s, p.s[i]
	r := p.run(i)
	size := min(r, 2)
	if p.canOpen(i, r) {
		if k, kr, ok := p.closer(c, size, i+r); ok {
			innerEnd := k // the closer's first characters close
			if r > size {
				innerEnd = k + kr - size // extra characters on both sides go inside
			}
			tag := "em"
			if size == 2 {
				tag = "strong"
			}
			p.add(elem(tag, parseInlines(s[i+size:innerEnd], p.at.deeper(), p.links)...))
			return innerEnd + size
		}
	}
	p.buf = append(p.buf, c)
	return i + 1
}

// canOpen: an opening run is followed by a non-space; an _ run also must
// not follow a word character (snake_case_names stay text).
func (p *inliner) canOpen(i, r int) bool {
	s := p.s
	if i+r >= len(s) || isSpace(s[i+r]) {
		return false
	}
	return s[i] != '_' || i == 0 || !isWordByte(s[i-1])
}

// closer finds the first closing run for c of the given size after from:
// preceded by a non-space, and for _ not followed by a word character.
// Runs of the other size are skipped whole (they pair up inside).
func (p *inliner) closer(c byte, size, from int) (k, kr int, ok bool) {
	kind := 0
	if c == '_' {
		kind = 1
	}
	if p.noCloser[kind][size-1] {
		return 0, 0, false
	}
	s := p.s
	for k := from; k < len(s); {
		if s[k] == '\\' {
			k += 2
			continue
		}
		if s[k] != c {
			k++
			continue
		}
		kr := runLen(s, k)
		valid := !isSpace(s[k-1]) && (c != '_' || k+kr >= len(s) || !isWordByte(s[k+kr]))
		if valid && ((size == 2 && kr >= 2) || (size == 1 && kr != 2)) {
			*p.at.work += k - from
			return k, kr, true
		}
		k += kr
	}
	*p.at.work += len(s) - from
	p.noCloser[kind][size-1] = true
	return 0, 0, false
}

// run is the length of the run of p.s[i] from i on. A run is measured
// once: when no emphasis opens, the next position is in the same run, and
// measuring it again at each would make a long run of * or _ cost
// quadratic time.
func (p *inliner) run(i int) int {
	if i < p.runFrom || i >= p.runEnd {
		n := runLen(p.s, i)
		*p.at.work += n
		p.runFrom, p.runEnd = i, i+n
	}
	return p.runEnd - i
}
