//go:build js

package bridge

import (
	"strconv"
	"sync"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/jsjson"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// The authorization window, as xkit.js 3.14.1 opens it, but centred on the
// page's own window rather than on the primary screen. web/xkit.js opens the
// same window (popupFeatures there) for calls made before the wasm is ready.
const (
	popupWidth  = 625
	popupHeight = 700
)

// popupName is the window's target name. xkit.js used one name for every
// flow; ours adds the connector, so flows for different connectors get
// windows of their own instead of taking each other's.
func popupName(slug string) string { return "ikit:authorization:" + slug }

// popupFeatures centres the window on the opener: window.screenX/Y and
// outerWidth/Height say where the page's window is, on whichever screen.
func popupFeatures() string {
	g := js.Global()
	num := func(name string) int {
		if v := g.Get(name); v.Type() == js.TypeNumber {
			return v.Int()
		}
		return 0
	}
	left := num("screenX") + (num("outerWidth")-popupWidth)/2
	top := num("screenY") + (num("outerHeight")-popupHeight)/2
	return "scrollbars=no,resizable=no,status=no,location=no,menubar=no,width=" + strconv.Itoa(popupWidth) +
		",height=" + strconv.Itoa(popupHeight) + ",left=" + strconv.Itoa(left) + ",top=" + strconv.Itoa(top)
}

// openWindow is window.open(url, name, features): the window, or null when
// the browser blocked it (a throwing window.open counts as blocked too).
func openWindow(url, slug string) js.Value {
	var w js.Value
	if err := jsinterop.Catch(func() { w = js.Global().Call("open", url, popupName(slug), popupFeatures()) }); err != nil {
		return js.Null()
	}
	return w
}

// closeWindow closes a window the flow does not use; null is ignored.
func closeWindow(w js.Value) {
	if w.Type() == js.TypeObject {
		_ = jsinterop.Catch(func() { w.Call("close") })
	}
}

// popup is the core's xkit.Popup over an open window. It also owns the
// page's "message" listener for the window: only events from the platform's
// origin whose source is this very window reach the flow (out). Close
// removes the listener and releases it.
type popup struct {
	w      js.Value
	origin string // the platform's origin
	out    chan xkit.PopupMessage
	listen js.Func
	once   sync.Once
}

func newPopup(w js.Value, origin string, out chan xkit.PopupMessage) *popup {
	p := &popup{w: w, origin: origin, out: out}
	p.listen = jsinterop.FuncOf(func(_ js.Value, args []js.Value) any {
		if ev := jsinterop.Arg(args, 0); ev.Type() == js.TypeObject && ev.Get("source").Equal(w) {
			p.forward(ev.Get("origin"), ev.Get("data"))
		}
		return nil
	})
	if g := js.Global(); g.Get("addEventListener").Type() == js.TypeFunction {
		g.Call("addEventListener", "message", p.listen)
	}
	return p
}

// forward hands the flow a message from the platform's origin. It never
// blocks an event handler: the flow reads promptly, and a popup that floods
// us loses only its surplus messages.
func (p *popup) forward(origin, data js.Value) {
	if origin.Type() != js.TypeString || origin.String() != p.origin {
		return
	}
	v, err := jsjson.Stringify(data)
	if err != nil || !v.Exists() {
		return
	}
	select {
	case p.out <- xkit.PopupMessage{Origin: p.origin, Data: v}:
	default:
	}
}

// replay forwards what the loader heard from the window before the wasm
// was ready: an array of {origin, data} (the loader checked the source).
func (p *popup) replay(messages js.Value) {
	for _, m := range list(messages) {
		if m.Type() == js.TypeObject {
			p.forward(m.Get("origin"), m.Get("data"))
		}
	}
}

// Navigate replaces the window's location; a window that does not allow it
// (Electron) is asked to go there by a message to the platform's origin.
func (p *popup) Navigate(url string) {
	if jsinterop.Catch(func() { p.w.Get("location").Call("replace", url) }) == nil {
		return
	}
	msg := js.Global().Get("Object").New()
	msg.Set("location", url)
	_ = jsinterop.Catch(func() { p.w.Call("postMessage", msg, p.origin) })
}

// Closed is window.closed; a window severed by Cross-Origin-Opener-Policy
// reads as closed too, which the core knows.
func (p *popup) Closed() bool {
	closed := true
	_ = jsinterop.Catch(func() { closed = p.w.Get("closed").Truthy() })
	return closed
}

func (p *popup) Focus() { _ = jsinterop.Catch(func() { p.w.Call("focus") }) }

// Close closes the window (if the user has not) and lets the listener go.
func (p *popup) Close() { p.end(true) }

// end lets the listener go, and closes the window when closeWindow. A nil
// popup (a blocked window) has nothing to end.
func (p *popup) end(closeIt bool) {
	if p == nil {
		return
	}
	p.once.Do(func() {
		if closeIt && !p.Closed() {
			closeWindow(p.w)
		}
		if g := js.Global(); g.Get("removeEventListener").Type() == js.TypeFunction {
			g.Call("removeEventListener", "message", p.listen)
		}
		jsinterop.Release(p.listen)
	})
}
