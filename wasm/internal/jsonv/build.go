package jsonv

import "strings"

// String returns s as a JSON string value.
func String(s string) Value { return Value{raw: Quote(s), checked: true} }

// Object builds {"key":value,...} in the order given. Members whose value
// is missing are left out, as JSON.stringify leaves out undefined.
func Object(members ...Member) Value {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for _, m := range members {
		if m.Value.raw == "" {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(Quote(m.Key))
		b.WriteByte(':')
		b.WriteString(m.Value.raw)
	}
	b.WriteByte('}')
	return Value{raw: b.String()}
}

// Array builds [value,...]; missing values become null, as in JSON.stringify.
func Array(items ...Value) Value {
	var b strings.Builder
	b.WriteByte('[')
	for i, v := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		if v.raw == "" {
			b.WriteString("null")
		} else {
			b.WriteString(v.raw)
		}
	}
	b.WriteByte(']')
	return Value{raw: b.String()}
}
