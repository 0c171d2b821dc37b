package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// Under TLS the session cookie is for cross-site pages (SameSite=None,
// Secure) and Partitioned (CHIPS), the deletion at logout too (a browser
// deletes a partitioned cookie only with a partitioned Set-Cookie).
func TestSessionCookieFlags(t *testing.T) {
	for _, tt := range []struct {
		tls         bool
		secure      bool
		sameSite    http.SameSite
		partitioned bool
	}{
		{false, false, http.SameSiteLaxMode, false},
		{true, true, http.SameSiteNoneMode, true},
	} {
		p := xkitdtest.Start(t, xkitdtest.Options{TLS: tt.tls})
		tok := p.UserToken(t, "u1")
		r := call(t, p.Client(), "POST", p.URL+api+"/sessions", tok, nil)
		require.Equal(t, 200, r.Status, r.Raw)
		c := sessionCookie(r)
		require.NotNil(t, c, "tls=%v", tt.tls)
		assert.Len(t, r.Header.Values("Set-Cookie"), 1)
		assert.True(t, c.HttpOnly)
		assert.Equal(t, tt.secure, c.Secure, "tls=%v", tt.tls)
		assert.Equal(t, tt.sameSite, c.SameSite, "tls=%v", tt.tls)
		assert.Equal(t, tt.partitioned, c.Partitioned, "tls=%v", tt.tls)
		assert.Equal(t, "/", c.Path)

		r = call(t, p.Client(), "DELETE", p.URL+api+"/sessions", tok, nil, "Cookie", "xkit_session="+c.Value)
		require.Equal(t, 204, r.Status, r.Raw)
		gone := sessionCookie(r)
		require.NotNil(t, gone)
		assert.Equal(t, -1, gone.MaxAge)
		assert.Equal(t, tt.partitioned, gone.Partitioned, "the deletion of a partitioned cookie, tls=%v", tt.tls)
		assert.Equal(t, tt.secure, gone.Secure)
	}
}

// A browser can hold two session cookies (the partitioned one and one set
// before xkitd partitioned them, or one per partition a request may
// carry): the refresh takes the first live one, and a logout ends them
// all, so no stale cookie keeps a session alive after it.
func TestTwoSessionCookies(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{TLS: true})
	c := p.Client()
	session := func() string {
		r := call(t, c, "POST", p.URL+api+"/sessions", p.UserToken(t, "u1"), nil)
		require.Equal(t, 200, r.Status, r.Raw)
		return sessionCookie(r).Value
	}
	older, newer := session(), session()
	both := "xkit_session=nope; xkit_session=" + older + "; xkit_session=" + newer
	r := call(t, c, "POST", p.URL+api+"/sessions/token", "", nil, "Cookie", both)
	require.Equal(t, 200, r.Status, "a dead first cookie does not hide a live one: %s", r.Raw)

	r = call(t, c, "DELETE", p.URL+api+"/sessions", "", nil, "Cookie", both)
	require.Equal(t, 204, r.Status, r.Raw)
	for _, v := range []string{older, newer} {
		r = call(t, c, "POST", p.URL+api+"/sessions/token", "", nil, "Cookie", "xkit_session="+v)
		assert.Equal(t, 401, r.Status, "after logout no cookie gives a token: %s", r.Raw)
	}
}

// The SDK's token life: login makes a cookie session; when the access token
// expires, POST /sessions/token renews it from the cookie; logout ends both.
func TestTokenRefreshViaCookie(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	c := p.Client()
	tok := p.UserToken(t, "u1")
	r := call(t, c, "POST", p.URL+api+"/sessions", tok, nil)
	require.Equal(t, 200, r.Status)
	cookie := "xkit_session=" + sessionCookie(r).Value

	require.Equal(t, 1, p.ExpireTokens(t))
	assert.Equal(t, 401, call(t, c, "GET", p.URL+api+"/connections", tok, nil).Status)
	assert.Equal(t, 401, call(t, c, "GET", p.URL+api+"/session", tok, nil).Status)

	r = call(t, c, "POST", p.URL+api+"/sessions/token", "", nil, "Cookie", cookie)
	require.Equal(t, 200, r.Status, r.Raw)
	fresh := r.Body["access_token"].(string)
	require.NotEqual(t, tok, fresh)
	assert.Equal(t, 200, call(t, c, "GET", p.URL+api+"/connections", fresh, nil).Status)

	// Without or with a bad cookie: 401.
	assert.Equal(t, 401, call(t, c, "POST", p.URL+api+"/sessions/token", "", nil).Status)
	assert.Equal(t, 401, call(t, c, "POST", p.URL+api+"/sessions/token", "", nil, "Cookie", "xkit_session=nope").Status)

	// Logout: 204, the cookie is cleared, the session and the token end.
	r = call(t, c, "DELETE", p.URL+api+"/sessions", fresh, nil, "Cookie", cookie)
	require.Equal(t, 204, r.Status)
	assert.Equal(t, -1, sessionCookie(r).MaxAge)
	assert.Equal(t, 401, call(t, c, "POST", p.URL+api+"/sessions/token", "", nil, "Cookie", cookie).Status)
	assert.Equal(t, 401, call(t, c, "GET", p.URL+api+"/session", fresh, nil).Status)
}

