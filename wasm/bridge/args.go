//go:build js

package bridge

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/jsjson"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// Argument checks run synchronously when a method is called, before any
// request: a wrong type rejects at once with a TypeError that names the
// method and the argument and shows what was expected.

func argError(method, name, want string) error {
	return &xkit.ArgError{Arg: name, Message: method + ": " + name + " must be " + want}
}

// isNullish is v == null in JS: undefined or null.
func isNullish(v js.Value) bool { return v.IsUndefined() || v.IsNull() }

// stringArg is a required non-empty string.
func stringArg(method, name string, v js.Value, want string) (string, error) {
	if v.Type() != js.TypeString || v.String() == "" {
		return "", argError(method, name, want)
	}
	return v.String(), nil
}

const wantSlug = `a string such as "slack"`

// slugArg is a connector slug given as a string.
func slugArg(method, name string, v js.Value) (string, error) {
	return stringArg(method, name, v, wantSlug)
}

// connectorArg is a connector given as its slug or as a Connector object.
func connectorArg(method string, v js.Value) (string, error) {
	if v.Type() == js.TypeObject {
		v = v.Get("slug")
	}
	return stringArg(method, "connector", v, `a Connector or its slug, such as "slack"`)
}

// idOf reads an object's id, a string or a number.
func idOf(v js.Value) (string, bool) {
	if v.Type() != js.TypeObject {
		return "", false
	}
	switch id := v.Get("id"); id.Type() {
	case js.TypeString:
		return id.String(), id.String() != ""
	case js.TypeNumber:
		return jsinterop.String(id), true
	}
	return "", false
}

// connectionArg is a Connection object; only its id is used.
func connectionArg(method string, v js.Value) (string, error) {
	id, ok := idOf(v)
	if !ok {
		return "", argError(method, "connection", "a Connection object with an id")
	}
	return id, nil
}

// queryArg is a connection query: { slug } or { id }, or (deprecated, with a
// warning) a bare connector slug. slug wins when both are given, as before.
func queryArg(method string, v js.Value, warn func(string)) (xkit.Query, error) {
	const want = `{ slug: "slack" } or { id: "..." }`
	switch v.Type() {
	case js.TypeString:
		if v.String() == "" {
			break
		}
		warn(`Specifying a connection by its connector slug (e.g. "` + v.String() +
			`") is deprecated. Use an object instead (e.g. { slug: "` + v.String() + `" }).`)
		return xkit.Query{Slug: v.String()}, nil
	case js.TypeObject:
		if hasOwn(v, "slug") {
			slug, err := stringArg(method, "query.slug", v.Get("slug"), wantSlug)
			return xkit.Query{Slug: slug}, err
		}
		if id, ok := idOf(v); ok {
			return xkit.Query{ID: id}, nil
		}
	}
	return xkit.Query{}, argError(method, "query", want)
}

func hasOwn(v js.Value, key string) bool {
	return js.Global().Get("Object").Get("prototype").Get("hasOwnProperty").Call("call", v, key).Bool()
}

// jsonArg is any value that JSON can carry; undefined gives the zero Value.
func jsonArg(method, name string, v js.Value) (jsonv.Value, error) {
	j, err := jsjson.Stringify(v)
	if err != nil {
		return jsonv.Value{}, &xkit.ArgError{Arg: name,
			Message: method + ": " + name + " cannot be sent as JSON: " + err.Error()}
	}
	return j, nil
}

// objectArg is a plain object (not null, not an array) sent as JSON.
func objectArg(method, name string, v js.Value) (jsonv.Value, error) {
	if v.Type() != js.TypeObject || js.Global().Get("Array").Call("isArray", v).Bool() {
		return jsonv.Value{}, argError(method, name, "an object")
	}
	return jsonArg(method, name, v)
}
