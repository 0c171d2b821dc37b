package workertest_test

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/workertest"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// Issue 12 on the Worker (wrangler dev --local, D1 on disk): the same
// handler as xkitd, so the same defences, checked over HTTP.

const anotherBrowser = "This authorization was started in another browser"

// popup is the authorization window's browser, logged in as tok's user.
func popup(t *testing.T, w *workertest.Worker, tok string) *xkitdtest.Browser {
	b := xkitdtest.NewBrowser(t, w.URL, nil)
	b.Login(t, tok)
	return b
}

func withHost(t *testing.T, method, u, host, token string, header ...string) reply {
	req, err := http.NewRequest(method, u, nil)
	require.NoError(t, err)
	req.Host = host
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return do(t, req)
}

// grepTree is `grep -rla needle dir`: the files under dir that hold it.
func grepTree(t *testing.T, dir, needle string) []string {
	var found []string
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && bytes.Contains(data, []byte(needle)) {
			found = append(found, strings.TrimPrefix(path, dir))
		}
		return nil
	}))
	return found
}

func TestWorkerTrustBoundary(t *testing.T) {
	skipUnlessAsked(t)
	d1 := t.TempDir()
	w := workertest.Start(t, workertest.Options{PersistDir: d1})
	tw := target{URL: w.URL, UserToken: w.UserToken}
	port := strings.TrimPrefix(w.Domain, "127.0.0.1:")

	t.Run("DNS rebinding", func(t *testing.T) {
		evil := "rebind.evil.example:" + port
		r := withHost(t, "POST", w.URL+"/demo/token", evil, "", "Origin", "http://"+evil)
		assert.Equal(t, http.StatusMisdirectedRequest, r.Status, r.Raw)
		assert.NotContains(t, r.Body, "access_token")
		r = withHost(t, "GET", w.URL+api+"/connections/acme-api", evil, w.UserToken(t, "demo-user"))
		assert.Equal(t, http.StatusMisdirectedRequest, r.Status, r.Raw)
		r = withHost(t, "GET", w.URL+api+"/platform", "evil.example", "", "Origin", "http://evil.example")
		assert.Equal(t, http.StatusMisdirectedRequest, r.Status)
		assert.Empty(t, r.Header.Get("Access-Control-Allow-Origin"))
		// The Worker's own page still signs in, on its loopback aliases too.
		for _, host := range []string{w.Domain, "localhost:" + port} {
			r = withHost(t, "POST", w.URL+"/demo/token", host, "", "Origin", "http://"+host)
			assert.Equal(t, 200, r.Status, host)
		}
	})

	t.Run("callback bound to the browser", func(t *testing.T) {
		tok := w.UserToken(t, "binding-oauth")
		_, auth := startConnection(t, tw, tok, "github")
		mine := popup(t, w, tok)
		callback := mine.Consent(t, auth["authorize_url"].(string), "allow")
		for name, b := range map[string]*xkitdtest.Browser{
			"no cookies": xkitdtest.NewBrowser(t, w.URL, nil), "the victim": popup(t, w, w.UserToken(t, "binding-victim")),
		} {
			status, page := b.Get(t, callback)
			assert.Equal(t, http.StatusBadRequest, status, name)
			assert.Contains(t, page, anotherBrowser, name)
			status, page = b.Get(t, auth["authorize_url"].(string))
			assert.Equal(t, http.StatusBadRequest, status, "%s opening the attacker's authorize_url", name)
			assert.NotContains(t, page, `id="allow"`)
		}
		assert.Equal(t, "awaiting_callback", authorization(t, tw, tok, "github", auth["id"].(string))["status"], "unchanged")
		status, page := mine.Get(t, callback)
		require.Equal(t, 200, status, page)
		assert.Equal(t, "active", authorization(t, tw, tok, "github", auth["id"].(string))["status"])
	})

	t.Run("API-key page bound to the browser", func(t *testing.T) {
		tok := w.UserToken(t, "binding-key")
		_, auth := startConnection(t, tw, tok, "acme-api")
		page := w.URL + "/authorizations/acme-api/fields?state=" + url.QueryEscape(auth["state"].(string))
		status, body := xkitdtest.NewBrowser(t, w.URL, nil).Get(t, page)
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, body, anotherBrowser)
		r := call(t, "POST", w.URL+"/authorizations/acme-api/fields", "", map[string]any{"state": auth["state"], "api_key": "victims"})
		assert.Equal(t, http.StatusBadRequest, r.Status, r.Raw)
		assert.Contains(t, r.Body["error"], anotherBrowser)
		assert.Equal(t, "awaiting_callback", authorization(t, tw, tok, "acme-api", auth["id"].(string))["status"])
	})

	t.Run("logout revokes the session's tokens", func(t *testing.T) {
		session := func() string {
			r := call(t, "POST", w.URL+api+"/sessions", w.UserToken(t, "logout-user"), nil)
			require.Equal(t, 200, r.Status, r.Raw)
			for _, c := range (&http.Response{Header: r.Header}).Cookies() {
				if c.Name == "xkit_session" {
					return c.Name + "=" + c.Value
				}
			}
			t.Fatal("no session cookie")
			return ""
		}
		mint := func(cookie string) string {
			req, _ := http.NewRequest("POST", w.URL+api+"/sessions/token", nil)
			req.Header.Set("Cookie", cookie)
			r := do(t, req)
			require.Equal(t, 200, r.Status, r.Raw)
			return r.Body["access_token"].(string)
		}
		ended, other := session(), session()
		held, earlier, kept := mint(ended), mint(ended), mint(other)
		req, _ := http.NewRequest("DELETE", w.URL+api+"/sessions", nil)
		req.Header.Set("Cookie", ended)
		req.Header.Set("Authorization", "Bearer "+held)
		require.Equal(t, http.StatusNoContent, do(t, req).Status)
		assert.Equal(t, 401, call(t, "GET", w.URL+api+"/session", earlier, nil).Status, "a token minted before logout")
		assert.Equal(t, 200, call(t, "GET", w.URL+api+"/session", kept, nil).Status, "another session's token")
	})

	t.Run("secrets not in D1's files", func(t *testing.T) {
		const apiKey = "sk-live-worker-5b4a3c2d1e0f"
		tok := w.UserToken(t, "at-rest")
		_, auth := startConnection(t, tw, tok, "acme-api")
		r := call(t, "PUT", w.URL+api+"/authorizations/acme-api", tok, map[string]any{"state": auth["state"], "api_key": apiKey})
		require.Equal(t, 200, r.Status, r.Raw)
		assert.Equal(t, apiKey, authorization(t, tw, tok, "acme-api", auth["id"].(string))["access_token"])
		assert.Empty(t, grepTree(t, d1, apiKey))
		assert.NotEmpty(t, grepTree(t, d1, auth["state"].(string)), "D1's files were read")
		assert.Empty(t, grepTree(t, d1, workertest.SecretKey), "the key pair is not stored (it comes from the variables)")
	})
}

