//go:build js

package i18n

import (
	"strconv"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPluralMatchesIntl compares PluralOf with the JavaScript engine's
// Intl.PluralRules (ICU's CLDR data; under Node in ./build.sh test) for
// whole numbers up to 1,100, some millions, and decimals shown with one
// and two fraction digits.
func TestPluralMatchesIntl(t *testing.T) {
	intl := js.Global().Get("Intl").Get("PluralRules")
	for _, lang := range Languages {
		for _, digits := range []int{0, 1, 2} {
			opts := js.Global().Get("Object").New()
			opts.Set("minimumFractionDigits", digits)
			opts.Set("maximumFractionDigits", digits)
			rules := intl.New(lang, opts)
			check := func(whole, frac int) {
				s := strconv.Itoa(whole)
				x := float64(whole)
				if digits > 0 {
					f := strconv.Itoa(frac)
					for len(f) < digits {
						f = "0" + f
					}
					s += "." + f
					scale := 1.0
					for range digits {
						scale *= 10
					}
					x += float64(frac) / scale
				}
				o, _ := Decimal(s)
				assert.Equal(t, rules.Call("select", x).String(), PluralOf(lang, o).String(), "%s %s", lang, s)
			}
			for n := 0; n <= 1100; n++ {
				if digits == 0 {
					check(n, 0)
				} else if n <= 30 {
					for _, f := range []int{0, 1, 5, 9} {
						check(n, f)
					}
				}
			}
			for _, n := range []int{1000000, 2000000, 1000001, 10000000, 1100000} {
				check(n, 0)
			}
		}
	}
}
