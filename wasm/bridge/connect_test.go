//go:build js

package bridge

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
)

// Node has no DOM, so these tests give the page what the flow uses of it:
// window.open (recording each call and giving a scriptable window, or null
// while blocked), location.origin, the page window's position, and the
// window's "message" listeners (dispatch plays the browser). The whole flow
// against xkitd in Chromium is internal/conformance's job.

const testPageOrigin = "http://127.0.0.1:9"

func fakePage(t *testing.T) js.Value {
	t.Helper()
	page := jsEval(`(() => {
		const page = {opened: [], windows: [], listeners: new Set(), block: false};
		page.open = (url, name, features) => {
			page.opened.push({url, name, features});
			if (page.block) return null;
			let onReplace;
			const w = {closed: false, focused: 0, replaced: [], posted: [],
				navigated: new Promise(r => onReplace = r),
				focus() { this.focused++; },
				close() { this.closed = true; },
				postMessage(m, o) { this.posted.push([m, o]); }};
			w.location = {replace: u => { w.replaced.push(u); onReplace(u); }};
			page.windows.push(w);
			return w;
		};
		page.dispatch = ev => { for (const l of [...page.listeners]) l(ev); };
		return page;
	})()`)
	g := js.Global()
	g.Set("open", page.Get("open"))
	g.Set("location", jsEval(`({origin: "`+testPageOrigin+`", href: "`+testPageOrigin+`/"})`))
	for name, v := range map[string]int{"screenX": 100, "screenY": 50, "outerWidth": 1225, "outerHeight": 900} {
		g.Set(name, v)
	}
	g.Set("addEventListener", jsEval(`p => (type, fn) => type === "message" && p.listeners.add(fn)`).Invoke(page))
	g.Set("removeEventListener", jsEval(`p => (type, fn) => type === "message" && p.listeners.delete(fn)`).Invoke(page))
	t.Cleanup(func() {
		for _, name := range []string{"open", "location", "screenX", "screenY", "outerWidth", "outerHeight",
			"addEventListener", "removeEventListener"} {
			g.Delete(name)
		}
	})
	return page
}

// loggedInSDK is a test SDK whose user holds a token.
func loggedInSDK(t *testing.T, stub *platformStub) *SDK {
	t.Helper()
	stub.answer("POST /sessions", 200, `{}`)
	s := newTestSDK(t, stub)
	_, err := await(t, s.Object().Call("login", "tok"))
	require.NoError(t, err)
	return s
}

// authorizationError checks a rejection is a failed flow as xkit.js
// rejected it (a plain Error; code: the platform's error_code, here none)
// with our classification in reason.
func authorizationError(t *testing.T, e js.Value, reason, message string) {
	t.Helper()
	require.True(t, e.InstanceOf(jsError), "an Error, got %s", jsinterop.String(e))
	assert.True(t, js.Global().Get("Object").Call("getPrototypeOf", e).Equal(jsError.Get("prototype")), "a plain Error")
	assert.Equal(t, "Error", e.Get("name").String())
	assert.True(t, hasOwn(e, "code") && e.Get("code").IsUndefined(), "code: no error_code")
	assert.Equal(t, reason, e.Get("reason").String())
	assert.Equal(t, message, e.Get("message").String())
}

