package xkit_test

import (
	"context"
	"errors"

	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// window stands for the bridge's wrapper of the object window.open returned.
type window struct{}

func (window) Navigate(url string) {}               // w.location.replace(url), else w.postMessage({location: url}, platformOrigin)
func (window) Closed() bool        { return false } // w.closed
func (window) Focus()              {}               // w.focus()
func (window) Close()              {}               // w.close(); remove the message listener

// How the bridge runs connect(connector) inside the page's click handler:
// everything up to window.open happens synchronously in Connect, then the
// flow runs in its own goroutine and the Promise settles from Wait.
func ExampleClient_Connect() {
	c := xkit.New(xkit.Options{Domain: "example.xkit.co", Transport: nil})
	messages := make(chan xkit.PopupMessage, 16) // fed by window's "message" listener: event.source === w only
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // the bridge cancels on the AbortSignal's "abort" event instead

	flow := c.Connect(ctx, "slack", xkit.ConnectOptions{
		Open: func() xkit.Popup {
			// w := window.open(c.LoadingURL(location.origin), "ikit:authorization:slack", features)
			// if w === null: return nil
			return window{}
		},
		Messages:     messages,
		OpenerOrigin: "https://app.example.com", // location.origin
		Dialer:       nil,                       // the bridge's WebSocket Dialer
	})
	// A second connect("slack") while this runs returns the same flow (and
	// focuses its popup): the bridge hands back the same Promise.
	conn, err := flow.Wait(context.Background())
	var ce *xkit.ConnectError
	switch {
	case errors.As(err, &ce):
		_ = ce.Code // "unauthorized" here: this page never logged in
	case err == nil:
		_ = conn.Raw() // the Connection, for JSON.parse
	}
}
