//go:build !js

package server

import "github.com/xkit-wasm/xkit/internal/oauthclient"

// defaultHTTPDo reaches OAuth providers from a native platform (xkitd).
// Not on js: http.Client would bring net/http's whole client into the
// Worker, which sets Config.HTTPDo to fetch() instead.
func defaultHTTPDo() oauthclient.Doer { return oauthclient.NativeDo() }
