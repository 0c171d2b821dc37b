package workertest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/workertest"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

const api = "/api/platform_user"

// The Worker tests need Node, npm ci --prefix cmd/xkit-worker, and about
// half a minute; they run when XKIT_WORKER_TEST=1.
func skipUnlessAsked(t *testing.T) {
	if os.Getenv("XKIT_WORKER_TEST") != "1" {
		t.Skip("set XKIT_WORKER_TEST=1 to run the Worker under wrangler dev (needs npm ci --prefix cmd/xkit-worker)")
	}
}

type reply struct {
	Status int
	Header http.Header
	Raw    string
	Body   map[string]any
}

// noRedirect shows the provider's redirects to the test.
var client = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func call(t *testing.T, method, u, token string, body any) reply {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) reply {
	t.Helper()
	res, err := client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	r := reply{Status: res.StatusCode, Header: res.Header, Raw: string(raw)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		require.NoError(t, json.Unmarshal(raw, &r.Body), string(raw))
	}
	return r
}

func obj(t *testing.T, m map[string]any, keys ...string) map[string]any {
	t.Helper()
	for _, k := range keys {
		next, ok := m[k].(map[string]any)
		require.True(t, ok, "%q in %v", k, m)
		m = next
	}
	return m
}

func list(t *testing.T, m map[string]any, key string) []map[string]any {
	t.Helper()
	raw, ok := m[key].([]any)
	require.True(t, ok, "%q in %v", key, m)
	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i] = v.(map[string]any)
	}
	return out
}

func startConnection(t *testing.T, w target, tok, slug string) (connID string, auth map[string]any) {
	t.Helper()
	r := call(t, "POST", w.URL+api+"/connections/"+slug, tok, map[string]any{})
	require.Equal(t, 200, r.Status, r.Raw)
	conn := obj(t, r.Body, "connection")
	auth = obj(t, conn, "authorization")
	assert.Equal(t, "awaiting_callback", auth["status"])
	return conn["id"].(string), auth
}

func authorization(t *testing.T, w target, tok, slug, id string) map[string]any {
	t.Helper()
	r := call(t, "GET", w.URL+api+"/authorizations/"+slug+"/"+id, tok, nil)
	require.Equal(t, 200, r.Status, r.Raw)
	return obj(t, r.Body, "authorization")
}

func connectionIDs(t *testing.T, w target, tok string) map[string]string {
	t.Helper()
	r := call(t, "GET", w.URL+api+"/connections", tok, nil)
	require.Equal(t, 200, r.Status, r.Raw)
	out := map[string]string{}
	for _, c := range list(t, r.Body, "connections") {
		out[c["id"].(string)] = obj(t, c, "authorization")["status"].(string)
	}
	return out
}

// target is a running platform: the Worker or xkitd.
type target struct {
	URL       string
	UserToken func(t testing.TB, externalID string) string
}

