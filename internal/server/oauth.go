package server

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/xkit-wasm/xkit/internal/oauthclient"
	"github.com/xkit-wasm/xkit/internal/platform"
)

func clientID(c *platform.Connector) string {
	switch {
	case c.Auth == platform.AuthAPIKey:
		return ""
	case c.OAuth2 != nil:
		return c.OAuth2.ClientID
	}
	return demoClientPrefix + c.Slug
}

// errNoProvider is an oauth2 connector that names no provider on a
// platform without the demo provider.
func errNoProvider(c *platform.Connector) error {
	return platform.Errorf(platform.ECONFLICT, "%s cannot be connected: it names no OAuth2 provider "+
		"(oauth2 in the seed), and the demo provider is off.", c.Name)
}

// oauthConfig is the OAuth2 client of connector c for an authorization
// whose redirect URI is redirectURI: its provider when the seed named one,
// else, on a demo platform, the built-in demo provider on the redirect
// URI's origin. nil when there is neither.
func (s *Server) oauthConfig(c *platform.Connector, redirectURI string) *oauthclient.Config {
	if p := c.OAuth2; p != nil {
		return &oauthclient.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, AuthURL: p.AuthURL,
			TokenURL: p.TokenURL, RedirectURL: redirectURI, Scopes: p.Scopes, Do: s.cfg.HTTPDo, Now: s.cfg.Now}
	}
	if s.demo == nil {
		return nil
	}
	origin := strings.TrimSuffix(redirectURI, callbackPath)
	return &oauthclient.Config{ClientID: clientID(c), ClientSecret: demoClientSecret,
		AuthURL: origin + demoPrefix + "/authorize", TokenURL: origin + demoPrefix + "/token",
		RedirectURL: redirectURI, Scopes: []string{"read"}, AuthStyle: oauthclient.AuthStyleInParams,
		Do: s.demoDo, Now: s.cfg.Now}
}

// oauthCallback (GET /authorizations/oauth2/callback?code&state, or
// ?error=...&state) finishes an OAuth2 authorization in the browser that
// started it (its flow cookie): it exchanges the code with the PKCE
// verifier, stores the tokens and sets the status, tells the socket, and
// answers a page that reports to the opener and closes itself. Without the
// flow cookie nothing changes.
func (s *Server) oauthCallback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ctx := r.Context()
	c, a, p := s.awaiting(ctx, q.Get("state"), "")
	if p == nil && c.Auth != platform.AuthOAuth2 {
		p = &flowProblem{http.StatusNotFound, msgInvalidLink}
	}
	if p != nil {
		s.flowPage(w, r, c, p)
		return
	}
	if bound, err := s.boundToBrowser(r, a); err != nil {
		s.flowPage(w, r, c, s.problem(err))
		return
	} else if !bound {
		s.resultPage(w, r, http.StatusBadRequest, c.Name, msgAnotherBrowser)
		return
	}
	http.SetCookie(w, s.flowCookie(c, a, "")) // spent
	switch code := q.Get("code"); {
	case q.Get("error") == "access_denied":
		a.Status, a.ErrorCode, a.ErrorMessage = platform.StatusError, "access_denied", "The authorization was denied."
	case q.Get("error") != "":
		a.Status, a.ErrorCode = platform.StatusError, q.Get("error")
		a.ErrorMessage = "The provider refused the authorization."
		if d := q.Get("error_description"); d != "" && len(d) < 300 {
			a.ErrorMessage = d
		}
	case code == "":
		a.Status, a.ErrorCode, a.ErrorMessage = platform.StatusError, "invalid_callback", "The provider sent no authorization code."
	default:
		a.Status = platform.StatusRetrievingTokens
		if !s.saveAuthorization(w, r, a) {
			return
		}
		s.exchange(ctx, c, a, code)
	}
	if !s.saveAuthorization(w, r, a) {
		return
	}
	if a.Status == platform.StatusError {
		s.resultPage(w, r, http.StatusOK, c.Name, a.ErrorMessage)
		return
	}
	s.resultPage(w, r, http.StatusOK, c.Name, "")
}

// exchange trades the code for tokens and sets a's status accordingly.
func (s *Server) exchange(ctx context.Context, c *platform.Connector, a *platform.Authorization, code string) {
	cfg := s.oauthConfig(c, a.RedirectURI)
	if cfg == nil {
		a.Status, a.ErrorCode, a.ErrorMessage = platform.StatusError, "token_exchange_failed", platform.ErrorMessage(errNoProvider(c))
		return
	}
	tok, err := cfg.Exchange(ctx, code, a.PKCEVerifier)
	if err != nil {
		s.logf("oauth2 exchange for %s failed: %s", c.Slug, tokenError(err))
		a.Status, a.ErrorCode = platform.StatusError, "token_exchange_failed"
		a.ErrorMessage = "The provider did not accept the authorization code."
		return
	}
	a.Status = platform.StatusActive
	a.AccessToken, a.RefreshToken, a.TokenExpiry = tok.AccessToken, tok.RefreshToken, tok.Expiry
	a.DisplayLabel = c.Name + " account"
	if label := tok.Extra["display_label"]; label != "" {
		a.DisplayLabel = label
	}
}

// tokenError describes a failed token request for the log, without the
// answer's body (which could carry secrets): the provider's error code,
// else its HTTP status, else the failure (a network error names no
// secret either).
func tokenError(err error) string {
	var e *oauthclient.Error
	switch {
	case errors.As(err, &e) && e.Code != "":
		return e.Code
	case errors.As(err, &e):
		return e.Status
	}
	return "request failed: " + err.Error()
}

// saveAuthorization stores a, tells the socket, and on failure answers an
// error page (false).
func (s *Server) saveAuthorization(w http.ResponseWriter, r *http.Request, a *platform.Authorization) bool {
	if err := s.saveStatus(r.Context(), a); err != nil {
		s.logf("saving authorization %s: %v", a.ID, err)
		s.resultPage(w, r, httpStatus(err), "", platform.ErrorMessage(err))
		return false
	}
	return true
}
