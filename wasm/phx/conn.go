package phx

import "github.com/xkit-wasm/xkit/wasm/internal/cancel"

// Conn is one open WebSocket carrying text frames.
type Conn interface {
	Send(text string) error // one text frame
	Close() error           // close normally; Receiver.Closed follows
}

// Receiver gets what arrives on a Conn. Its methods never block, so a
// browser event handler may call them directly.
type Receiver interface {
	Message(text string) // one text frame
	Closed(err error)    // the connection is gone (called once; err may be nil)
}

// Dialer opens a Conn to url and delivers its frames to r. Dial returns
// once the socket is open, or with an error when it could not open.
type Dialer interface {
	Dial(ctx cancel.Context, url string, r Receiver) (Conn, error)
}
