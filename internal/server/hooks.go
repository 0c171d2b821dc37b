package server

import (
	"net/http"
	"time"

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

// expireAuthorizationsHook (POST /test/authorizations/expire) does what
// the sweep does once AuthorizationTTL has passed, to every authorization
// awaiting its callback now: a flow abandoned before its end, without
// waiting ten minutes. Answers {"expired": [ids]}.
func (s *Server) expireAuthorizationsHook(w http.ResponseWriter, r *http.Request) {
	now := s.cfg.Now()
	ids, err := s.expireAuthorizations(r.Context(), now.Add(time.Millisecond), now)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string][]string{"expired": append([]string{}, ids...)})
}

// socketsHook (POST /test/sockets/down, /test/sockets/up) takes the status
// socket down (every open socket dropped as by a lost network, new ones
// refused) or back up, so tests can see a client fall back to polling.
// Answers {"dropped": N}.
func (s *Server) socketsHook(w http.ResponseWriter, r *http.Request) {
	var n int
	switch r.PathValue("state") {
	case "down":
		n = s.hub.SetDown(true)
	case "up":
		n = s.hub.SetDown(false)
	default:
		s.writeError(w, r, platform.Errorf(platform.ENOTFOUND, "Use /test/sockets/down or /test/sockets/up."))
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"dropped": n})
}