func TestAccessTokenExpires(t *testing.T) {
	clk := &clock{now: time.Now()}
	srv, _ := startWith(t, server.Config{Demo: true, Now: clk.Now, AccessTTL: time.Minute})
	tok := provision(t, srv, "u1")
	assert.Equal(t, 200, call(t, srv.Client(), "GET", srv.URL+api+"/session", tok, nil).Status)
	clk.Advance(time.Minute + time.Second)
	assert.Equal(t, 401, call(t, srv.Client(), "GET", srv.URL+api+"/session", tok, nil).Status)
}

func TestCORS(t *testing.T) {
	const good, evil = "http://good.test:5173", "http://evil.test"
	p := xkitdtest.Start(t, xkitdtest.Options{Origins: []string{good}})
	c := p.Client()
	tok := p.UserToken(t, "u1")

	tests := []struct {
		name, method, origin string
		preflight            bool
		status               int
		allowed              bool
	}{
		{"allowed GET", "GET", good, false, 200, true},
		{"own origin GET", "GET", p.URL, false, 200, true},
		{"allowed preflight", "OPTIONS", good, true, 204, true},
		{"allowed POST", "POST", good, false, 200, true},
		{"denied GET: answered without CORS headers", "GET", evil, false, 200, false},
		{"denied preflight", "OPTIONS", evil, true, 403, false},
		{"denied POST", "POST", evil, false, 403, false},
		{"no origin (not a browser)", "GET", "", false, 200, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/connections"
			if tt.method == "POST" {
				path = "/connections/github"
			}
			h := []string{}
			if tt.origin != "" {
				h = append(h, "Origin", tt.origin)
			}
			if tt.preflight {
				h = append(h, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type,xkit-js-version")
			}
			var body any
			if tt.method == "POST" {
				body = map[string]any{}
			}
			r := call(t, c, tt.method, p.URL+api+path, tok, body, h...)
			require.Equal(t, tt.status, r.Status, r.Raw)
			if tt.allowed {
				assert.Equal(t, tt.origin, r.Header.Get("Access-Control-Allow-Origin"))
				assert.Equal(t, "true", r.Header.Get("Access-Control-Allow-Credentials"))
			} else {
				assert.Empty(t, r.Header.Get("Access-Control-Allow-Origin"))
				assert.Empty(t, r.Header.Get("Access-Control-Allow-Credentials"))
			}
			if tt.preflight && tt.allowed {
				assert.Contains(t, r.Header.Get("Access-Control-Allow-Methods"), "PUT")
				assert.Contains(t, strings.ToLower(r.Header.Get("Access-Control-Allow-Headers")), "xkit-js-version")
			}
		})
	}
}

func TestOneTimeToken(t *testing.T) {
	clk := &clock{now: time.Now()}
	srv, dbPath := startWith(t, server.Config{Demo: true, Now: clk.Now, Origins: []string{"http://host.test"}})
	c := srv.Client()
	tok := provision(t, srv, "u1")
	ott := func() string {
		r := call(t, c, "POST", srv.URL+api+"/sessions/ott", tok, nil)
		require.Equal(t, 200, r.Status, r.Raw)
		return r.Body["ott"].(string)
	}
	loading := func(token string) reply {
		return call(t, c, "GET", srv.URL+"/authorizations/slack/loading?opener_origin=http%3A%2F%2Fhost.test&token="+token, "", nil)
	}

	first := ott()
	r := loading(first)
	require.Equal(t, 200, r.Status, r.Raw)
	cookie := sessionCookie(r)
	require.NotNil(t, cookie, "the popup gets its own session")
	assert.Contains(t, r.Raw, `"authWindow:ready"`)
	assert.Contains(t, r.Raw, `"http://host.test"`)
	assert.Equal(t, "same-origin", r.Header.Get("Referrer-Policy"))
	// The popup's session gives access tokens.
	r = call(t, c, "POST", srv.URL+api+"/sessions/token", "", nil, "Cookie", "xkit_session="+cookie.Value)
	assert.Equal(t, 200, r.Status)

	// Replayed: an error page that tells the opener, no session.
	before := counts(t, dbPath)
	r = loading(first)
	assert.Equal(t, 401, r.Status)
	assert.Nil(t, sessionCookie(r))
	assert.Contains(t, r.Raw, "already used")
	assert.Contains(t, r.Raw, "postMessage({ error: error }")
	assert.Equal(t, before, counts(t, dbPath))

	// Expired after 60 s.
	late := ott()
	clk.Advance(61 * time.Second)
	r = loading(late)
	assert.Equal(t, 401, r.Status)
	assert.Nil(t, sessionCookie(r))

	// Garbage and unknown connector.
	assert.Equal(t, 401, loading("ott_garbage").Status)
	r = call(t, c, "GET", srv.URL+"/authorizations/nope/loading?token="+ott(), "", nil)
	assert.Equal(t, 404, r.Status)
}

func TestLoadingPageOpenerOrigin(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{Origins: []string{"http://host.test"}})
	for _, tt := range []struct {
		origin string
		posts  bool
	}{
		{"http://host.test", true},
		{p.URL, true},
		{"http://evil.test", false},
		{"", false},
	} {
		r := call(t, p.Client(), "GET", p.URL+"/authorizations/loading?opener_origin="+tt.origin, "", nil)
		require.Equal(t, 200, r.Status)
		if tt.posts {
			assert.Contains(t, r.Raw, `var openerOrigin = "`+tt.origin+`"`)
		} else {
			assert.Contains(t, r.Raw, `var openerOrigin = ""`)
			assert.NotContains(t, r.Raw, "evil.test")
		}
	}
}
