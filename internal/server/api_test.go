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

func TestPublicAPI(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	c := p.Client()
	tests := []struct {
		path   string
		status int
		check  func(t *testing.T, r reply)
	}{
		{"/platform", 200, func(t *testing.T, r reply) {
			pl := obj(t, r.Body, "platform")
			assert.Equal(t, "Xkit Local", pl["name"])
			assert.Equal(t, p.URL+"/", pl["login_redirect_url"])
			assert.Equal(t, false, pl["remove_branding"])
		}},
		{"/platform/connectors", 200, func(t *testing.T, r reply) {
			cs := r.Body["connectors"].([]any)
			var slugs []string
			for _, c := range cs {
				m := c.(map[string]any)
				slugs = append(slugs, m["slug"].(string))
				assert.Equal(t, p.URL+"/logos/"+m["slug"].(string)+".svg", m["mark_url"])
				assert.NotContains(t, m, "connection")
			}
			assert.Equal(t, []string{"slack", "github", "salesforce", "acme-api"}, slugs)
		}},
		{"/platform/connectors/salesforce", 200, func(t *testing.T, r reply) {
			assert.Equal(t, true, obj(t, r.Body, "connector")["supports_multiple_connections"])
		}},
		{"/platform/connectors/nope", 404, func(t *testing.T, r reply) {
			assert.Contains(t, r.Body["error"], "nope")
		}},
		{"/nothing/here", 404, func(t *testing.T, r reply) { assert.NotEmpty(t, r.Body["error"]) }},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := call(t, c, "GET", p.URL+api+tt.path, "", nil)
			require.Equal(t, tt.status, r.Status, r.Raw)
			tt.check(t, r)
		})
	}
}

func TestProvisioning(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	tests := []struct {
		name     string
		pk, sk   string
		body     string
		status   int
		wantUser bool
	}{
		{"good", p.PublishableKey, p.SecretKey, `{"user":{"external_id":"u1"}}`, 200, true},
		{"wrong secret", p.PublishableKey, "nope", `{"user":{"external_id":"u2"}}`, 401, false},
		{"no auth", "", "", `{"user":{"external_id":"u2"}}`, 401, false},
		{"missing external_id", p.PublishableKey, p.SecretKey, `{"user":{}}`, 400, false},
		{"malformed", p.PublishableKey, p.SecretKey, `{"user":`, 400, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, p.DBPath)
			req, _ := http.NewRequest("POST", p.URL+"/api/platform/users", strings.NewReader(tt.body))
			if tt.pk != "" {
				req.SetBasicAuth(tt.pk, tt.sk)
			}
			res, err := p.Client().Do(req)
			require.NoError(t, err)
			res.Body.Close()
			require.Equal(t, tt.status, res.StatusCode)
			after := counts(t, p.DBPath)
			if tt.wantUser {
				assert.Equal(t, before["users"]+1, after["users"])
				assert.Equal(t, before["tokens"]+1, after["tokens"])
			} else {
				assert.Equal(t, before, after)
			}
		})
	}
}

func TestUserAPIRequiresToken(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	good := p.UserToken(t, "u1")
	routes := []struct{ method, path string }{
		{"GET", "/connectors"}, {"GET", "/connectors/slack"}, {"GET", "/connections"},
		{"GET", "/connections/slack"}, {"POST", "/connections/slack"}, {"DELETE", "/connections/slack"},
		{"GET", "/connection/x"}, {"DELETE", "/connection/x"}, {"PUT", "/authorizations/acme-api"},
		{"GET", "/authorizations/slack/x"}, {"POST", "/sessions/ott"}, {"GET", "/session"},
		{"POST", "/sessions"},
	}
	before := counts(t, p.DBPath)
	for _, rt := range routes {
		for _, token := range []string{"", "xat_not-a-token", good + "x"} {
			r := call(t, p.Client(), rt.method, p.URL+api+rt.path, token, map[string]any{})
			assert.Equal(t, 401, r.Status, "%s %s token %q", rt.method, rt.path, token)
			assert.NotEmpty(t, r.Body["error"])
		}
	}
	assert.Equal(t, before, counts(t, p.DBPath))
	r := call(t, p.Client(), "GET", p.URL+api+"/session", good, nil)
	assert.Equal(t, 200, r.Status)
}

