package server

import (
	"net/http"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// Test hooks exist only with Config.TestHooks (-test-hooks).

// expireTokensHook (POST /test/expire-tokens) ends every access token
// issued so far; cookie sessions keep working.
func (s *Server) expireTokensHook(w http.ResponseWriter, r *http.Request) {
	n, err := s.cfg.Store.ExpireTokens(r.Context(), platform.TokenAccess, s.cfg.Now())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"expired": n})
}

// breakAuthorizationHook (POST /test/authorizations/{id}/break) puts an
// authorization in error and tells the socket.
func (s *Server) breakAuthorizationHook(w http.ResponseWriter, r *http.Request) {
	a, err := s.cfg.Store.FindAuthorization(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := s.cfg.Store.FindConnector(r.Context(), a.ConnectorSlug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	a.Status, a.ErrorCode, a.ErrorMessage = platform.StatusError, "test_broken", "Broken by a test hook."
	a.UpdatedAt = s.cfg.Now()
	if err := s.cfg.Store.UpdateAuthorization(r.Context(), a); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.hub.Publish(a.ID, string(a.Status))
	writeJSON(w, http.StatusOK, map[string]any{"authorization": s.views(r).authorization(a, c)})
}
