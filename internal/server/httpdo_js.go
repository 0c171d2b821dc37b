//go:build js

package server

import "github.com/xkit-wasm/xkit/internal/oauthclient"

// defaultHTTPDo is nil on js: the Worker sets Config.HTTPDo (fetch()).
func defaultHTTPDo() oauthclient.Doer { return nil }