func TestConnectionsAPI(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	c := p.Client()
	tok := p.UserToken(t, "u1")
	other := p.UserToken(t, "u2")
	const id1 = "3f1f0a1e-5b6c-4d7e-8f90-0123456789ab"
	const id2 = "4f1f0a1e-5b6c-4d7e-8f90-0123456789ab"
	const id3 = "5f1f0a1e-5b6c-4d7e-8f90-0123456789ab"
	do := func(method, path string, body any) reply {
		return call(t, c, method, p.URL+api+path, tok, body)
	}
	b := xkitdtest.NewBrowser(t, p.URL, p.Client().Transport)
	b.Login(t, tok)

	// A new connection awaits the demo provider's consent; it is enabled
	// only once the user allows.
	r := do("POST", "/connections/slack", map[string]any{"id": id1})
	require.Equal(t, 200, r.Status, r.Raw)
	conn := obj(t, r.Body, "connection")
	assert.Equal(t, id1, conn["id"])
	assert.Equal(t, false, conn["enabled"])
	assert.Equal(t, "slack", obj(t, conn, "connector")["slug"])
	auth := obj(t, conn, "authorization")
	assert.Equal(t, "awaiting_callback", auth["status"])
	assert.NotContains(t, auth, "access_token")
	assert.Equal(t, "slack", obj(t, auth, "authorizer", "prototype")["slug"])
	assert.Equal(t, "xkit-demo-slack", obj(t, auth, "authorizer")["client_id"])
	// authorize_url is the platform's start endpoint (flow binding), which
	// sends the popup on to the provider with state and PKCE.
	authURL := auth["authorize_url"].(string)
	assert.Equal(t, p.URL+"/authorizations/slack/start?state="+url.QueryEscape(auth["state"].(string)), authURL)
	res, err := b.NoRedirect.Get(authURL)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	consentURL := res.Header.Get("Location")
	assert.True(t, strings.HasPrefix(consentURL, p.URL+"/demo-oauth/authorize?"), consentURL)
	for _, part := range []string{"state=", "code_challenge=", "code_challenge_method=S256", "redirect_uri="} {
		assert.Contains(t, consentURL, part)
	}
	r = do("GET", "/connections", nil)
	assert.Empty(t, r.Body["connections"], "not listed while it waits")
	assert.Equal(t, 404, do("GET", "/connections/slack", nil).Status)
	status, page := b.Decide(t, auth, "allow")
	require.Equal(t, 200, status, page)

	// Single-connection connector: a second POST reauthorizes the enabled
	// connection, which stays as it is until that authorization is active.
	r = do("POST", "/connections/slack", map[string]any{"id": id2})
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, id1, obj(t, r.Body, "connection")["id"])
	assert.Equal(t, true, obj(t, r.Body, "connection")["enabled"])
	assert.NotEqual(t, auth["id"], obj(t, r.Body, "connection", "authorization")["id"], "a fresh authorization")

	// No id: one is made (and the connection is never completed).
	r = do("POST", "/connections/github", map[string]any{})
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Len(t, obj(t, r.Body, "connection")["id"], 36)

	// Multi-connection connector: two connections.
	for _, id := range []string{id2, id3} {
		assert.Equal(t, id, b.Connect(t, tok, "salesforce", id)["id"])
	}

	tests := []struct {
		name, method, path string
		status             int
		check              func(t *testing.T, r reply)
	}{
		{"get by slug", "GET", "/connections/slack", 200, func(t *testing.T, r reply) {
			assert.Equal(t, id1, obj(t, r.Body, "connection")["id"])
			assert.Equal(t, auth["id"], obj(t, r.Body, "connection", "authorization")["id"], "the active authorization counts")
			assert.Equal(t, "active", obj(t, r.Body, "connection", "authorization")["status"])
		}},
		{"get by id", "GET", "/connection/" + id2, 200, func(t *testing.T, r reply) {
			assert.Equal(t, "salesforce", obj(t, r.Body, "connection", "connector")["slug"])
		}},
		{"list all", "GET", "/connections", 200, func(t *testing.T, r reply) {
			assert.Len(t, r.Body["connections"], 3, "slack and two salesforce; github never completed")
		}},
		{"list by slug", "GET", "/connections?slug=salesforce", 200, func(t *testing.T, r reply) {
			assert.Len(t, r.Body["connections"], 2)
		}},
		{"list unknown slug", "GET", "/connections?slug=nope", 404, nil},
		{"connectors with connections", "GET", "/connectors", 200, func(t *testing.T, r reply) {
			bySlug := map[string]map[string]any{}
			for _, c := range r.Body["connectors"].([]any) {
				m := c.(map[string]any)
				bySlug[m["slug"].(string)] = m
			}
			assert.Equal(t, id1, obj(t, bySlug["slack"], "connection")["id"])
			assert.NotContains(t, bySlug["slack"], "connections")
			assert.NotContains(t, bySlug["github"], "connection", "never completed")
			assert.NotContains(t, bySlug["acme-api"], "connection")
			assert.Len(t, bySlug["salesforce"]["connections"], 2)
			assert.Equal(t, id3, obj(t, bySlug["salesforce"], "connection")["id"], "newest")
		}},
		{"connector with connection", "GET", "/connectors/slack", 200, func(t *testing.T, r reply) {
			assert.Equal(t, id1, obj(t, r.Body, "connector", "connection")["id"])
		}},
		{"no connection yet", "GET", "/connections/acme-api", 404, nil},
		{"never completed", "GET", "/connections/github", 404, nil},
		{"unknown connector", "GET", "/connections/nope", 404, nil},
		{"remove by id", "DELETE", "/connection/" + id2, 200, func(t *testing.T, r reply) {
			assert.Equal(t, false, obj(t, r.Body, "connection")["enabled"])
			assert.Equal(t, "salesforce", obj(t, r.Body, "connection", "connector")["slug"])
		}},
		{"removed twice", "DELETE", "/connection/" + id2, 404, nil},
		{"one salesforce left", "GET", "/connections?slug=salesforce", 200, func(t *testing.T, r reply) {
			assert.Len(t, r.Body["connections"], 1)
		}},
		{"remove by slug", "DELETE", "/connections/slack", 200, func(t *testing.T, r reply) {
			assert.Equal(t, id1, obj(t, r.Body, "connection")["id"])
			assert.Equal(t, false, obj(t, r.Body, "connection")["enabled"])
		}},
		{"gone by slug", "GET", "/connections/slack", 404, nil},
		{"still readable by id", "GET", "/connection/" + id1, 200, func(t *testing.T, r reply) {
			assert.Equal(t, false, obj(t, r.Body, "connection")["enabled"])
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(tt.method, tt.path, nil)
			require.Equal(t, tt.status, r.Status, r.Raw)
			if tt.status >= 400 {
				assert.NotEmpty(t, r.Body["error"])
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}

	// Reconnect re-enables a removed connection once its fresh
	// authorization is active.
	r = do("POST", "/connections/slack", map[string]any{"id": id1})
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, false, obj(t, r.Body, "connection")["enabled"], "still removed while it waits")
	status, page = b.Decide(t, obj(t, r.Body, "connection", "authorization"), "allow")
	require.Equal(t, 200, status, page)
	r = do("GET", "/connections/slack", nil)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, id1, obj(t, r.Body, "connection")["id"])

	// Another user sees none of it and cannot take the id.
	r = call(t, c, "GET", p.URL+api+"/connection/"+id1, other, nil)
	assert.Equal(t, 404, r.Status)
	r = call(t, c, "GET", p.URL+api+"/connections", other, nil)
	assert.Len(t, r.Body["connections"], 0)
	r = call(t, c, "POST", p.URL+api+"/connections/salesforce", other, map[string]any{"id": id3})
	assert.Equal(t, 409, r.Status, r.Raw)
}

