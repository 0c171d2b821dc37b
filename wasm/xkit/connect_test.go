//go:build !js

package xkit_test

import (
	"context"
	"errors"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/xkitdtest"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/phx"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// startFlows runs a real xkitd that allows pageOrigin, and a logged-in
// Client of a page on pageOrigin.
func startFlows(t *testing.T) *fixture {
	t.Helper()
	p := xkitdtest.Start(t, xkitdtest.Options{Origins: []string{pageOrigin}})
	f := &fixture{p: p, tr: newCounting(t, p), rec: newRecorder()}
	f.c = f.client()
	f.rec.waitFor(t, 0, loadingFalse)
	f.login(t, "user-1")
	return f
}

// dialer is the native WebSocket dialer, with a switch to refuse dials
// and a record of the open connections.
type dialer struct {
	mu     sync.Mutex
	next   phx.Dialer
	refuse bool
	before func() // runs once, before the first dial
	conns  []phx.Conn
	dials  int
	opened chan struct{} // one token per socket opened
}

func (f *fixture) dialer() *dialer {
	return &dialer{next: phx.NativeDialer{Client: f.p.Client()}, opened: make(chan struct{}, 16)}
}

func (d *dialer) Dial(ctx cancel.Context, url string, r phx.Receiver) (phx.Conn, error) {
	d.mu.Lock()
	d.dials++
	refuse, before := d.refuse, d.before
	d.before = nil
	d.mu.Unlock()
	if before != nil {
		before()
	}
	if refuse {
		return nil, errors.New("socket refused by the test")
	}
	c, err := d.next.Dial(ctx, url, r)
	if err == nil {
		d.mu.Lock()
		d.conns = append(d.conns, c)
		d.mu.Unlock()
		d.opened <- struct{}{}
	}
	return c, err
}

// drop closes every open socket and refuses new ones.
func (d *dialer) drop() {
	d.mu.Lock()
	d.refuse = true
	conns := d.conns
	d.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

func (d *dialer) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dials
}

// enables are the connection:enable payloads emitted so far.
func (f *fixture) enables() []string {
	var out []string
	for _, e := range f.rec.all() {
		if e.name == "connection:enable" {
			out = append(out, e.payload)
		}
	}
	return out
}

func connectError(t *testing.T, err error) *xkit.ConnectError {
	t.Helper()
	var ce *xkit.ConnectError
	require.ErrorAs(t, err, &ce)
	return ce
}

func TestConnectAllow(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()
	w.decision <- "allow"

	flow := f.c.Connect(ctxT(t), "slack", o)
	assert.Same(t, flow, f.c.Flow("slack"))
	conn, err := flow.Wait(ctxT(t))
	require.NoError(t, err)

	assert.True(t, truthyBool(conn.Get("enabled")))
	assert.Equal(t, "active", str(conn.Get("authorization", "status")))
	assert.Equal(t, "slack", str(conn.Get("connector", "slug")))
	assert.Equal(t, xkit.StatusConnected, xkit.ConnectionStatus(conn))
	assert.Equal(t, []string{conn.Raw()}, f.enables(), "connection:enable once, with the fresh connection")
	closes, _ := w.calls()
	assert.Equal(t, 1, closes, "the popup is closed when the flow ends")
	assert.Nil(t, f.c.Flow("slack"), "a finished flow is forgotten")
	assert.Equal(t, 1, f.tr.count("POST /connections/slack"))
	assert.Equal(t, 1, f.tr.count("POST /sessions/ott"))

	got, err := f.c.GetConnection(ctxT(t), xkit.Query{Slug: "slack"})
	require.NoError(t, err)
	assert.Equal(t, str(conn.Get("id")), str(got.Get("id")))
}

func truthyBool(v jsonv.Value) bool { b, _ := v.Bool(); return b }

func TestConnectDeny(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()
	w.decision <- "deny"

	_, err := f.c.Connect(ctxT(t), "slack", o).Wait(ctxT(t))
	ce := connectError(t, err)
	assert.Equal(t, xkit.CodeDenied, ce.Code)
	assert.Equal(t, "access_denied", ce.ErrorCode)
	assert.Equal(t, "The authorization was denied.", ce.Message)
	assert.Equal(t, ce.Message, ce.ErrorMessage)
	assert.Empty(t, f.enables())
	closes, _ := w.calls()
	assert.Equal(t, 1, closes)
}

func TestConnectPopupClosedWhileAwaiting(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()

	flow := f.c.Connect(ctxT(t), "slack", o)
	w.waitPage("consent")
	// Messages count only from the platform's origin.
	w.msgs <- xkit.PopupMessage{Origin: "http://evil.example", Data: jsonv.Raw(`{"error":"evil"}`)}
	w.msgs <- xkit.PopupMessage{Origin: pageOrigin, Data: jsonv.Raw(`{"error":"evil"}`)}
	w.userCloses()
	_, err := flow.Wait(ctxT(t))
	ce := connectError(t, err)
	assert.Equal(t, xkit.CodeCancelled, ce.Code)
	assert.Equal(t, "Installation cancelled.", ce.Message)
	assert.Empty(t, f.enables())
}

// A popup severed by Cross-Origin-Opener-Policy reads as closed while the
// user finishes in it; with no socket and no polling in time, only the
// platform's answer at close tells the flow it succeeded.
func TestConnectClosedAfterActiveIsSuccess(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	d := f.dialer()
	d.refuse = true
	o.Dialer = d
	o.Timing.Poll = time.Hour // one poll when the socket is found down, then none
	w.decision <- "allow"

	conn, err := f.c.Connect(ctxT(t), "slack", o).Wait(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "active", str(conn.Get("authorization", "status")))
	assert.Len(t, f.enables(), 1)
	assert.Positive(t, d.count())
}

func TestConnectTimeout(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()
	o.Timeout = 300 * time.Millisecond

	_, err := f.c.Connect(ctxT(t), "slack", o).Wait(ctxT(t))
	ce := connectError(t, err)
	assert.Equal(t, xkit.CodeTimeout, ce.Code)
	closes, _ := w.calls()
	assert.Equal(t, 1, closes)
	assert.True(t, w.Closed())
}

func TestConnectAborted(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()
	ctx, cancel := context.WithCancel(ctxT(t))

	flow := f.c.Connect(ctx, "slack", o)
	w.waitPage("consent")
	cancel() // the page's AbortSignal
	_, err := flow.Wait(ctxT(t))
	ce := connectError(t, err)
	assert.Equal(t, xkit.CodeAborted, ce.Code)
	assert.ErrorIs(t, err, context.Canceled)
	closes, _ := w.calls()
	assert.Equal(t, 1, closes)
}

// A socket that drops mid-flow is not a failure: polling finds the
// authorization active while the popup is still open.
func TestConnectSocketDroppedPollingResolves(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	w.stayOpen = true
	o := w.options(f.c)
	d := f.dialer()
	o.Dialer = d

	flow := f.c.Connect(ctxT(t), "slack", o)
	w.waitPage("consent")
	<-d.opened // the join's reply sent the popup to the consent page
	d.drop()
	f.tr.reset()
	w.decision <- "allow"
	conn, err := flow.Wait(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "active", str(conn.Get("authorization", "status")))
	// At least one poll, and the final read.
	assert.GreaterOrEqual(t, f.tr.count("GET /authorizations/slack/"+str(conn.Get("authorization", "id"))), 2)
	assert.Len(t, f.enables(), 1)
	assert.Empty(t, d.opened, "no socket came back")
}

// The socket comes back after a drop: the rejoin's reply carries the status.
func TestConnectSocketRedials(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	w.stayOpen = true
	o := w.options(f.c)
	o.Timing.Poll = time.Hour
	d := f.dialer()
	o.Dialer = d

	flow := f.c.Connect(ctxT(t), "slack", o)
	w.waitPage("consent")
	<-d.opened
	d.drop()
	d.mu.Lock()
	d.refuse = false
	d.mu.Unlock()
	select {
	case <-d.opened:
	case <-time.After(10 * time.Second):
		t.Fatal("the socket was not dialed again")
	}
	w.decision <- "allow"
	_, err := flow.Wait(ctxT(t))
	require.NoError(t, err)
}

// An access token that expired before the socket opens: GET /session
// tells it from a network failure, the token is refreshed from the cookie
// session and the socket dialed again.
func TestConnectSocketWithExpiredToken(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	w.stayOpen = true
	o := w.options(f.c)
	o.Timing.Poll = time.Hour
	d := f.dialer()
	d.before = func() { f.p.ExpireTokens(t) }
	o.Dialer = d
	w.decision <- "allow"

	_, err := f.c.Connect(ctxT(t), "slack", o).Wait(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 1, f.tr.count("GET /session"))
	assert.GreaterOrEqual(t, d.count(), 2)
}

func TestConnectTwiceIsOneFlow(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()
	opened := 0
	open := o.Open
	o.Open = func() xkit.Popup { opened++; return open() }

	first := f.c.Connect(ctxT(t), "slack", o)
	second := f.c.Connect(ctxT(t), "slack", o)
	assert.Same(t, first, second)
	assert.Equal(t, 1, opened)
	_, focused := w.calls()
	assert.Equal(t, 1, focused, "the second call focuses the popup")

	w.decision <- "allow"
	a, errA := first.Wait(ctxT(t))
	b, errB := second.Wait(ctxT(t))
	require.NoError(t, errA)
	require.NoError(t, errB)
	assert.Equal(t, a.Raw(), b.Raw())
	assert.Len(t, f.enables(), 1)
	assert.Equal(t, 1, f.tr.count("POST /connections/slack"))

	// Once it ended, the next call starts a new flow.
	w2 := newPopup(t, f.p)
	o2 := w2.options(f.c)
	o2.Dialer = f.dialer()
	w2.decision <- "allow"
	third := f.c.Connect(ctxT(t), "slack", o2)
	assert.NotSame(t, first, third)
	_, err := third.Wait(ctxT(t))
	require.NoError(t, err)
}

func TestConnectorsSideBySide(t *testing.T) {
	f := startFlows(t)
	slack, github := newPopup(t, f.p), newPopup(t, f.p)
	os, og := slack.options(f.c), github.options(f.c)
	os.Dialer, og.Dialer = f.dialer(), f.dialer()

	fs := f.c.Connect(ctxT(t), "slack", os)
	fg := f.c.Connect(ctxT(t), "github", og)
	assert.NotSame(t, fs, fg)
	slack.waitPage("consent")
	github.waitPage("consent")
	github.decision <- "allow"
	cg, err := fg.Wait(ctxT(t))
	require.NoError(t, err)
	select {
	case <-fs.Done():
		t.Fatal("slack's flow ended with github's")
	default:
	}
	slack.decision <- "allow"
	cs, err := fs.Wait(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "github", str(cg.Get("connector", "slug")))
	assert.Equal(t, "slack", str(cs.Get("connector", "slug")))
	assert.Equal(t, []string{cg.Raw(), cs.Raw()}, f.enables())
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestAddConnection(t *testing.T) {
	f := startFlows(t)
	var ids []string
	for _, id := range []string{"", "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"} {
		w := newPopup(t, f.p)
		o := w.options(f.c)
		o.Dialer = f.dialer()
		w.decision <- "allow"
		conn, err := f.c.AddConnection(ctxT(t), "salesforce", id, o).Wait(ctxT(t))
		require.NoError(t, err)
		got := str(conn.Get("id"))
		if id != "" {
			assert.Equal(t, id, got)
		}
		assert.Regexp(t, uuidV4, got)
		ids = append(ids, got)
	}
	list, err := f.c.ListConnections(ctxT(t), "salesforce")
	require.NoError(t, err)
	var listed []string
	for _, c := range list.Items() {
		listed = append(listed, str(c.Get("id")))
	}
	assert.ElementsMatch(t, ids, listed)
}

func TestReconnectAfterBreak(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()
	w.decision <- "allow"
	conn, err := f.c.Connect(ctxT(t), "slack", o).Wait(ctxT(t))
	require.NoError(t, err)

	f.p.BreakAuthorization(t, str(conn.Get("authorization", "id")))
	broken, err := f.c.GetConnection(ctxT(t), xkit.Query{ID: str(conn.Get("id"))})
	require.NoError(t, err)
	require.Equal(t, xkit.StatusError, xkit.ConnectionStatus(broken))

	w2 := newPopup(t, f.p)
	o2 := w2.options(f.c)
	o2.Dialer = f.dialer()
	w2.decision <- "allow"
	again, err := f.c.Reconnect(ctxT(t), broken, o2).Wait(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, str(conn.Get("id")), str(again.Get("id")))
	assert.Equal(t, xkit.StatusConnected, xkit.ConnectionStatus(again))
	assert.Len(t, f.enables(), 2)

	_, err = f.c.Reconnect(ctxT(t), jsonv.Raw(`{"connector":{"slug":"slack"}}`), o2).Wait(ctxT(t))
	var ae *xkit.ArgError
	assert.ErrorAs(t, err, &ae)
}

func TestAPIKeyFlow(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()

	flow := f.c.Connect(ctxT(t), "acme-api", o)
	w.waitPage("fields")
	w.keys <- "   "
	assert.Equal(t, 400, <-w.saved, "a blank key is refused")
	select {
	case <-flow.Done():
		t.Fatal("a refused key ended the flow")
	default:
	}
	w.keys <- "acme_live_12345678"
	assert.Equal(t, 200, <-w.saved)
	conn, err := flow.Wait(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "active", str(conn.Get("authorization", "status")))
	assert.Equal(t, "acme_live_12345678", str(conn.Get("authorization", "access_token")))
	assert.Len(t, f.enables(), 1)
}

func TestConnectBlocked(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Open = func() xkit.Popup { return nil } // window.open returned null
	_, err := f.c.Connect(ctxT(t), "slack", o).Wait(ctxT(t))
	ce := connectError(t, err)
	assert.Equal(t, xkit.CodePopupBlocked, ce.Code)
	assert.Equal(t, "Failed to open the authorization window.", ce.Message)
	assert.Zero(t, f.tr.count("POST /connections/slack"), "nothing was created")
	assert.Nil(t, f.c.Flow("slack"))

	_, err = f.c.Connect(ctxT(t), "", o).Wait(ctxT(t))
	var ae *xkit.ArgError
	assert.ErrorAs(t, err, &ae)
}

// Without a token or a cookie session the flow does what every call does
// (xkit.js too): the default token callback sends the page to log in. The
// popup, opened inside the click, is closed first; nothing is created.
func TestConnectWithoutASessionSendsThePageToLogIn(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	require.NoError(t, f.c.Logout(ctxT(t)))
	f.tr.reset()
	ctx, cancel := context.WithCancel(ctxT(t))
	flow := f.c.Connect(ctx, "slack", o)
	url := <-f.rec.navigated
	_, platform := f.direct(t, "GET", "/platform", "", "")
	assert.Equal(t, str(jsonv.Raw(string(platform["platform"])).Get("login_redirect_url")), url)
	closes, _ := w.calls()
	assert.Equal(t, 1, closes, "the popup is closed before the page goes")
	assert.Zero(t, f.tr.count("POST /connections/slack"), "nothing was created")
	select {
	case <-flow.Done():
		t.Fatal("the flow ended while the page was being sent away")
	default:
	}
	cancel()
	_, err := flow.Wait(ctxT(t))
	assert.Equal(t, xkit.CodeAborted, connectError(t, err).Code)
}

// The token callback (kept by logout, as in xkit.js) gives the flow its
// token; when it fails, the flow rejects unauthorized with its message.
func TestConnectAsksTheTokenCallback(t *testing.T) {
	f := startFlows(t)
	ctx := ctxT(t)
	token := f.p.UserToken(t, "user-1")
	fail := errors.New("host app: not signed in")
	var calls atomic.Int32
	require.NoError(t, f.c.LoginFunc(ctx, func(cancel.Context) (string, error) {
		if calls.Add(1) == 3 {
			return "", fail
		}
		return token, nil
	}))
	require.NoError(t, f.c.Logout(ctx))
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()
	w.decision <- "allow"
	conn, err := f.c.Connect(ctx, "slack", o).Wait(ctx)
	require.NoError(t, err)
	enabled, _ := conn.Get("enabled").Bool()
	assert.True(t, enabled)
	assert.Equal(t, int32(2), calls.Load(), "asked once more after logout")

	require.NoError(t, f.c.Logout(ctx))
	w = newPopup(t, f.p)
	o = w.options(f.c)
	_, err = f.c.Connect(ctx, "github", o).Wait(ctx)
	ce := connectError(t, err)
	assert.Equal(t, xkit.CodeUnauthorized, ce.Code)
	assert.Equal(t, fail.Error(), ce.Message, "the callback's message")
	assert.ErrorIs(t, err, fail)
	closes, _ := w.calls()
	assert.Equal(t, 1, closes)
}

// An unknown connector: the platform's 404 is the flow's error, and the
// popup is closed.
func TestConnectUnknownConnector(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	o.Dialer = f.dialer()
	_, err := f.c.Connect(ctxT(t), "nope", o).Wait(ctxT(t))
	var ae *xkit.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 404, ae.StatusCode)
	closes, _ := w.calls()
	assert.Equal(t, 1, closes)
}

func TestNewUUID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := xkit.NewUUID()
		require.Regexp(t, uuidV4, id)
		require.False(t, seen[id])
		seen[id] = true
	}
}

