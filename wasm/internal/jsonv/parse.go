package jsonv

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// SyntaxError says where text stopped being JSON.
type SyntaxError struct {
	Offset int // byte offset into the text given to Parse
	Msg    string
}

func (e *SyntaxError) Error() string {
	return "jsonv: " + e.Msg + " at offset " + strconv.Itoa(e.Offset)
}

// Parse checks that s holds exactly one JSON value (surrounding whitespace
// allowed) and returns it.
func Parse(s string) (Value, error) {
	sc := scanner{s: s}
	start := skipSpace(s, 0)
	end := sc.value(start, 0)
	if end >= 0 {
		if rest := skipSpace(s, end); rest < len(s) {
			sc.fail(rest, "data after the value: "+quoteByte(s[rest]))
			end = -1
		}
	}
	if end < 0 {
		return Value{}, &SyntaxError{Offset: sc.pos, Msg: sc.msg}
	}
	return Value{raw: s[start:end], checked: true}, nil
}

// unquote decodes the inside of a string literal already checked by the
// scanner. Lone surrogates become U+FFFD: Go strings cannot hold them.
func unquote(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(s) {
			break
		}
		i += 2
		switch s[i-1] {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, n := hex4(s, i)
			i += n
			if r >= 0xD800 && r < 0xDC00 { // high surrogate: look for its pair
				if lo, m := hex4(s, i+2); m == 4 && i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' && lo >= 0xDC00 && lo < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
					i += 6
				}
			}
			b.WriteRune(r) // WriteRune turns surrogates and -1 into U+FFFD
		default: // " \ /
			b.WriteByte(s[i-1])
		}
	}
	return b.String()
}

// hex4 reads four hex digits at s[i]; n is 4 on success, else 0 with r -1.
func hex4(s string, i int) (r rune, n int) {
	if i < 0 || i+4 > len(s) {
		return -1, 0
	}
	for k := 0; k < 4; k++ {
		h := hexVal(s[i+k])
		if h < 0 {
			return -1, 0
		}
		r = r<<4 | rune(h)
	}
	return r, 4
}

const hexDigits = "0123456789abcdef"

// Quote returns s as a JSON string literal. Invalid UTF-8 becomes U+FFFD;
// U+2028 and U+2029 are escaped so the text is also safe inside a script.
func Quote(s string) string {
	// Appending to a []byte, not a strings.Builder: each inlined Builder
	// call costs code, and this function is on every request path.
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch j := strings.IndexByte("\"\\\n\r\t\b\f", c); {
			case j >= 0:
				b = append(b, '\\', "\"\\nrtbf"[j])
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xF])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(append(b, '"'))
}
