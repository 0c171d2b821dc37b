package xkit

import "github.com/xkit-wasm/xkit/wasm/internal/jsonv"

// Connection statuses, as xkit.js's ConnectionStatus enum numbers them.
const (
	StatusNotInstalled = 0 // no connection, or not enabled
	StatusError        = 1 // enabled, but its authorization is missing or failed
	StatusConnected    = 2 // enabled with a working authorization
)

// ConnectionStatus says how a connection stands (spec section 3). A
// ConnectionShell ({connector} only) and anything else without "enabled"
// is not installed.
func ConnectionStatus(conn jsonv.Value) int {
	enabled := conn.Get("enabled")
	if !enabled.Exists() || enabled.IsNull() || !truthy(enabled) {
		return StatusNotInstalled
	}
	auth := conn.Get("authorization")
	if auth.Exists() && !auth.IsNull() {
		if status, _ := auth.Get("status").Str(); status != "error" {
			return StatusConnected
		}
	}
	return StatusError
}

// truthy is JavaScript's truthiness for a JSON value.
func truthy(v jsonv.Value) bool {
	switch v.Kind() {
	case jsonv.KindBool:
		b, _ := v.Bool()
		return b
	case jsonv.KindNumber:
		return !numberIsZero(v.Raw())
	case jsonv.KindString:
		return v.Raw() != `""`
	case jsonv.KindArray, jsonv.KindObject:
		return true
	}
	return false
}

// halfMinFloat holds the leading digits of 2^-1075 (2.4703...e-324), half the
// smallest float64: JavaScript rounds a literal at or below it to 0.
const halfMinFloat = "24703282292062327208828439643411068618252990130716238221279"

// numberIsZero says whether JavaScript reads the JSON number text s as 0 (or
// -0), the way strconv.ParseFloat would, but without linking float parsing
// (about 4 KB of brotli'd wasm). Text that is not a number counts as 0, as
// ParseFloat's zero result did. Only numbers that agree with 2^-1075 in all
// of halfMinFloat's digits may differ from ParseFloat.
func numberIsZero(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	lead, point, digits := -1, -1, 0 // index of the first non-zero digit among digits
	var mant []byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && point < 0:
			point = digits
			continue
		case c < '0' || c > '9':
			goto exponent
		}
		if lead < 0 && c != '0' {
			lead = digits
		}
		if lead >= 0 {
			mant = append(mant, c)
		}
		digits++
	}
exponent:
	if digits == 0 {
		return true
	}
	if point < 0 {
		point = digits
	}
	exp, neg := 0, false
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			neg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return true
		}
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if exp < 1e6 {
				exp = exp*10 + int(s[i]-'0')
			}
		}
		if neg {
			exp = -exp
		}
	}
	if i != len(s) {
		return true // not a number: ParseFloat gave 0
	}
	if lead < 0 {
		return true
	}
	// The value is d.ddd × 10^e with d the first non-zero digit.
	switch e := point - lead - 1 + exp; {
	case e < -324:
		return true
	case e > -324:
		return false
	}
	for len(mant) > 0 && mant[len(mant)-1] == '0' {
		mant = mant[:len(mant)-1]
	}
	m := string(mant)
	if len(m) > len(halfMinFloat) {
		m = m[:len(halfMinFloat)] // equal prefixes count as above the half
		return m < halfMinFloat
	}
	return m <= halfMinFloat
}
