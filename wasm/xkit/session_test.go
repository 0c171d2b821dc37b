//go:build !js

package xkit_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

func TestInitWithoutSessionReadsPlatformAndStaysLoggedOut(t *testing.T) {
	f := start(t)
	_, platform := f.direct(t, "GET", "/platform", "", "")
	redirect := str(jsonv.Raw(string(platform["platform"])).Get("login_redirect_url"))
	require.NotEmpty(t, redirect)

	assert.Equal(t, []event{
		loadingTrue,
		{"config:update", `{"loginRedirect":` + jsonv.Quote(redirect) + `}`},
		loadingFalse,
	}, f.rec.all())
	assert.Equal(t, "", f.c.Token())
	assert.Equal(t, 1, f.tr.count("GET /platform"))
	assert.Equal(t, 1, f.tr.count("POST /sessions/token"))
}

func TestInitTakesTokenFromCookieSession(t *testing.T) {
	f := start(t)
	f.login(t, "user-1")

	// A second page of the same browser: its init finds the cookie session.
	rec := newRecorder()
	c := xkit.New(xkit.Options{Domain: f.p.Domain, Scheme: "http", Version: "3.14.1", Transport: f.tr, Host: rec, Emit: rec.emit})
	rec.waitFor(t, 0, loadingFalse)
	require.NotEmpty(t, c.Token())
	evs := rec.all()
	require.Len(t, evs, 4)
	assert.Equal(t, loadingTrue, evs[0])
	assert.Equal(t, event{"config:update", `{"token":` + jsonv.Quote(c.Token()) + `}`}, evs[2])
	assert.Equal(t, loadingFalse, evs[3])

	conns, err := c.ListConnections(ctxT(t), "")
	require.NoError(t, err)
	assert.Equal(t, "[]", conns.Raw())
}

func TestLoginAndLogout(t *testing.T) {
	f := start(t)
	n := len(f.rec.all())
	token := f.login(t, "user-1")
	assert.Equal(t, token, f.c.Token())
	// As xkit.js: {token, tokenCallback}; false is the default callback
	// (the JS face puts the function there).
	assert.Equal(t, []event{loadingTrue, {"config:update", `{"token":"` + token + `","tokenCallback":false}`}, loadingFalse}, f.rec.since(n))

	_, err := f.c.ListConnections(ctxT(t), "")
	require.NoError(t, err)

	n = len(f.rec.all())
	require.NoError(t, f.c.Logout(ctxT(t)))
	assert.Equal(t, "", f.c.Token())
	assert.Equal(t, []event{{"config:update", `{"token":null}`}}, f.rec.since(n))

	// The cookie session is gone too: no token can be had from it.
	_, err = f.c.GetAccessToken(ctxT(t))
	var ae *xkit.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 401, ae.StatusCode)
}

func TestLoginFuncReportsItsCallback(t *testing.T) {
	f := start(t)
	token := f.p.UserToken(t, "user-1")
	n := len(f.rec.all())
	require.NoError(t, f.c.LoginFunc(ctxT(t), func(cancel.Context) (string, error) { return token, nil }))
	assert.Equal(t, []event{loadingTrue, {"config:update", `{"token":"` + token + `","tokenCallback":true}`}, loadingFalse}, f.rec.since(n))
}

func TestLoginWithBadTokenFails(t *testing.T) {
	f := start(t)
	err := f.c.Login(ctxT(t), "not-a-token", nil)
	var ae *xkit.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 401, ae.StatusCode)
	assert.Equal(t, "Unauthorized", ae.Message)
	assert.NotEmpty(t, ae.DebugMessage, "the platform's error text")
	assert.Equal(t, "", f.c.Token())
}

func TestLoggedOutCallsUsePublicFallback(t *testing.T) {
	f := start(t)
	ctx := ctxT(t)

	_, want := f.direct(t, "GET", "/platform/connectors", "", "")
	got, err := f.c.ListConnectors(ctx)
	require.NoError(t, err)
	assert.Equal(t, string(want["connectors"]), got.Raw())

	_, want = f.direct(t, "GET", "/platform/connectors/slack", "", "")
	got, err = f.c.GetConnector(ctx, "slack")
	require.NoError(t, err)
	assert.Equal(t, string(want["connector"]), got.Raw(), "every field passes through untouched")

	got, err = f.c.GetConnectionOrConnector(ctx, "slack")
	require.NoError(t, err)
	assert.Equal(t, `{"connector":`+string(want["connector"])+`}`, got.Raw())
	assert.Equal(t, xkit.StatusNotInstalled, xkit.ConnectionStatus(got))

	_, want = f.direct(t, "GET", "/platform", "", "")
	got, err = f.c.GetPlatform(ctx)
	require.NoError(t, err)
	assert.Equal(t, string(want["platform"]), got.Raw())
}

