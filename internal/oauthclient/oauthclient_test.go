package oauthclient_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/oauthclient"
)

var now = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// provider is a token endpoint that records each request and answers with
// answer.
type provider struct {
	srv      *httptest.Server
	requests atomic.Int32
	last     atomic.Pointer[seen]
}

type seen struct {
	form             url.Values
	user, pass       string
	basic            bool
	accept, ctype    string
	method, rawQuery string
}

func newProvider(t *testing.T, answer func(w http.ResponseWriter, s *seen)) *provider {
	t.Helper()
	p := &provider{}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.requests.Add(1)
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		s := &seen{form: form, accept: r.Header.Get("Accept"), ctype: r.Header.Get("Content-Type"),
			method: r.Method, rawQuery: r.URL.RawQuery}
		s.user, s.pass, s.basic = r.BasicAuth()
		p.last.Store(s)
		answer(w, s)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *provider) config() *oauthclient.Config {
	return &oauthclient.Config{
		ClientID: "client one", ClientSecret: "s3cr:t&=", AuthURL: p.srv.URL + "/authorize",
		TokenURL: p.srv.URL + "/token", RedirectURL: "https://xkit.example/authorizations/oauth2/callback",
		Do: oauthclient.NativeDo(), Now: func() time.Time { return now },
	}
}

func reply(status int, contentType, body string) func(http.ResponseWriter, *seen) {
	return func(w http.ResponseWriter, _ *seen) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		} else {
			w.Header()["Content-Type"] = nil // no type at all, not a sniffed one
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func TestChallengeIsRFC7636S256(t *testing.T) {
	// RFC 7636 appendix B.
	assert.Equal(t, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
		oauthclient.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
}

func TestNewVerifier(t *testing.T) {
	a, b := oauthclient.NewVerifier(), oauthclient.NewVerifier()
	assert.Len(t, a, 43)
	assert.NotEqual(t, a, b)
	assert.Regexp(t, `^[A-Za-z0-9_-]{43}$`, a, "RFC 7636 unreserved characters")
}

func TestAuthCodeURL(t *testing.T) {
	c := &oauthclient.Config{ClientID: "id&x", AuthURL: "https://p.example/authorize",
		RedirectURL: "https://xkit.example/cb", Scopes: []string{"read", "write"}}
	u, err := url.Parse(c.AuthCodeURL("st ate", "verifier"))
	require.NoError(t, err)
	assert.Equal(t, "https", u.Scheme)
	assert.Equal(t, "p.example", u.Host)
	assert.Equal(t, "/authorize", u.Path)
	assert.Equal(t, url.Values{
		"response_type": {"code"}, "client_id": {"id&x"}, "redirect_uri": {"https://xkit.example/cb"},
		"scope": {"read write"}, "state": {"st ate"}, "code_challenge": {oauthclient.Challenge("verifier")},
		"code_challenge_method": {"S256"},
	}, u.Query())

	// An authorization endpoint with a query of its own keeps it.
	c = &oauthclient.Config{ClientID: "id", AuthURL: "https://p.example/authorize?tenant=t1"}
	u, err = url.Parse(c.AuthCodeURL("s", "v"))
	require.NoError(t, err)
	assert.Equal(t, "t1", u.Query().Get("tenant"))
	assert.Equal(t, "s", u.Query().Get("state"))
	assert.NotContains(t, u.Query(), "scope", "no scopes, no scope parameter")
	assert.NotContains(t, u.Query(), "redirect_uri")
}

func TestExchange(t *testing.T) {
	p := newProvider(t, reply(200, "application/json; charset=utf-8",
		`{"access_token":"at1","token_type":"Bearer","refresh_token":"rt1","expires_in":3600,
		  "scope":"read","display_label":"Ann (acme)","id_token":{"x":1},"admin":true}`))
	tok, err := p.config().Exchange(context.Background(), "the code", "the verifier")
	require.NoError(t, err)
	assert.Equal(t, "at1", tok.AccessToken)
	assert.Equal(t, "Bearer", tok.TokenType)
	assert.Equal(t, "rt1", tok.RefreshToken)
	assert.Equal(t, now.Add(time.Hour), tok.Expiry)
	assert.Equal(t, map[string]string{"scope": "read", "display_label": "Ann (acme)"}, tok.Extra,
		"strings and numbers beyond the token's own members; objects and booleans left out")

	s := p.last.Load()
	assert.Equal(t, "POST", s.method)
	assert.Empty(t, s.rawQuery, "nothing in the URL")
	assert.Equal(t, "application/x-www-form-urlencoded", s.ctype)
	assert.Equal(t, "application/json", s.accept)
	assert.Equal(t, url.Values{"grant_type": {"authorization_code"}, "code": {"the code"},
		"redirect_uri": {"https://xkit.example/authorizations/oauth2/callback"}, "code_verifier": {"the verifier"}}, s.form)
	require.True(t, s.basic, "credentials in the Authorization header first")
	// RFC 6749 section 2.3.1: form-encoded, then basic.
	assert.Equal(t, url.QueryEscape("client one"), s.user)
	assert.Equal(t, url.QueryEscape("s3cr:t&="), s.pass)
	assert.EqualValues(t, 1, p.requests.Load())
}

func TestAnswerForms(t *testing.T) {
	for _, c := range []struct {
		name, ctype, body string
		want              time.Time
	}{
		{"expires_in as a string", "application/json", `{"access_token":"a","expires_in":"120"}`, now.Add(2 * time.Minute)},
		{"no expires_in", "application/json", `{"access_token":"a"}`, time.Time{}},
		{"expires_in zero", "application/json", `{"access_token":"a","expires_in":0}`, time.Time{}},
		{"expires_in null", "application/json", `{"access_token":"a","expires_in":null}`, time.Time{}},
		{"expires_in negative", "application/json", `{"access_token":"a","expires_in":-5}`, time.Time{}},
		{"expires_in huge", "application/json", `{"access_token":"a","expires_in":99999999999}`, now.Add(2147483647 * time.Second)},
		{"no content type: JSON", "", `{"access_token":"a","expires_in":60}`, now.Add(time.Minute)},
		{"form", "application/x-www-form-urlencoded", `access_token=a&token_type=bearer&expires_in=60&scope=repo`, now.Add(time.Minute)},
		{"text/plain form (GitHub without Accept)", "text/plain; charset=utf-8", `access_token=a&expires_in=60`, now.Add(time.Minute)},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newProvider(t, reply(200, c.ctype, c.body))
			tok, err := p.config().Exchange(context.Background(), "code", "v")
			require.NoError(t, err)
			assert.Equal(t, "a", tok.AccessToken)
			assert.Equal(t, c.want, tok.Expiry)
		})
	}
}