// Every bad request answers 4xx {"error"} and changes nothing.
func TestBadRequestsChangeNothing(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{Origins: []string{"http://good.test"}})
	tok := p.UserToken(t, "u1")
	r := call(t, p.Client(), "POST", p.URL+api+"/connections/acme-api", tok, map[string]any{})
	require.Equal(t, 200, r.Status)
	state := obj(t, r.Body, "connection", "authorization")["state"].(string)

	tests := []struct {
		name, method, path, body string
		headers                  []string
		status                   int
	}{
		{"malformed JSON", "POST", "/connections/slack", `{"id":`, nil, 400},
		{"not an object", "POST", "/connections/slack", `["x"]`, nil, 400},
		{"id not a uuid", "POST", "/connections/slack", `{"id":"abc"}`, nil, 400},
		{"id wrong type", "POST", "/connections/slack", `{"id":5}`, nil, 400},
		{"unknown slug", "POST", "/connections/nope", `{}`, nil, 404},
		{"too large", "POST", "/connections/slack", `{"id":"` + strings.Repeat("a", 70<<10) + `"}`, nil, 413},
		{"wrong origin", "POST", "/connections/slack", `{}`, []string{"Origin", "http://evil.test"}, 403},
		{"wrong origin delete", "DELETE", "/sessions", ``, []string{"Origin", "http://evil.test"}, 403},
		{"fields: no state", "PUT", "/authorizations/acme-api", `{"api_key":"k"}`, nil, 400},
		{"fields: unknown state", "PUT", "/authorizations/acme-api", `{"state":"nope","api_key":"k"}`, nil, 404},
		{"fields: missing key", "PUT", "/authorizations/acme-api", `{"state":"` + state + `"}`, nil, 400},
		{"fields: empty key", "PUT", "/authorizations/acme-api", `{"state":"` + state + `","api_key":"  "}`, nil, 400},
		{"fields: key not a string", "PUT", "/authorizations/acme-api", `{"state":"` + state + `","api_key":7}`, nil, 400},
		{"fields: wrong slug", "PUT", "/authorizations/slack", `{"state":"` + state + `","api_key":"k"}`, nil, 404},
		{"unknown method", "PATCH", "/connections/slack", `{}`, nil, 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, p.DBPath)
			r := call(t, p.Client(), tt.method, p.URL+api+tt.path, tok, tt.body, tt.headers...)
			require.Equal(t, tt.status, r.Status, r.Raw)
			assert.NotEmpty(t, r.Body["error"], r.Raw)
			assert.Equal(t, before, counts(t, p.DBPath))
		})
	}
	r = call(t, p.Client(), "PUT", p.URL+api+"/authorizations/acme-api", tok, map[string]any{"state": state})
	assert.Equal(t, "API Key is required.", r.Body["error"], "the error names the field by its label, never its internal name")
}

func TestLogosAndHooks(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	res, err := p.Client().Get(p.URL + "/logos/slack.svg")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "image/svg+xml", res.Header.Get("Content-Type"))
	assert.Equal(t, "cross-origin", res.Header.Get("Cross-Origin-Resource-Policy"), "a page with COEP may show it")
	r := call(t, p.Client(), "GET", p.URL+"/logos/nope.svg", "", nil)
	assert.Equal(t, 404, r.Status)

	// Hooks exist only when asked for.
	srv, _ := startWith(t, serverConfig(false))
	r = call(t, srv.Client(), "POST", srv.URL+"/test/expire-tokens", "", nil)
	assert.Equal(t, 404, r.Status)
	srv, _ = startWith(t, serverConfig(true))
	r = call(t, srv.Client(), "POST", srv.URL+"/test/expire-tokens", "", nil)
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, float64(0), r.Body["expired"])
}
