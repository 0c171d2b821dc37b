//go:build !js

package phx

import (
	"context"
	"net/http"
	"time"

	"github.com/coder/websocket"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
)

// NativeDialer dials with github.com/coder/websocket, for tests and native
// programs; the browser build's Dialer wraps WebSocket instead.
type NativeDialer struct {
	Client *http.Client // nil: http.DefaultClient
	Header http.Header  // e.g. an Origin a page would send
}

// Dial implements Dialer.
func (d NativeDialer) Dial(c cancel.Context, url string, r Receiver) (Conn, error) {
	ctx, release := cancel.Std(c)
	defer release()
	ws, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: d.Client, HTTPHeader: d.Header})
	if err != nil {
		return nil, err
	}
	ws.SetReadLimit(1 << 20)
	go func() {
		for {
			typ, data, err := ws.Read(context.Background())
			if err != nil {
				r.Closed(err)
				return
			}
			if typ == websocket.MessageText {
				r.Message(string(data))
			}
		}
	}()
	return nativeConn{ws}, nil
}

type nativeConn struct{ c *websocket.Conn }

func (n nativeConn) Send(text string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return n.c.Write(ctx, websocket.MessageText, []byte(text))
}

func (n nativeConn) Close() error { return n.c.Close(websocket.StatusNormalClosure, "") }