func TestConnectArgumentMistakesRejectBeforeAnything(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	stub := newPlatformStub(false)
	s := loggedInSDK(t, stub)
	x := s.Object()
	before := stub.count()

	conn := `{id: "c1", connector: {slug: "slack"}}`
	cases := []struct{ call, message string }{
		{`x => x.connect()`, `connect: connector must be a Connector or its slug`},
		{`x => x.connect(42)`, `connect: connector must be`},
		{`x => x.connect({name: "Slack"})`, `connect: connector must be`},
		{`x => x.connect("slack", "fast")`, `connect: options must be an object such as { signal, timeoutMs }`},
		{`x => x.connect("slack", {signal: {aborted: false}})`, `connect: options.signal must be an AbortSignal`},
		{`x => x.connect("slack", {timeoutMs: 0})`, `connect: options.timeoutMs must be a number of milliseconds from 1`},
		{`x => x.connect("slack", {timeoutMs: "5000"})`, `connect: options.timeoutMs must be`},
		{`x => x.connect("slack", {timeoutMs: NaN})`, `connect: options.timeoutMs must be`},
		{`x => x.connect("slack", {timeoutMs: 1e12})`, `connect: options.timeoutMs must be`},
		{`x => x.addConnection()`, `addConnection: connector must be`},
		{`x => x.addConnection("salesforce", 7)`, `addConnection: id must be a non-empty string, or undefined`},
		{`x => x.addConnection("salesforce", "id-1", 7)`, `addConnection: options must be an object`},
		{`x => x.addConnection("salesforce", {timeoutMs: -1})`, `addConnection: options.timeoutMs must be`},
		{`x => x.reconnect()`, `reconnect: connection must be a Connection object with an id and a connector`},
		{`x => x.reconnect("slack")`, `reconnect: connection must be`},
		{`x => x.reconnect({id: "c1"})`, `reconnect: connection must be`},
		{`x => x.reconnect({connector: {slug: "slack"}})`, `reconnect: connection must be`},
		{`x => x.reconnect(` + conn + `, {signal: "stop"})`, `reconnect: options.signal must be`},
	}
	for _, c := range cases {
		e := rejection(t, jsEval(c.call).Invoke(x))
		assert.True(t, e.InstanceOf(jsTypeError), c.call)
		assert.Contains(t, e.Get("message").String(), c.message, c.call)
	}
	assert.Zero(t, page.Get("opened").Length(), "no window for a refused call")
	_, _ = await(t, jsEval(`new Promise(r => setTimeout(r, 0))`))
	assert.Equal(t, before, stub.count(), "no request for a refused call")
}

// Without a token or a cookie session, as in xkit.js, the flow asks the
// default token callback, which sends the page to log in; the popup the
// call opened is closed first.
func TestConnectWithoutASessionSendsThePageToLogIn(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	went := jsEval(`(() => { let r; const p = new Promise(res => r = res); return {p, r}; })()`)
	js.Global().Set("location", jsEval(`w => ({origin: "`+testPageOrigin+`", set href(u) { w.r(u); }})`).Invoke(went))
	s := newTestSDK(t, newPlatformStub(false)) // never logged in; POST /sessions/token: 401
	ac := jsEval(`new AbortController()`)
	opts := js.Global().Get("Object").New()
	opts.Set("signal", ac.Get("signal"))
	p := s.Object().Call("connect", "slack", opts)
	require.Equal(t, 1, page.Get("opened").Length(), "the popup opened inside the call")
	url, err := await(t, went.Get("p"))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:1/login", url.String())
	assert.True(t, page.Get("windows").Index(0).Get("closed").Bool(), "the popup is closed before the page goes")
	ac.Call("abort") // the page would be gone; end the flow
	authorizationError(t, rejection(t, p), "aborted", "Connection aborted.")
}

// A token callback that fails rejects the flow with its own message, as
// xkit.js rejected with the callback's error; ours adds reason
// "unauthorized" and the callback's error as cause.
func TestConnectWithAFailingTokenCallbackIsUnauthorized(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	stub := newPlatformStub(false)
	stub.answer("POST /sessions", 200, `{}`)
	stub.answer("DELETE /sessions", 204, ``)
	s := newTestSDK(t, stub)
	x := s.Object()
	failure := jsEval(`new Error("the host app has no token")`)
	_, err := await(t, x.Call("login", "tok", jsEval(`e => () => Promise.reject(e)`).Invoke(failure)))
	require.NoError(t, err)
	_, err = await(t, x.Call("logout")) // the callback stays
	require.NoError(t, err)
	for _, call := range []string{`x => x.connect("slack")`, `x => x.addConnection("github")`,
		`x => x.reconnect({id: "c1", connector: {slug: "salesforce"}})`} {
		e := rejection(t, jsEval(call).Invoke(x))
		authorizationError(t, e, "unauthorized", "the host app has no token")
		assert.True(t, e.Get("cause").Equal(failure), call)
	}
	require.Equal(t, 3, page.Get("windows").Length())
	for i := range 3 {
		assert.True(t, page.Get("windows").Index(i).Get("closed").Bool())
	}
}

