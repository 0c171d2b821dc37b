//go:build js

package server

import "net/http"

// hasStatusSocket: none on js (GET /platform says so, and our SDK then
// polls without trying the socket).
const hasStatusSocket = false

// socketHandler on js (Cloudflare Workers): there is no WebSocket server
// there (github.com/syumai/workers has none, and a Worker instance lives for
// one request), so the route answers 501 and says what to use instead. The
// Go SDK falls back to polling GET /authorizations/{slug}/{id}; the original
// xkit.js needs the socket and so runs against xkitd only.
func (s *Server) socketHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotImplemented, map[string]string{
			"error": "The status socket is not available on this platform; the SDK polls the authorization instead.",
		})
	})
}
