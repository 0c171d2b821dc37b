//go:build js

package bridge

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/view"
)

// registerCatalog adds the catalog widget's calls to the factory
// (renderCatalog, renderCatalogDefault, unmountCatalog; see view.Register).
// The loader hands them the page's public SDK object: the catalog reaches
// the platform only through window.xkit's methods.
func registerCatalog(factory js.Value) (unregister func()) {
	return view.Register(factory)
}
