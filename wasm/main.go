//go:build js && wasm

// Command wasm is the browser SDK: web/xkit.js loads it, it registers the SDK
// factory (globalThis.__xkitGo) and then waits for calls for the life of the
// page. Build it with ./build.sh.
package main

import "github.com/xkit-wasm/xkit/wasm/bridge"

func main() {
	bridge.Register()
	select {} // the SDK answers JS calls from here on
}
