package server

import (
	"context"
	"net/http"
	"time"

	"github.com/xkit-wasm/xkit/internal/oauthclient"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// refreshAhead is how long before its expiry a provider access token is
// refreshed: an app that reads one gets at least this long with it.
const refreshAhead = time.Minute

// freshToken renews the provider access token of conn through the
// provider's refresh token when it has expired or is about to, before GET
// /connections/{slug} or /connection/{id} hands it out (xkit.js
// getConnectionToken reads it there). The provider refusing the refresh
// token turns the authorization to error (token_refresh_failed), so the
// catalog offers Reconnect; a provider that cannot be reached is a 503,
// and the stored tokens stay as they were.
func (s *Server) freshToken(ctx context.Context, c *platform.Connector, conn *platform.Connection) error {
	a := conn.Authorization
	if a == nil || !conn.Enabled || a.Status != platform.StatusActive || a.RefreshToken == "" ||
		a.TokenExpiry.IsZero() || s.cfg.Now().Add(refreshAhead).Before(a.TokenExpiry) {
		return nil
	}
	cfg := s.oauthConfig(c, a.RedirectURI)
	if cfg == nil {
		return errNoProvider(c)
	}
	tok, err := cfg.Refresh(ctx, a.RefreshToken)
	if err != nil {
		// A request beside this one may have refreshed it first, and a
		// provider that rotates refresh tokens refuses the old one: then
		// theirs is the answer.
		if cur, ferr := s.cfg.Store.FindAuthorization(ctx, a.ID); ferr == nil &&
			cur.RefreshToken != a.RefreshToken && cur.Status == platform.StatusActive {
			conn.Authorization = cur
			return nil
		}
		s.logf("oauth2 refresh for %s failed: %s", c.Slug, tokenError(err))
		if oauthclient.Temporary(err) {
			return platform.Errorf(platform.EUNAVAILABLE,
				"%s could not renew the access token just now. Try again in a moment.", c.Name)
		}
		a.Status, a.ErrorCode = platform.StatusError, "token_refresh_failed"
		a.ErrorMessage = "The provider did not accept the refresh token. Reconnect to go on."
		a.AccessToken, a.RefreshToken, a.TokenExpiry = "", "", time.Time{}
		return s.saveStatus(ctx, a)
	}
	a.AccessToken, a.RefreshToken, a.TokenExpiry = tok.AccessToken, tok.RefreshToken, tok.Expiry
	a.UpdatedAt = s.cfg.Now()
	return s.cfg.Store.UpdateAuthorization(ctx, a) // still active: nothing to tell the socket
}

// expireAccessTokenHook (POST /test/authorizations/{id}/expire-access-token)
// makes the provider access token of an authorization expired, so the next
// read refreshes it through the provider.
func (s *Server) expireAccessTokenHook(w http.ResponseWriter, r *http.Request) {
	a, err := s.cfg.Store.FindAuthorization(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	a.TokenExpiry = s.cfg.Now().Add(-time.Second)
	a.UpdatedAt = s.cfg.Now()
	if err := s.cfg.Store.UpdateAuthorization(r.Context(), a); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"expired": a.ID})
}
