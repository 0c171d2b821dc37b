package server_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// popup is the authorization window's browser, logged in as the user of
// tok the way the SDKs do it (xkitdtest.Browser).
func popup(t *testing.T, p *xkitdtest.Platform, tok string) *xkitdtest.Browser {
	t.Helper()
	b := xkitdtest.NewBrowser(t, p.URL, p.Client().Transport)
	b.Login(t, tok)
	return b
}

// load GETs u in browser b.
func load(t *testing.T, b *xkitdtest.Browser, u string) reply {
	t.Helper()
	return call(t, b.Client, "GET", u, "", nil)
}

func startConnection(t *testing.T, p *xkitdtest.Platform, tok, slug string) (connID string, auth map[string]any) {
	t.Helper()
	r := call(t, p.Client(), "POST", p.URL+api+"/connections/"+slug, tok, map[string]any{})
	require.Equal(t, 200, r.Status, r.Raw)
	conn := obj(t, r.Body, "connection")
	return conn["id"].(string), obj(t, conn, "authorization")
}

func getAuthorization(t *testing.T, p *xkitdtest.Platform, tok, slug, id string) map[string]any {
	t.Helper()
	r := getReply(t, p, tok, slug, id)
	require.Equal(t, 200, r.Status, r.Raw)
	return obj(t, r.Body, "authorization")
}

func getReply(t *testing.T, p *xkitdtest.Platform, tok, slug, id string) reply {
	t.Helper()
	return call(t, p.Client(), "GET", p.URL+api+"/authorizations/"+slug+"/"+id, tok, nil)
}

func TestOAuthFlowAllow(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{TLS: true, Origins: []string{"https://host.test"}})
	tok := p.UserToken(t, "u1")
	connID, auth := startConnection(t, p, tok, "github")

	b := popup(t, p, tok)
	callback := b.Consent(t, auth["authorize_url"].(string), "allow")
	assert.Contains(t, callback, "code=")
	assert.Contains(t, callback, "state="+url.QueryEscape(auth["state"].(string)))

	r := load(t, b, callback)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Contains(t, r.Raw, "window.close()")
	assert.Contains(t, r.Raw, "Connected to GitHub")

	a := getAuthorization(t, p, tok, "github", auth["id"].(string))
	assert.Equal(t, "active", a["status"])
	assert.True(t, strings.HasPrefix(a["access_token"].(string), "demo_at_"))
	assert.NotContains(t, a, "authorize_url")
	assert.Equal(t, "Demo user (github)", a["display_label"])

	r = call(t, p.Client(), "GET", p.URL+api+"/connection/"+connID, tok, nil)
	assert.Equal(t, "active", obj(t, r.Body, "connection", "authorization")["status"])

	// The callback works once.
	before := counts(t, p.DBPath)
	r = load(t, b, callback)
	assert.Equal(t, 409, r.Status)
	assert.Equal(t, before, counts(t, p.DBPath))
	assert.Equal(t, "active", getAuthorization(t, p, tok, "github", auth["id"].(string))["status"])
}

func TestOAuthFlowDeny(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{Origins: []string{"http://host.test"}})
	tok := p.UserToken(t, "u1")
	_, auth := startConnection(t, p, tok, "slack")

	b := popup(t, p, tok)
	callback := b.Consent(t, auth["authorize_url"].(string), "deny")
	assert.Contains(t, callback, "error=access_denied")
	r := load(t, b, callback)
	require.Equal(t, 200, r.Status)
	// The page tells the opener (allowed origins only) and closes itself.
	assert.Contains(t, r.Raw, "The authorization was denied.")
	assert.Contains(t, r.Raw, `"http://host.test"`)
	assert.Contains(t, r.Raw, "postMessage({ error: error }, o)")
	assert.Contains(t, r.Raw, "window.close()")

	a := getAuthorization(t, p, tok, "slack", auth["id"].(string))
	assert.Equal(t, "error", a["status"])
	assert.Equal(t, "access_denied", a["error_code"])
	assert.Equal(t, "The authorization was denied.", a["error_message"])
	assert.NotContains(t, a, "access_token")
}

func TestOAuthBadCallbacks(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	tok := p.UserToken(t, "u1")
	_, auth := startConnection(t, p, tok, "slack")
	state := url.QueryEscape(auth["state"].(string))
	for _, q := range []string{"", "?code=x", "?code=x&state=unknown"} {
		before := counts(t, p.DBPath)
		r := call(t, p.Client(), "GET", p.URL+"/authorizations/oauth2/callback"+q, "", nil)
		assert.GreaterOrEqual(t, r.Status, 400, q)
		assert.Less(t, r.Status, 500, q)
		assert.Equal(t, before, counts(t, p.DBPath), q)
	}
	// A forged code (in the browser that started the flow) fails the
	// exchange: status error, not active.
	b := popup(t, p, tok)
	require.Contains(t, b.Consent(t, auth["authorize_url"].(string), "allow"), "code=")
	r := load(t, b, p.URL+"/authorizations/oauth2/callback?code=forged&state="+state)
	assert.Equal(t, 200, r.Status)
	a := getAuthorization(t, p, tok, "slack", auth["id"].(string))
	assert.Equal(t, "error", a["status"])
	assert.Equal(t, "token_exchange_failed", a["error_code"])
}