func TestTokenErrors(t *testing.T) {
	big := `{"access_token":"a","pad":"` + strings.Repeat("x", 1<<20) + `"}`
	for _, c := range []struct {
		name                 string
		status               int
		ctype, body          string
		code, desc           string // want an *Error with these
		wantStatus, requests int
		temporary            bool
		plain                string // want a plain error containing this
	}{
		{name: "invalid_grant", status: 400, ctype: "application/json",
			body: `{"error":"invalid_grant","error_description":"The code is used."}`,
			code: "invalid_grant", desc: "The code is used.", wantStatus: 400, requests: 2},
		{name: "error with status 200", status: 200, ctype: "application/json",
			body: `{"error":"bad_verification_code"}`, code: "bad_verification_code", wantStatus: 200, requests: 2},
		{name: "form error", status: 400, ctype: "application/x-www-form-urlencoded",
			body: `error=invalid_client&error_description=no`, code: "invalid_client", desc: "no", wantStatus: 400, requests: 2},
		{name: "HTML error page", status: 403, ctype: "text/html", body: `<h1>Forbidden</h1>`, wantStatus: 403, requests: 2},
		{name: "unavailable", status: 503, ctype: "text/html", body: `down`, wantStatus: 503, requests: 1, temporary: true},
		{name: "temporarily_unavailable", status: 400, ctype: "application/json",
			body: `{"error":"temporarily_unavailable"}`, code: "temporarily_unavailable", wantStatus: 400, requests: 2, temporary: true},
		{name: "redirect not followed", status: 302, ctype: "text/html", body: ``, wantStatus: 302, requests: 2},
		{name: "no access_token", status: 200, ctype: "application/json", body: `{"token_type":"bearer"}`,
			requests: 1, plain: "no access_token"},
		{name: "not JSON", status: 200, ctype: "application/json", body: `<html>`, requests: 1, plain: "could not be read"},
		{name: "JSON not an object", status: 200, ctype: "application/json", body: `["a"]`, requests: 1, plain: "could not be read"},
		{name: "larger than 1 MiB", status: 200, ctype: "application/json", body: big, requests: 1, plain: "larger than 1 MiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newProvider(t, func(w http.ResponseWriter, _ *seen) {
				w.Header().Set("Content-Type", c.ctype)
				if c.status == 302 {
					w.Header().Set("Location", "/elsewhere")
				}
				w.WriteHeader(c.status)
				io.WriteString(w, c.body)
			})
			tok, err := p.config().Exchange(context.Background(), "code", "v")
			require.Error(t, err)
			assert.Nil(t, tok)
			assert.EqualValues(t, c.requests, p.requests.Load(),
				"auto style tries the body after a refusal, never after a 5xx or an unreadable 2xx")
			assert.Equal(t, c.temporary, oauthclient.Temporary(err))
			assert.NotContains(t, err.Error(), "pad", "the body is never in the error")
			if c.plain != "" {
				assert.Contains(t, err.Error(), c.plain)
				var e *oauthclient.Error
				assert.False(t, errors.As(err, &e), "not a provider refusal")
				return
			}
			var e *oauthclient.Error
			require.True(t, errors.As(err, &e), "%T %v", err, err)
			assert.Equal(t, c.code, e.Code)
			assert.Equal(t, c.desc, e.Description)
			assert.Equal(t, c.wantStatus, e.StatusCode)
			assert.Contains(t, e.Error(), fmt.Sprint(c.wantStatus)+"", "%v", e)
		})
	}
}