func TestBlockedPopupRejectsAndCreatesNothing(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	page.Set("block", true)
	stub := newPlatformStub(false)
	s := loggedInSDK(t, stub)
	before := stub.count()

	p := s.Object().Call("addConnection", "slack")
	// window.open ran inside the call, before it returned.
	require.Equal(t, 1, page.Get("opened").Length())
	opened := page.Get("opened").Index(0)
	assert.Equal(t, "http://127.0.0.1:1/authorizations/loading?opener_origin=http%3A%2F%2F127.0.0.1%3A9", opened.Get("url").String())
	assert.Equal(t, "ikit:authorization:slack", opened.Get("name").String())
	// Centred on the page's window: 100 + (1225-625)/2, 50 + (900-700)/2.
	assert.Equal(t, "scrollbars=no,resizable=no,status=no,location=no,menubar=no,width=625,height=700,left=400,top=150",
		opened.Get("features").String())

	authorizationError(t, rejection(t, p), "popup_blocked", "Failed to open the authorization window.")
	_, _ = await(t, jsEval(`new Promise(r => setTimeout(r, 0))`))
	assert.Equal(t, before, stub.count(), "nothing was created on the platform")
	assert.Zero(t, page.Get("listeners").Get("size").Int(), "no message listener stays")
}

func TestAlreadyAbortedSignalRejectsWithoutAWindow(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	s := loggedInSDK(t, newPlatformStub(false))
	ac := jsEval(`(() => { const c = new AbortController(); c.abort("changed my mind"); return c; })()`)
	opts := js.Global().Get("Object").New()
	opts.Set("signal", ac.Get("signal"))

	e := rejection(t, s.Object().Call("connect", "slack", opts))
	authorizationError(t, e, "aborted", "Connection aborted.")
	assert.Equal(t, "changed my mind", e.Get("cause").String(), "the signal's reason is the cause")
	assert.Zero(t, page.Get("opened").Length())
}

// flowStub answers the requests of a flow for slack that waits in its popup.
func flowStub(status string) *platformStub {
	stub := newPlatformStub(false)
	auth := `{"id":"a1","status":"` + status + `","authorize_url":"http://127.0.0.1:1/demo-oauth/authorize",` +
		`"authorizer":{"prototype":{"slug":"slack-proto"}}}`
	stub.answer("POST /connections/slack", 200, `{"connection":{"id":"c1","enabled":false,"connector":{"slug":"slack"},"authorization":{"id":"a1","status":"awaiting_callback","authorizer":{"prototype":{"slug":"slack-proto"}},"authorize_url":"http://127.0.0.1:1/demo-oauth/authorize"}}}`)
	stub.answer("POST /sessions/ott", 200, `{"ott":"OTT"}`)
	stub.answer("GET /authorizations/slack-proto/a1", 200, `{"authorization":`+auth+`}`)
	stub.answer("GET /connection/c1", 200, `{"connection":{"id":"c1","enabled":true,"connector":{"slug":"slack"},"authorization":`+auth+`}}`)
	return stub
}