func TestDemoProviderChecks(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	tok := p.UserToken(t, "u1")
	_, auth := startConnection(t, p, tok, "slack")
	b := popup(t, p, tok)
	res, err := b.NoRedirect.Get(auth["authorize_url"].(string))
	require.NoError(t, err)
	res.Body.Close()
	u, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	for name, mutate := range map[string]func(q url.Values){
		"other redirect": func(q url.Values) { q.Set("redirect_uri", "http://evil.test/cb") },
		"no pkce":        func(q url.Values) { q.Del("code_challenge") },
		"plain pkce":     func(q url.Values) { q.Set("code_challenge_method", "plain") },
		"no state":       func(q url.Values) { q.Del("state") },
		"unknown client": func(q url.Values) { q.Set("client_id", "someone") },
	} {
		q := u.Query()
		mutate(q)
		r := call(t, p.Client(), "GET", p.URL+"/demo-oauth/authorize?"+q.Encode(), "", nil)
		assert.Equal(t, 400, r.Status, name)
	}

	// A code needs the right PKCE verifier.
	callback := b.Consent(t, auth["authorize_url"].(string), "allow")
	cb, _ := url.Parse(callback)
	res, err = p.Client().PostForm(p.URL+"/demo-oauth/token", url.Values{
		"grant_type": {"authorization_code"}, "code": {cb.Query().Get("code")},
		"redirect_uri": {p.URL + "/authorizations/oauth2/callback"}, "client_id": {"xkit-demo-slack"},
		"client_secret": {"xkit-demo-secret"}, "code_verifier": {"wrong-verifier-wrong-verifier-wrong-verifier"},
	})
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 400, res.StatusCode)
	// And the code is spent: the real callback now fails too.
	r := load(t, b, callback)
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, "token_exchange_failed", getAuthorization(t, p, tok, "slack", auth["id"].(string))["error_code"])
}

func TestAPIKeyFlow(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	tok := p.UserToken(t, "u1")
	connID, auth := startConnection(t, p, tok, "acme-api")
	proto := obj(t, auth, "authorizer", "prototype")
	assert.Equal(t, "acme-api", proto["slug"])
	assert.Equal(t, []any{map[string]any{"name": "api_key", "label": "API Key"}}, proto["collect_fields"])
	authURL := auth["authorize_url"].(string)
	require.Equal(t, p.URL+"/authorizations/acme-api/start?state="+url.QueryEscape(auth["state"].(string)), authURL)

	// The start endpoint leads to the field page: one input api_key, a
	// Save button, a submit to its own path.
	b := popup(t, p, tok)
	r := load(t, b, authURL)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Contains(t, r.Raw, `<input type="text" name="api_key" id="api_key"`)
	assert.Contains(t, r.Raw, `<label for="api_key">API Key</label>`)
	assert.Contains(t, r.Raw, `>Save</button>`)
	assert.Contains(t, r.Raw, `fetch("/authorizations/" + encodeURIComponent(slug) + "/fields"`)

	// What the page does: POST the fields with the flow cookie. A blank
	// key is refused and changes nothing.
	r = call(t, b.Client, "POST", p.URL+"/authorizations/acme-api/fields", "",
		map[string]any{"state": auth["state"], "api_key": " "})
	assert.Equal(t, 400, r.Status, r.Raw)
	assert.Equal(t, "API Key is required.", r.Body["error"], "the label, never the field's name")
	r = call(t, b.Client, "POST", p.URL+"/authorizations/acme-api/fields", "",
		map[string]any{"state": auth["state"], "api_key": "sk-acme-1234"})
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, "active", obj(t, r.Body, "authorization")["status"])
	assert.NotContains(t, r.Raw, "sk-acme-1234", "the page is not sent the key back")
	r = getReply(t, p, tok, "acme-api", auth["id"].(string))
	require.Equal(t, 200, r.Status, r.Raw)
	a := obj(t, r.Body, "authorization")
	assert.Equal(t, "active", a["status"])
	assert.Equal(t, "sk-acme-1234", a["access_token"])
	assert.Equal(t, "API Key ending in 1234", a["display_label"])

	r = call(t, p.Client(), "GET", p.URL+api+"/connections/acme-api", tok, nil)
	assert.Equal(t, connID, obj(t, r.Body, "connection")["id"])
	created, err := time.Parse(time.RFC3339, obj(t, r.Body, "connection")["created_at"].(string))
	require.NoError(t, err, "created_at, for a catalog to tell connections apart")
	assert.False(t, created.IsZero())
	assert.Equal(t, "sk-acme-1234", obj(t, r.Body, "connection", "authorization")["access_token"])

	// Done: a second PUT conflicts, the page says so.
	r = call(t, p.Client(), "PUT", p.URL+api+"/authorizations/acme-api", tok,
		map[string]any{"state": auth["state"], "api_key": "other"})
	assert.Equal(t, 409, r.Status)
	r = load(t, b, authURL)
	assert.Equal(t, 409, r.Status)

	// The SDK's setAuthorizationFields: PUT with the user's bearer token.
	_, auth = startConnection(t, p, tok, "acme-api")
	r = call(t, p.Client(), "PUT", p.URL+api+"/authorizations/acme-api", tok,
		map[string]any{"state": auth["state"], "api_key": "sk-acme-5678"})
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, "sk-acme-5678", obj(t, r.Body, "authorization")["access_token"])

	// Another user cannot complete someone's authorization.
	_, auth2 := startConnection(t, p, tok, "acme-api")
	r = call(t, p.Client(), "PUT", p.URL+api+"/authorizations/acme-api", p.UserToken(t, "u2"),
		map[string]any{"state": auth2["state"], "api_key": "k"})
	assert.Equal(t, 404, r.Status)
}
