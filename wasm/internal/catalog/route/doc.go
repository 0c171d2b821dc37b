// Package route maps the catalog's URLs to screens and back.
//
// The catalog has three screens: the index (a grid of connectors), a
// connector page, and a connection's settings page. Where they live is set
// by two options, as in xkit-catalog.js: rootPath (default "/") and
// connectorsPath (default "/connectors", relative to rootPath):
//
//	/                                   index (so is /connectors)
//	/connectors/{slug}                  connector page
//	/connectors/{slug}/settings/{id}    settings of connection {id}
//
// The router type (browser, hash or memory) decides where the app path is
// read from: location.pathname, location.hash, or an in-memory stack
// (MemoryHistory). Router works on app paths only, so the DOM layer does the
// reading and writing of window.location.
//
//	r := route.New(route.Browser, "/integrations", "")
//	loc, ok := r.Match(r.AppPath(location.pathname, location.hash))
//	// ok is false when the page is not under rootPath: not ours to render.
package route
