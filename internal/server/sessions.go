package server

import (
	"net/http"
	"time"

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
	if err := s.startSession(w, r, t.UserID); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"session": map[string]any{"active": true}})
}

// deleteSession (DELETE /sessions) logs out: the cookie session and the
// presented access token stop working.
func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.cfg.Store.DeleteToken(ctx, platform.TokenSession, hashToken(c.Value)); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if token := bearerToken(r); token != "" {
		if err := s.cfg.Store.DeleteToken(ctx, platform.TokenAccess, hashToken(token)); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie("", time.Time{}))
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
	token, _, err := s.issue(r.Context(), platform.TokenAccess, sess.UserID, s.cfg.AccessTTL)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"access_token": token})
}

// createOneTimeToken (POST /sessions/ott) gives a token that logs the
// authorization popup in once, within OneTimeTTL.
func (s *Server) createOneTimeToken(w http.ResponseWriter, r *http.Request, userID int64) {
	token, _, err := s.issue(r.Context(), platform.TokenOneTime, userID, s.cfg.OneTimeTTL)
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
