package theme

import (
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/fold"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Vars merges the theme option over the Defaults. warnings name the
// values it dropped.
func Vars(option jsonv.Value) (vars map[string]string, warnings []string) {
	b := builder{vars: Defaults()}
	card := option.Get("card")
	b.length("--xkit-card-padding", card.Get("padding"), "card.padding")
	b.length("--xkit-card-radius", card.Get("borderRadius"), "card.borderRadius")
	b.elevation("--xkit-card-shadow", card.Get("elevation"), "card.elevation")
	b.elevation("--xkit-card-hover-shadow", card.Get("hoverElevation"), "card.hoverElevation")

	text := option.Get("text")
	for _, f := range []string{"ui", "display", "mono"} {
		b.value("--xkit-font-"+f, text.Get("fonts", f), "text.fonts."+f)
	}
	for _, m := range text.Get("colors").Members() {
		if b.name(m.Key, "text.colors") {
			b.value("--xkit-text-"+m.Key, m.Value, "text.colors."+m.Key)
		}
	}
	for _, m := range text.Get("sizes").Members() {
		if n, ok := atoi(m.Key); !ok || n < 100 || n > 900 || n%100 != 0 {
			b.warn("text.sizes." + m.Key + " is not a size from 100 to 900")
			continue
		}
		b.length("--xkit-size-"+m.Key, m.Value, "text.sizes."+m.Key)
	}

	for _, a := range []string{"primary", "default", "minimal"} {
		btn := option.Get("buttons", a)
		b.background("--xkit-button-"+a+"-bg", btn.Get("background"), "buttons."+a+".background")
		b.value("--xkit-button-"+a+"-color", btn.Get("textColor"), "buttons."+a+".textColor")
	}
	b.value("--xkit-tab-color", option.Get("tab", "textColor"), "tab.textColor")
	return b.vars, b.warnings
}

type builder struct {
	vars     map[string]string
	warnings []string
}

func (b *builder) warn(msg string) { b.warnings = append(b.warnings, "theme: "+msg) }

// set stores a value that passes safe, else warns.
func (b *builder) set(prop, value, path string) {
	if !safe(value) {
		b.warn(path + " is not a usable CSS value")
		return
	}
	b.vars[prop] = value
}

// value sets a string option; a missing one keeps the default.
func (b *builder) value(prop string, v jsonv.Value, path string) {
	if !v.Exists() || v.IsNull() {
		return
	}
	s, ok := v.Str()
	if !ok {
		b.warn(path + " must be a string")
		return
	}
	b.set(prop, strings.TrimSpace(s), path)
}

// length takes a number of pixels, or a CSS length as a string. A JSON
// number's text is a CSS number already (exponents included), so it is
// used as written: formatting floats would cost the wasm build ~10 KB.
func (b *builder) length(prop string, v jsonv.Value, path string) {
	if v.Kind() == jsonv.KindNumber {
		b.set(prop, v.Raw()+"px", path)
		return
	}
	b.value(prop, v, path)
}

func (b *builder) elevation(prop string, v jsonv.Value, path string) {
	if !v.Exists() || v.IsNull() {
		return
	}
	n, ok := atoi(v.Raw())
	if !ok || n < 0 || n >= len(elevations) {
		b.warn(path + " must be an elevation from 0 to 4")
		return
	}
	b.vars[prop] = elevations[n]
}

// background takes a colour, or {start, end} for a top-to-bottom gradient.
func (b *builder) background(prop string, v jsonv.Value, path string) {
	if v.Kind() != jsonv.KindObject {
		b.value(prop, v, path)
		return
	}
	start, ok1 := v.Get("start").Str()
	end, ok2 := v.Get("end").Str()
	if !ok1 || !ok2 {
		b.warn(path + " needs start and end colours")
		return
	}
	b.set(prop, "linear-gradient(to bottom, "+strings.TrimSpace(start)+", "+strings.TrimSpace(end)+")", path)
}

// name accepts keys that make a valid custom property name.
func (b *builder) name(key, path string) bool {
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			b.warn(path + ` key "` + key + `" must be letters, digits, - or _`)
			return false
		}
	}
	return key != ""
}

// safe rejects values that could end the declaration or fetch a
// resource; setProperty would reject some of them, a stylesheet would
// not.
func safe(v string) bool {
	if v == "" || len(v) > 300 || strings.ContainsAny(v, ";{}<>\\\n\r\x00") {
		return false
	}
	l := fold.Lower(v)
	for _, bad := range []string{"url(", "image-set(", "expression(", "@import", "javascript:"} {
		if strings.Contains(l, bad) {
			return false
		}
	}
	return true
}

// atoi reads what strconv.Atoi accepts (optional sign, decimal digits); a
// number too large saturates, which every caller rejects anyway. strconv's
// error type would link its quoting and Unicode tables into the wasm.
func atoi(s string) (n int, ok bool) {
	neg := len(s) > 0 && s[0] == '-'
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		if n < 1e9 {
			n = n*10 + int(s[i]-'0')
		}
	}
	if neg {
		n = -n
	}
	return n, true
}
