//go:build js

package bridge

import (
	"sync"
	"syscall/js"
	"time"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// connect, addConnection and reconnect run the authorization flow of the
// core (xkit.Client.Connect) in a popup. Everything up to window.open
// happens synchronously inside the page's call, so the browser still sees
// the click that allows a popup; the flow then runs in its own goroutine
// and the returned Promise settles exactly once, from the flow's outcome.

// connectCall is one call's arguments, checked.
type connectCall struct {
	slug, id  string
	reconnect bool
	signal    js.Value      // an AbortSignal, or undefined
	timeout   time.Duration // 0: the core's default (10 minutes)
}

// maxTimeoutMs is the largest timeoutMs accepted: setTimeout's limit,
// about 24.8 days.
const maxTimeoutMs = 2147483647

// connectArgs checks the arguments of connect(connector, options?),
// addConnection(connector, id?, options?) and reconnect(connection,
// options?). addConnection(connector, options) is allowed too: an id is a
// string, so an object in its place can only be the options.
func connectArgs(method string, args []js.Value) (connectCall, error) {
	var c connectCall
	var err error
	options := jsinterop.Arg(args, 1)
	switch method {
	case "reconnect":
		v := jsinterop.Arg(args, 0)
		id, ok := idOf(v)
		slug := ""
		if ok {
			slug, ok = connectorSlug(v.Get("connector"))
		}
		if !ok {
			return c, argError(method, "connection", "a Connection object with an id and a connector, such as one from listConnections()")
		}
		c.slug, c.id, c.reconnect = slug, id, true
	case "addConnection":
		switch id := jsinterop.Arg(args, 1); {
		case id.Type() == js.TypeString && id.String() != "":
			c.id, options = id.String(), jsinterop.Arg(args, 2)
		case isNullish(id):
			options = jsinterop.Arg(args, 2)
		case id.Type() != js.TypeObject:
			return c, argError(method, "id", "a non-empty string, or undefined for a new random id")
		}
		fallthrough
	default:
		if c.slug, err = connectorArg(method, jsinterop.Arg(args, 0)); err != nil {
			return c, err
		}
	}
	c.signal, c.timeout, err = connectOptions(method, options)
	return c, err
}

// connectorSlug reads a connector given as its slug or as an object with one.
func connectorSlug(v js.Value) (string, bool) {
	if v.Type() == js.TypeObject {
		v = v.Get("slug")
	}
	return v.String(), v.Type() == js.TypeString && v.String() != ""
}

// connectOptions checks the optional last argument {signal, timeoutMs}, our
// extension of the original's calls.
func connectOptions(method string, v js.Value) (js.Value, time.Duration, error) {
	if isNullish(v) {
		return js.Undefined(), 0, nil
	}
	if v.Type() != js.TypeObject {
		return js.Value{}, 0, argError(method, "options", "an object such as { signal, timeoutMs }")
	}
	signal := v.Get("signal")
	if isNullish(signal) {
		signal = js.Undefined()
	} else if signal.Type() != js.TypeObject || signal.Get("addEventListener").Type() != js.TypeFunction ||
		signal.Get("aborted").Type() != js.TypeBoolean {
		return js.Value{}, 0, argError(method, "options.signal", "an AbortSignal, such as new AbortController().signal")
	}
	var timeout time.Duration
	if ms := v.Get("timeoutMs"); !isNullish(ms) {
		n := 0.0
		if ms.Type() == js.TypeNumber {
			n = ms.Float()
		}
		if !(n >= 1 && n <= maxTimeoutMs) { // also refuses NaN
			return js.Value{}, 0, argError(method, "options.timeoutMs", "a number of milliseconds from 1 to 2147483647 (default 600000, 10 minutes)")
		}
		timeout = time.Duration(n * float64(time.Millisecond))
	}
	return signal, timeout, nil
}

// flowPromises gives every caller of a running flow the same Promise.
type flowPromises struct {
	mu sync.Mutex
	m  map[*xkit.Flow]flowEntry
}

type flowEntry struct {
	promise js.Value
	window  js.Value // the flow's popup
}

func (p *flowPromises) get(f *xkit.Flow) (flowEntry, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e, ok := p.m[f]
	return e, ok
}

// put keeps e until the flow ends (unless it has already).
func (p *flowPromises) put(f *xkit.Flow, e flowEntry) {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-f.Done():
		return
	default:
	}
	if p.m == nil {
		p.m = map[*xkit.Flow]flowEntry{}
	}
	p.m[f] = e
}

func (p *flowPromises) drop(f *xkit.Flow) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.m, f)
}

// defineConnect adds connect, addConnection, reconnect and, for the loader,
// _withWindow(window, method, args, messages): the same calls with a popup
// the loader opened itself because the page called before the wasm was
// ready, and the messages the window has posted since ([{origin, data}]).
func (s *SDK) defineConnect() {
	for _, method := range []string{"connect", "addConnection", "reconnect"} { // Methods.Popup
		s.set(method, func(args []js.Value) any { return s.connect(method, args, nil, false) })
	}
	s.set("_withWindow", func(args []js.Value) any {
		w, method := jsinterop.Arg(args, 0), jsinterop.Arg(args, 1)
		// From here on the window's messages come to us, the loader's
		// listener having heard the earlier ones.
		var early *popup
		if w.Type() == js.TypeObject {
			early = newPopup(w, s.platformOrigin(), make(chan xkit.PopupMessage, 16))
			early.replay(jsinterop.Arg(args, 3))
		}
		m := method.String()
		if method.Type() != js.TypeString || m != "connect" && m != "addConnection" && m != "reconnect" {
			early.end(true)
			return Rejected(argError("_withWindow", "method", `"connect", "addConnection" or "reconnect"`))
		}
		// No token may be held yet (the SDK has only just started): the
		// flow then gets one as any call does, from the cookie session or
		// the token callback.
		return s.connect(m, list(jsinterop.Arg(args, 2)), early, true)
	})
}

