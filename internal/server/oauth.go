package server

import (
	"context"
	"net/http"
	"strings"

	"github.com/xkit-wasm/xkit/internal/platform"
	"golang.org/x/oauth2"
)

// Demo provider client: every demo connector is its own client.
const (
	demoClientPrefix = "xkit-demo-"
	demoClientSecret = "xkit-demo-secret"
)

func newVerifier() string                 { return oauth2.GenerateVerifier() }
func s256(v string) oauth2.AuthCodeOption { return oauth2.S256ChallengeOption(v) }

func clientID(c *platform.Connector) string {
	switch {
	case c.Auth == platform.AuthAPIKey:
		return ""
	case c.OAuth2 != nil:
		return c.OAuth2.ClientID
	}
	return demoClientPrefix + c.Slug
}

// oauthConfig is the OAuth2 client of connector c: its real provider when
// the seed named one, else the demo provider on origin.
func (s *Server) oauthConfig(c *platform.Connector, origin, redirectURI string) *oauth2.Config {
	if p := c.OAuth2; p != nil {
		return &oauth2.Config{
			ClientID:     p.ClientID,
			ClientSecret: p.ClientSecret,
			Endpoint:     oauth2.Endpoint{AuthURL: p.AuthURL, TokenURL: p.TokenURL},
			RedirectURL:  redirectURI,
			Scopes:       p.Scopes,
		}
	}
	return &oauth2.Config{
		ClientID:     clientID(c),
		ClientSecret: demoClientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:   origin + "/demo-oauth/authorize",
			TokenURL:  origin + "/demo-oauth/token",
			AuthStyle: oauth2.AuthStyleInParams,
		},
		RedirectURL: redirectURI,
		Scopes:      []string{"read"},
	}
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
	origin := strings.TrimSuffix(a.RedirectURI, callbackPath)
	cfg := s.oauthConfig(c, origin, a.RedirectURI)
	if c.OAuth2 == nil {
		// The demo provider answers in process: no network, no certificate.
		ctx = context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Transport: s.demo.transport()})
	}
	tok, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(a.PKCEVerifier))
	if err != nil {
		s.logf("oauth2 exchange for %s failed: %s", c.Slug, exchangeError(err))
		a.Status, a.ErrorCode = platform.StatusError, "token_exchange_failed"
		a.ErrorMessage = "The provider did not accept the authorization code."
		return
	}
	a.Status = platform.StatusActive
	a.AccessToken, a.RefreshToken, a.TokenExpiry = tok.AccessToken, tok.RefreshToken, tok.Expiry
	a.DisplayLabel = c.Name + " account"
	if label, ok := tok.Extra("display_label").(string); ok && label != "" {
		a.DisplayLabel = label
	}
}

// exchangeError describes a failed exchange without the response body
// (which could carry secrets).
func exchangeError(err error) string {
	if re, ok := err.(*oauth2.RetrieveError); ok {
		if re.ErrorCode != "" {
			return re.ErrorCode
		}
		if re.Response != nil {
			return re.Response.Status
		}
	}
	return "request failed"
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
