package server_test

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/server"
)

// Issue 12, finding 1: a page on rebind.evil.example whose name the
// attacker re-points at 127.0.0.1 reaches xkitd with that name as Host.
// xkitd took its own origin from Host, so the page was "xkitd's own page":
// /demo/token minted it a demo user's token and the API answered it. Now
// the origin is the configured public URL and any other Host is 421.
func TestDNSRebindingRefused(t *testing.T) {
	srv, _ := startWith(t, server.Config{Demo: true})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	evil := "rebind.evil.example:" + port
	c := srv.Client()

	t.Run("demo token", func(t *testing.T) {
		r := call(t, c, "POST", srv.URL+"/demo/token", "", nil, "Host", evil, "Origin", "http://"+evil)
		assert.Equal(t, http.StatusMisdirectedRequest, r.Status, r.Raw)
		assert.NotContains(t, r.Body, "access_token")
		assert.Contains(t, r.Body["error"], srv.URL, "the error names the platform's URL")
	})
	t.Run("stored API key", func(t *testing.T) {
		tok := provision(t, srv, "demo-user")
		r := call(t, c, "GET", srv.URL+api+"/connections/acme-api", tok, nil, "Host", evil)
		assert.Equal(t, http.StatusMisdirectedRequest, r.Status, r.Raw)
		assert.NotEmpty(t, r.Body["error"])
	})
	t.Run("credentialed CORS", func(t *testing.T) {
		r := call(t, c, "GET", srv.URL+api+"/platform", "", nil, "Host", "evil.example", "Origin", "http://evil.example")
		assert.Equal(t, http.StatusMisdirectedRequest, r.Status)
		assert.Empty(t, r.Header.Get("Access-Control-Allow-Origin"))
		assert.Empty(t, r.Header.Get("Access-Control-Allow-Credentials"))
	})
	t.Run("authorize and redirect URLs", func(t *testing.T) {
		tok := provision(t, srv, "u1")
		r := call(t, c, "POST", srv.URL+api+"/connections/slack", tok, map[string]any{}, "Host", evil)
		assert.Equal(t, http.StatusMisdirectedRequest, r.Status, "no authorization is made for another host")
		r = call(t, c, "POST", srv.URL+api+"/connections/slack", tok, map[string]any{})
		require.Equal(t, 200, r.Status, r.Raw)
		assert.True(t, strings.HasPrefix(obj(t, r.Body, "connection", "authorization")["authorize_url"].(string), srv.URL+"/"))
	})
	t.Run("status socket and pages", func(t *testing.T) {
		for _, path := range []string{"/socket/websocket", "/authorizations/loading", "/logos/slack.svg", "/"} {
			r := call(t, c, "GET", srv.URL+path, "", nil, "Host", evil)
			assert.Equal(t, http.StatusMisdirectedRequest, r.Status, path)
			assert.Equal(t, "application/json; charset=utf-8", r.Header.Get("Content-Type"), path)
		}
	})
}

// A loopback public URL answers its loopback aliases on the same port
// (localhost and 127.0.0.1 both run the demo), each as its own origin; a
// public URL with a real name answers that name only.
func TestPublicURLAliases(t *testing.T) {
	srv, _ := startWith(t, server.Config{Demo: true})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	c := srv.Client()
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port} {
		origin := "http://" + strings.ToLower(host)
		r := call(t, c, "GET", srv.URL+api+"/platform", "", nil, "Host", host)
		require.Equal(t, 200, r.Status, host)
		assert.Equal(t, origin, obj(t, r.Body, "platform")["website"], host)
		r = call(t, c, "POST", srv.URL+"/demo/token", "", nil, "Host", host, "Origin", origin)
		assert.Equal(t, 200, r.Status, "the demo page's sign-in on %s", host)
	}
	for _, host := range []string{"localhost:1", "127.0.0.2:" + port, "localhost.evil.example:" + port} {
		r := call(t, c, "GET", srv.URL+api+"/platform", "", nil, "Host", host)
		assert.Equal(t, http.StatusMisdirectedRequest, r.Status, "Host %q", host)
	}

	named, _ := startWith(t, server.Config{PublicURL: "https://xkit.example.com"})
	for host, status := range map[string]int{"xkit.example.com": 200, "XKIT.example.com:443": 200,
		strings.TrimPrefix(named.URL, "http://"): 421, "localhost": 421, "xkit.example.com:8443": 421} {
		r := call(t, named.Client(), "GET", named.URL+api+"/platform", "", nil, "Host", host)
		assert.Equal(t, status, r.Status, "Host %q", host)
		if status == 200 {
			assert.Equal(t, "https://xkit.example.com", obj(t, r.Body, "platform")["website"])
		}
	}
}

func TestParsePublicURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080":        "http://127.0.0.1:8080",
		"https://Xkit.Example.com/":    "https://xkit.example.com",
		"https://xkit.example.com:443": "https://xkit.example.com",
		"http://[::1]:8080":            "http://[::1]:8080",
	} {
		got, err := server.ParsePublicURL(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "127.0.0.1:8080", "ftp://x", "https://", "https://x/path", "https://x?q=1", "https://u@x"} {
		_, err := server.ParsePublicURL(in)
		assert.Error(t, err, in)
	}
	for addr, want := range map[string]string{"127.0.0.1:8080": "http://127.0.0.1:8080", "0.0.0.0:80": "http://127.0.0.1",
		"[::]:9000": "http://127.0.0.1:9000", "[::1]:9000": "http://[::1]:9000"} {
		assert.Equal(t, want, server.DefaultPublicURL(addr, false), addr)
	}
	assert.Equal(t, "https://127.0.0.1", server.DefaultPublicURL("127.0.0.1:443", true))

	// Without a valid public URL the server serves nothing rather than
	// guess one from Host.
	srv, _ := startWith(t, server.Config{PublicURL: "not a url"})
	r := call(t, srv.Client(), "GET", srv.URL+api+"/platform", "", nil)
	assert.Equal(t, http.StatusServiceUnavailable, r.Status)
	assert.Contains(t, r.Body["error"], "public URL")
}
