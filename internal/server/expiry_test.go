package server_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// clocked is a platform on a settable clock, with the popup's browser.
type clocked struct {
	url   string
	c     *http.Client
	clk   *clock
	tok   string
	popup *xkitdtest.Browser
}

func startClocked(t *testing.T, cfg server.Config) *clocked {
	clk := &clock{now: time.Now()}
	cfg.Now, cfg.Demo = clk.Now, true
	srv, _ := startWith(t, cfg)
	k := &clocked{url: srv.URL, c: srv.Client(), clk: clk, tok: provision(t, srv, "u1")}
	k.popup = xkitdtest.NewBrowser(t, srv.URL, srv.Client().Transport)
	k.popup.Login(t, k.tok)
	return k
}

func (k *clocked) start(t *testing.T, slug string) map[string]any {
	r := call(t, k.c, "POST", k.url+api+"/connections/"+slug, k.tok, map[string]any{})
	require.Equal(t, 200, r.Status, r.Raw)
	return obj(t, r.Body, "connection", "authorization")
}

func (k *clocked) authorization(t *testing.T, slug string, auth map[string]any) map[string]any {
	r := call(t, k.c, "GET", k.url+api+"/authorizations/"+slug+"/"+auth["id"].(string), k.tok, nil)
	require.Equal(t, 200, r.Status, r.Raw)
	return obj(t, r.Body, "authorization")
}

func assertExpired(t *testing.T, a map[string]any, within string) {
	t.Helper()
	assert.Equal(t, "error", a["status"])
	assert.Equal(t, platform.ExpiredCode, a["error_code"])
	assert.Equal(t, "This authorization expired: it was not completed within "+within+". Start it again.", a["error_message"])
	assert.NotContains(t, a, "authorize_url")
	assert.NotContains(t, a, "access_token")
}

// Issue 12, finding 3: an authorization still awaiting its callback 13
// minutes after it began completed. Now, past AuthorizationTTL (10 min by
// default), its callback, start endpoint and API-key save refuse, and it
// turns to error with a message that says why.
func TestAuthorizationExpires(t *testing.T) {
	t.Run("callback after 13 minutes", func(t *testing.T) {
		k := startClocked(t, server.Config{})
		auth := k.start(t, "github")
		callback := k.popup.Consent(t, auth["authorize_url"].(string), "allow")
		k.clk.Advance(13 * time.Minute)
		r := load(t, k.popup, callback)
		assert.Equal(t, http.StatusConflict, r.Status)
		assert.Contains(t, r.Raw, "not completed within 10 minutes")
		assertExpired(t, k.authorization(t, "github", auth), "10 minutes")
	})
	t.Run("callback just inside 10 minutes", func(t *testing.T) {
		k := startClocked(t, server.Config{})
		auth := k.start(t, "github")
		k.clk.Advance(10*time.Minute - time.Second) // the demo provider's codes live 60 s: consent now
		callback := k.popup.Consent(t, auth["authorize_url"].(string), "allow")
		require.Equal(t, 200, load(t, k.popup, callback).Status)
		assert.Equal(t, "active", k.authorization(t, "github", auth)["status"])
	})
	t.Run("start endpoint", func(t *testing.T) {
		k := startClocked(t, server.Config{})
		auth := k.start(t, "slack")
		k.clk.Advance(10 * time.Minute)
		r := load(t, k.popup, auth["authorize_url"].(string))
		assert.Equal(t, http.StatusConflict, r.Status)
		assert.NotContains(t, r.Raw, `id="allow"`, "no consent page")
		assertExpired(t, k.authorization(t, "slack", auth), "10 minutes")
	})
	t.Run("API key, saved by the SDK", func(t *testing.T) {
		k := startClocked(t, server.Config{})
		auth := k.start(t, "acme-api")
		k.clk.Advance(11 * time.Minute)
		r := call(t, k.c, "PUT", k.url+api+"/authorizations/acme-api", k.tok, map[string]any{"state": auth["state"], "api_key": "k-1"})
		assert.Equal(t, http.StatusConflict, r.Status)
		assert.Contains(t, r.Body["error"], "not completed within 10 minutes")
		assertExpired(t, k.authorization(t, "acme-api", auth), "10 minutes")
	})
	t.Run("API key, saved by its page", func(t *testing.T) {
		k := startClocked(t, server.Config{})
		auth := k.start(t, "acme-api")
		require.Equal(t, 200, load(t, k.popup, auth["authorize_url"].(string)).Status)
		k.clk.Advance(10 * time.Minute)
		r := call(t, k.popup.Client, "POST", k.url+"/authorizations/acme-api/fields", "", map[string]any{"state": auth["state"], "api_key": "k-1"})
		assert.Equal(t, http.StatusConflict, r.Status)
		assert.Contains(t, r.Body["error"], "not completed within 10 minutes")
		assertExpired(t, k.authorization(t, "acme-api", auth), "10 minutes")
	})
	t.Run("read by a polling client", func(t *testing.T) {
		k := startClocked(t, server.Config{})
		auth := k.start(t, "salesforce")
		k.clk.Advance(10 * time.Minute) // no token issued since: no sweep
		assertExpired(t, k.authorization(t, "salesforce", auth), "10 minutes")
	})
	t.Run("configured lifetime", func(t *testing.T) {
		k := startClocked(t, server.Config{AuthorizationTTL: 90 * time.Second})
		auth := k.start(t, "github")
		callback := k.popup.Consent(t, auth["authorize_url"].(string), "allow")
		k.clk.Advance(90 * time.Second)
		assert.Equal(t, http.StatusConflict, load(t, k.popup, callback).Status)
		assertExpired(t, k.authorization(t, "github", auth), "90 seconds")
	})
}

// The sweep expires stale authorizations nobody comes back to, and tells
// their sockets, the next time a token is issued.
func TestSweepExpiresStaleAuthorizations(t *testing.T) {
	k := startClocked(t, server.Config{})
	stale := k.start(t, "slack")
	k.clk.Advance(5 * time.Minute)
	fresh := k.start(t, "github")
	k.clk.Advance(6 * time.Minute)
	r := call(t, k.c, "POST", k.url+api+"/sessions/ott", k.tok, nil) // issues a token: sweeps
	require.Equal(t, 200, r.Status)
	assertExpired(t, k.authorization(t, "slack", stale), "10 minutes")
	assert.Equal(t, "awaiting_callback", k.authorization(t, "github", fresh)["status"])
}

func TestExpireIfStale(t *testing.T) {
	now := time.Now()
	a := &platform.Authorization{Status: platform.StatusAwaitingCallback, CreatedAt: now}
	assert.False(t, a.ExpireIfStale(now.Add(10*time.Minute-time.Millisecond), platform.DefaultAuthorizationTTL))
	assert.True(t, a.ExpireIfStale(now.Add(10*time.Minute), platform.DefaultAuthorizationTTL))
	assert.Equal(t, platform.StatusError, a.Status)
	assert.Equal(t, platform.ExpiredCode, a.ErrorCode)
	assert.False(t, a.ExpireIfStale(now.Add(time.Hour), platform.DefaultAuthorizationTTL), "once")
	done := &platform.Authorization{Status: platform.StatusActive, CreatedAt: now}
	assert.False(t, done.ExpireIfStale(now.Add(time.Hour), platform.DefaultAuthorizationTTL), "only awaiting ones")
	assert.Equal(t, "This authorization expired: it was not completed within 1 hour. Start it again.", platform.ExpiredMessage(time.Hour))
}
