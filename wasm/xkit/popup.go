package xkit

import (
	"strings"
	"time"

	"github.com/xkit-wasm/xkit/wasm/internal/fold"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/phx"
)

// Popup is the authorization window, already open (the bridge opens it
// synchronously inside the page's click, before any goroutine runs).
type Popup interface {
	// Navigate replaces the window's location with url. Where that is not
	// allowed, the bridge posts {location: url} to the platform origin
	// instead; the platform's loading page follows it.
	Navigate(url string)
	// Closed says whether the window is gone (window.closed). A window
	// severed by Cross-Origin-Opener-Policy also reads as closed, so the
	// flow asks the platform before it calls that a cancellation.
	Closed() bool
	// Focus brings the window forward (a second call for the same connector).
	Focus()
	// Close closes the window. The flow calls it when it ends, whatever
	// the outcome (also when the user closed it already), and earlier when
	// the page is sent away to log in: a second call must do nothing.
	Close()
}

// PopupMessage is one message event the page received from the popup (the
// bridge passes only events whose source is the popup).
type PopupMessage struct {
	Origin string      // event.origin; only the platform's origin counts
	Data   jsonv.Value // event.data as JSON: "authWindow:ready" arrives as a JSON string
}

// ConnectOptions are what one authorization flow needs from the page.
type ConnectOptions struct {
	// Open opens the popup on the platform's /authorizations/loading page
	// (LoadingURL). Connect calls it synchronously, and only when it starts
	// a new flow; a nil Popup means the browser blocked it.
	Open func() Popup
	// Messages carries the page's message events from the popup. Connect
	// reads it until the flow ends; it never needs closing.
	Messages <-chan PopupMessage
	// OpenerOrigin is the page's location.origin; the platform's pages post
	// to it.
	OpenerOrigin string
	// Dialer opens the status socket; nil means polling only.
	Dialer phx.Dialer
	// Timeout ends a flow that has not finished (code "timeout"); 0 means
	// 10 minutes.
	Timeout time.Duration
	// Timing overrides the flow's intervals (tests shorten them).
	Timing Timing
}

// Timing holds the flow's intervals; zero values are the defaults.
type Timing struct {
	Poll        time.Duration // authorization polling while the socket is down: 2 s
	ClosedCheck time.Duration // how often Popup.Closed is read: 200 ms, as xkit.js
	Heartbeat   time.Duration // socket heartbeat: 15 s
	Redial      time.Duration // first wait before the socket is dialed again: 1 s, doubling to 10 s
}

func (t Timing) withDefaults() Timing {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&t.Poll, 2*time.Second)
	def(&t.ClosedCheck, 200*time.Millisecond)
	def(&t.Heartbeat, 15*time.Second)
	def(&t.Redial, time.Second)
	return t
}

// DefaultConnectTimeout is how long a flow may take when
// ConnectOptions.Timeout is 0.
const DefaultConnectTimeout = 10 * time.Minute

// readyMessage is what the platform's loading pages post once loaded.
const readyMessage = "authWindow:ready"

// LoadingURL is where the bridge opens the popup: the platform's first
// loading page, which tells openerOrigin once it is ready.
func (c *Client) LoadingURL(openerOrigin string) string {
	return c.base + "/authorizations/loading?opener_origin=" + escape(openerOrigin)
}

// origin is the platform's origin as event.origin spells it: lower case,
// without the scheme's default port.
func (c *Client) origin() string {
	o := fold.Lower(c.base)
	switch {
	case strings.HasPrefix(o, "https://"):
		o = strings.TrimSuffix(o, ":443")
	case strings.HasPrefix(o, "http://"):
		o = strings.TrimSuffix(o, ":80")
	}
	return o
}
