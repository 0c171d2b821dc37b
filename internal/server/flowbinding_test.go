package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

const anotherBrowser = "This authorization was started in another browser"

// Issue 12, finding 2: the OAuth callback completed whoever's authorization
// its state named, from any browser. With a real provider an attacker
// starts an authorization of their own and gets a victim to finish it: the
// victim's provider account is linked into the attacker's connection. Now
// the callback needs the flow cookie of the browser that opened the
// authorize_url, and without it changes nothing.
func TestCallbackBoundToBrowser(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	attacker := p.UserToken(t, "attacker")
	_, auth := startConnection(t, p, attacker, "github")
	id := auth["id"].(string)
	mine := popup(t, p, attacker)
	callback := mine.Consent(t, auth["authorize_url"].(string), "allow")

	unchanged := func(t *testing.T) {
		t.Helper()
		a := getAuthorization(t, p, attacker, "github", id)
		assert.Equal(t, "awaiting_callback", a["status"])
		assert.NotContains(t, a, "access_token")
	}
	refused := func(t *testing.T, r reply) {
		t.Helper()
		assert.Equal(t, http.StatusBadRequest, r.Status)
		assert.Equal(t, "text/html; charset=utf-8", r.Header.Get("Content-Type"))
		assert.Contains(t, r.Raw, anotherBrowser)
	}

	t.Run("a callback with no cookies", func(t *testing.T) {
		before := counts(t, p.DBPath)
		refused(t, call(t, p.Client(), "GET", callback, "", nil))
		assert.Equal(t, before, counts(t, p.DBPath))
		unchanged(t)
	})
	t.Run("the victim's browser, signed in as the victim", func(t *testing.T) {
		victim := popup(t, p, p.UserToken(t, "victim"))
		refused(t, load(t, victim, callback))
		// Sent the attacker's authorize_url, the victim never reaches the
		// provider: the start endpoint is for the attacker's browser only.
		refused(t, load(t, victim, auth["authorize_url"].(string)))
		unchanged(t)
	})
	t.Run("a browser with no session", func(t *testing.T) {
		nobody := xkitdtest.NewBrowser(t, p.URL, p.Client().Transport)
		refused(t, load(t, nobody, auth["authorize_url"].(string)))
		refused(t, load(t, nobody, callback))
		unchanged(t)
	})
	t.Run("a forged flow cookie", func(t *testing.T) {
		r := call(t, p.Client(), "GET", callback, "", nil, "Cookie", "xkit_flow_"+id+"=guessed")
		refused(t, r)
		unchanged(t)
	})
	t.Run("a denial from another browser", func(t *testing.T) {
		cb, _ := url.Parse(callback)
		deny := p.URL + "/authorizations/oauth2/callback?error=access_denied&state=" + url.QueryEscape(cb.Query().Get("state"))
		refused(t, call(t, p.Client(), "GET", deny, "", nil))
		unchanged(t)
	})
	t.Run("the browser that started it", func(t *testing.T) {
		r := load(t, mine, callback)
		require.Equal(t, 200, r.Status, r.Raw)
		assert.Contains(t, r.Raw, "Connected to GitHub")
		assert.Equal(t, "active", getAuthorization(t, p, attacker, "github", id)["status"])
	})
}

// The flow cookie: HttpOnly, SameSite=Lax, Secure under TLS, scoped to the
// one path that needs it, for at most the authorization's lifetime; spent
// by the callback.
func TestFlowCookie(t *testing.T) {
	for _, tls := range []bool{false, true} {
		p := xkitdtest.Start(t, xkitdtest.Options{TLS: tls})
		tok := p.UserToken(t, "u1")
		for slug, path := range map[string]string{"github": "/authorizations/oauth2/callback", "acme-api": "/authorizations/acme-api/fields"} {
			_, auth := startConnection(t, p, tok, slug)
			b := popup(t, p, tok)
			res, err := b.NoRedirect.Get(auth["authorize_url"].(string))
			require.NoError(t, err)
			res.Body.Close()
			require.Equal(t, http.StatusSeeOther, res.StatusCode)
			var flow *http.Cookie
			for _, c := range res.Cookies() {
				if strings.HasPrefix(c.Name, "xkit_flow_") {
					flow = c
				}
			}
			require.NotNil(t, flow, slug)
			assert.Equal(t, "xkit_flow_"+auth["id"].(string), flow.Name)
			assert.True(t, flow.HttpOnly)
			assert.Equal(t, http.SameSiteLaxMode, flow.SameSite)
			assert.Equal(t, tls, flow.Secure)
			assert.Equal(t, path, flow.Path)
			assert.Greater(t, flow.MaxAge, 500)
			assert.LessOrEqual(t, flow.MaxAge, 601, "10 minutes at most")
			assert.GreaterOrEqual(t, len(flow.Value), 40, "a random nonce")
			assert.NotContains(t, flow.Value, auth["state"].(string))
		}
	}
}

// The API-key page had the same gap: its link opened for anyone, and a
// victim's key typed there went into the attacker's connection. Now the
// page and its submit need the flow cookie.
func TestAPIKeyPageBoundToBrowser(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	attacker := p.UserToken(t, "attacker")
	_, auth := startConnection(t, p, attacker, "acme-api")
	state := auth["state"].(string)
	fieldsURL := p.URL + "/authorizations/acme-api/fields?state=" + url.QueryEscape(state)
	mine := popup(t, p, attacker)
	require.Equal(t, 200, load(t, mine, auth["authorize_url"].(string)).Status, "the attacker's own browser gets the page")

	victim := popup(t, p, p.UserToken(t, "victim"))
	for name, u := range map[string]string{"start": auth["authorize_url"].(string), "page": fieldsURL} {
		r := load(t, victim, u)
		assert.Equal(t, http.StatusBadRequest, r.Status, name)
		assert.Contains(t, r.Raw, anotherBrowser, name)
		assert.NotContains(t, r.Raw, `name="api_key"`, name)
	}
	before := counts(t, p.DBPath)
	for name, c := range map[string]*http.Client{"victim": victim.Client, "no cookies": p.Client()} {
		r := call(t, c, "POST", p.URL+"/authorizations/acme-api/fields", "", map[string]any{"state": state, "api_key": "victims-key"})
		assert.Equal(t, http.StatusBadRequest, r.Status, name)
		assert.Contains(t, r.Body["error"], anotherBrowser, name)
	}
	assert.Equal(t, before, counts(t, p.DBPath))
	assert.Equal(t, "awaiting_callback", getAuthorization(t, p, attacker, "acme-api", auth["id"].(string))["status"])

	r := call(t, mine.Client, "POST", p.URL+"/authorizations/acme-api/fields", "", map[string]any{"state": state, "api_key": "own-key"})
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, "own-key", getAuthorization(t, p, attacker, "acme-api", auth["id"].(string))["access_token"])
}
