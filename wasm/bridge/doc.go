//go:build js

// Package bridge is the browser face of the SDK core (package xkit): it turns
// the core's Go calls into the JavaScript object that xkit.js 3.14.1 users
// know, and nothing more.
//
// Everything that crosses the Go/JS line goes through a few small pieces,
// on top of internal/jsinterop (await, catch, JS errors, counted js.Funcs):
//
//   - promise.go: Go work → JS Promise (Go), and a refusal (Rejected).
//   - convert.go: JSON text from the core → JS values (one JSON.parse), JS
//     arguments → JSON text (JSON.stringify).
//   - errors.go: Go errors → real JS Error objects as xkit.js threw them
//     (IKitAPIError, a failed flow's plain Error with code and our reason),
//     and TypeError for argument mistakes.
//   - fetch.go: the core's Transport over window.fetch, cookies included.
//   - emitter.go: on/off listeners and the core's events, with their
//     payloads as xkit.js sent them; a listener's exception reaches the
//     page as an uncaught one.
//   - sdk.go: the object itself; each method checks its arguments at once
//     (args.go) and then runs the core call in a goroutine behind a Promise.
//   - connect.go: connect, addConnection and reconnect: the core's popup
//     flow, with window.open inside the page's call, one Promise per running
//     flow, and the {signal, timeoutMs} options.
//   - popup.go: the authorization window and its "message" listener.
//   - socket.go: the status socket's Dialer over the browser's WebSocket.
//   - host.go: console warnings, navigation, and the scheme for a domain.
//   - factory.go: Register, the hand-over to the loader.
//   - gocalls.go: the same calls for Go code in the same wasm (the catalog,
//     through its app.SDK interface): Go arguments, the core's JSON and
//     typed errors, and Define for the methods such code adds to the
//     object. This package imports nothing of the catalog; wasm/main.go
//     wires the two, and wasm/cmd/sdk is the SDK without it.
//
// Every js.Func made here has one owner that releases it: the promise bridge
// for the short-lived ones, the SDK object (Release) for its methods, a
// flow's popup and abort listener for theirs, a WebSocket for its handlers.
//
// Start with New; wasm/main.go calls Register, which offers it to the loader
// (web/xkit.js) as globalThis.__xkitGo.create(domain, location.protocol).
// Adding a call: the core method (wasm/xkit), its method here (sdk.go, in
// the Methods table of methods.go), and its line in web/xkit.js's lists and
// web/xkit.d.ts; web/test/methods.test.mjs fails until all agree.
//
// Tests run under Node: PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js
// GOARCH=wasm go test ./wasm/bridge (fetch is tested against a Node HTTP
// server; the DOM parts of the loader in Chromium).
package bridge
