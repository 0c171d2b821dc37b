package fold

import (
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
)

func TestLower(t *testing.T) {
	for in, want := range map[string]string{
		"":                "",
		"slack":           "slack",
		"GitHub":          "github",
		"ÉCOLE ÀÞ ×":      "école àþ ×",
		"ŁÓDŹ ĀĆ":         "łódź āć",
		"ΑΘΗΝΑ":           "αθηνα",
		"МОСКВА ЁЖ Ђ":     "москва ёж ђ",
		"日本 API":          "日本 api",
		"HTTPS://Example": "https://example",
	} {
		assert.Equal(t, want, Lower(in), "Lower(%q)", in)
	}
}

// TestAgreesWithUnicode checks every rune Lower claims to cover against
// the unicode tables it replaces.
func TestAgreesWithUnicode(t *testing.T) {
	ranges := [][2]rune{{0, 0x24F}, {0x370, 0x3FF}, {0x400, 0x44F}}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			got := lowerRune(r)
			if got == r {
				continue // left alone: fine, as documented
			}
			assert.Equal(t, unicode.ToLower(r), got, "lowerRune(%U)", r)
		}
	}
	// And it covers ASCII and the common European capitals completely.
	for r := rune(0); r < 0x17F; r++ {
		if r == 0x130 { // İ: unicode lowers it to i, Lower leaves it
			continue
		}
		if unicode.IsUpper(r) {
			assert.Equal(t, unicode.ToLower(r), lowerRune(r), "lowerRune(%U)", r)
		}
	}
}
