//go:build js

package bridge

import (
	"context"
	"errors"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// The Go face of the SDK (gocalls.go) is what the catalog uses: the same
// flows and events as the page's methods, with Go types.

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestGoAddConnectionOpensThePopupBeforeItReturns(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)
	s := loggedInSDK(t, flowStub("active"))
	live := jsinterop.Live()

	wait := s.AddConnection("slack")
	require.Equal(t, 1, page.Get("opened").Length(), "window.open ran inside the call")
	w := page.Get("windows").Index(0)
	page.Call("dispatch", jsEval(`(w, origin) => ({origin, source: w, data: "authWindow:ready"})`).Invoke(w, "http://127.0.0.1:1"))

	conn, err := wait(waitCtx(t))
	require.NoError(t, err)
	id, _ := conn.Get("id").Str()
	assert.Equal(t, "c1", id, "the connection as the core read it: no JS in between")
	assert.True(t, w.Get("closed").Bool(), "the popup is closed")
	assert.Equal(t, live, jsinterop.Live(), "every callback of the flow was released")
}

func TestGoConnectErrorsKeepTheirType(t *testing.T) {
	captureWarnings(t)
	page := fakePage(t)

	noLoginPage := newPlatformStub(false)
	noLoginPage.answer("GET /platform", 200, `{"platform":{"name":"Demo","slug":"demo"}}`)
	_, err := newTestSDK(t, noLoginPage).AddConnection("slack")(waitCtx(t))
	ce, ok := errors.AsType[*xkit.ConnectError](err)
	require.True(t, ok, "a *xkit.ConnectError, got %T", err)
	assert.Equal(t, xkit.CodeUnauthorized, ce.Code, "no token, and nowhere to log in")

	page.Set("block", true)
	s := loggedInSDK(t, newPlatformStub(false))
	_, err = s.Reconnect(jsonv.Raw(`{"id":"c1","connector":{"slug":"slack"}}`))(waitCtx(t))
	ce, ok = errors.AsType[*xkit.ConnectError](err)
	require.True(t, ok, "a *xkit.ConnectError, got %T", err)
	assert.Equal(t, xkit.CodePopupBlocked, ce.Code)

	_, err = s.Reconnect(jsonv.Raw(`{"id":"c1"}`))(waitCtx(t))
	_, ok = errors.AsType[*xkit.ArgError](err)
	assert.True(t, ok, "a connection without its connector is an argument mistake, got %v", err)
	assert.Equal(t, 2, page.Get("opened").Length(), "the first flow's window and the blocked try")
}

func TestGoSubscribeGetsTheEventsPayload(t *testing.T) {
	captureWarnings(t)
	stub := newPlatformStub(false)
	stub.answer("DELETE /connection/c1", 200, `{"connection":{"id":"c1","connector":{"slug":"slack"}}}`)
	s := loggedInSDK(t, stub)
	pageHeard := jsEval(`({n: 0})`)
	require.True(t, s.Object().Call("on", "connection:remove", jsEval(`h => () => { h.n++; }`).Invoke(pageHeard)).IsUndefined())

	var got []string
	unsubscribe := s.Subscribe("connection:remove", func(payload jsonv.Value) {
		id, _ := payload.Get("id").Str()
		got = append(got, id)
	})
	require.NoError(t, s.RemoveConnection(waitCtx(t), xkit.Query{ID: "c1"}))
	assert.Equal(t, []string{"c1"}, got)
	assert.Equal(t, 1, pageHeard.Get("n").Int(), "the page's listener heard it too")

	unsubscribe()
	require.NoError(t, s.RemoveConnection(waitCtx(t), xkit.Query{ID: "c1"}))
	assert.Equal(t, []string{"c1"}, got, "not after unsubscribe")
	assert.Equal(t, 2, pageHeard.Get("n").Int())
}

func TestDefineAddsMethodsTheSDKReleases(t *testing.T) {
	s, err := newSDK("127.0.0.1:1", "http:", newPlatformStub(false))
	require.NoError(t, err)
	before := jsinterop.Live()
	s.Define("renderSomething", func(args []js.Value) any { return jsinterop.Arg(args, 0).Int() * 2 })
	assert.Equal(t, 42, s.Object().Call("renderSomething", 21).Int())
	assert.Equal(t, before+1, jsinterop.Live())
	s.Release()
	assert.Less(t, jsinterop.Live(), before, "Release frees the defined method with the SDK's own")
}

func TestRegisterExtendsEverySDK(t *testing.T) {
	var made []*SDK
	unregister := Register(func(s *SDK) {
		made = append(made, s)
		s.Define("extra", func([]js.Value) any { return "here" })
	})
	defer unregister()
	factory := js.Global().Get(GlobalName)
	x := factory.Call("create", "127.0.0.1:1", "http:")
	require.Len(t, made, 1)
	t.Cleanup(made[0].Release)
	assert.Equal(t, "here", x.Call("extra").String())
	assert.True(t, x.Equal(made[0].Object()))
}
