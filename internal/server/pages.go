package server

import (
	"net/http"

	"github.com/xkit-wasm/xkit/internal/htmlpage"
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
	htmlpage.Write(w, http.StatusOK, "Loading…", loadingHTML(s.openerOrigin(r), ""))
}

// loginLoadingPage (GET /authorizations/{slug}/loading?opener_origin=O&
// token=OTT) spends the one-time token to give the popup its own cookie
// session, then says ready like loadingPage. A bad, used or expired token
// shows an error and posts {error} to the opener.
func (s *Server) loginLoadingPage(w http.ResponseWriter, r *http.Request) {
	opener := s.openerOrigin(r)
	fail := func(status int, msg string) {
		htmlpage.Write(w, status, "Authorization failed", loadingHTML(opener, msg))
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
	// The popup's session joins the family of the page's (logout ends both).
	if err := s.startSession(w, r, t.UserID, t.Family); err != nil {
		fail(httpStatus(err), platform.ErrorMessage(err))
		return
	}
	htmlpage.Write(w, http.StatusOK, "Loading…", loadingHTML(opener, ""))
}

// resultPage ends the popup: errMsg "" means success.
func (s *Server) resultPage(w http.ResponseWriter, r *http.Request, status int, name, errMsg string) {
	title := "Connected"
	if errMsg != "" {
		title = "Authorization failed"
	}
	htmlpage.Write(w, status, title, resultHTML(name, errMsg, s.allowedOrigins(r)))
}

// fieldsPage (GET /authorizations/{slug}/fields?state=S), where an
// API-key authorization's start endpoint leads: a form for the connector's
// collect fields, in the browser that started the authorization only.
func (s *Server) fieldsPage(w http.ResponseWriter, r *http.Request) {
	state := r.URL.Query().Get("state")
	c, a, p := s.boundFields(r, state)
	if p != nil {
		s.flowPage(w, r, c, p)
		return
	}
	htmlpage.Write(w, http.StatusOK, "Connect "+c.Name, fieldsHTML(c, a.State))
}

// boundFields finds the API-key authorization of state that r's browser
// started (its flow cookie).
func (s *Server) boundFields(r *http.Request, state string) (*platform.Connector, *platform.Authorization, *flowProblem) {
	c, a, p := s.awaiting(r.Context(), state, r.PathValue("slug"))
	if p == nil && c.Auth != platform.AuthAPIKey {
		p = &flowProblem{http.StatusNotFound, msgInvalidLink}
	}
	if p != nil {
		return c, nil, p
	}
	if bound, err := s.boundToBrowser(r, a); err != nil {
		return c, nil, s.problem(err)
	} else if !bound {
		return c, nil, &flowProblem{http.StatusBadRequest, msgAnotherBrowser}
	}
	return c, a, nil
}
