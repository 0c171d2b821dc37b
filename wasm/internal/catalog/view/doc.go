//go:build js

// Package view draws the catalog widget (xkit.renderCatalog) in the page,
// on top of the pure packages app, route, model, markdown, settings and
// theme, which decide everything that can be decided without a DOM: app
// does the reading, the actions and their ordering, and is where the
// catalog meets the SDK (app.SDK, a Go interface; wasm/main.go wires
// bridge.SDK to it with Define).
//
// What stays here is JavaScript's: the DOM, the page's events and the
// page's own callbacks (filter, settings, onLocationChange, in
// callbacks.go), which reach app as Go functions. The DOM is built with
// syscall/js through the few helpers in el.go (a dom/v2 build cost ~70 KB
// brotli the budget does not have). The catalog lives in a shadow root, so
// the page's CSS and its own stay apart; every js.Func it makes is counted
// (internal/jsinterop) and released by Unmount.
//
// Every word comes from i18n.Messages (c.m): English, built in, or the
// language file the loader fetched beside the wasm and hands to Render in
// its env with Intl formatters and the colour scheme (web/xkit.js
// catalogLocale, catalogEnv; i18n.go here). The root carries lang, dir
// and data-scheme; the stylesheet (css.go) uses logical properties, so
// dir="rtl" mirrors the layout, and one set of colour variables per
// scheme. Text that connectors and users wrote gets dir="auto".
//
// Adding a screen: a route.Name and its path in package route, what it
// shows in model (its words: keys in package i18n, translated in every
// message file), what it reads in app with a test on the fake SDK, and its
// draw function here, called from route() in router.go.
package view
