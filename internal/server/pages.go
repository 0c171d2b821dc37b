package server

import (
	"net/http"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// openerOrigin returns the opener_origin parameter when it is allowed to
// talk to xkitd's pages, else "".
func (s *Server) openerOrigin(r *http.Request) string {
	o := r.URL.Query().Get("opener_origin")
	if s.allowedOrigin(r, o) {
		return o
	}
	return ""
}

// loadingPage (GET /authorizations/loading?opener_origin=O) is the first
// page of the popup: it says "authWindow:ready" to an allowed opener.
func (s *Server) loadingPage(w http.ResponseWriter, r *http.Request) {
	renderPage(w, http.StatusOK, loadingTmpl, map[string]any{
		"Title": "Loading…", "OpenerOrigin": s.openerOrigin(r), "Error": "",
	})
}

// loginLoadingPage (GET /authorizations/{slug}/loading?opener_origin=O&
// token=OTT) spends the one-time token to give the popup its own cookie
// session, then says ready like loadingPage. A bad, used or expired token
// shows an error and posts {error} to the opener.
func (s *Server) loginLoadingPage(w http.ResponseWriter, r *http.Request) {
	opener := s.openerOrigin(r)
	fail := func(status int, msg string) {
		renderPage(w, status, loadingTmpl, map[string]any{"Title": "Authorization failed", "OpenerOrigin": opener, "Error": msg})
	}
	if _, err := s.cfg.Store.FindConnector(r.Context(), r.PathValue("slug")); err != nil {
		fail(httpStatus(err), platform.ErrorMessage(err))
		return
	}
	ott := r.URL.Query().Get("token")
	if ott == "" {
		fail(http.StatusUnauthorized, "The one-time token is missing.")
		return
	}
	t, err := s.cfg.Store.ConsumeToken(r.Context(), platform.TokenOneTime, hashToken(ott), s.cfg.Now())
	if platform.ErrorCode(err) == platform.EUNAUTHORIZED {
		fail(http.StatusUnauthorized, "The one-time token is invalid, expired or already used.")
		return
	} else if err != nil {
		fail(httpStatus(err), platform.ErrorMessage(err))
		return
	}
	if err := s.startSession(w, r, t.UserID); err != nil {
		fail(httpStatus(err), platform.ErrorMessage(err))
		return
	}
	renderPage(w, http.StatusOK, loadingTmpl, map[string]any{"Title": "Loading…", "OpenerOrigin": opener, "Error": ""})
}

// resultPage ends the popup: errMsg "" means success.
func (s *Server) resultPage(w http.ResponseWriter, r *http.Request, status int, name, errMsg string) {
	title := "Connected"
	if errMsg != "" {
		title = "Authorization failed"
	}
	renderPage(w, status, resultTmpl, map[string]any{
		"Title": title, "Name": name, "Error": errMsg, "Origins": s.allowedOrigins(r),
	})
}

// fieldsPage (GET /authorizations/{slug}/fields?state=S) is the
// authorize_url of an API-key connector: a form for its collect fields.
func (s *Server) fieldsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.cfg.Store.FindConnector(ctx, r.PathValue("slug"))
	if err != nil {
		s.resultPage(w, r, httpStatus(err), "", platform.ErrorMessage(err))
		return
	}
	state := r.URL.Query().Get("state")
	a, err := s.cfg.Store.FindAuthorizationByState(ctx, state)
	switch {
	case state == "" || err != nil || a.ConnectorSlug != c.Slug || c.Auth != platform.AuthAPIKey:
		s.resultPage(w, r, http.StatusNotFound, c.Name, "This authorization link is not valid.")
		return
	case a.Status != platform.StatusAwaitingCallback:
		s.resultPage(w, r, http.StatusConflict, c.Name, "This authorization is already complete.")
		return
	}
	renderPage(w, http.StatusOK, fieldsTmpl, map[string]any{
		"Title": "Connect " + c.Name, "Name": c.Name, "Slug": c.Slug, "State": state,
		"Fields": c.CollectFields, "Instructions": c.CollectInstructions,
	})
}
