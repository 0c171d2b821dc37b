package settings

import (
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Type is a field's kind.
type Type string

// Field types.
const (
	Text           Type = "text"
	Select         Type = "select"
	SelectMultiple Type = "select-multiple"
	Switch         Type = "switch"
)

// Option is one choice of a select field; Label defaults to Value.
type Option struct{ Value, Label string }

// Field is one form field.
type Field struct {
	Type              Type
	Name              string
	Label             string // shown as the field's label; see DisplayLabel
	Description       string
	Placeholder       string
	Hint              string
	ValidationMessage string // set by the settings callback: the field is invalid
	Options           []Option

	Value  string   // text and select
	Values []string // select-multiple
	On     bool     // switch

	raw     jsonv.Value
	changed bool
}

// DisplayLabel is the label. A field without one (the original showed
// its name, "api_key") gets its name in words: "Api key".
func (f *Field) DisplayLabel() string {
	if f.Label != "" {
		return f.Label
	}
	return words(f.Name)
}

// words spells an identifier as words: "api_key", "api-key" and "apiKey"
// are "Api key".
func words(name string) string {
	b := make([]byte, 0, len(name)+4)
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-' || c == '.':
			c = ' '
		case 'A' <= c && c <= 'Z' && i > 0 && 'a' <= name[i-1] && name[i-1] <= 'z':
			b = append(b, ' ')
			c += 'a' - 'A'
		}
		if c == ' ' && (len(b) == 0 || b[len(b)-1] == ' ') {
			continue
		}
		b = append(b, c)
	}
	if len(b) > 0 && 'a' <= b[0] && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return strings.TrimRight(string(b), " ")
}

// Invalid reports whether the callback rejected the field's value.
func (f *Field) Invalid() bool { return f.ValidationMessage != "" }

// OptionLabel is the label of the option with value v (v itself when no
// option has it).
func (f *Field) OptionLabel(v string) string {
	for _, o := range f.Options {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// Selected reports whether v is chosen in a select or select-multiple.
func (f *Field) Selected(v string) bool {
	if f.Type == Select {
		return f.Value == v
	}
	for _, x := range f.Values {
		if x == v {
			return true
		}
	}
	return false
}

// Prompt is what a select shows while none of its options is chosen:
// its placeholder, else def ("Select one…" in the catalog's language);
// ok is false once an option is chosen. The prompt is no option: the
// user cannot choose it (the original's "Selected: …" line could be
// chosen, and cleared the field).
func (f *Field) Prompt(def string) (prompt string, ok bool) {
	if f.Type != Select || f.hasOption(f.Value) {
		return "", false
	}
	return orDefault(f.Placeholder, def), true
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
