//go:build js

// Package view draws the catalog widget (xkit.renderCatalog) in the page,
// on top of the pure packages route, model, markdown, settings and theme,
// which decide everything that can be decided without a DOM.
//
// It talks to the platform only through the public SDK object (window.xkit)
// it is given, and builds its DOM with syscall/js through the few helpers in
// el.go (a dom/v2 build cost ~70 KB brotli the budget does not have). The
// catalog lives in a shadow root, so the page's CSS and its own stay apart;
// every js.Func it makes is released by Unmount.
package view
