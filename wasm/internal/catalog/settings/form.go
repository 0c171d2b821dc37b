package settings

import "github.com/xkit-wasm/xkit/wasm/internal/jsonv"

// Form is the fields of one connection's settings, as being edited.
type Form struct{ Fields []Field }

// field finds a field by name and type; nil when there is none.
func (f *Form) field(name string, types ...Type) *Field {
	for i := range f.Fields {
		if f.Fields[i].Name != name {
			continue
		}
		for _, t := range types {
			if f.Fields[i].Type == t {
				return &f.Fields[i]
			}
		}
	}
	return nil
}

// SetText sets a text field; false when there is no such text field.
func (f *Form) SetText(name, value string) bool {
	fd := f.field(name, Text)
	if fd == nil {
		return false
	}
	fd.Value, fd.changed = value, true
	return true
}

// SetSwitch turns a switch on or off.
func (f *Form) SetSwitch(name string, on bool) bool {
	fd := f.field(name, Switch)
	if fd == nil {
		return false
	}
	fd.On, fd.changed = on, true
	return true
}

// Choose picks an option: the value of a select, or one more value of a
// select-multiple. A value that is not among the options is refused.
func (f *Form) Choose(name, value string) bool {
	fd := f.field(name, Select, SelectMultiple)
	if fd == nil || !fd.hasOption(value) {
		return false
	}
	switch {
	case fd.Type == Select:
		fd.Value = value
	case !fd.Selected(value):
		fd.Values = append(fd.Values, value)
	}
	fd.changed = true
	return true
}

// Unchoose drops a value of a select-multiple.
func (f *Form) Unchoose(name, value string) bool {
	fd := f.field(name, SelectMultiple)
	if fd == nil {
		return false
	}
	kept := []string{}
	for _, v := range fd.Values {
		if v != value {
			kept = append(kept, v)
		}
	}
	fd.Values, fd.changed = kept, true
	return true
}

func (f *Field) hasOption(v string) bool {
	for _, o := range f.Options {
		if o.Value == v {
			return true
		}
	}
	return false
}

// HasErrors reports whether any field has a validation message: the
// settings page stays open.
func (f Form) HasErrors() bool {
	for _, fd := range f.Fields {
		if fd.Invalid() {
			return true
		}
	}
	return false
}

// JSON is the fields to hand to the settings callback on Save: each as it
// came, with "value" replaced in the ones the user changed, and without
// the last answer's validation messages, so the callback judges the values
// afresh.
func (f Form) JSON() jsonv.Value {
	items := make([]jsonv.Value, 0, len(f.Fields))
	for _, fd := range f.Fields {
		items = append(items, fd.json())
	}
	return jsonv.Array(items...)
}

func (f *Field) json() jsonv.Value {
	if !f.changed && !f.Invalid() {
		return f.raw
	}
	var value jsonv.Value
	switch f.Type {
	case Switch:
		value = jsonv.Raw("false")
		if f.On {
			value = jsonv.Raw("true")
		}
	case SelectMultiple:
		vs := make([]jsonv.Value, 0, len(f.Values))
		for _, v := range f.Values {
			vs = append(vs, jsonv.String(v))
		}
		value = jsonv.Array(vs...)
	default:
		value = jsonv.String(f.Value)
	}
	var members []jsonv.Member
	for _, m := range f.raw.Members() {
		if m.Key != "value" && m.Key != "validationMessage" {
			members = append(members, m)
		}
	}
	return jsonv.Object(append(members, jsonv.Member{Key: "value", Value: value})...)
}
