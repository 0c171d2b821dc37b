//go:build js && wasm

// Command wasm is the browser SDK with its catalog widget (web/xkit.wasm):
// web/xkit.js loads it, it registers the SDK factory (globalThis.__xkitGo)
// and then answers calls for the life of the page. Build it with
// ./build.sh; wasm/cmd/sdk is the same SDK without the catalog.
//
// This is where the catalog meets the SDK: the catalog uses the SDK only
// through its own interface (app.SDK), which bridge.SDK implements, and
// adds renderCatalog, renderCatalogDefault and unmountCatalog to each SDK
// object. The SDK (package bridge) knows nothing of the catalog.
package main

import (
	"github.com/xkit-wasm/xkit/wasm/bridge"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/view"
)

func main() {
	bridge.Register(func(s *bridge.SDK) { view.Define(s.Define, s) })
	select {} // the SDK answers JS calls from here on
}
