package i18n

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cldrSamples are the @integer and @decimal samples of CLDR 46's
// plurals.xml for each language (the compact "c6" samples left out: the
// catalog never shows compact numbers). "a~b" is every number from a to b
// with b's number of fraction digits.
var cldrSamples = map[string]map[Category]string{
	"en": {
		One:   "1",
		Other: "0, 2~16, 100, 1000, 10000, 100000, 1000000, 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0",
	},
	"de": {
		One:   "1",
		Other: "0, 2~16, 100, 1000, 10000, 100000, 1000000, 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0",
	},
	"fr": {
		One:   "0, 1, 0.0~1.5",
		Many:  "1000000, 2000000, 3000000",
		Other: "2~17, 100, 1000, 10000, 100000, 2.0~3.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0",
	},
	"es": {
		One:   "1, 1.0, 1.00, 1.000, 1.0000",
		Many:  "1000000, 2000000, 3000000",
		Other: "0, 2~16, 100, 1000, 10000, 100000, 0.0~0.9, 1.1~1.6, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0",
	},
	"pt-BR": {
		One:   "0, 1, 0.0~1.5",
		Many:  "1000000, 2000000, 3000000",
		Other: "2~17, 100, 1000, 10000, 100000, 2.0~3.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0",
	},
	"ja": {
		Other: "0~15, 100, 1000, 10000, 100000, 1000000, 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0",
	},
	"ar": {
		Zero:  "0, 0.0, 0.00, 0.000, 0.0000",
		One:   "1, 1.0, 1.00, 1.000, 1.0000",
		Two:   "2, 2.0, 2.00, 2.000, 2.0000",
		Few:   "3~10, 103~110, 1003, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 103.0, 1003.0",
		Many:  "11~26, 111, 1011, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 111.0, 1011.0",
		Other: "100~102, 200~202, 300~302, 400~402, 500~502, 600, 1000, 10000, 100000, 1000000, 0.1~0.9, 1.1~1.7, 10.1, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0",
	},
}

// expand turns a sample list into numerals.
func expand(t *testing.T, list string) []string {
	t.Helper()
	var out []string
	for _, s := range strings.Split(list, ", ") {
		from, to, isRange := strings.Cut(s, "~")
		if !isRange {
			out = append(out, s)
			continue
		}
		digits := 0
		if i := strings.IndexByte(to, '.'); i >= 0 {
			digits = len(to) - i - 1
		}
		scale := 1
		for range digits {
			scale *= 10
		}
		a, err1 := strconv.ParseFloat(from, 64)
		b, err2 := strconv.ParseFloat(to, 64)
		require.NoError(t, err1)
		require.NoError(t, err2)
		for n := int(a*float64(scale) + 0.5); n <= int(b*float64(scale)+0.5); n++ {
			out = append(out, strconv.FormatFloat(float64(n)/float64(scale), 'f', digits, 64))
		}
	}
	return out
}

func TestPluralCLDRSamples(t *testing.T) {
	require.ElementsMatch(t, Languages, keysOf(cldrSamples), "a sample table for every language")
	for lang, byCat := range cldrSamples {
		assert.ElementsMatch(t, Categories(lang), keysOf(byCat), "%s: the categories its samples have", lang)
		for want, list := range byCat {
			for _, s := range expand(t, list) {
				o, ok := Decimal(s)
				require.True(t, ok, s)
				assert.Equal(t, want.String(), PluralOf(lang, o).String(), "%s: %s", lang, s)
			}
		}
	}
}

func TestPluralInt(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want Category
	}{
		{"en", 1, One}, {"en", -1, One}, {"en", 0, Other}, {"de", 2, Other},
		{"fr", 0, One}, {"fr", 1000000, Many}, {"es", 0, Other}, {"pt-BR", 0, One},
		{"ar", 0, Zero}, {"ar", 2, Two}, {"ar", 110, Few}, {"ar", 199, Many}, {"ar", 200, Other},
		{"ja", 1, Other}, {"xx", 1, One},
	} {
		assert.Equal(t, tt.want, PluralOf(tt.lang, Int(tt.n)), "%s %d", tt.lang, tt.n)
	}
}

func TestDecimal(t *testing.T) {
	for s, want := range map[string]Operands{
		"0": {}, "12": {I: 12}, "-1.50": {I: 1, F: 50, V: 2}, "1.05": {I: 1, F: 5, V: 2}, "+3.": {I: 3},
	} {
		got, ok := Decimal(s)
		assert.True(t, ok, s)
		assert.Equal(t, want, got, s)
	}
	for _, bad := range []string{"", "-", "1e3", "1.2.3", "١"} {
		_, ok := Decimal(bad)
		assert.False(t, ok, bad)
	}
}

func keysOf[K comparable, V any](m map[K]V) []K {
	var out []K
	for k := range m {
		out = append(out, k)
	}
	return out
}
