//go:build js

// Package jsjson moves JSON between Go and JavaScript: the SDK's answers
// (jsonv values, JSON text) become JS values with one JSON.parse, and the
// page's values become JSON with one JSON.stringify. The bridge and the
// catalog's view both convert through it, so fields the Go side does not
// know pass through untouched both ways.
package jsjson

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

var jsJSON = js.Global().Get("JSON")

// Parse is JSON.parse(raw); "" (a missing value) gives undefined. Text
// JSON.parse refuses comes back as a *jsinterop.Error.
func Parse(raw string) (js.Value, error) {
	if raw == "" {
		return js.Undefined(), nil
	}
	var v js.Value
	err := jsinterop.Catch(func() { v = jsJSON.Call("parse", raw) })
	return v, err
}

// Stringify is JSON.stringify(v) as a jsonv.Value. undefined and functions
// have no JSON form: they give the zero (missing) Value. A cyclic object or
// a BigInt makes JSON.stringify throw; that comes back as a
// *jsinterop.Error.
func Stringify(v js.Value) (jsonv.Value, error) {
	var s js.Value
	if err := jsinterop.Catch(func() { s = jsJSON.Call("stringify", v) }); err != nil {
		return jsonv.Value{}, err
	}
	if s.Type() != js.TypeString {
		return jsonv.Value{}, nil
	}
	return jsonv.Raw(s.String()), nil
}
