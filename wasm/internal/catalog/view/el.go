//go:build js

package view

import (
	"strings"
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/jsjson"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

var (
	global = js.Global()
	doc    = global.Get("document")
)

// el makes an element: attrs are name, value pairs ("" values are skipped);
// kids are js.Values or strings (text nodes, never parsed as HTML). The
// element gets its part names (part) from its tag and class.
func el(tag string, attrs []string, kids ...any) js.Value {
	e := doc.Call("createElement", tag)
	class := ""
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i] == "class" {
			class = attrs[i+1]
		}
		if attrs[i+1] != "" {
			e.Call("setAttribute", attrs[i], attrs[i+1])
		}
	}
	if p := part(tag, class); p != "" {
		e.Call("setAttribute", "part", p)
	}
	add(e, kids...)
	return e
}

// part names what the page's CSS may style from outside the shadow root
// with ::part() (README, "Styling the catalog"): headings (the title is
// also "title"), buttons (also "primary" or "danger"), tabs, cards,
// badges, tables and the search field. The names follow the element's tag
// and its first class (its kind), so every screen's buttons and headings
// have them.
func part(tag, class string) string {
	switch tag {
	case "h1":
		return "heading title"
	case "h2", "h3":
		return "heading"
	case "table":
		return "table"
	}
	kind, rest, _ := strings.Cut(class, " ")
	switch kind {
	case "btn":
		if rest == "primary" || rest == "danger" {
			return "button " + rest
		}
		return "button"
	case "card", "badge", "tab", "search":
		return kind
	}
	return ""
}

// a is an attribute list, name, value pairs: a{"class", "card"}. A type,
// not a function: a literal costs no call (wasm pays for each call site).
type a = []string

func add(parent js.Value, kids ...any) {
	for _, k := range kids {
		switch k := k.(type) {
		case js.Value:
			if k.Truthy() {
				parent.Call("append", k)
			}
		case string:
			parent.Call("append", k) // append(string) makes a text node
		}
	}
}

func clear(e js.Value) { e.Call("replaceChildren") }

// parseJS turns JSON into a JS value (undefined for a missing value).
func parseJS(v jsonv.Value) js.Value {
	j, _ := jsjson.Parse(v.Raw()) // the core's JSON, or the catalog's own
	return j
}

// toJSON reads a JS value as JSON (missing when it cannot be serialized).
func toJSON(v js.Value) jsonv.Value {
	j, _ := jsjson.Stringify(v)
	return j
}

// plainError is an error of the catalog's own, shown as is.
type plainError string

func (e plainError) Error() string { return string(e) }

// str reads a string member; "" when it is not a string.
func str(o js.Value, k string) string {
	if o.Type() != js.TypeObject && o.Type() != js.TypeFunction {
		return ""
	}
	if v := o.Get(k); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

func fn(o js.Value, k string) js.Value {
	if o.Type() != js.TypeObject && o.Type() != js.TypeFunction {
		return js.Undefined()
	}
	if v := o.Get(k); v.Type() == js.TypeFunction {
		return v
	}
	return js.Undefined()
}

// pick is cond ? yes : no.
func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

func pickKey(cond bool, yes, no i18n.Key) i18n.Key {
	if cond {
		return yes
	}
	return no
}

func pickInt(cond bool, yes, no int) int {
	if cond {
		return yes
	}
	return no
}
