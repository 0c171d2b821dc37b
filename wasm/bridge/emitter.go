//go:build js

package bridge

import (
	"errors"
	"sync"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/jsjson"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Errors of xkit.js 3.14.1's emitter, kept word for word: pages may match them.
const (
	errDuplicateListener = message("Can not use the same function for the same type of event more than once.")
	errUnknownListener   = message("The supplied function is not a listener on the given type.")
)

// emitter keeps the page's listeners per event type and calls them when the
// core emits. Listeners are compared with js.Value.Equal (===), as the
// original's Map of functions did. Go code in the same wasm (the catalog)
// listens too, with Go functions and no JSON.parse (subscribe).
type emitter struct {
	mu        sync.Mutex
	listeners map[string][]js.Value
	goFuncs   []*goListener // in the order they subscribed
	warn      func(msg string)
	// adapt, when set, turns a payload parsed from the core's JSON into
	// what xkit.js sent (values JSON cannot carry), before the page's
	// listeners see it.
	adapt func(typ string, payload js.Value)
}

// goListener is a subscribed Go function; its pointer identifies it.
type goListener struct {
	typ string
	fn  func(payload jsonv.Value)
}

func newEmitter(warn func(string)) *emitter {
	return &emitter{listeners: map[string][]js.Value{}, warn: warn}
}

// subscribe adds a Go listener, called after the page's ones.
func (e *emitter) subscribe(typ string, fn func(payload jsonv.Value)) (unsubscribe func()) {
	l := &goListener{typ, fn}
	e.mu.Lock()
	e.goFuncs = append(e.goFuncs, l)
	e.mu.Unlock()
	return func() {
		e.mu.Lock()
		var kept []*goListener // a fresh slice, as in off
		for _, x := range e.goFuncs {
			if x != l {
				kept = append(kept, x)
			}
		}
		e.goFuncs = kept
		e.mu.Unlock()
	}
}

func (e *emitter) on(typ string, fn js.Value) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if indexOf(e.listeners[typ], fn) >= 0 {
		return errDuplicateListener
	}
	if typ == "connection:disable" {
		e.warn("The connection:disable event is deprecated. Use connection:remove instead.")
	}
	e.listeners[typ] = append(e.listeners[typ], fn)
	return nil
}

func (e *emitter) off(typ string, fn js.Value) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	list := e.listeners[typ]
	i := indexOf(list, fn)
	if i < 0 {
		return errUnknownListener
	}
	// A fresh slice: an emit in progress keeps iterating its own snapshot.
	e.listeners[typ] = append(append([]js.Value(nil), list[:i]...), list[i+1:]...)
	return nil
}

// emit calls each listener of typ with the payload (one JSON.parse, shared by
// all listeners), in the order they subscribed. A listener that throws does
// not stop the others, as with xkit.js's EventTarget, and its exception
// reaches the page as an uncaught one (reportUncaught).
func (e *emitter) emit(typ string, payload jsonv.Value) {
	e.mu.Lock()
	list, goFuncs := e.listeners[typ], e.goFuncs
	e.mu.Unlock()
	if len(list) > 0 {
		if value, err := jsjson.Parse(payload.Raw()); err != nil {
			logError(err)
		} else {
			if e.adapt != nil {
				e.adapt(typ, value)
			}
			for _, fn := range list {
				if err := jsinterop.Catch(func() { fn.Invoke(value) }); err != nil {
					reportUncaught(err)
				}
			}
		}
	}
	for _, l := range goFuncs {
		if l.typ == typ {
			l.fn(payload)
		}
	}
}

func indexOf(list []js.Value, fn js.Value) int {
	for i, f := range list {
		if f.Equal(fn) {
			return i
		}
	}
	return -1
}

// reportUncaught hands what a page's listener threw back to the page as an
// uncaught exception: window's "error" event, window.onerror and error
// trackers see it, as they saw xkit.js's (its EventTarget reported it). It
// is reported from a timer, after the emit, so the page's error handlers
// never run inside the SDK. Without reportError (Node) it is logged.
func reportUncaught(err error) {
	je, ok := errors.AsType[*jsinterop.Error](err)
	g := js.Global()
	if !ok || g.Get("reportError").Type() != js.TypeFunction {
		logError(err)
		return
	}
	g.Call("setTimeout", g.Get("reportError"), 0, je.Value)
}

// logError prints err as console.error("Xkit:", err), with the JS value
// itself when there is one so the console can show its stack.
func logError(err error) {
	var v any = err.Error()
	if je, ok := errors.AsType[*jsinterop.Error](err); ok {
		v = je.Value
	}
	js.Global().Get("console").Call("error", "Xkit:", v)
}
