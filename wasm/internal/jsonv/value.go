package jsonv

import "strconv"

// Value is the raw text of one JSON value. The zero Value is a missing
// value (like JavaScript's undefined), which is not the same as null.
// Compare Values by Raw(): a parsed value and a Raw one of the same text
// differ in how they are read.
type Value struct {
	raw string
	// checked: Parse has validated raw (or the text around it), so reads
	// skip values by their quotes and brackets without checking them again.
	checked bool
}

// Kind is the JSON type of a Value.
type Kind int

// The kinds of a Value. KindMissing is the zero Value's kind.
const (
	KindMissing Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

// Member is one member of an object built with Object.
type Member struct {
	Key   string
	Value Value
}

// Raw wraps text that is already valid JSON, without checking it. Reading
// a malformed Raw value never panics; it just finds nothing.
func Raw(s string) Value { return Value{raw: trimSpace(s)} }

// Raw returns the JSON text, "" for a missing value.
func (v Value) Raw() string { return v.raw }

// Exists reports whether the value is present (null is present).
func (v Value) Exists() bool { return v.raw != "" }

// IsNull reports whether the value is JSON null. A missing value is not null.
func (v Value) IsNull() bool { return v.raw == "null" }

// Kind reports the JSON type, judged from the first character.
func (v Value) Kind() Kind {
	if v.raw == "" {
		return KindMissing
	}
	switch c := v.raw[0]; {
	case c == 'n':
		return KindNull
	case c == 't' || c == 'f':
		return KindBool
	case c == '"':
		return KindString
	case c == '[':
		return KindArray
	case c == '{':
		return KindObject
	case c == '-' || (c >= '0' && c <= '9'):
		return KindNumber
	}
	return KindMissing
}

// Bool returns the value of true or false; ok is false for anything else.
func (v Value) Bool() (b, ok bool) {
	switch v.raw {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// Float returns a number's value; ok is false for anything else.
func (v Value) Float() (float64, bool) {
	if v.Kind() != KindNumber {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.raw, 64)
	return f, err == nil
}

// Str returns a string's unescaped text; ok is false for anything else.
func (v Value) Str() (string, bool) {
	if v.Kind() != KindString {
		return "", false
	}
	end := stringEnd(v.raw, 0)
	if end != len(v.raw) {
		return "", false
	}
	return unquote(v.raw[1 : end-1]), true
}

// Get walks a path of object members: v.Get("a", "b") is v.a.b. Anything
// missing on the way (or a non-object) gives the zero Value. As with
// JSON.parse, the last of duplicate keys wins.
func (v Value) Get(keys ...string) Value {
	for _, k := range keys {
		v = v.member(k)
		if v.raw == "" {
			break
		}
	}
	return v
}

func (v Value) member(key string) Value {
	var found Value
	v.each(func(k string, val Value) bool {
		if k == key {
			found = val
		}
		return true
	})
	return found
}

// Members returns an object's members in order (duplicates included); nil
// for anything else.
func (v Value) Members() []Member {
	var ms []Member
	v.each(func(k string, val Value) bool {
		ms = append(ms, Member{Key: k, Value: val})
		return true
	})
	return ms
}

// Items returns an array's elements in order; nil for anything else.
func (v Value) Items() []Value {
	s := v.raw
	if len(s) < 2 || s[0] != '[' {
		return nil
	}
	var items []Value
	i := skipSpace(s, 1)
	if i < len(s) && s[i] == ']' {
		return []Value{}
	}
	for i < len(s) {
		start := i
		end := v.skip(i)
		if end < 0 {
			return items
		}
		items = append(items, Value{raw: s[start:end], checked: v.checked})
		i = skipSpace(s, end)
		if i >= len(s) || s[i] != ',' {
			break
		}
		i = skipSpace(s, i+1)
	}
	return items
}
