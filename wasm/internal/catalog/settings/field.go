package settings

import (
	"strconv"

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

// DisplayLabel is the label, or the name when there is none.
func (f *Field) DisplayLabel() string {
	if f.Label != "" {
		return f.Label
	}
	return f.Name
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

// ButtonText is what a select's button says: the choice, or the
// placeholder ("Select one..." / "Select many..." by default).
func (f *Field) ButtonText() string {
	switch {
	case f.Type == Select && f.Value != "":
		return "Selected: " + f.OptionLabel(f.Value)
	case f.Type == Select:
		return orDefault(f.Placeholder, "Select one...")
	case len(f.Values) == 0:
		return orDefault(f.Placeholder, "Select many...")
	case len(f.Values) == 1:
		return "Selected: " + f.OptionLabel(f.Values[0])
	}
	return "Selected: " + f.OptionLabel(f.Values[0]) + " + " + strconv.Itoa(len(f.Values)-1) + " more"
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