// list is a JS array's items.
func list(v js.Value) []js.Value {
	var items []js.Value
	for i := 0; v.Type() == js.TypeObject && i < v.Length(); i++ {
		items = append(items, v.Index(i))
	}
	return items
}

// connect runs one call. With fromLoader, early is the window the loader
// opened (nil when the browser blocked it) instead of one opened here.
func (s *SDK) connect(method string, args []js.Value, early *popup, fromLoader bool) js.Value {
	call, err := connectArgs(method, args)
	if err != nil {
		early.end(true)
		return Rejected(err)
	}
	flow, opened, end := s.begin(method, call, early, fromLoader)

	if opened == nil { // no new flow: this call joins a running one, or failed before a window
		end(nil)
		e, running := s.flows.get(flow)
		if early != nil {
			// The loader's window is not needed, unless it is the running
			// flow's own (window.open reuses a window of the same name).
			early.end(!(running && e.window.Equal(early.w)))
		}
		if running {
			return e.promise
		}
		select {
		case <-flow.Done():
			_, err := flow.Result()
			return Rejected(err)
		default: // a flow the core runs without us: wait for it like any other
		}
	}

	stopAbort := onAbort(call.signal, opened != nil, end)
	p := Go(func(cancel.Context) (js.Value, error) {
		conn, err := flow.Result()
		s.flows.drop(flow)
		stopAbort()
		end(nil)
		return jsonResult(conn, err)
	})
	var window js.Value
	if opened != nil {
		window = opened.w
	}
	s.flows.put(flow, flowEntry{promise: p, window: window})
	return p
}

// begin starts call's flow in the core, opening its window synchronously
// (or, fromLoader, taking early's), or joins the flow already running for
// the connector. opened is the new flow's window, nil when no flow was
// started here; end ends the flow's context (with a cause: abort).
func (s *SDK) begin(method string, call connectCall, early *popup, fromLoader bool) (flow *xkit.Flow, opened *popup, end func(cause error)) {
	ctx, end := cancel.WithCause(cancel.Background())
	if call.signal.Truthy() && call.signal.Get("aborted").Bool() {
		end(&jsinterop.Error{Value: call.signal.Get("reason")})
	}
	messages := make(chan xkit.PopupMessage, 16)
	if early != nil {
		messages = early.out
	}
	o := xkit.ConnectOptions{
		Open: func() xkit.Popup {
			if fromLoader {
				opened = early
			} else if w := openWindow(s.client.LoadingURL(openerOrigin()), call.slug); !isNullish(w) {
				opened = newPopup(w, s.platformOrigin(), messages)
			}
			if opened == nil {
				return nil // not a nil *popup: the core must see no Popup at all
			}
			return opened
		},
		Messages:     messages,
		OpenerOrigin: openerOrigin(),
		Dialer:       WebSocket{},
		Timeout:      call.timeout,
	}
	switch {
	case call.reconnect:
		conn := jsonv.Object(jsonv.Member{Key: "id", Value: jsonv.String(call.id)},
			jsonv.Member{Key: "connector", Value: jsonv.Object(jsonv.Member{Key: "slug", Value: jsonv.String(call.slug)})})
		flow = s.client.Reconnect(ctx, conn, o)
	case method == "addConnection":
		flow = s.client.AddConnection(ctx, call.slug, call.id, o)
	default:
		flow = s.client.Connect(ctx, call.slug, o)
	}
	return flow, opened, end
}

// onAbort cancels the flow when signal fires "abort" (only when listen: the
// flow is this call's own). The returned stop removes the listener.
func onAbort(signal js.Value, listen bool, end func(cause error)) (stop func()) {
	if !listen || !signal.Truthy() {
		return func() {}
	}
	var once sync.Once
	f := jsinterop.FuncOf(func(js.Value, []js.Value) any {
		end(&jsinterop.Error{Value: signal.Get("reason")})
		return nil
	})
	signal.Call("addEventListener", "abort", f)
	return func() {
		once.Do(func() {
			signal.Call("removeEventListener", "abort", f)
			jsinterop.Release(f)
		})
	}
}

// platformOrigin is the platform's origin as event.origin spells it.
func (s *SDK) platformOrigin() string {
	s.originOnce.Do(func() {
		s.origin = s.client.URL()
		_ = jsinterop.Catch(func() { s.origin = js.Global().Get("URL").New(s.client.URL()).Get("origin").String() })
	})
	return s.origin
}

// openerOrigin is the page's location.origin, where the platform's pages
// post their messages.
func openerOrigin() string {
	if loc := js.Global().Get("location"); loc.Type() == js.TypeObject && loc.Get("origin").Type() == js.TypeString {
		return loc.Get("origin").String()
	}
	return ""
}
