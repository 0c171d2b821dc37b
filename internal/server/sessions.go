package server

import (
	"net/http"
	"time"

	"github.com/xkit-wasm/xkit/internal/phoenix"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// createSession (POST /sessions, Bearer) turns an access token into a
// cookie session, which later gives fresh access tokens.
func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	t, err := s.authenticate(r.Context(), bearerToken(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.startSession(w, r, t.UserID, ""); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"session": map[string]any{"active": true}})
}

// deleteSession (DELETE /sessions) logs out: the cookie session, the
// presented access token, and every token minted from either's session
// (access tokens, one-time tokens, the popup's session) stop working, and
// status sockets opened with any of them close (phoenix.CloseLoggedOut).
// Other sessions of the user are untouched.
func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var revoked []string
	revoke := func(token string) error {
		hashes, err := s.cfg.Store.RevokeTokens(ctx, hashToken(token))
		revoked = append(revoked, hashes...)
		return err
	}
	for _, c := range sessionCookies(r) {
		if err := revoke(c); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if token := bearerToken(r); token != "" {
		if err := revoke(token); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	s.hub.Disconnect(revoked, phoenix.CloseLoggedOut, "logged out")
	s.setSessionCookie(w, "", time.Time{})
	w.WriteHeader(http.StatusNoContent)
}

// accessTokenFromSession (POST /sessions/token) renews the access token
// from the cookie session.
func (s *Server) accessTokenFromSession(w http.ResponseWriter, r *http.Request) {
	sess, err := s.sessionFromCookie(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	token, _, err := s.issue(r.Context(), platform.TokenAccess, sess.UserID, s.cfg.AccessTTL, familyOf(sess))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"access_token": token})
}

// createOneTimeToken (POST /sessions/ott) gives a token that logs the
// authorization popup in once, within OneTimeTTL.
func (s *Server) createOneTimeToken(w http.ResponseWriter, r *http.Request, userID int64) {
	token, _, err := s.issue(r.Context(), platform.TokenOneTime, userID, s.cfg.OneTimeTTL, familyOf(bearerOf(r)))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"ott": token})
}

// getSession (GET /session) tells whether the access token still works.
func (s *Server) getSession(w http.ResponseWriter, r *http.Request, userID int64) {
	writeJSON(w, http.StatusOK, map[string]any{"session": map[string]any{"active": true}})
}
