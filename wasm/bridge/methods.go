//go:build js

package bridge

import "syscall/js"

// Methods is the one list of the SDK object's methods, by how web/xkit.js
// must call them:
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
var Methods = struct{ Async, Popup, Sync []string }{
	Async: []string{
		"login", "logout", "getAccessToken", "getPlatform",
		"listConnectors", "getConnector",
		"listConnections", "getConnection", "getConnectionOrConnector", "getConnectionToken",
		"disconnect", "removeConnection",
		"setAuthorizationField", "setAuthorizationFields",
		"listCRMObjects", "listAPIObjects", "getAPIObject", "getMapping", "saveMapping",
	},
	Popup: []string{"connect", "addConnection", "reconnect"},
	Sync:  []string{"on", "off", "connectionStatus"},
}

// methodsValue is Methods for JS: {async, popup, sync}, arrays of names.
func methodsValue() js.Value {
	list := func(names []string) []any {
		out := make([]any, len(names))
		for i, n := range names {
			out[i] = n
		}
		return out
	}
	return js.ValueOf(map[string]any{"async": list(Methods.Async), "popup": list(Methods.Popup), "sync": list(Methods.Sync)})
}
