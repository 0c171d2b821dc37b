//go:build js

package bridge

import (
	"strings"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBadArgumentsRejectBeforeAnyRequest(t *testing.T) {
	captureWarnings(t)
	stub := newPlatformStub(true) // every request waits at the gate, so none can slip by unseen
	s := newTestSDK(t, stub)
	x := s.Object()
	stub.waitRequest(t) // init's first request (the public platform) is now parked
	before := stub.count()

	conn := `{id: "c1", enabled: true}`
	cases := []struct{ call, message string }{
		{`x => x.getConnector()`, `getConnector: slug must be a string such as "slack"`},
		{`x => x.getConnector(42)`, `getConnector: slug must be a string such as "slack"`},
		{`x => x.getConnector("")`, `getConnector: slug must be a string such as "slack"`},
		{`x => x.getConnectionOrConnector({slug: "slack"})`, `getConnectionOrConnector: slug must be`},
		{`x => x.listConnections(7)`, `listConnections: slug must be a string`},
		{`x => x.getConnection()`, `getConnection: query must be { slug: "slack" } or { id: "..." }`},
		{`x => x.getConnection({})`, `getConnection: query must be`},
		{`x => x.getConnection({slug: 3})`, `getConnection: query.slug must be a string`},
		{`x => x.getConnectionToken(null)`, `getConnectionToken: query must be`},
		{`x => x.removeConnection([])`, `removeConnection: query must be`},
		{`x => x.disconnect()`, `disconnect: connector must be a Connector or its slug`},
		{`x => x.disconnect({name: "Slack"})`, `disconnect: connector must be`},
		{`x => x.setAuthorizationFields(1, "s", {})`, `setAuthorizationFields: prototypeSlug must be`},
		{`x => x.setAuthorizationFields("p", undefined, {})`, `setAuthorizationFields: state must be`},
		{`x => x.setAuthorizationFields("p", "s", "api_key=1")`, `setAuthorizationFields: params must be an object`},
		{`x => x.setAuthorizationFields("p", "s", [])`, `setAuthorizationFields: params must be an object`},
		{`x => x.setAuthorizationField("p", "s")`, `setAuthorizationField: params must be an object`},
		{`x => x.listCRMObjects("c1", {})`, `listCRMObjects: connection must be a Connection object with an id`},
		{`x => { const m = {}; m.self = m; return x.listCRMObjects(` + conn + `, m) }`, `listCRMObjects: mapping cannot be sent as JSON`},
		{`x => x.listAPIObjects({enabled: true})`, `listAPIObjects: connection must be`},
		{`x => x.getAPIObject(` + conn + `)`, `getAPIObject: apiObjectSlug must be`},
		{`x => x.getMapping()`, `getMapping: connection must be`},
		{`x => x.saveMapping(` + conn + `, [], {n: 1n})`, `saveMapping: mapping cannot be sent as JSON`},
	}
	for _, c := range cases {
		e := rejection(t, jsEval(c.call).Invoke(x))
		assert.True(t, e.InstanceOf(jsTypeError), c.call)
		assert.Contains(t, e.Get("message").String(), c.message, c.call)
	}
	// Give any goroutine a wrongly accepted call might have started its turn.
	_, _ = await(t, jsEval(`new Promise(r => setTimeout(r, 0))`))
	assert.Equal(t, before, stub.count(), "no request for a refused call")

	// The control: a good call does reach the platform.
	stub.answer("GET /platform/connectors/slack", 200, `{"connector":{"slug":"slack","name":"Slack"}}`)
	stub.open()
	v, err := await(t, x.Call("getConnector", "slack"))
	require.NoError(t, err)
	assert.Equal(t, "Slack", v.Get("name").String())
	assert.Greater(t, stub.count(), before)
}

func TestCallsResolveWithThePlatformsJSON(t *testing.T) {
	captureWarnings(t)
	stub := newPlatformStub(false)
	platform := `{"name":"Demo ✓","slug":"demo","website":"https://example.com","login_redirect_url":"http://127.0.0.1:1/login","remove_branding":false,"extra":{"unknown":[1,2.5,"ü"]}}`
	stub.answer("GET /platform", 200, `{"platform":`+platform+`}`)
	s := newTestSDK(t, stub)

	v, err := await(t, s.Object().Call("getPlatform"))
	require.NoError(t, err)
	assert.Equal(t, jsJSON.Call("stringify", jsJSON.Call("parse", platform)).String(), stringifyJS(v))
}

func TestAPIErrorsRejectAsIKitAPIError(t *testing.T) {
	captureWarnings(t)
	stub := newPlatformStub(false)
	stub.answer("GET /platform/connectors/nope", 404, `{"error":"Connector \"nope\" not found."}`)
	s := newTestSDK(t, stub)
	e := rejection(t, s.Object().Call("getConnector", "nope"))
	assert.True(t, e.InstanceOf(jsError))
	assert.Equal(t, "IKitAPIError", e.Get("name").String())
	assert.Equal(t, 404, e.Get("statusCode").Int())
	assert.Equal(t, "Not Found", e.Get("statusText").String())
	// As xkit.js's class: its own constructor, and fields JSON shows.
	class := e.Get("constructor")
	assert.Equal(t, "IKitAPIError", class.Get("name").String())
	assert.False(t, class.Equal(jsError))
	assert.True(t, e.InstanceOf(class))
	assert.Equal(t, `{"name":"IKitAPIError","message":"Not Found","statusCode":404,"statusText":"Not Found","debugMessage":"Connector \"nope\" not found."}`,
		stringifyJS(e))
	assert.True(t, class.Get("prototype").Equal(js.Global().Get("Object").Call("getPrototypeOf", e)))
}

// login resolves undefined whatever happens, as xkit.js's did; what went
// wrong is a console warning. Argument mistakes make no request.
func TestLoginAlwaysResolves(t *testing.T) {
	warnings := captureWarnings(t)
	stub := newPlatformStub(true) // every request waits at the gate, so none can slip by unseen
	stub.answer("POST /sessions", 401, `{"error":"token expired"}`)
	s := newTestSDK(t, stub)
	x := s.Object()
	stub.waitRequest(t) // init's first request (the public platform) is now parked
	before := stub.count()
	for _, c := range []struct{ call, warning string }{
		{`x => x.login()`, `Xkit: TypeError: login: token must be a non-empty string, or a function`},
		{`x => x.login("")`, `Xkit: TypeError: login: token must be`},
		{`x => x.login(123)`, `Xkit: TypeError: login: token must be`},
		{`x => x.login("tok", "not a function")`, `Xkit: TypeError: login: tokenCallback must be a function`},
	} {
		v, err := await(t, jsEval(c.call).Invoke(x))
		require.NoError(t, err, c.call)
		assert.True(t, v.IsUndefined(), c.call)
		w := warnings()
		require.NotEmpty(t, w, c.call)
		assert.Contains(t, w[len(w)-1], c.warning, c.call)
	}
	_, _ = await(t, jsEval(`new Promise(r => setTimeout(r, 0))`))
	assert.Equal(t, before, stub.count(), "no request for an argument mistake")

	stub.open()
	v, err := await(t, x.Call("login", "expired-token"))
	require.NoError(t, err)
	assert.True(t, v.IsUndefined())
	w := warnings()
	assert.Equal(t, "Xkit: IKitAPIError: Unauthorized", w[len(w)-1])
	assert.Equal(t, "", s.client.Token(), "no token is held")
}

func TestLoginWithATokenFunction(t *testing.T) {
	warnings := captureWarnings(t)
	stub := newPlatformStub(false)
	stub.answer("POST /sessions", 200, `{}`)
	s := newTestSDK(t, stub)
	x := s.Object()

	calls := jsEval(`({n: 0})`)
	fn := jsEval(`c => async () => { c.n++; await new Promise(r => setTimeout(r, 1)); return "tok-from-page"; }`).Invoke(calls)
	_, err := await(t, x.Call("login", fn))
	require.NoError(t, err)
	assert.Equal(t, 1, calls.Get("n").Int())
	assert.Equal(t, "tok-from-page", s.client.Token())
	last := stub.requests[len(stub.requests)-1]
	assert.Equal(t, "Bearer tok-from-page", last.Header["Authorization"])

	// A function that rejects, throws or gives no string: the login still
	// resolves, and the warning shows what the page's function did.
	for _, c := range []struct{ fn, warning string }{
		{`() => Promise.reject(new Error("no token today"))`, "Xkit: Error: no token today"},
		{`() => { throw "sync" }`, "Xkit: sync"},
		{`async () => 42`, "Xkit: Error: login: the token function must return a non-empty string"},
	} {
		_, err := await(t, x.Call("login", jsEval(c.fn)))
		require.NoError(t, err, c.fn)
		w := warnings()
		require.NotEmpty(t, w)
		assert.Contains(t, w[len(w)-1], c.warning, c.fn)
	}
}

// config:update carries what xkit.js's did: {token, tokenCallback} on login
// (the page's own function, or a default one) and {token: undefined} on
// logout.
func TestConfigUpdatePayloads(t *testing.T) {
	captureWarnings(t)
	stub := newPlatformStub(false)
	stub.answer("POST /sessions", 200, `{}`)
	stub.answer("DELETE /sessions", 204, ``)
	s := newTestSDK(t, stub)
	x := s.Object()
	_, _ = await(t, x.Call("getPlatform")) // init has reported its state
	seen := jsEval(`[]`)
	x.Call("on", "config:update", jsEval(`seen => p => { if ("token" in p) seen.push(p); }`).Invoke(seen))

	cb := jsEval(`async () => "tok-2"`)
	_, err := await(t, x.Call("login", "tok-1", cb))
	require.NoError(t, err)
	_, err = await(t, x.Call("logout"))
	require.NoError(t, err)
	_, err = await(t, x.Call("login", "tok-3"))
	require.NoError(t, err)

	require.Equal(t, 3, seen.Length())
	first, second, third := seen.Index(0), seen.Index(1), seen.Index(2)
	assert.Equal(t, "tok-1", first.Get("token").String())
	assert.True(t, first.Get("tokenCallback").Equal(cb), "the page's own callback")
	assert.True(t, hasOwn(second, "token") && second.Get("token").IsUndefined(), "logout: {token: undefined}")
	assert.False(t, hasOwn(second, "tokenCallback"))
	assert.Equal(t, js.TypeFunction, third.Get("tokenCallback").Type(), "the default callback")
	assert.False(t, third.Get("tokenCallback").Equal(cb))
}

func TestConnectionStatus(t *testing.T) {
	s := newTestSDK(t, newPlatformStub(false))
	x := s.Object()
	cases := map[string]int{
		`undefined`:                    0,
		`{connector: {slug: "slack"}}`: 0,
		`{id: "1", enabled: false, authorization: {status: "active"}}`:           0,
		`{id: "1", enabled: true}`:                                               1,
		`{id: "1", enabled: true, authorization: {status: "error"}}`:             1,
		`{id: "1", enabled: true, authorization: {status: "awaiting_callback"}}`: 2,
		`{id: "1", enabled: true, authorization: {status: "active"}}`:            2,
	}
	for conn, want := range cases {
		assert.Equal(t, want, x.Call("connectionStatus", jsEval(conn)).Int(), conn)
	}
}

func TestDeprecatedCallsWarn(t *testing.T) {
	warnings := captureWarnings(t)
	stub := newPlatformStub(false)
	stub.answer("POST /sessions", 200, `{}`)
	stub.answer("GET /connections/slack", 200, `{"connection":{"id":"c1","enabled":true}}`)
	s := newTestSDK(t, stub)
	x := s.Object()
	_, err := await(t, x.Call("login", "tok"))
	require.NoError(t, err)

	v, err := await(t, x.Call("getConnection", "slack"))
	require.NoError(t, err)
	assert.Equal(t, "c1", v.Get("id").String())
	assert.NotEmpty(t, filter(warnings(), `Specifying a connection by its connector slug (e.g. "slack") is deprecated`))

	_, _ = await(t, x.Call("setAuthorizationField", "p", "s", js.Global().Get("Object").New()))
	assert.NotEmpty(t, filter(warnings(), "xkit.setAuthorizationField is deprecated. Use xkit.setAuthorizationFields(...) instead."))
}

func TestScheme(t *testing.T) {
	cases := []struct {
		domain, page, want string
	}{
		{"example.xkit.co", "http:", "https"},
		{"example.xkit.co", "https:", "https"},
		{"localhost", "http:", "http"},
		{"localhost:8080", "http:", "http"},
		{"LOCALHOST:8080", "http", "http"},
		{"127.0.0.1:9000", "http:", "http"},
		{"127.0.0.1", "https:", "https"},
		{"[::1]:8080", "http:", "http"},
		{"[::1]", "http:", "http"},
		{"localhost.example.com", "http:", "https"},
		{"127.0.0.2", "http:", "https"},
		{"localhost:8080", "file:", "https"},
		{"localhost:8080", "", "https"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Scheme(c.domain, c.page), "%s on %s", c.domain, c.page)
	}
}

func TestNewRefusesURLsAsDomains(t *testing.T) {
	for _, d := range []string{"", "https://example.xkit.co", "example.xkit.co/", "a b"} {
		_, err := New(d, "https:")
		assert.Error(t, err, d)
	}
}

func TestRegister(t *testing.T) {
	release := Register()
	defer release()
	factory := js.Global().Get(GlobalName)
	assert.Equal(t, Version, factory.Get("version").String())

	bad := factory.Call("create", "https://example.xkit.co", "https:")
	assert.True(t, bad.InstanceOf(jsTypeError))
	assert.Contains(t, bad.Get("message").String(), "init: domain must be a host name")
}

func TestObjectHasTheListedMethods(t *testing.T) {
	s := newTestSDK(t, newPlatformStub(false))
	keys := js.Global().Get("Object").Call("keys", s.Object())
	var got []string
	for i := 0; i < keys.Length(); i++ {
		got = append(got, keys.Index(i).String())
	}
	want := strings.Fields("_withWindow " + Methods.Async + " " + Methods.Popup + " " + Methods.Sync)
	assert.ElementsMatch(t, want, got, "Methods lists every method of the object, and only those")
	captureWarnings(t)
	ignore := jsEval(`() => {}`)
	for _, name := range strings.Fields(Methods.Async) {
		p := s.Object().Call(name) // no arguments: most reject at once
		assert.True(t, p.InstanceOf(js.Global().Get("Promise")), "%s returns a Promise", name)
		p.Call("catch", ignore)
	}
}
