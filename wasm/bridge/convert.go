//go:build js

package bridge

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/jsjson"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// The core speaks JSON text and the page speaks JS values. Conversions go
// through package jsjson, each a single JSON.parse or JSON.stringify, so
// fields the core does not know pass through untouched.

// jsonResult is the usual tail of a method: the core's JSON result as a JS
// value, or its error.
func jsonResult(v jsonv.Value, err error) (js.Value, error) {
	if err != nil {
		return js.Undefined(), err
	}
	return jsjson.Parse(v.Raw())
}