// The Worker's variables, one restart each (the same D1): the lifetime of
// an authorization is XKIT_AUTHORIZATION_TTL (with 1 ms every one has
// expired by the time its popup opens it); without its encryption key,
// with the wrong one, with a seed whose mark_url is not an image URL, with
// a login redirect URL that is not http(s), or, when it is not a demo,
// with an oauth2 connector that names no provider, it refuses every
// request with 503 and says why; with the right key
// again, the API key sealed before reads back.
func TestWorkerConfiguration(t *testing.T) {
	skipUnlessAsked(t)
	w := workertest.Start(t, workertest.Options{})
	tw := target{URL: w.URL, UserToken: w.UserToken}
	tok := w.UserToken(t, "u1")
	_, auth := startConnection(t, tw, tok, "acme-api")
	r := call(t, "PUT", w.URL+api+"/authorizations/acme-api", tok, map[string]any{"state": auth["state"], "api_key": "sk-kept"})
	require.Equal(t, 200, r.Status, r.Raw)

	w.RestartWith(t, map[string]string{"XKIT_AUTHORIZATION_TTL": "1ms"}, false)
	_, gh := startConnection(t, tw, tok, "github")
	status, page := popup(t, w, tok).Get(t, gh["authorize_url"].(string))
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, page, "not completed within 1ms")
	a := authorization(t, tw, tok, "github", gh["id"].(string))
	assert.Equal(t, "error", a["status"])
	assert.Equal(t, "authorization_expired", a["error_code"])

	refused := func(vars map[string]string, says ...string) {
		t.Helper()
		w.RestartWith(t, vars, true)
		r := call(t, "GET", w.URL+api+"/platform", "", nil)
		assert.Equal(t, http.StatusServiceUnavailable, r.Status, r.Raw)
		for _, s := range says {
			assert.Contains(t, r.Body["error"], s)
		}
	}
	refused(map[string]string{"XKIT_ENCRYPTION_KEY": ""}, "XKIT_ENCRYPTION_KEY is not set", "wrangler secret put XKIT_ENCRYPTION_KEY")
	refused(map[string]string{"XKIT_ENCRYPTION_KEY": "d3JvbmcgZW5jcnlwdGlvbiBrZXkgb2YgMzIgYnl0ZXM="}, "wrong encryption key")
	refused(map[string]string{"XKIT_SEED": `{"connectors":[{"name":"Evil","slug":"evil","mark_url":"javascript:alert(1)"}]}`},
		`"evil"`, "mark_url")
	refused(map[string]string{"XKIT_LOGIN_REDIRECT_URL": "javascript:alert(document.cookie)"},
		"XKIT_LOGIN_REDIRECT_URL", "the scheme must be https or http")
	refused(map[string]string{"XKIT_DEMO": "", "XKIT_SEED": `{"connectors":[{"name":"CRM","slug":"crm","auth":"oauth2"}]}`},
		`"crm" names no OAuth2 provider`)

	w.RestartWith(t, nil, false)
	assert.Equal(t, "sk-kept", authorization(t, tw, tok, "acme-api", auth["id"].(string))["access_token"])
}
