package demoprovider_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/demoprovider"
	"github.com/xkit-wasm/xkit/internal/htmlpage/htmltest"
	"github.com/xkit-wasm/xkit/internal/oauthclient"
	"github.com/xkit-wasm/xkit/internal/platform"
)

const callback = "https://xkit.example/authorizations/oauth2/callback"

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	srv    *httptest.Server
	client *demoprovider.Client
	clk    *clock
	cfg    *oauthclient.Config // the platform's side
}

func start(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{clk: &clock{now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)},
		client: &demoprovider.Client{ID: "app", Secret: "s3cret", Name: "Acme Integrations", Account: "crm",
			RedirectURIs: []string{callback}}}
	mux := http.NewServeMux()
	demoprovider.New(demoprovider.Config{Prefix: "/oauth", Clients: demoprovider.One(f.client),
		Codes: demoprovider.NewMemoryCodes(), Note: "a test", Now: f.clk.Now}).Register(mux)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	f.cfg = &oauthclient.Config{ClientID: "app", ClientSecret: "s3cret", AuthURL: f.srv.URL + "/oauth/authorize",
		TokenURL: f.srv.URL + "/oauth/token", RedirectURL: callback, Scopes: []string{"read"},
		Do: oauthclient.NativeDo(), Now: f.clk.Now}
	return f
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

