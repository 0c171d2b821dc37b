package i18n

// Category is a CLDR plural category: which form of a counted phrase a
// number takes in a language ("1 connection", "2 connections"; Arabic has
// six forms, Japanese one).
type Category uint8

// The CLDR plural categories.
const (
	Other Category = iota
	Zero
	One
	Two
	Few
	Many
)

var categoryNames = [...]string{"other", "zero", "one", "two", "few", "many"}

// String is the category's CLDR name ("one", "other", ...), as in the
// message files.
func (c Category) String() string { return categoryNames[c] }

// Operands are a number's CLDR plural operands, read from its decimal
// digits as shown (so "1.0" and "1" differ): I is the integer part, V the
// number of fraction digits shown, F those digits as an integer. E, the
// compact exponent ("1.2c6"), is 0 for every number the catalog shows.
type Operands struct {
	I, F uint64
	V    int
}

// Int is the operands of a whole number (its sign is ignored, as CLDR's
// n is the absolute value).
func Int(n int) Operands {
	if n < 0 {
		n = -n
	}
	return Operands{I: uint64(n)}
}

// Decimal reads the operands of a decimal numeral such as "12", "-1.50";
// ok is false for anything else.
func Decimal(s string) (o Operands, ok bool) {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	seen, frac := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && !frac:
			frac = true
		case c >= '0' && c <= '9' && frac:
			o.V++
			o.F = o.F*10 + uint64(c-'0')
			seen = true
		case c >= '0' && c <= '9':
			o.I = o.I*10 + uint64(c-'0')
			seen = true
		default:
			return Operands{}, false
		}
	}
	return o, seen
}

// integral reports whether n has no fractional value (1.0 is integral:
// CLDR's "n = 1" holds for it; "i = 1 and v = 0" does not).
func (o Operands) integral() bool { return o.F == 0 }

// millions is the rule CLDR 38+ gives French, Spanish and Portuguese:
// "e = 0 and i != 0 and i % 1000000 = 0 and v = 0" ("1 million de ...").
func (o Operands) millions() bool { return o.I != 0 && o.I%1000000 == 0 && o.V == 0 }

// PluralOf is the category of o in lang (one of Languages; any other
// behaves as English). The rules are CLDR 46's plurals.xml for these
// languages; pt-BR follows "pt".
func PluralOf(lang string, o Operands) Category {
	switch lang {
	case "fr", "pt-BR":
		switch {
		case o.I <= 1:
			return One
		case o.millions():
			return Many
		}
	case "es":
		switch {
		case o.I == 1 && o.integral():
			return One
		case o.millions():
			return Many
		}
	case "ja":
	case "ar":
		if !o.integral() {
			return Other
		}
		switch r := o.I % 100; {
		case o.I == 0:
			return Zero
		case o.I == 1:
			return One
		case o.I == 2:
			return Two
		case r >= 3 && r <= 10:
			return Few
		case r >= 11:
			return Many
		}
	default: // en, de
		if o.I == 1 && o.V == 0 {
			return One
		}
	}
	return Other
}

// Categories are the categories lang uses, Other last: what its message
// files must give for every counted phrase.
func Categories(lang string) []Category {
	switch lang {
	case "fr", "es", "pt-BR":
		return []Category{One, Many, Other}
	case "ja":
		return []Category{Other}
	case "ar":
		return []Category{Zero, One, Two, Few, Many, Other}
	}
	return []Category{One, Other}
}