func TestConnectSharesOnePromisePerConnectorAndResolvesOnce(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	s := loggedInSDK(t, flowStub("active"))
	x := s.Object()
	enabled := jsEval(`({n: 0, last: null})`)
	require.True(t, x.Call("on", "connection:enable", jsEval(`e => c => { e.n++; e.last = c; }`).Invoke(enabled)).IsUndefined(), "on answers undefined")
	live := jsinterop.Live()

	p := x.Call("connect", "slack")
	require.Equal(t, 1, page.Get("opened").Length(), "window.open ran inside the call")
	w := page.Get("windows").Index(0)
	assert.True(t, p.Equal(x.Call("connect", "slack")), "a second call gets the same Promise")
	assert.True(t, p.Equal(x.Call("connect", jsEval(`({slug: "slack", name: "Slack"})`))), "also with the Connector")
	assert.Equal(t, 2, w.Get("focused").Int(), "and focuses the popup")
	assert.Equal(t, 1, page.Get("opened").Length(), "without another window")

	// Another connector runs beside it, in a window of its own.
	other := x.Call("connect", "github")
	assert.False(t, other.Equal(p))
	require.Equal(t, 2, page.Get("opened").Length())
	assert.Equal(t, "ikit:authorization:github", page.Get("opened").Index(1).Get("name").String())
	rejection(t, other) // the stub has no github connector (404)

	// The platform's loading page says it is ready; only then is the
	// popup sent to the prototype's page with the one-time token.
	ready := jsEval(`(w, origin) => ({origin, source: w, data: "authWindow:ready"})`)
	page.Call("dispatch", ready.Invoke(w, "http://127.0.0.1:1"))
	url, err := await(t, w.Get("navigated"))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:1/authorizations/slack-proto/loading?opener_origin=http%3A%2F%2F127.0.0.1%3A9&token=OTT", url.String())

	conn, err := await(t, p)
	require.NoError(t, err)
	assert.Equal(t, "c1", conn.Get("id").String())
	assert.True(t, conn.Get("enabled").Bool())
	assert.Equal(t, 1, enabled.Get("n").Int(), "connection:enable fired once")
	assert.Equal(t, "c1", enabled.Get("last").Get("id").String())
	assert.True(t, w.Get("closed").Bool(), "the popup is closed")
	assert.Zero(t, page.Get("listeners").Get("size").Int(), "the message listener is gone")
	assert.Equal(t, live, jsinterop.Live(), "every callback of the flow was released")

	// The flow is over: the next call starts a new one. Its window reads
	// as closed before it was ever sent anywhere (as one severed by
	// Cross-Origin-Opener-Policy does), but the platform says the
	// authorization is active: that is a success, not a cancellation.
	next := x.Call("connect", "slack")
	assert.False(t, next.Equal(p))
	require.Equal(t, 3, page.Get("opened").Length())
	page.Get("windows").Index(2).Set("closed", true)
	conn, err = await(t, next)
	require.NoError(t, err)
	assert.Equal(t, "c1", conn.Get("id").String())
	assert.Equal(t, 2, enabled.Get("n").Int())
}

func TestAbortAndTimeoutEndTheFlow(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	s := loggedInSDK(t, flowStub("awaiting_callback"))
	x := s.Object()
	live := jsinterop.Live()

	ac := jsEval(`new AbortController()`)
	opts := js.Global().Get("Object").New()
	opts.Set("signal", ac.Get("signal"))
	p := x.Call("connect", "slack", opts)
	require.Equal(t, 1, page.Get("opened").Length())
	ac.Call("abort", "navigated away")
	e := rejection(t, p)
	authorizationError(t, e, "aborted", "Connection aborted.")
	assert.Equal(t, "navigated away", e.Get("cause").String())
	assert.True(t, page.Get("windows").Index(0).Get("closed").Bool(), "the popup is closed")

	timed := js.Global().Get("Object").New()
	timed.Set("timeoutMs", 1)
	authorizationError(t, rejection(t, x.Call("addConnection", "slack", "c1", timed)), "timeout",
		"Connection timed out: the authorization was not finished in time.")
	assert.True(t, page.Get("windows").Index(1).Get("closed").Bool())

	assert.Zero(t, page.Get("listeners").Get("size").Int())
	assert.Equal(t, live, jsinterop.Live(), "abort listeners and popups released")
}

