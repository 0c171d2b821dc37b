package jsonv

import "strings"

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 512

// scanner checks one JSON value and finds where it ends. Parse uses it to
// validate; Get and friends use it to skip values of unchecked (Raw) text,
// so a malformed Raw value ends a walk instead of being misread.
type scanner struct {
	s   string
	pos int    // offset of the first error
	msg string // "" while there is no error
}

func (sc *scanner) fail(i int, msg string) int {
	if sc.msg == "" {
		sc.pos, sc.msg = i, msg
	}
	return -1
}

func (sc *scanner) unexpected(i int) int {
	if i >= len(sc.s) {
		return sc.fail(i, "unexpected end of input")
	}
	return sc.fail(i, "invalid character "+quoteByte(sc.s[i]))
}

// value scans the value starting at s[i] (no leading space) and returns the
// offset just after it, or -1.
func (sc *scanner) value(i, depth int) int {
	s := sc.s
	if i >= len(s) {
		return sc.unexpected(i)
	}
	switch c := s[i]; {
	case c == '{' || c == '[':
		if depth >= maxDepth {
			return sc.fail(i, "nesting too deep")
		}
		return sc.container(i, depth+1)
	case c == '"':
		return sc.str(i)
	case c == 't':
		return sc.literal(i, "true")
	case c == 'f':
		return sc.literal(i, "false")
	case c == 'n':
		return sc.literal(i, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		return sc.number(i)
	}
	return sc.unexpected(i)
}

func (sc *scanner) container(i, depth int) int {
	s, close := sc.s, byte(']')
	isObj := s[i] == '{'
	if isObj {
		close = '}'
	}
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == close {
		return i + 1
	}
	for {
		if isObj {
			if i >= len(s) || s[i] != '"' {
				return sc.unexpected(i)
			}
			if i = sc.str(i); i < 0 {
				return -1
			}
			i = skipSpace(s, i)
			if i >= len(s) || s[i] != ':' {
				return sc.unexpected(i)
			}
			i = skipSpace(s, i+1)
		}
		if i = sc.value(i, depth); i < 0 {
			return -1
		}
		i = skipSpace(s, i)
		if i < len(s) && s[i] == close {
			return i + 1
		}
		if i >= len(s) || s[i] != ',' {
			return sc.unexpected(i)
		}
		i = skipSpace(s, i+1)
	}
}

// plain marks the bytes a string literal holds as they are: all but the
// quote, the backslash and control characters. A table lookup per byte is
// what keeps str, most of every scan, fast.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func (sc *scanner) str(i int) int {
	s := sc.s
	for i++; i < len(s); i++ {
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		switch c := s[i]; {
		case c == '"':
			return i + 1
		case c < 0x20:
			return sc.fail(i, "control character in string")
		}
		// A backslash.
		i++
		if i >= len(s) {
			return sc.unexpected(i)
		}
		switch s[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		case 'u':
			for k := 1; k <= 4; k++ {
				if i+k >= len(s) || hexVal(s[i+k]) < 0 {
					return sc.fail(i+k, "invalid \\u escape")
				}
			}
			i += 4
		default:
			return sc.fail(i, "invalid escape")
		}
	}
	return sc.unexpected(i)
}

func (sc *scanner) literal(i int, word string) int {
	if len(sc.s)-i >= len(word) && sc.s[i:i+len(word)] == word {
		return i + len(word)
	}
	return sc.unexpected(i)
}

func (sc *scanner) number(i int) int {
	s := sc.s
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = digits(s, i)
	default:
		return sc.unexpected(i)
	}
	if i < len(s) && s[i] == '.' {
		if j := digits(s, i+1); j > i+1 {
			i = j
		} else {
			return sc.unexpected(i + 1)
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(s, i)
		if j == i {
			return sc.unexpected(i)
		}
		i = j
	}
	return i
}

func digits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// skipValue returns the end of the value at s[i], or -1 when it is malformed.
func skipValue(s string, i, depth int) int {
	sc := scanner{s: s}
	return sc.value(i, depth)
}

// stringEnd returns the end of the string literal at s[i], or -1.
func stringEnd(s string, i int) int {
	sc := scanner{s: s}
	return sc.str(i)
}

// skip returns the end of the value at v.raw[i], or -1 when it is
// malformed. Text Parse has checked is skipped by its quotes and brackets
// alone: listConnectors reads members of a large body it has just parsed.
func (v Value) skip(i int) int {
	if !v.checked {
		return skipValue(v.raw, i, 0)
	}
	s := v.raw
	if i >= len(s) {
		return -1
	}
	switch s[i] {
	case '"':
		return checkedStringEnd(s, i)
	case '{', '[':
		depth := 0
		for ; i < len(s); i++ {
			switch s[i] {
			case '"':
				if i = checkedStringEnd(s, i) - 1; i < 0 {
					return -1
				}
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	// A number or a literal runs to the next delimiter.
	for i < len(s) && !isSpace(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']' {
		i++
	}
	return i
}

// checkedStringEnd returns the end of the checked string literal at s[i]:
// after the first quote that an even run of backslashes precedes.
// IndexByte beats a byte loop here, in wasm too (internal/bytealg).
func checkedStringEnd(s string, i int) int {
	for i++; ; {
		j := strings.IndexByte(s[i:], '"')
		if j < 0 {
			return -1
		}
		i += j
		k := i
		for k > 0 && s[k-1] == '\\' {
			k--
		}
		if (i-k)%2 == 0 {
			return i + 1
		}
		i++
	}
}

// each calls fn for every member of an object, in order, until fn returns
// false. It stops quietly at malformed text.
func (v Value) each(fn func(key string, val Value) bool) {
	s := v.raw
	if len(s) < 2 || s[0] != '{' {
		return
	}
	i := skipSpace(s, 1)
	for i < len(s) && s[i] == '"' {
		kstart, kend := i, v.skip(i)
		if kend < 0 {
			return
		}
		i = skipSpace(s, kend)
		if i >= len(s) || s[i] != ':' {
			return
		}
		start := skipSpace(s, i+1)
		end := v.skip(start)
		if end < 0 || !fn(unquote(s[kstart+1:kend-1]), Value{raw: s[start:end], checked: v.checked}) {
			return
		}
		i = skipSpace(s, end)
		if i >= len(s) || s[i] != ',' {
			return
		}
		i = skipSpace(s, i+1)
	}
}

// quoteByte is strconv.QuoteRune(rune(c)) for one byte. strconv's quoting
// links its Unicode printability tables (about 5 KB of brotli'd wasm); a
// byte needs only the Latin-1 cases. TestQuoteByte checks it against strconv.
func quoteByte(c byte) string {
	switch {
	case c == '\\' || c == '\'':
		return "'\\" + string(rune(c)) + "'"
	case c >= ' ' && c < 0x7f || c > 0xa0 && c != 0xad:
		return "'" + string(rune(c)) + "'"
	case c > 0x7f:
		return "'\\u00" + hexDigits[c>>4:c>>4+1] + hexDigits[c&15:c&15+1] + "'"
	}
	if i := strings.IndexByte("\a\b\f\n\r\t\v", c); i >= 0 {
		return "'\\" + "abfnrtv"[i:i+1] + "'"
	}
	return "'\\x" + hexDigits[c>>4:c>>4+1] + hexDigits[c&15:c&15+1] + "'"
}
