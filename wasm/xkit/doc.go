// Package xkit is the core of the Go/WebAssembly Xkit browser SDK, a drop-in
// for xkit.js 3.14.1: sessions and tokens, and every platform API call.
//
// It is pure Go with no syscall/js, so it runs under plain go test against
// a real xkitd. The bridge (package wasm/bridge) gives it a Transport over
// window.fetch and a Host for console.warn and navigation, and turns each
// method into a JavaScript function returning a Promise.
//
// Start with New; results are the raw JSON text of what xkit.js resolves
// (the "connector" member of GET /connectors/{slug}, and so on), so fields
// this package does not know pass through to the page untouched:
//
//	c := xkit.New(xkit.Options{Domain: "example.xkit.co", Version: "3.14.1", Transport: t})
//	err := c.Login(ctx, token, nil)
//	connectors, err := c.ListConnectors(ctx)
//
// Every authenticated call runs the same way (spec section 4): with the
// held token; on 401 with a fresh token from the cookie session (one
// POST /sessions/token shared by concurrent callers, forgotten once it
// settles); on 401 again through the public API when the call has one
// (GetPlatform, ListConnectors, GetConnector, GetConnectionOrConnector);
// otherwise with a token from the login callback, whose default sends the
// page to the platform's login_redirect_url.
//
// Connect, AddConnection and Reconnect run the popup authorization flow
// (spec section 6) as a *Flow: the bridge opens the window synchronously
// through ConnectOptions.Open, feeds the popup's message events to
// ConnectOptions.Messages and gives a WebSocket phx.Dialer for the status
// socket; the flow polls the authorization while that socket is down and
// asks the platform before it calls a closed popup cancelled. One flow
// runs per connector (Client.Flow); it ends once, with the connection or a
// *ConnectError whose Code says what happened.
//
// Where it differs from xkit.js:
//   - Login returns its error instead of only logging it.
//   - A failed token refresh is not handed to later callers.
//   - Empty slugs, ids and queries are an *ArgError before any request.
//   - http:// is allowed (Options.Scheme), for loopback development hosts.
//   - Path segments built from arguments are percent-encoded.
//   - A popup that reads as closed after the user finished (as one severed
//     by Cross-Origin-Opener-Policy does) is a success, not a hang; a
//     dropped status socket is followed by polling, not an error.
//
// The browser build must stay small, so this package and jsonv import no
// encoding/json, fmt, net/url, net/http or reflect. NewHTTPTransport, for
// tests and native programs, is built only outside js.
package xkit