func TestNetworkErrorIsTemporary(t *testing.T) {
	p := newProvider(t, reply(200, "application/json", `{}`))
	cfg := p.config()
	p.srv.Close()
	_, err := cfg.Exchange(context.Background(), "code", "v")
	require.Error(t, err)
	assert.True(t, oauthclient.Temporary(err))
	assert.False(t, oauthclient.Temporary(nil))

	cfg.Do = nil
	_, err = cfg.Exchange(context.Background(), "code", "v")
	require.Error(t, err)
	assert.False(t, oauthclient.Temporary(err))
}

func TestAuthStyles(t *testing.T) {
	// A provider that takes the client's credentials only in the body
	// (like Google).
	paramsOnly := func(w http.ResponseWriter, s *seen) {
		w.Header().Set("Content-Type", "application/json")
		if s.basic || s.form.Get("client_id") != "client one" || s.form.Get("client_secret") != "s3cr:t&=" {
			w.WriteHeader(401)
			io.WriteString(w, `{"error":"invalid_client"}`)
			return
		}
		io.WriteString(w, `{"access_token":"ok"}`)
	}
	t.Run("auto finds the body", func(t *testing.T) {
		p := newProvider(t, paramsOnly)
		tok, err := p.config().Exchange(context.Background(), "code", "v")
		require.NoError(t, err)
		assert.Equal(t, "ok", tok.AccessToken)
		assert.EqualValues(t, 2, p.requests.Load())
		assert.False(t, p.last.Load().basic)
		assert.Equal(t, "code", p.last.Load().form.Get("code"), "the same grant, retried")
	})
	t.Run("in params", func(t *testing.T) {
		p := newProvider(t, paramsOnly)
		cfg := p.config()
		cfg.AuthStyle = oauthclient.AuthStyleInParams
		_, err := cfg.Exchange(context.Background(), "code", "v")
		require.NoError(t, err)
		assert.EqualValues(t, 1, p.requests.Load())
	})
	t.Run("in header", func(t *testing.T) {
		p := newProvider(t, paramsOnly)
		cfg := p.config()
		cfg.AuthStyle = oauthclient.AuthStyleInHeader
		_, err := cfg.Exchange(context.Background(), "code", "v")
		var e *oauthclient.Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, "invalid_client", e.Code)
		assert.EqualValues(t, 1, p.requests.Load())
		assert.True(t, p.last.Load().basic)
		assert.Empty(t, p.last.Load().form.Get("client_secret"), "the secret is not also in the body")
	})
}

func TestRefresh(t *testing.T) {
	t.Run("rotated", func(t *testing.T) {
		p := newProvider(t, reply(200, "application/json", `{"access_token":"at2","refresh_token":"rt2","expires_in":60}`))
		tok, err := p.config().Refresh(context.Background(), "rt1")
		require.NoError(t, err)
		assert.Equal(t, "at2", tok.AccessToken)
		assert.Equal(t, "rt2", tok.RefreshToken)
		assert.Equal(t, now.Add(time.Minute), tok.Expiry)
		assert.Equal(t, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"rt1"}}, p.last.Load().form)
	})
	t.Run("kept", func(t *testing.T) {
		p := newProvider(t, reply(200, "application/json", `{"access_token":"at2"}`))
		tok, err := p.config().Refresh(context.Background(), "rt1")
		require.NoError(t, err)
		assert.Equal(t, "rt1", tok.RefreshToken, "no new refresh token: the old one stays")
	})
	t.Run("revoked", func(t *testing.T) {
		p := newProvider(t, reply(400, "application/json", `{"error":"invalid_grant"}`))
		_, err := p.config().Refresh(context.Background(), "rt1")
		var e *oauthclient.Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, "invalid_grant", e.Code)
		assert.False(t, oauthclient.Temporary(err))
	})
}

func TestCanceled(t *testing.T) {
	block := make(chan struct{})
	p := newProvider(t, func(w http.ResponseWriter, _ *seen) { <-block })
	defer close(block)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := p.config().Exchange(ctx, "code", "v")
	require.ErrorIs(t, err, context.Canceled)
}
