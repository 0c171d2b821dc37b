package server

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// Flow binding. An authorization's authorize_url is the platform's own
// start endpoint, which only the browser of the authorization's user can
// open (the popup holds that user's cookie session, from the one-time
// token). It sets a flow cookie holding a random nonce, keeps the nonce's
// hash with the authorization, and sends the browser on to the provider
// (or to the API-key page). The callback, the API-key page and its submit
// need that cookie. So a consent link or a callback URL that reaches
// another browser (a victim sent the attacker's link) completes nothing:
// the provider account or API key of the victim is never linked into the
// attacker's connection.

const (
	flowCookiePrefix  = "xkit_flow_"
	msgAnotherBrowser = "This authorization was started in another browser. Close this window and start again from the app."
	msgInvalidLink    = "This authorization link is not valid."
)

// flowPath is the one path the flow cookie of a is sent to: the OAuth2
// callback, or the connector's API-key page.
func flowPath(c *platform.Connector) string {
	if c.Auth == platform.AuthAPIKey {
		return "/authorizations/" + c.Slug + "/fields"
	}
	return callbackPath
}

// flowCookie is a's flow cookie: HttpOnly, Secure under TLS, SameSite=Lax
// (a provider's redirect to the callback is a top-level GET, which carries
// it), scoped to flowPath, for what is left of a's lifetime. An empty value
// deletes it.
func (s *Server) flowCookie(c *platform.Connector, a *platform.Authorization, value string) *http.Cookie {
	ck := &http.Cookie{Name: flowCookiePrefix + a.ID, Value: value, Path: flowPath(c),
		HttpOnly: true, Secure: s.cfg.TLS, SameSite: http.SameSiteLaxMode, MaxAge: -1}
	if value != "" {
		left := a.CreatedAt.Add(s.cfg.AuthorizationTTL).Sub(s.cfg.Now())
		ck.MaxAge = max(1, int(left.Seconds())+1)
	}
	return ck
}

// boundToBrowser reports whether r carries a's flow cookie.
func (s *Server) boundToBrowser(r *http.Request, a *platform.Authorization) (bool, error) {
	ck, err := r.Cookie(flowCookiePrefix + a.ID)
	if err != nil || ck.Value == "" {
		return false, nil
	}
	want, err := s.cfg.Store.FlowNonce(r.Context(), a.ID)
	if err != nil || want == "" {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(hashToken(ck.Value)), []byte(want)) == 1, nil
}

// flowProblem is why a flow page cannot go on: an HTTP status and a
// message for the person in the popup.
type flowProblem struct {
	status int
	msg    string
}

// awaiting finds the authorization of state (of connector slug, unless
// slug is "") and checks that it can still be completed. An authorization
// that waited longer than AuthorizationTTL turns to error here (saved and
// pushed to the socket) and cannot.
func (s *Server) awaiting(ctx context.Context, state, slug string) (*platform.Connector, *platform.Authorization, *flowProblem) {
	if state == "" {
		return nil, nil, &flowProblem{http.StatusBadRequest, "The link is missing its state parameter."}
	}
	a, err := s.cfg.Store.FindAuthorizationByState(ctx, state)
	if platform.ErrorCode(err) == platform.ENOTFOUND || err == nil && slug != "" && a.ConnectorSlug != slug {
		return nil, nil, &flowProblem{http.StatusNotFound, msgInvalidLink}
	} else if err != nil {
		return nil, nil, s.problem(err)
	}
	c, err := s.cfg.Store.FindConnector(ctx, a.ConnectorSlug)
	if err != nil {
		return nil, nil, s.problem(err)
	}
	if a.ExpireIfStale(s.cfg.Now(), s.cfg.AuthorizationTTL) {
		if err := s.saveStatus(ctx, a); err != nil {
			return c, nil, s.problem(err)
		}
	}
	switch {
	case a.Status == platform.StatusError && a.ErrorCode == platform.ExpiredCode:
		return c, nil, &flowProblem{http.StatusConflict, a.ErrorMessage}
	case a.Status != platform.StatusAwaitingCallback:
		return c, nil, &flowProblem{http.StatusConflict, "This authorization is already complete."}
	case c.Auth == platform.AuthOAuth2 && a.RedirectURI == "":
		return c, nil, &flowProblem{http.StatusNotFound, msgInvalidLink}
	}
	return c, a, nil
}

func (s *Server) problem(err error) *flowProblem {
	if platform.ErrorCode(err) == platform.EINTERNAL {
		s.logf("authorization flow: %v", err)
	}
	return &flowProblem{httpStatus(err), platform.ErrorMessage(err)}
}

// saveStatus stores a and tells the socket. An active a enables its
// connection in the same write (platform.SaveAuthorization), so a client
// told "active" reads the connection enabled.
func (s *Server) saveStatus(ctx context.Context, a *platform.Authorization) error {
	if err := platform.SaveAuthorization(ctx, s.cfg.Store, a, s.cfg.Now()); err != nil {
		return err
	}
	s.hub.Publish(a.ID, string(a.Status))
	return nil
}

// flowPage answers a flow page's problem as the popup's result page.
func (s *Server) flowPage(w http.ResponseWriter, r *http.Request, c *platform.Connector, p *flowProblem) {
	name := ""
	if c != nil {
		name = c.Name
	}
	s.resultPage(w, r, p.status, name, p.msg)
}

// startFlow (GET /authorizations/{slug}/start?state=S) is every
// authorization's authorize_url: for the browser of the authorization's
// user only, it binds the authorization to that browser with the flow
// cookie and sends it to the provider's consent page or the API-key page.
func (s *Server) startFlow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	state := r.URL.Query().Get("state")
	c, a, p := s.awaiting(ctx, state, r.PathValue("slug"))
	if p != nil {
		s.flowPage(w, r, c, p)
		return
	}
	if sess, err := s.sessionFromCookie(r); err != nil || sess.UserID != a.UserID {
		s.resultPage(w, r, http.StatusBadRequest, c.Name, msgAnotherBrowser)
		return
	}
	next := "/authorizations/" + c.Slug + "/fields?state=" + url.QueryEscape(state)
	if c.Auth == platform.AuthOAuth2 {
		cfg := s.oauthConfig(c, a.RedirectURI)
		if cfg == nil {
			s.flowPage(w, r, c, s.problem(errNoProvider(c)))
			return
		}
		next = cfg.AuthCodeURL(a.State, a.PKCEVerifier)
	}
	nonce := randomString(32)
	if err := s.cfg.Store.SetFlowNonce(ctx, a.ID, hashToken(nonce)); err != nil {
		s.flowPage(w, r, c, s.problem(err))
		return
	}
	http.SetCookie(w, s.flowCookie(c, a, nonce))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "same-origin")
	http.Redirect(w, r, next, http.StatusSeeOther)
}
