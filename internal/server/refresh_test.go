package server_test

import (
	"bytes"
	"log"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// external is a platform that is not a demo, with one oauth2 connector
// ("crm") on an external provider, and a user.
type external struct {
	p    *xkitdtest.Platform
	prov *xkitdtest.Provider
	tok  string
	logs *bytes.Buffer
}

func startExternal(t *testing.T) *external {
	t.Helper()
	prov := xkitdtest.StartProvider(t, "Acme Integrations")
	e := &external{prov: prov, logs: &bytes.Buffer{}}
	e.p = xkitdtest.Start(t, xkitdtest.Options{NoDemo: true,
		Connectors: []map[string]any{prov.Connector("crm", "Demo CRM")},
		Configure:  func(c *server.Config) { c.Name, c.Logger = "Acme Integrations", log.New(e.logs, "", 0) }})
	prov.Allow(e.p.CallbackURL())
	e.tok = e.p.UserToken(t, "u1")
	return e
}

// connect runs the popup's round trip through the provider's consent page
// and answers the connection's id and the authorization.
func (e *external) connect(t *testing.T, decision string) (string, map[string]any) {
	t.Helper()
	connID, auth := startConnection(t, e.p, e.tok, "crm")
	b := popup(t, e.p, e.tok)
	callback := b.Consent(t, auth["authorize_url"].(string), decision)
	status, page := b.Get(t, callback)
	require.Equal(t, 200, status, page)
	return connID, getAuthorization(t, e.p, e.tok, "crm", auth["id"].(string))
}

func (e *external) connection(t *testing.T, id string) reply {
	t.Helper()
	return call(t, e.p.Client(), "GET", e.p.URL+api+"/connection/"+id, e.tok, nil)
}

func (e *external) expire(t *testing.T, authID string) {
	t.Helper()
	r := call(t, e.p.Client(), "POST", e.p.URL+"/test/authorizations/"+authID+"/expire-access-token", "", nil)
	require.Equal(t, 200, r.Status, r.Raw)
}

// An ordinary oauth2 connector on an external provider (the demo provider
// as a server of its own): Allow gives a token the provider accepts; once
// it has expired, reading the connection renews it through the provider's
// refresh token (rotated), before handing it out.
func TestExternalProviderRefresh(t *testing.T) {
	e := startExternal(t)
	connID, a := e.connect(t, "allow")
	require.Equal(t, "active", a["status"])
	assert.Equal(t, "Demo user (crm)", a["display_label"])
	first := a["access_token"].(string)
	status, info := e.prov.Userinfo(t, first)
	require.Equal(t, 200, status)
	assert.Equal(t, "authorization_code", info["grant_type"])
	assert.Equal(t, "read write", info["scope"], "the connector's scopes")

	r := e.connection(t, connID)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, first, obj(t, r.Body, "connection", "authorization")["access_token"], "not expired: not refreshed")

	e.expire(t, a["id"].(string))
	r = e.connection(t, connID)
	require.Equal(t, 200, r.Status, r.Raw)
	second := obj(t, r.Body, "connection", "authorization")["access_token"].(string)
	assert.NotEqual(t, first, second, "a new token")
	status, info = e.prov.Userinfo(t, second)
	require.Equal(t, 200, status)
	assert.Equal(t, "refresh_token", info["grant_type"], "issued through the refresh token")
	assert.Equal(t, second, obj(t, call(t, e.p.Client(), "GET", e.p.URL+api+"/connections/crm", e.tok, nil).Body,
		"connection", "authorization")["access_token"], "kept: GET /connections/{slug} hands out the same")

	// Twice more: the provider rotates refresh tokens, and the platform
	// keeps the newest each time.
	for range 2 {
		e.expire(t, a["id"].(string))
		r = e.connection(t, connID)
		require.Equal(t, 200, r.Status, r.Raw)
		assert.Equal(t, "active", obj(t, r.Body, "connection", "authorization")["status"])
	}
	assert.NotContains(t, e.logs.String(), e.prov.ClientSecret)
}

