//go:build js

package bridge

import (
	"strings"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// thrown is what the loader would throw for a synchronous Go method's result:
// the Error it returned, or undefined when it returned anything else.
func thrown(v js.Value) js.Value {
	if v.InstanceOf(jsError) {
		return v
	}
	return js.Undefined()
}

func TestOnOffRules(t *testing.T) {
	s := newTestSDK(t, newPlatformStub(false))
	x := s.Object()
	fn := jsEval(`() => {}`)
	other := jsEval(`() => {}`)

	require.True(t, thrown(x.Call("on", "connection:enable", fn)).IsUndefined())
	e := thrown(x.Call("on", "connection:enable", fn))
	require.False(t, e.IsUndefined(), "same fn twice for one type throws")
	assert.Equal(t, "Can not use the same function for the same type of event more than once.", e.Get("message").String())

	assert.True(t, thrown(x.Call("on", "connection:remove", fn)).IsUndefined(), "same fn, other type is fine")
	assert.True(t, thrown(x.Call("on", "connection:enable", other)).IsUndefined(), "other fn, same type is fine")

	e = thrown(x.Call("off", "config:update", fn))
	require.False(t, e.IsUndefined(), "off of an unknown fn throws")
	assert.Equal(t, "The supplied function is not a listener on the given type.", e.Get("message").String())

	assert.True(t, thrown(x.Call("off", "connection:enable", fn)).IsUndefined())
	assert.False(t, thrown(x.Call("off", "connection:enable", fn)).IsUndefined(), "already removed")
	assert.True(t, thrown(x.Call("on", "connection:enable", fn)).IsUndefined(), "can subscribe again")

	for _, bad := range [][]any{{"connection:enable"}, {"connection:enable", "not a fn"}, {42, fn}, {"", fn}} {
		e := thrown(x.Call("on", bad...))
		require.False(t, e.IsUndefined(), "%v", bad)
		assert.True(t, e.InstanceOf(jsTypeError))
		assert.Contains(t, e.Get("message").String(), "on: ")
	}
}

func TestConnectionDisableWarns(t *testing.T) {
	warnings := captureWarnings(t)
	s := newTestSDK(t, newPlatformStub(false))
	x := s.Object()
	x.Call("on", "connection:remove", jsEval(`() => {}`))
	assert.Empty(t, filter(warnings(), "deprecated"))
	x.Call("on", "connection:disable", jsEval(`() => {}`))
	got := filter(warnings(), "deprecated")
	require.Len(t, got, 1)
	assert.Equal(t, "Xkit: The connection:disable event is deprecated. Use connection:remove instead.", got[0])
}

func filter(list []string, word string) []string {
	var out []string
	for _, s := range list {
		if strings.Contains(s, word) {
			out = append(out, s)
		}
	}
	return out
}

func TestEmitCallsListenersInOrder(t *testing.T) {
	captureWarnings(t) // keep the core's init warnings out of the test output
	s := newTestSDK(t, newPlatformStub(false))
	x := s.Object()
	log := jsEval(`[]`)
	first := jsEval(`log => p => log.push("first:" + p.id + ":" + p.connector.name)`).Invoke(log)
	bug := jsEval(`new Error("listener bug")`)
	thrower := jsEval(`bug => () => { throw bug; }`).Invoke(bug)
	second := jsEval(`log => p => log.push("second:" + p.id)`).Invoke(log)
	for _, fn := range []js.Value{first, thrower, second} {
		x.Call("on", "connection:enable", fn)
	}
	x.Call("on", "connection:remove", jsEval(`log => p => log.push("remove")`).Invoke(log))

	// A throwing listener's exception reaches the page as an uncaught one
	// (reportError, which Node lacks: a stand-in), after the emit; the
	// others still run.
	reported := jsEval(`[]`)
	g := js.Global()
	g.Set("reportError", jsEval(`list => e => list.push(e)`).Invoke(reported))
	defer g.Delete("reportError")

	s.events.emit("connection:enable", jsonv.Raw(`{"id":"c1","connector":{"name":"Slack ✓"}}`))
	assert.Equal(t, `["first:c1:Slack ✓","second:c1"]`, stringifyJS(log))
	assert.Zero(t, reported.Length(), "reported after the emit, not inside it")
	_, err := await(t, jsEval(`new Promise(r => setTimeout(r, 0))`)) // queued after the report
	require.NoError(t, err)
	require.Equal(t, 1, reported.Length())
	assert.True(t, reported.Index(0).Equal(bug), "the very value the listener threw")

	x.Call("off", "connection:enable", first)
	s.events.emit("connection:enable", jsonv.Raw(`{"id":"c2"}`))
	s.events.emit("connection:disable", jsonv.String("slack")) // nobody listens
	assert.Equal(t, `["first:c1:Slack ✓","second:c1","second:c2"]`, stringifyJS(log))
}

func TestListenerMayUnsubscribeWhileEmitting(t *testing.T) {
	s := newTestSDK(t, newPlatformStub(false))
	x := s.Object()
	log := jsEval(`[]`)
	// connection:enable: the core's own init only emits config:update.
	once := jsEval(`(x, log) => { const f = p => { log.push("once"); x.off("connection:enable", f); }; return f; }`).Invoke(x, log)
	x.Call("on", "connection:enable", once)
	x.Call("on", "connection:enable", jsEval(`log => () => log.push("always")`).Invoke(log))
	s.events.emit("connection:enable", jsonv.Raw(`{"id":"a"}`))
	s.events.emit("connection:enable", jsonv.Raw(`{"id":"b"}`))
	assert.Equal(t, `["once","always","always"]`, stringifyJS(log))
}