// walkthrough is the platform conformance walkthrough over HTTP: the same
// steps against the Worker and against xkitd. It returns the user's token
// and connections (id → authorization status) and github's authorization.
func walkthrough(t *testing.T, w target) (tok string, conns map[string]string, githubAuth string) {
	// Public platform and provisioning.
	r := call(t, "GET", w.URL+api+"/platform", "", nil)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, w.URL, obj(t, r.Body, "platform")["website"])
	req, _ := http.NewRequest("POST", w.URL+"/api/platform/users", strings.NewReader(`{"user":{"external_id":"x"}}`))
	req.SetBasicAuth("wrong", "wrong")
	assert.Equal(t, 401, do(t, req).Status, "provisioning needs the key pair")
	tok = w.UserToken(t, "walkthrough-user-1")

	// The four seeded connectors.
	r = call(t, "GET", w.URL+api+"/connectors", tok, nil)
	require.Equal(t, 200, r.Status, r.Raw)
	var slugs []string
	for _, c := range list(t, r.Body, "connectors") {
		slugs = append(slugs, c["slug"].(string))
	}
	assert.ElementsMatch(t, []string{"slack", "github", "salesforce", "acme-api"}, slugs)
	assert.Equal(t, 401, call(t, "GET", w.URL+api+"/connectors", "bad-token", nil).Status)

	// An API-key authorization: the start endpoint leads the popup (with
	// the user's session) to the field page, then PUT.
	acmeID, auth := startConnection(t, w, tok, "acme-api")
	b := xkitdtest.NewBrowser(t, w.URL, nil)
	b.Login(t, tok)
	status, page := b.Get(t, auth["authorize_url"].(string))
	require.Equal(t, 200, status, page)
	assert.Contains(t, page, `name="api_key"`)
	r = call(t, "PUT", w.URL+api+"/authorizations/acme-api", tok, map[string]any{"state": auth["state"], "api_key": " "})
	assert.Equal(t, 400, r.Status, r.Raw)
	assert.NotEmpty(t, r.Body["error"])
	r = call(t, "PUT", w.URL+api+"/authorizations/acme-api", tok, map[string]any{"state": auth["state"], "api_key": "k-123"})
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, "active", obj(t, r.Body, "authorization")["status"])

	// The demo OAuth provider, served by the platform itself: Allow.
	githubID, auth := startConnection(t, w, tok, "github")
	callback := b.Consent(t, auth["authorize_url"].(string), "allow")
	status, page = b.Get(t, callback)
	require.Equal(t, 200, status, page)
	assert.Contains(t, page, "Connected to GitHub")
	githubAuth = auth["id"].(string)
	a := authorization(t, w, tok, "github", githubAuth)
	assert.Equal(t, "active", a["status"])
	assert.True(t, strings.HasPrefix(a["access_token"].(string), "demo_at_"), a["access_token"])
	status, page = b.Get(t, callback)
	assert.Equal(t, 409, status, "the callback works once: %s", page)

	// Deny: the connection was never installed, so it is not listed.
	slackID, auth := startConnection(t, w, tok, "slack")
	status, page = b.Get(t, b.Consent(t, auth["authorize_url"].(string), "deny"))
	require.Equal(t, 200, status, page)
	a = authorization(t, w, tok, "slack", auth["id"].(string))
	assert.Equal(t, "error", a["status"])
	assert.Equal(t, "access_denied", a["error_code"])

	// Remove.
	salesforceID := b.Connect(t, tok, "salesforce", "")["id"].(string)
	r = call(t, "DELETE", w.URL+api+"/connection/"+salesforceID, tok, nil)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, 404, call(t, "DELETE", w.URL+api+"/connection/"+salesforceID, tok, nil).Status, "already removed")
	conns = connectionIDs(t, w, tok)
	assert.NotContains(t, conns, salesforceID)
	assert.NotContains(t, conns, slackID)
	assert.Equal(t, "active", conns[acmeID])
	assert.Equal(t, "active", conns[githubID])
	assert.Len(t, conns, 2, "acme-api and github (slack was denied)")
	return tok, conns, githubAuth
}

// TestWalkthrough runs the walkthrough against the Worker under wrangler
// dev, checks what differs on Workers, then restarts it: everything stored
// must survive.
func TestWalkthrough(t *testing.T) {
	skipUnlessAsked(t)
	w := workertest.Start(t, workertest.Options{})
	start := time.Now()
	tw := target{URL: w.URL, UserToken: w.UserToken}
	tok, conns, githubAuth := walkthrough(t, tw)
	t.Logf("walkthrough on the Worker: %s", time.Since(start).Round(time.Millisecond))

	// No socket on Workers: a clear error instead.
	r := call(t, "GET", w.URL+"/socket/websocket?vsn=2.0.0&token="+url.QueryEscape(tok), "", nil)
	assert.Equal(t, http.StatusNotImplemented, r.Status)
	assert.Equal(t, "The status socket is not available on this platform; the SDK polls the authorization instead.", r.Body["error"])

	// Static assets: the demo page and the SDK, from Workers assets.
	r = call(t, "GET", w.URL+"/web/xkit.wasm", "", nil)
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, "application/wasm", r.Header.Get("Content-Type"))
	r = call(t, "GET", w.URL+"/", "", nil)
	assert.Equal(t, 200, r.Status)
	assert.Contains(t, r.Raw, "/web/xkit.js", "the demo page (XKIT_DEMO=1), from the ASSETS binding")
	r = call(t, "GET", w.URL+"/index.html", "", nil)
	if r.Status/100 == 3 {
		assert.Equal(t, "/", r.Header.Get("Location"), "assets send /index.html to /")
	} else {
		assert.Contains(t, r.Raw, "/web/xkit.js")
	}

	// A restart keeps every connection and the user's token (D1 on disk).
	restart := time.Now()
	w.Restart(t)
	t.Logf("restart: %s", time.Since(restart).Round(time.Millisecond))
	assert.Equal(t, conns, connectionIDs(t, tw, tok))
	assert.Equal(t, "active", authorization(t, tw, tok, "github", githubAuth)["status"])
	assert.Equal(t, 200, call(t, "GET", w.URL+api+"/connectors", w.UserToken(t, "walkthrough-user-2"), nil).Status)
}

// TestWalkthroughXkitd is the same walkthrough against xkitd (httptest),
// for the timing comparison; it always runs.
func TestWalkthroughXkitd(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	start := time.Now()
	walkthrough(t, target{URL: p.URL, UserToken: p.UserToken})
	t.Logf("walkthrough on xkitd: %s", time.Since(start).Round(time.Millisecond))
}
