package server

import (
	"net/http"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// demoUser is the external id of the user the demo page signs in as.
const demoUser = "demo-user"

// demoToken (POST /demo/token, only with Config.Demo) plays the host
// app's backend for xkitd's own demo page: a real host would provision its
// user with the secret key and hand the token to its page. It answers only
// pages of xkitd's own origin, so no other site can mint users.
func (s *Server) demoToken(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Origin") != s.ownOrigin(r) {
		s.writeError(w, r, platform.Errorf(platform.EFORBIDDEN, "The demo sign-in answers xkitd's own page only."))
		return
	}
	u, err := s.cfg.Store.EnsureUser(r.Context(), demoUser)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	token, _, err := s.issue(r.Context(), platform.TokenAccess, u.ID, s.cfg.AccessTTL, "")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"access_token": token})
}
