//go:build js

package bridge

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/phx"
)

// WebSocket is the status socket's phx.Dialer over the browser's WebSocket:
// text frames in both directions, its events handed to the phx.Receiver.
type WebSocket struct{}

var _ phx.Dialer = WebSocket{}

var errNoWebSocket = errors.New("WebSocket is not available in this JavaScript environment")

// wsConn is one WebSocket. It owns the four event handlers and releases
// them when the socket has closed (the close event comes last).
type wsConn struct {
	ws       js.Value
	r        phx.Receiver
	where    string     // the URL without its query (which holds the token), for errors
	opened   chan error // nil once open, or why it never opened
	handlers [4]js.Func

	mu    sync.Mutex
	state int // connecting, open, closed
}

const (
	wsConnecting = iota
	wsOpen
	wsClosed
)

// Dial opens url and returns once the socket is open. A WebSocket that
// fails to open does not say why (the browser hides it); the core asks the
// platform (GET /session) whether the token was the reason.
func (WebSocket) Dial(ctx cancel.Context, url string, r phx.Receiver) (phx.Conn, error) {
	ctor := js.Global().Get("WebSocket")
	if ctor.Type() != js.TypeFunction {
		return nil, errNoWebSocket
	}
	c := &wsConn{r: r, where: url, opened: make(chan error, 1)}
	if i := strings.IndexByte(url, '?'); i >= 0 {
		c.where = url[:i]
	}
	if err := jsinterop.Catch(func() { c.ws = ctor.New(url) }); err != nil {
		return nil, err
	}
	c.handlers = [4]js.Func{
		jsinterop.FuncOf(func(js.Value, []js.Value) any { c.onOpen(); return nil }),
		jsinterop.FuncOf(func(_ js.Value, args []js.Value) any { c.onMessage(jsinterop.Arg(args, 0)); return nil }),
		jsinterop.FuncOf(func(_ js.Value, args []js.Value) any { c.onClose(jsinterop.Arg(args, 0)); return nil }),
		jsinterop.FuncOf(func(js.Value, []js.Value) any { return nil }), // close follows every error
	}
	for i, name := range []string{"onopen", "onmessage", "onclose", "onerror"} {
		c.ws.Set(name, c.handlers[i])
	}
	select {
	case err := <-c.opened:
		if err != nil {
			return nil, err
		}
		return c, nil
	case <-ctx.Done():
		c.Close()
		return nil, ctx.Err()
	}
}

func (c *wsConn) onOpen() {
	c.mu.Lock()
	c.state = wsOpen
	c.mu.Unlock()
	c.opened <- nil
}

func (c *wsConn) onMessage(ev js.Value) {
	if data := ev.Get("data"); data.Type() == js.TypeString {
		c.r.Message(data.String())
	}
}

// onClose ends the socket: before it opened, Dial fails; after, the
// receiver hears of it once. Either way the handlers go.
func (c *wsConn) onClose(ev js.Value) {
	c.mu.Lock()
	was := c.state
	c.state = wsClosed
	c.mu.Unlock()
	for _, name := range []string{"onopen", "onmessage", "onclose", "onerror"} {
		c.ws.Set(name, js.Null())
	}
	for _, f := range c.handlers {
		jsinterop.Release(f)
	}
	switch was {
	case wsConnecting:
		c.opened <- errors.New("the status socket " + c.where + " could not be opened")
	case wsOpen:
		var err error
		if code := ev.Get("code"); code.Type() == js.TypeNumber && code.Int() != 1000 {
			err = errors.New("the status socket " + c.where + " closed (code " + strconv.Itoa(code.Int()) + ")")
		}
		c.r.Closed(err)
	}
}

// Send sends one text frame.
func (c *wsConn) Send(text string) error {
	c.mu.Lock()
	open := c.state == wsOpen
	c.mu.Unlock()
	if !open {
		return errors.New("the status socket " + c.where + " is not open")
	}
	return jsinterop.Catch(func() { c.ws.Call("send", text) })
}

// Close closes the socket normally; the close event finishes the job.
func (c *wsConn) Close() error {
	return jsinterop.Catch(func() { c.ws.Call("close", 1000) })
}
