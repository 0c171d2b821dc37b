//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

var (
	global = js.Global()
	doc    = global.Get("document")
	jsJSON = global.Get("JSON")
)

// el makes an element: attrs are name, value pairs ("" values are skipped);
// kids are js.Values or strings (text nodes, never parsed as HTML).
func el(tag string, attrs []string, kids ...any) js.Value {
	e := doc.Call("createElement", tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] != "" {
			e.Call("setAttribute", attrs[i], attrs[i+1])
		}
	}
	add(e, kids...)
	return e
}

// a is shorthand for attribute lists.
func a(pairs ...string) []string { return pairs }

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

// parseJS turns JSON text into a JS value (undefined for a missing value).
func parseJS(v jsonv.Value) js.Value {
	if !v.Exists() {
		return js.Undefined()
	}
	return jsJSON.Call("parse", v.Raw())
}

// toJSON reads a JS value as JSON (missing when it cannot be serialized).
func toJSON(v js.Value) jsonv.Value {
	if v.IsUndefined() {
		return jsonv.Value{}
	}
	var out jsonv.Value
	_ = catch(func() {
		s := jsJSON.Call("stringify", v)
		if s.Type() == js.TypeString {
			out, _ = jsonv.Parse(s.String())
		}
	})
	return out
}

// jsError is a rejection or exception from the SDK or a page callback.
type jsError struct{ v js.Value }

func (e jsError) Error() string {
	if e.v.Type() == js.TypeObject {
		if m := e.v.Get("message"); m.Type() == js.TypeString {
			return m.String()
		}
	}
	if e.v.Type() == js.TypeString {
		return e.v.String()
	}
	return "unknown error"
}

// code is the error's OAuth or API code, where the SDK put one.
func (e jsError) code() string {
	if e.v.Type() != js.TypeObject {
		return ""
	}
	for _, k := range []string{"error_code", "errorCode", "code"} {
		if c := e.v.Get(k); c.Type() == js.TypeString {
			return c.String()
		}
	}
	return ""
}

type plainError string

func (e plainError) Error() string { return string(e) }

// catch runs fn and turns a JS exception (a panic of js.Error) into an error.
func catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(js.Error); ok {
				err = jsError{je.Value}
				return
			}
			err = plainError("Xkit catalog internal error")
		}
	}()
	fn()
	return nil
}

// await waits for a promise (or a plain value) from a goroutine, never from
// a js.FuncOf callback. ctx ending lets the goroutine go; the callbacks are
// released when the promise settles.
func await(ctx cancel.Context, p js.Value) (js.Value, error) {
	type settled struct {
		v   js.Value
		err error
	}
	done := make(chan settled, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- settled{v: arg(args, 0)}; return nil })
	bad := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- settled{err: jsError{arg(args, 0)}}; return nil })
	free := func() { ok.Release(); bad.Release() }
	global.Get("Promise").Call("resolve", p).Call("then", ok, bad)
	select {
	case s := <-done:
		free()
		return s.v, s.err
	case <-ctx.Done():
		go func() { <-done; free() }()
		return js.Undefined(), ctx.Err()
	}
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

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

func pickInt(cond bool, yes, no int) int {
	if cond {
		return yes
	}
	return no
}
