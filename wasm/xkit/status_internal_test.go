package xkit

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

// numberIsZero stands in for strconv.ParseFloat(s) == 0 in truthy.
func TestNumberIsZeroMatchesParseFloat(t *testing.T) {
	for _, s := range []string{
		"0", "-0", "0.0", "-0.000", "0e5", "0E-5", "0.0e+999999999999", "1", "-1", "0.5", "10",
		"1e-323", "4e-324", "3e-324", "2.5e-324", "2.4703282292062328e-324", "2.4703282292062327e-324",
		"2e-324", "1e-324", "1e-400", "0.00001e-319", "0.0000247032822920623272e-319",
		"1e400", "-1e400", "123456789e-332", "1e999999999999999999999", "1e-999999999999999999999",
		"", "-", "1e", "1e+", "1.2.3", "1x", "0.", ".5", "00012", "24703282292062327208e-343",
	} {
		f, _ := strconv.ParseFloat(s, 64)
		assert.Equal(t, f == 0, numberIsZero(s), "%q", s)
	}
}

func FuzzNumberIsZero(f *testing.F) {
	f.Add("3e-324")
	f.Fuzz(func(t *testing.T, s string) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil && v == 0 {
			return // syntax errors: both call it 0, but ParseFloat also takes "Inf", "0x1p3", "1_0"...
		}
		for i := 0; i < len(s); i++ {
			if c := s[i]; !(c >= '0' && c <= '9' || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+') {
				return
			}
		}
		if len(s) > 0 && s[0] == '+' {
			return
		}
		if !(len(s) > 0 && s[len(s)-1] >= '0' && s[len(s)-1] <= '9') {
			return
		}
		if v == 0 != numberIsZero(s) {
			t.Fatalf("%q: ParseFloat %v, numberIsZero %v", s, v, numberIsZero(s))
		}
	})
}