// A provider that cannot renew the token just now: 503 with Retry-After,
// the authorization stays active with its tokens, and the next read after
// the provider is back works.
func TestRefreshProviderUnavailable(t *testing.T) {
	e := startExternal(t)
	connID, a := e.connect(t, "allow")
	e.expire(t, a["id"].(string))
	e.prov.Failing(true)
	r := e.connection(t, connID)
	assert.Equal(t, http.StatusServiceUnavailable, r.Status, r.Raw)
	assert.Equal(t, "1", r.Header.Get("Retry-After"))
	assert.Equal(t, "Demo CRM could not renew the access token just now. Try again in a moment.", r.Body["error"])
	assert.Equal(t, "active", getAuthorization(t, e.p, e.tok, "crm", a["id"].(string))["status"])
	assert.Contains(t, e.logs.String(), "oauth2 refresh for crm failed: temporarily_unavailable")

	e.prov.Failing(false)
	r = e.connection(t, connID)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.NotEqual(t, a["access_token"], obj(t, r.Body, "connection", "authorization")["access_token"])
}

// A provider that refuses the refresh token (revoked: the provider forgot
// every grant): the authorization turns to error, token_refresh_failed,
// so the connection shows as needing a reconnect; and reconnecting works.
func TestRefreshRefused(t *testing.T) {
	e := startExternal(t)
	connID, a := e.connect(t, "allow")
	e.expire(t, a["id"].(string))
	e.prov.Forget()
	r := e.connection(t, connID)
	require.Equal(t, 200, r.Status, r.Raw)
	got := obj(t, r.Body, "connection", "authorization")
	assert.Equal(t, "error", got["status"])
	assert.Equal(t, "token_refresh_failed", got["error_code"])
	assert.Equal(t, "The provider did not accept the refresh token. Reconnect to go on.", got["error_message"])
	assert.NotContains(t, got, "access_token")
	assert.Contains(t, e.logs.String(), "oauth2 refresh for crm failed: invalid_grant")

	// Reconnect: the same connection, a new authorization.
	r = call(t, e.p.Client(), "POST", e.p.URL+api+"/connections/crm", e.tok, map[string]any{"id": connID})
	require.Equal(t, 200, r.Status, r.Raw)
	auth := obj(t, r.Body, "connection", "authorization")
	b := popup(t, e.p, e.tok)
	status, page := b.Get(t, b.Consent(t, auth["authorize_url"].(string), "allow"))
	require.Equal(t, 200, status, page)
	assert.Equal(t, "active", getAuthorization(t, e.p, e.tok, "crm", auth["id"].(string))["status"])
}

// Deny at the external provider, and a client secret the provider does
// not accept: errors mapped as with the demo provider.
func TestExternalProviderErrors(t *testing.T) {
	t.Run("deny", func(t *testing.T) {
		e := startExternal(t)
		_, a := e.connect(t, "deny")
		assert.Equal(t, "error", a["status"])
		assert.Equal(t, "access_denied", a["error_code"])
		assert.Equal(t, "The authorization was denied.", a["error_message"])
	})
	t.Run("wrong client secret", func(t *testing.T) {
		prov := xkitdtest.StartProvider(t, "Acme Integrations")
		c := prov.Connector("crm", "Demo CRM")
		c["oauth2"].(map[string]any)["client_secret"] = "not-the-secret"
		var logs bytes.Buffer
		e := &external{prov: prov, logs: &logs}
		e.p = xkitdtest.Start(t, xkitdtest.Options{NoDemo: true, Connectors: []map[string]any{c},
			Configure: func(c *server.Config) { c.Logger = log.New(&logs, "", 0) }})
		prov.Allow(e.p.CallbackURL())
		e.tok = e.p.UserToken(t, "u1")
		_, a := e.connect(t, "allow")
		assert.Equal(t, "error", a["status"])
		assert.Equal(t, "token_exchange_failed", a["error_code"])
		assert.Equal(t, "The provider did not accept the authorization code.", a["error_message"])
		assert.Contains(t, logs.String(), "oauth2 exchange for crm failed: invalid_client")
		assert.NotContains(t, logs.String(), "not-the-secret")
	})
}
