package server_test

import (
	"bytes"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

func getPlatform(t *testing.T, p *xkitdtest.Platform) map[string]any {
	t.Helper()
	r := call(t, p.Client(), "GET", p.URL+api+"/platform", "", nil)
	require.Equal(t, 200, r.Status, r.Raw)
	return obj(t, r.Body, "platform")
}

// The platform's identity is configuration (xkitd -name, -website,
// -login-redirect-url; the Worker's XKIT_PLATFORM_NAME, XKIT_WEBSITE,
// XKIT_LOGIN_REDIRECT_URL): GET /platform, where the catalog takes its
// title and footer, and the demo provider's consent page.
func TestPlatformIdentity(t *testing.T) {
	t.Run("defaults on a demo platform", func(t *testing.T) {
		p := xkitdtest.Start(t, xkitdtest.Options{})
		assert.Equal(t, map[string]any{"name": "Xkit Local", "slug": "xkit-local", "website": p.URL,
			"login_redirect_url": p.URL + "/", "remove_branding": false, "status_socket": true}, getPlatform(t, p),
			"signed-out pages go to the demo page; xkitd has the status socket")
	})
	t.Run("configured", func(t *testing.T) {
		p := xkitdtest.Start(t, xkitdtest.Options{Configure: func(c *server.Config) {
			c.Name, c.Website, c.LoginRedirectURL = "Acme Integrations", "https://acme.example", "https://app.acme.example/login?next=%2F"
		}})
		pl := getPlatform(t, p)
		assert.Equal(t, "Acme Integrations", pl["name"])
		assert.Equal(t, "acme-integrations", pl["slug"])
		assert.Equal(t, "https://acme.example", pl["website"])
		assert.Equal(t, "https://app.acme.example/login?next=%2F", pl["login_redirect_url"])

		tok := p.UserToken(t, "u1")
		_, auth := startConnection(t, p, tok, "github")
		b := popup(t, p, tok)
		status, page := b.Get(t, auth["authorize_url"].(string))
		require.Equal(t, 200, status)
		assert.Contains(t, page, "<strong>Acme Integrations</strong> wants to access your demo <strong>github</strong> account")
		assert.NotContains(t, page, "Xkit Local")
	})
	t.Run("no demo: signed-out pages go to the website", func(t *testing.T) {
		p := xkitdtest.Start(t, xkitdtest.Options{NoDemo: true, Configure: func(c *server.Config) {
			c.Website = "https://acme.example/"
		}})
		pl := getPlatform(t, p)
		assert.Equal(t, "https://acme.example/", pl["website"])
		assert.Equal(t, "https://acme.example/", pl["login_redirect_url"])
	})
	t.Run("a link that is not http(s) is left out", func(t *testing.T) {
		var logs bytes.Buffer
		p := xkitdtest.Start(t, xkitdtest.Options{Configure: func(c *server.Config) {
			c.LoginRedirectURL, c.Website = "javascript:alert(document.domain)", "data:text/html,x"
			c.Logger = log.New(&logs, "", 0)
		}})
		pl := getPlatform(t, p)
		assert.Equal(t, p.URL+"/", pl["login_redirect_url"], "a host page follows it: never javascript:")
		assert.Equal(t, p.URL, pl["website"])
		assert.Contains(t, logs.String(), "login redirect URL is left out")
	})
}

func TestParseLink(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://acme.example":              true,
		"http://127.0.0.1:8080/login?x=1#y": true,
		" https://acme.example/a ":          true,
		"javascript:alert(1)":               false,
		"data:text/html,<script>":           false,
		"//acme.example":                    false,
		"/login":                            false,
		"https://user:pw@acme.example":      false,
		"https://":                          false,
		"ftp://acme.example":                false,
	} {
		_, err := server.ParseLink(raw)
		assert.Equal(t, ok, err == nil, "%q: %v", raw, err)
	}
}

// A platform that is not a demo has no demo: no demo provider, no demo
// sign-in, no default connectors, and no demo page at / (the SDK in web/
// is still served); an oauth2 connector without a provider cannot start.
func TestNotADemo(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "web"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("<title>the demo page</title>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "web", "xkit.js"), []byte("export {}"), 0o644))
	p := xkitdtest.Start(t, xkitdtest.Options{NoDemo: true, WebDir: dir, Configure: func(c *server.Config) {
		c.Name = "Acme Integrations"
	}})
	c := p.Client()

	r := call(t, c, "GET", p.URL+"/", "", nil)
	assert.Equal(t, 200, r.Status)
	assert.NotContains(t, r.Raw, "the demo page")
	assert.Contains(t, r.Raw, "This is Acme Integrations")
	assert.Equal(t, 200, call(t, c, "GET", p.URL+"/web/xkit.js", "", nil).Status, "the SDK is served")
	assert.Equal(t, 404, call(t, c, "GET", p.URL+"/demo-oauth/authorize", "", nil).Status)
	assert.Equal(t, 404, call(t, c, "POST", p.URL+"/demo-oauth/token", "", nil).Status)
	assert.Equal(t, 404, call(t, c, "POST", p.URL+"/demo/token", "", nil, "Origin", p.URL).Status)
	r = call(t, c, "GET", p.URL+api+"/platform/connectors", "", nil)
	assert.Equal(t, []any{}, r.Body["connectors"], "no demo connectors")

	// A connector stored by a demo run before, when the demo is off now.
	require.NoError(t, p.Store.UpsertConnector(t.Context(), server.DefaultConnectors()[0]))
	tok := p.UserToken(t, "u1")
	r = call(t, c, "POST", p.URL+api+"/connections/slack", tok, map[string]any{})
	assert.Equal(t, http.StatusConflict, r.Status)
	assert.Equal(t, "Slack cannot be connected: it names no OAuth2 provider (oauth2 in the seed), and the demo provider is off.",
		r.Body["error"])
	assert.Zero(t, counts(t, p.DBPath)["connections"], "nothing was stored")
}
