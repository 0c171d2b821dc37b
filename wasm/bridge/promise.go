//go:build js

package bridge

import (
	"errors"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
)

// Go runs fn in a new goroutine and returns a JS Promise settled by its
// result: resolved with the value, or rejected with ErrorValue(err). A panic
// in fn rejects the promise instead of killing the program. Go never blocks,
// so it is safe inside a js.FuncOf callback.
func Go(fn func(ctx cancel.Context) (js.Value, error)) js.Value {
	p, resolve, reject := jsinterop.NewPromise()
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
			v, err = js.Undefined(), errors.New("Xkit internal error: "+jsinterop.PanicText(r))
		}
	}()
	return fn(cancel.Background())
}

// Rejected returns a Promise already rejected with ErrorValue(err): how a
// method refuses bad arguments before starting any work.
func Rejected(err error) js.Value {
	return jsinterop.Rejected(ErrorValue(err))
}