func TestLoggedOutCallWithoutFallbackSendsPageToLogin(t *testing.T) {
	f := start(t)
	ctx, cancel := context.WithCancel(ctxT(t))
	done := make(chan error, 1)
	go func() {
		_, err := f.c.ListConnections(ctx, "")
		done <- err
	}()
	url := <-f.rec.navigated
	_, platform := f.direct(t, "GET", "/platform", "", "")
	assert.Equal(t, str(jsonv.Raw(string(platform["platform"])).Get("login_redirect_url")), url)
	select {
	case err := <-done:
		t.Fatalf("the call returned %v while the page was being sent away", err)
	default:
	}
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
}

func TestConcurrent401sShareOneRefresh(t *testing.T) {
	f := start(t)
	f.login(t, "user-1")
	f.p.ExpireTokens(t)
	f.tr.reset()

	const n = 8
	f.tr.holdRefreshUntil401s(n)
	var wg sync.WaitGroup
	results := make([]jsonv.Value, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = f.c.ListConnections(ctxT(t), "")
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		assert.Equal(t, "[]", results[i].Raw())
	}
	assert.Equal(t, 1, f.tr.count("POST /sessions/token"), "one refresh for every caller")
	assert.Equal(t, 2*n, f.tr.count("GET /connections"), "each caller: once with the old token, once with the new")
}

func TestFailedRefreshIsNotSticky(t *testing.T) {
	f := start(t) // init's refresh failed: no cookie session yet
	ctx := ctxT(t)
	_, err := f.c.GetAccessToken(ctx)
	require.Error(t, err)
	assert.Equal(t, 2, f.tr.count("POST /sessions/token"), "a new request, not init's stale failure")

	f.login(t, "user-1")
	f.p.ExpireTokens(t)
	token, err := f.c.GetAccessToken(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, token)
	assert.Equal(t, token, f.c.Token())
	_, err = f.c.ListConnections(ctx, "")
	require.NoError(t, err, "the refreshed token works")
}

func TestTokenCallbackWhenCookieSessionIsGone(t *testing.T) {
	f := start(t)
	ctx := ctxT(t)
	var mu sync.Mutex
	calls := 0
	fn := func(ctx cancel.Context) (string, error) {
		mu.Lock()
		calls++
		mu.Unlock()
		return f.p.UserToken(t, "user-1"), nil
	}
	require.NoError(t, f.c.LoginFunc(ctx, fn))
	assert.Equal(t, 1, calls)

	f.p.ExpireTokens(t)
	f.tr.dropCookies(f.p)
	f.tr.reset()
	n := len(f.rec.all())
	conns, err := f.c.ListConnections(ctx, "")
	require.NoError(t, err)
	assert.Equal(t, "[]", conns.Raw())
	assert.Equal(t, 2, calls, "asked the login function again")
	assert.Equal(t, []event{{"config:update", `{"token":` + jsonv.Quote(f.c.Token()) + `}`}}, f.rec.since(n),
		"the callback's token is reported; the callback is not")
	assert.Equal(t, 1, f.tr.count("POST /sessions/token"))
	assert.Equal(t, 2, f.tr.count("GET /connections"), "the held token (401), then the callback's")
}

func TestTokenCallbackErrorIsReturned(t *testing.T) {
	f := start(t)
	ctx := ctxT(t)
	boom := errors.New("host app: not signed in")
	first := true
	require.NoError(t, f.c.Login(ctx, f.p.UserToken(t, "user-1"), func(ctx cancel.Context) (string, error) {
		if first {
			first = false
			return "", boom
		}
		return "", nil
	}))
	f.p.ExpireTokens(t)
	f.tr.dropCookies(f.p)
	_, err := f.c.ListConnections(ctx, "")
	assert.ErrorIs(t, err, boom)
	assert.EqualError(t, err, boom.Error(), "the callback's own error")
	_, err = f.c.ListConnections(ctx, "")
	assert.EqualError(t, err, "Error while retrieving new token, token was undefined.")
}
