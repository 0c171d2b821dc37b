//go:build js

package jsinterop

import (
	"sync/atomic"
	"syscall/js"
)

// Context is what Await needs of its caller: a context.Context and the
// wasm's cancel.Context both are one. (Not context.Context itself: its
// Deadline links time's formatting code into the browser build.)
type Context interface {
	Done() <-chan struct{} // nil when it never ends
	Err() error
}

// Error is a value a JS promise rejected with, or a JS exception. Its Value
// is the very value JS gave, so handing it back to JS loses nothing (an
// error thrown by a page's callback reaches the page unchanged).
type Error struct{ Value js.Value }

// Error is the JS error's message, or String(value) for anything else.
func (e *Error) Error() string {
	v := e.Value
	if v.Type() == js.TypeObject {
		if m := v.Get("message"); m.Type() == js.TypeString {
			return m.String()
		}
	}
	return String(v)
}

// live counts js.Funcs made by FuncOf and not yet released.
var live atomic.Int64

// FuncOf is js.FuncOf, counted until Release. Every Func needs an owner
// that releases it: JS keeps calling a Func until then, and Go keeps it.
func FuncOf(fn func(this js.Value, args []js.Value) any) js.Func {
	live.Add(1)
	return js.FuncOf(fn)
}

// Release frees a Func made by FuncOf.
func Release(f js.Func) {
	f.Release()
	live.Add(-1)
}

// Live is how many Funcs made by FuncOf are not released yet, for tests.
func Live() int64 { return live.Load() }

// Catch runs fn and turns a JS exception thrown inside it (syscall/js
// panics with js.Error) into a *Error. Other panics are Go bugs and go on.
func Catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			je, ok := r.(js.Error)
			if !ok {
				panic(r)
			}
			err = &Error{Value: je.Value}
		}
	}()
	fn()
	return nil
}

var jsPromise = js.Global().Get("Promise")

// Await waits for a JS promise (or any value: Promise.resolve adopts it) and
// returns its value, or its rejection as a *Error. It blocks the calling
// goroutine, so call it from a goroutine of its own, never directly inside
// a js.FuncOf callback (the JS event loop would wait for Go, and Go for JS).
//
// When ctx ends first, Await returns ctx.Err() at once; its callbacks are
// released later, when the promise settles, because JS may still call them.
func Await(ctx Context, v js.Value) (js.Value, error) {
	type settled struct {
		value js.Value
		err   error
	}
	done := make(chan settled, 1)
	onValue := FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{value: Arg(args, 0)}
		return nil
	})
	onError := FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{err: &Error{Value: Arg(args, 0)}}
		return nil
	})
	releaseBoth := func() { Release(onValue); Release(onError) }

	jsPromise.Call("resolve", v).Call("then", onValue, onError)
	select {
	case s := <-done:
		releaseBoth()
		return s.value, s.err
	case <-ctx.Done():
		go func() { <-done; releaseBoth() }()
		return js.Undefined(), ctx.Err()
	}
}

// NewPromise makes a pending Promise and the functions that settle it
// (call them with Invoke). It does not block, so it is safe inside a
// js.FuncOf callback.
func NewPromise() (promise, resolve, reject js.Value) {
	executor := FuncOf(func(_ js.Value, args []js.Value) any {
		resolve, reject = args[0], args[1]
		return nil
	})
	promise = jsPromise.New(executor) // the executor runs synchronously, so it can go now
	Release(executor)
	return promise, resolve, reject
}

// Rejected is Promise.reject(v).
func Rejected(v js.Value) js.Value { return jsPromise.Call("reject", v) }

// Resolved is Promise.resolve(v).
func Resolved(v js.Value) js.Value { return jsPromise.Call("resolve", v) }

// Arg is args[i], or undefined when the caller passed fewer arguments.
func Arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// String is String(v) in JS: what a person would see for any value.
func String(v js.Value) string {
	return js.Global().Call("String", v).String()
}

// PanicText describes a recovered panic value without fmt.
func PanicText(r any) string {
	switch r := r.(type) {
	case error:
		return r.Error()
	case string:
		return r
	default:
		return "unexpected panic"
	}
}