// An {error} the popup posted (here the platform's loading page refusing
// a missing one-time token) is the flow's error once the popup closes.
func TestConnectPopupErrorMessage(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	w.rewrite = func(u string) string { return regexp.MustCompile(`&token=[^&]*`).ReplaceAllString(u, "") }
	o := w.options(f.c)
	o.Dialer = f.dialer()

	flow := f.c.Connect(ctxT(t), "slack", o)
	w.waitPage("loading")
	w.waitPage("loading") // the login page, which failed and posted {error}
	w.userCloses()
	_, err := flow.Wait(ctxT(t))
	ce := connectError(t, err)
	assert.Equal(t, xkit.CodeProviderError, ce.Code)
	assert.Equal(t, "The one-time token is missing.", ce.Message)
}

// A flow asked for with an AbortSignal that aborted already opens nothing.
func TestConnectAbortedBeforeStart(t *testing.T) {
	f := startFlows(t)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	opened := false
	o.Open = func() xkit.Popup { opened = true; return w }
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.c.Connect(ctx, "slack", o).Wait(ctxT(t))
	assert.Equal(t, xkit.CodeAborted, connectError(t, err).Code)
	assert.False(t, opened)
}

// Over https the socket is wss, as in a browser against the real platform.
func TestConnectAllowTLS(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{TLS: true, Origins: []string{pageOrigin}})
	rec := newRecorder()
	c := xkit.New(xkit.Options{Domain: p.Domain, Version: "3.14.1", Transport: xkit.NewHTTPTransport(p.Client()), Emit: rec.emit})
	require.NoError(t, c.Login(ctxT(t), p.UserToken(t, "user-1"), nil))
	w := newPopup(t, p)
	w.stayOpen = true // only the socket can tell
	o := w.options(c)
	o.Timing.Poll = time.Hour
	d := &dialer{next: phx.NativeDialer{Client: p.Client()}, opened: make(chan struct{}, 16)}
	o.Dialer = d
	w.decision <- "allow"
	conn, err := c.Connect(ctxT(t), "github", o).Wait(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, xkit.StatusConnected, xkit.ConnectionStatus(conn))
	assert.Equal(t, 1, d.count())
}
