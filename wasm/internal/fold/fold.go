// Package fold lowercases text without unicode's case tables: strings.ToLower
// links unicode.CaseRanges and its lookup, 3 KB of brotli in every download,
// for letters a connector's name almost never has.
package fold

import (
	"strings"
	"unicode/utf8"
)

// Lower lowercases the letters of ASCII, Latin-1, Latin Extended-A, Greek
// and Cyrillic; other runes stay as they are.
func Lower(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		b.WriteRune(lowerRune(r))
	}
	return b.String()
}

func lowerRune(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z',
		0xC0 <= r && r <= 0xDE && r != 0xD7,    // À-Þ but ×
		0x391 <= r && r <= 0x3AB && r != 0x3A2, // Greek capitals
		0x410 <= r && r <= 0x42F:               // Cyrillic А-Я
		return r + 32
	case 0x400 <= r && r <= 0x40F: // Cyrillic Ѐ-Џ
		return r + 80
	case 0x100 <= r && r <= 0x12F, 0x132 <= r && r <= 0x137, 0x14A <= r && r <= 0x177: // Latin Extended-A pairs
		return r | 1
	case 0x139 <= r && r <= 0x148, 0x179 <= r && r <= 0x17E:
		if r%2 == 1 {
			return r + 1
		}
	case r == 0x178: // Ÿ
		return 0xFF
	}
	return r
}
