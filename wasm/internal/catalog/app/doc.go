// Package app is what the catalog widget does, without a DOM: it reads the
// platform, the connectors and one connector's page through the SDK, runs
// the install, reconnect and remove actions, asks the page's settings
// callback, and says what to show (model.Page, model.Toast, settings.Form).
// The DOM layer (package view) draws what it answers; the page's own
// callbacks (filter, settings) come in as Go functions in Options.
//
// The catalog depends on the SDK only through the SDK interface below:
// bridge.SDK implements it, wasm/main.go wires the two, and tests use a
// fake (package fake). So the catalog calls Go methods with Go types: no
// method names through the page's JavaScript object, one JSON parse per
// answer (the core's), typed connect errors (*xkit.ConnectError).
//
//	c := app.New(sdk, app.Options{})
//	platform, err := c.LoadPlatform(ctx)
//	if fresh, err := c.Reload(ctx); fresh && err == nil {
//		cards, _ := c.Connectors()
//	}
//	install := c.Install(connector) // inside the click: the popup opens now
//	toast, ok := install.Wait(ctx)
//
// Calls that answer over the network may overlap (a reload on every SDK
// event, a page opened twice); an older answer never replaces a newer one:
// Reload and ConnectorPage say whether their answer is still news.
package app
