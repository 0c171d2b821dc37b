//go:build js

package bridge

import (
	"errors"
	"sync/atomic"
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
)

var (
	jsPromise = js.Global().Get("Promise")
	jsJSON    = js.Global().Get("JSON")
)

// liveFuncs counts js.Funcs made by newFunc and not yet released, so tests can
// prove that every callback has an owner that lets it go.
var liveFuncs atomic.Int64

func newFunc(fn func(this js.Value, args []js.Value) any) js.Func {
	liveFuncs.Add(1)
	return js.FuncOf(fn)
}

func release(f js.Func) {
	f.Release()
	liveFuncs.Add(-1)
}

// Go runs fn in a new goroutine and returns a JS Promise settled by its
// result: resolved with the value, or rejected with ErrorValue(err). A panic
// in fn rejects the promise instead of killing the program. Go never blocks,
// so it is safe inside a js.FuncOf callback.
func Go(fn func(ctx cancel.Context) (js.Value, error)) js.Value {
	var resolve, reject js.Value
	executor := newFunc(func(_ js.Value, args []js.Value) any {
		resolve, reject = args[0], args[1]
		return nil
	})
	p := jsPromise.New(executor) // the executor runs synchronously, so it can go now
	release(executor)
	go func() {
		v, err := runGuarded(fn)
		if err != nil {
			reject.Invoke(ErrorValue(err))
			return
		}
		resolve.Invoke(v)
	}()
	return p
}

func runGuarded(fn func(ctx cancel.Context) (js.Value, error)) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = js.Undefined(), errors.New("Xkit internal error: "+panicText(r))
		}
	}()
	return fn(cancel.Background())
}

// Rejected returns a Promise already rejected with ErrorValue(err): how a
// method refuses bad arguments before starting any work.
func Rejected(err error) js.Value {
	return jsPromise.Call("reject", ErrorValue(err))
}

// Await waits for a JS promise (or any value: Promise.resolve adopts it) and
// returns its value, or its rejection as a *JSError. It blocks the calling
// goroutine, so call it from a goroutine (such as one started by Go), never
// directly inside a js.FuncOf callback.
//
// When ctx ends first, Await returns ctx.Err() at once; its callbacks are
// released later, when the promise settles, because JS may still call them.
func Await(ctx cancel.Context, v js.Value) (js.Value, error) {
	type settled struct {
		value js.Value
		err   error
	}
	done := make(chan settled, 1)
	onValue := newFunc(func(_ js.Value, args []js.Value) any {
		done <- settled{value: arg(args, 0)}
		return nil
	})
	onError := newFunc(func(_ js.Value, args []js.Value) any {
		done <- settled{err: &JSError{Value: arg(args, 0)}}
		return nil
	})
	releaseBoth := func() { release(onValue); release(onError) }

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

// arg returns args[i], or undefined when the caller passed fewer arguments.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}