func TestWithWindowUsesTheLoadersWindow(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	s := loggedInSDK(t, flowStub("awaiting_callback"))
	x := s.Object()
	args := func(v ...any) js.Value { return js.ValueOf(v) }
	live := jsinterop.Live()

	// The loader's window is adopted: no second window.open.
	w := page.Call("open", "loader-url", "ikit:authorization:slack", "")
	p := x.Call("_withWindow", w, "connect", args("slack"))
	assert.Equal(t, 1, page.Get("opened").Length())
	// A loader window the flow does not need is closed.
	spare := page.Call("open", "loader-url", "ikit:authorization:slack", "")
	assert.True(t, p.Equal(x.Call("_withWindow", spare, "connect", args("slack"))))
	assert.True(t, spare.Get("closed").Bool(), "the spare window is closed")
	assert.False(t, w.Get("closed").Bool(), "the flow's window stays")
	// The same window handed again (window.open reuses a named window) stays open.
	assert.True(t, p.Equal(x.Call("_withWindow", w, "connect", args("slack"))))
	assert.False(t, w.Get("closed").Bool())

	// A blocked early window is popup_blocked; a bad call closes its window.
	authorizationError(t, rejection(t, x.Call("_withWindow", js.Null(), "addConnection", args("github"))),
		"popup_blocked", "Failed to open the authorization window.")
	bad := page.Call("open", "loader-url", "x", "")
	assert.True(t, rejection(t, x.Call("_withWindow", bad, "connect", args(42))).InstanceOf(jsTypeError))
	assert.True(t, bad.Get("closed").Bool())

	w.Set("closed", true) // the user gives up
	authorizationError(t, rejection(t, p), "cancelled", "Installation cancelled.")
	assert.Zero(t, page.Get("listeners").Get("size").Int())
	assert.Equal(t, live, jsinterop.Live(), "every window's listener was released")
}

func TestWithWindowWaitsForTheCookieSessionsToken(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	stub := flowStub("active")
	stub.answer("POST /sessions/token", 200, `{"access_token":"from-cookie"}`)
	stub.gate = make(chan struct{}) // hold every request until the call is made
	s := newTestSDK(t, stub)
	x := s.Object()

	// As the loader does for a call made before the wasm was ready: the SDK
	// has just started and holds no token yet.
	// Its loading page said it was ready before the wasm was; the loader
	// heard it (and one from elsewhere) and hands it over.
	w := page.Call("open", "loader-url", "ikit:authorization:slack", "")
	heard := jsEval(`[{origin: "http://evil.example", data: "authWindow:ready"}, {origin: "http://127.0.0.1:1", data: "authWindow:ready"}]`)
	p := x.Call("_withWindow", w, "connect", js.ValueOf([]any{"slack"}), heard)
	stub.open()
	conn, err := await(t, p)
	require.NoError(t, err)
	assert.Equal(t, "c1", conn.Get("id").String())
	assert.Equal(t, "from-cookie", s.client.Token())
	assert.Equal(t, 1, page.Get("opened").Length(), "the loader's window was the flow's")
	assert.True(t, w.Get("closed").Bool())
}

// Nowhere to send the page to log in (no login_redirect_url): the flow
// fails unauthorized at once, and the loader's window is closed.
func TestWithWindowWithoutALoginPageIsUnauthorized(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	stub := newPlatformStub(false) // POST /sessions/token: 401
	stub.answer("GET /platform", 200, `{"platform":{"name":"Demo","slug":"demo"}}`)
	s := newTestSDK(t, stub)
	w := page.Call("open", "loader-url", "ikit:authorization:slack", "")
	e := rejection(t, s.Object().Call("_withWindow", w, "addConnection", js.ValueOf([]any{"slack"})))
	assert.Equal(t, "unauthorized", e.Get("reason").String())
	assert.Contains(t, e.Get("message").String(), "no login_redirect_url")
	assert.True(t, w.Get("closed").Bool(), "the loader's window is closed")
}
