//go:build js

package bridge

import "syscall/js"

// Methods is the one list of the SDK object's methods, names separated by
// spaces, by how web/xkit.js must call them:
//
//   - Async: return a Promise; the loader defines them at once and, before
//     the wasm is ready, makes them wait for it;
//   - Popup: open the authorization window inside the caller's click; before
//     the wasm is ready the loader opens it itself (spec 6.1);
//   - Sync: answer at once, an Error value meaning "throw this".
//
// The object's methods (sdk.go, connect.go) are tested against it
// (TestObjectHasTheListedMethods), and so are the loader's ASYNC_CALLS,
// POPUP_CALLS and SYNC_CALLS and web/xkit.d.ts's XkitJs
// (web/test/methods.test.mjs, which reads it from the factory).
var Methods = struct{ Async, Popup, Sync string }{
	Async: "login logout getAccessToken getPlatform listConnectors getConnector " +
		"listConnections getConnection getConnectionOrConnector getConnectionToken " +
		"disconnect removeConnection setAuthorizationField setAuthorizationFields " +
		"listCRMObjects listAPIObjects getAPIObject getMapping saveMapping",
	Popup: "connect addConnection reconnect",
	Sync:  "on off connectionStatus",
}

// methodsValue is Methods for JS: {async, popup, sync}, each a string of
// names separated by spaces. (Strings, not arrays: building JS arrays from
// Go costs 2 KB of wasm.)
func methodsValue() js.Value {
	v := js.Global().Get("Object").New()
	v.Set("async", Methods.Async)
	v.Set("popup", Methods.Popup)
	v.Set("sync", Methods.Sync)
	return v
}
