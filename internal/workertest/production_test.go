package workertest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/workertest"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// The Worker as deployed: not a demo, its own name and links, and one
// oauth2 connector on an external provider (the demo provider on a server
// of its own, reached through the Worker's fetch()). GET /platform says who
// it is and that there is no status socket; / is not the demo page; a
// connection through the provider works, and its expired access token is
// renewed through the provider's refresh token, or, when the provider is
// down or has revoked the grant, mapped as on xkitd.
func TestWorkerProduction(t *testing.T) {
	skipUnlessAsked(t)
	prov := xkitdtest.StartProvider(t, "Acme Integrations")
	seed := `{"connectors":[` + mustJSON(t, prov.Connector("crm", "Demo CRM")) + `]}`
	w := workertest.Start(t, workertest.Options{Vars: map[string]string{
		"XKIT_DEMO": "", "XKIT_SEED": seed, "XKIT_PLATFORM_NAME": "Acme Integrations",
		"XKIT_WEBSITE": "https://acme.example", "XKIT_LOGIN_REDIRECT_URL": "https://app.acme.example/login"}})
	prov.Allow(w.URL + "/authorizations/oauth2/callback")
	tw := target{URL: w.URL, UserToken: w.UserToken}

	r := call(t, "GET", w.URL+api+"/platform", "", nil)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, map[string]any{"name": "Acme Integrations", "slug": "acme-integrations",
		"website": "https://acme.example", "login_redirect_url": "https://app.acme.example/login",
		"remove_branding": false, "status_socket": false}, obj(t, r.Body, "platform"))
	for _, path := range []string{"/", "/index.html"} {
		r = call(t, "GET", w.URL+path, "", nil)
		assert.NotContains(t, r.Raw, "Xkit SDK demo", "%s: not the demo page", path)
	}
	assert.Contains(t, call(t, "GET", w.URL+"/", "", nil).Raw, "This is Acme Integrations")
	assert.Equal(t, 200, call(t, "GET", w.URL+"/web/xkit.js", "", nil).Status, "the SDK is served")
	assert.Equal(t, 404, call(t, "GET", w.URL+"/demo-oauth/authorize", "", nil).Status)
	r = call(t, "GET", w.URL+api+"/platform/connectors", "", nil)
	assert.Len(t, list(t, r.Body, "connectors"), 1, "the seed's connector, no demo connectors")

	tok := w.UserToken(t, "u1")
	connID, auth := startConnection(t, tw, tok, "crm")
	b := xkitdtest.NewBrowser(t, w.URL, nil)
	b.Login(t, tok)
	callback := b.Consent(t, auth["authorize_url"].(string), "allow")
	status, page := b.Get(t, callback)
	require.Equal(t, 200, status, page)
	a := authorization(t, tw, tok, "crm", auth["id"].(string))
	require.Equal(t, "active", a["status"], "%v\n%s", a, w.Log())
	first := a["access_token"].(string)
	code, info := prov.Userinfo(t, first)
	require.Equal(t, 200, code, "%v", info)

	expire := func() {
		r := call(t, "POST", w.URL+"/test/authorizations/"+auth["id"].(string)+"/expire-access-token", "", nil)
		require.Equal(t, 200, r.Status, r.Raw)
	}
	expire()
	r = call(t, "GET", w.URL+api+"/connection/"+connID, tok, nil)
	require.Equal(t, 200, r.Status, r.Raw)
	second := obj(t, r.Body, "connection", "authorization")["access_token"].(string)
	assert.NotEqual(t, first, second)
	code, info = prov.Userinfo(t, second)
	require.Equal(t, 200, code)
	assert.Equal(t, "refresh_token", info["grant_type"])

	expire()
	prov.Failing(true)
	r = call(t, "GET", w.URL+api+"/connection/"+connID, tok, nil)
	assert.Equal(t, http.StatusServiceUnavailable, r.Status, r.Raw)
	assert.Equal(t, "1", r.Header.Get("Retry-After"))
	prov.Failing(false)
	prov.Forget()
	r = call(t, "GET", w.URL+api+"/connection/"+connID, tok, nil)
	require.Equal(t, 200, r.Status, r.Raw)
	got := obj(t, r.Body, "connection", "authorization")
	assert.Equal(t, "error", got["status"])
	assert.Equal(t, "token_refresh_failed", got["error_code"])
	assert.True(t, w.WaitLog("oauth2 refresh for crm failed: invalid_grant", 10*time.Second), w.Log())
	assert.NotContains(t, w.Log(), prov.ClientSecret, "the client secret is never logged")
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