var hidden = regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`)

// consent opens the consent page of u and presses decision; it answers
// where the provider sends the browser back.
func (f *fixture) consent(t *testing.T, u, decision string) *url.URL {
	t.Helper()
	res, err := http.Get(u)
	require.NoError(t, err)
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, 200, res.StatusCode, string(page))
	form := url.Values{"decision": {decision}}
	for _, m := range hidden.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], unescape(m[2]))
	}
	res, err = noRedirect.PostForm(f.srv.URL+"/oauth/authorize", form)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	back, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	return back
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'").Replace(s)
}

func userinfo(t *testing.T, f *fixture, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", f.srv.URL+"/oauth/userinfo", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func refusal(t *testing.T, err error) string {
	t.Helper()
	var e *oauthclient.Error
	require.True(t, errors.As(err, &e), "%v", err)
	return e.Code
}

// The whole grant, with the platform's OAuth client on the other side:
// consent, the code for tokens with PKCE, userinfo, refresh with rotation.
func TestAuthorizationCodeAndRefresh(t *testing.T) {
	f := start(t)
	verifier := oauthclient.NewVerifier()
	back := f.consent(t, f.cfg.AuthCodeURL("st-1", verifier), "allow")
	assert.Equal(t, callback, back.Scheme+"://"+back.Host+back.Path)
	assert.Equal(t, "st-1", back.Query().Get("state"))
	code := back.Query().Get("code")
	require.NotEmpty(t, code)

	ctx := context.Background()
	tok, err := f.cfg.Exchange(ctx, code, verifier)
	require.NoError(t, err)
	assert.Equal(t, f.clk.Now().Add(time.Hour), tok.Expiry)
	assert.Equal(t, "Demo user (crm)", tok.Extra["display_label"])
	assert.Equal(t, "read", tok.Extra["scope"])
	status, info := userinfo(t, f, tok.AccessToken)
	require.Equal(t, 200, status, info)
	assert.Contains(t, info, `"grant_type":"authorization_code"`)

	_, err = f.cfg.Exchange(ctx, code, verifier)
	assert.Equal(t, "invalid_grant", refusal(t, err), "a code works once")

	next, err := f.cfg.Refresh(ctx, tok.RefreshToken)
	require.NoError(t, err)
	assert.NotEqual(t, tok.AccessToken, next.AccessToken)
	assert.NotEqual(t, tok.RefreshToken, next.RefreshToken, "rotated")
	status, info = userinfo(t, f, next.AccessToken)
	require.Equal(t, 200, status)
	assert.Contains(t, info, `"grant_type":"refresh_token"`)
	assert.Contains(t, info, `"scope":"read"`, "the scope carries over")
	_, err = f.cfg.Refresh(ctx, tok.RefreshToken)
	assert.Equal(t, "invalid_grant", refusal(t, err), "a spent refresh token is refused")

	f.clk.Advance(time.Hour)
	status, _ = userinfo(t, f, next.AccessToken)
	assert.Equal(t, 401, status, "expired")
	f.clk.Advance(31 * 24 * time.Hour)
	_, err = f.cfg.Refresh(ctx, next.RefreshToken)
	assert.Equal(t, "invalid_grant", refusal(t, err), "refresh tokens live 30 days")
}

func TestDeny(t *testing.T) {
	f := start(t)
	back := f.consent(t, f.cfg.AuthCodeURL("st-2", oauthclient.NewVerifier()), "deny")
	assert.Equal(t, url.Values{"state": {"st-2"}, "error": {"access_denied"},
		"error_description": {"The user denied access."}}, back.Query())
}

func TestTokenRefusals(t *testing.T) {
	ctx := context.Background()
	code := func(f *fixture, verifier string) string {
		return f.consent(t, f.cfg.AuthCodeURL("s", verifier), "allow").Query().Get("code")
	}
	t.Run("wrong verifier, and the code is spent", func(t *testing.T) {
		f := start(t)
		v := oauthclient.NewVerifier()
		c := code(f, v)
		_, err := f.cfg.Exchange(ctx, c, oauthclient.NewVerifier())
		assert.Equal(t, "invalid_grant", refusal(t, err))
		_, err = f.cfg.Exchange(ctx, c, v)
		assert.Equal(t, "invalid_grant", refusal(t, err))
	})
	t.Run("wrong secret", func(t *testing.T) {
		f := start(t)
		c := code(f, "v")
		f.cfg.ClientSecret = "guess"
		_, err := f.cfg.Exchange(ctx, c, "v")
		assert.Equal(t, "invalid_client", refusal(t, err))
	})
	t.Run("another redirect URI", func(t *testing.T) {
		f := start(t)
		c := code(f, "v")
		f.cfg.RedirectURL = "https://elsewhere.example/cb"
		_, err := f.cfg.Exchange(ctx, c, "v")
		assert.Equal(t, "invalid_grant", refusal(t, err))
	})
	t.Run("expired code", func(t *testing.T) {
		f := start(t)
		c := code(f, "v")
		f.clk.Advance(61 * time.Second)
		_, err := f.cfg.Exchange(ctx, c, "v")
		assert.Equal(t, "invalid_grant", refusal(t, err))
	})
	t.Run("unknown grant type", func(t *testing.T) {
		f := start(t)
		res, err := http.PostForm(f.srv.URL+"/oauth/token", url.Values{"grant_type": {"password"},
			"client_id": {"app"}, "client_secret": {"s3cret"}})
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		assert.Equal(t, 400, res.StatusCode)
		assert.Contains(t, string(body), "unsupported_grant_type")
	})
	t.Run("forged access token", func(t *testing.T) {
		f := start(t)
		for _, tok := range []string{"", "demo_at_", "demo_at_e30.x", "Bearer x"} {
			status, _ := userinfo(t, f, tok)
			assert.Equal(t, 401, status, tok)
		}
		// Claims signed with another secret.
		other := start(t)
		other.client.Secret = "other"
		other.cfg.ClientSecret = "other"
		tok, err := other.cfg.Exchange(ctx, code(other, "v"), "v")
		require.NoError(t, err)
		status, _ := userinfo(t, f, tok.AccessToken)
		assert.Equal(t, 401, status)
	})
}

// Authorization requests the consent page refuses, with a page that says
// why and no way on.
func TestAuthorizeRefusals(t *testing.T) {
	f := start(t)
	good := url.Values{"response_type": {"code"}, "client_id": {"app"}, "redirect_uri": {callback},
		"state": {"s"}, "code_challenge": {"c"}, "code_challenge_method": {"S256"}}
	for name, change := range map[string]func(url.Values){
		"response_type": func(q url.Values) { q.Set("response_type", "token") },
		"client":        func(q url.Values) { q.Set("client_id", "other") },
		"redirect_uri":  func(q url.Values) { q.Set("redirect_uri", callback+"/x") },
		"state":         func(q url.Values) { q.Del("state") },
		"plain PKCE":    func(q url.Values) { q.Set("code_challenge_method", "plain") },
		"no PKCE":       func(q url.Values) { q.Del("code_challenge") },
	} {
		t.Run(name, func(t *testing.T) {
			q := url.Values{}
			for k, v := range good {
				q[k] = append([]string(nil), v...)
			}
			change(q)
			for _, send := range []func() (*http.Response, error){
				func() (*http.Response, error) { return http.Get(f.srv.URL + "/oauth/authorize?" + q.Encode()) },
				func() (*http.Response, error) {
					q.Set("decision", "allow")
					return noRedirect.PostForm(f.srv.URL+"/oauth/authorize", q)
				},
			} {
				res, err := send()
				require.NoError(t, err)
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				assert.Equal(t, 400, res.StatusCode)
				assert.NotContains(t, string(body), `id="allow"`)
				assert.Empty(t, res.Header.Get("Location"))
			}
		})
	}
}

// The consent page keeps hostile values inert: the client's name and
// account (configuration), state and scope (the request).
func TestConsentPageInert(t *testing.T) {
	htmltest.Inert(t, func(v string) string {
		c := &demoprovider.Client{ID: "app", Secret: "s", Name: v, Account: v, RedirectURIs: []string{callback}}
		mux := http.NewServeMux()
		demoprovider.New(demoprovider.Config{Clients: demoprovider.One(c), Codes: demoprovider.NewMemoryCodes(),
			Note: v}).Register(mux)
		q := url.Values{"response_type": {"code"}, "client_id": {"app"}, "redirect_uri": {callback},
			"state": {v}, "scope": {v}, "code_challenge": {v}, "code_challenge_method": {"S256"}}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest("GET", "/authorize?"+q.Encode(), nil))
		if w.Code != 200 {
			t.Fatalf("consent page: %d %s", w.Code, w.Body)
		}
		return w.Body.String()
	})
}

// Token serves a token request in process (the built-in provider for the
// platform's own exchange), with the same answer as over HTTP.
func TestTokenInProcess(t *testing.T) {
	f := start(t)
	p := demoprovider.New(demoprovider.Config{Clients: demoprovider.One(f.client), Codes: demoprovider.NewMemoryCodes()})
	req, _ := http.NewRequest("POST", "http://in.process/token", strings.NewReader("grant_type=refresh_token&refresh_token=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("app", "s3cret")
	res := p.Token(req)
	body, _ := io.ReadAll(res.Body)
	assert.Equal(t, 400, res.StatusCode)
	assert.Equal(t, "400 Bad Request", res.Status)
	assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Contains(t, string(body), `"error":"invalid_grant"`)
}

func TestMemoryCodes(t *testing.T) {
	m := demoprovider.NewMemoryCodes()
	ctx, now := context.Background(), time.Now()
	require.NoError(t, m.PutDemoCode(ctx, "k", "g", now.Add(time.Minute), now))
	g, err := m.TakeDemoCode(ctx, "k", now)
	require.NoError(t, err)
	assert.Equal(t, "g", g)
	_, err = m.TakeDemoCode(ctx, "k", now)
	assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err), "once")
	require.NoError(t, m.PutDemoCode(ctx, "k2", "g", now.Add(time.Minute), now))
	_, err = m.TakeDemoCode(ctx, "k2", now.Add(time.Minute))
	assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err), "expired")
}
