//go:build js

package bridge

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// The core speaks JSON text and the page speaks JS values. Conversions happen
// here only, each as a single JSON.parse or JSON.stringify, so fields the core
// does not know pass through untouched.

// parseJSON is JSON.parse(raw); "" (no value) gives undefined.
func parseJSON(raw string) (js.Value, error) {
	if raw == "" {
		return js.Undefined(), nil
	}
	var v js.Value
	err := jsinterop.Catch(func() { v = jsJSON.Call("parse", raw) })
	return v, err
}

// jsonResult is the usual tail of a method: the core's JSON result as a JS
// value, or its error.
func jsonResult(v jsonv.Value, err error) (js.Value, error) {
	if err != nil {
		return js.Undefined(), err
	}
	return parseJSON(v.Raw())
}

// stringify is JSON.stringify(v) as a jsonv.Value. undefined and functions have
// no JSON form: they give the zero (missing) Value. A cyclic object or a
// BigInt makes JSON.stringify throw; that comes back as a *jsinterop.Error.
func stringify(v js.Value) (jsonv.Value, error) {
	var s js.Value
	if err := jsinterop.Catch(func() { s = jsJSON.Call("stringify", v) }); err != nil {
		return jsonv.Value{}, err
	}
	if s.Type() != js.TypeString {
		return jsonv.Value{}, nil
	}
	return jsonv.Raw(s.String()), nil
}
