package settings

import "github.com/xkit-wasm/xkit/wasm/internal/jsonv"

// Parse reads the settings callback's answer. Fields of an unknown type
// or without a name are left out, each with a warning for the console;
// an answer that is not an array (null or nothing: no settings) gives an
// empty form, with a warning unless it was null or missing.
func Parse(v jsonv.Value) (form Form, warnings []string) {
	switch v.Kind() {
	case jsonv.KindMissing, jsonv.KindNull:
		return Form{}, nil
	case jsonv.KindArray:
	default:
		return Form{}, []string{"Ignored settings that are not an array of fields."}
	}
	for _, item := range v.Items() {
		f, ok := fieldFrom(item)
		switch {
		case !ok:
			warnings = append(warnings, `Ignored unsupported settings field type "`+string(f.Type)+`".`)
		case f.Name == "":
			warnings = append(warnings, "Ignored a settings field without a name.")
		default:
			form.Fields = append(form.Fields, f)
		}
	}
	return form, warnings
}

func fieldFrom(v jsonv.Value) (Field, bool) {
	t, _ := v.Get("type").Str()
	f := Field{
		Type:              Type(t),
		Name:              text(v.Get("name")),
		Label:             text(v.Get("label")),
		Description:       text(v.Get("description")),
		Placeholder:       text(v.Get("placeholder")),
		Hint:              text(v.Get("hint")),
		ValidationMessage: text(v.Get("validationMessage")),
		raw:               v,
	}
	value := v.Get("value")
	switch f.Type {
	case Text:
		f.Value = text(value)
	case Select, SelectMultiple:
		f.Options = options(v.Get("options"))
		if f.Type == Select {
			f.Value = text(value)
		} else {
			for _, x := range value.Items() {
				f.Values = append(f.Values, text(x))
			}
		}
	case Switch:
		f.On, _ = value.Bool()
	default:
		if t == "" {
			f.Type = Type(v.Get("type").Raw())
		}
		return f, false
	}
	return f, true
}

// options reads ["a", {"value":"b","label":"B"}, ...].
func options(v jsonv.Value) []Option {
	var out []Option
	for _, o := range v.Items() {
		if o.Kind() != jsonv.KindObject {
			s := text(o)
			out = append(out, Option{Value: s, Label: s})
			continue
		}
		value := text(o.Get("value"))
		out = append(out, Option{Value: value, Label: orDefault(text(o.Get("label")), value)})
	}
	return out
}

// text is a string's text, a number's digits, else "".
func text(v jsonv.Value) string {
	if s, ok := v.Str(); ok {
		return s
	}
	if v.Kind() == jsonv.KindNumber {
		return v.Raw()
	}
	return ""
}
