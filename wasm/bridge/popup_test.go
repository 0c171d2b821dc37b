//go:build js

package bridge

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

func TestPopupForwardsOnlyThePlatformsMessagesFromItsWindow(t *testing.T) {
	page := fakePage(t)
	w := page.Call("open", "u", "ikit:authorization:slack", "")
	other := page.Call("open", "u", "ikit:authorization:github", "")
	out := make(chan xkit.PopupMessage, 16)
	live := jsinterop.Live()
	p := newPopup(w, "http://127.0.0.1:1", out)
	require.Equal(t, 1, page.Get("listeners").Get("size").Int())

	event := jsEval(`(source, origin, data) => ({source, origin, data})`)
	send := func(source js.Value, origin string, data any) {
		page.Call("dispatch", event.Invoke(source, origin, data))
	}
	send(w, "http://evil.example", "authWindow:ready")           // another origin
	send(other, "http://127.0.0.1:1", "authWindow:ready")        // the platform, but another window
	send(js.Null(), "http://127.0.0.1:1", "authWindow:ready")    // no source
	send(w, "http://127.0.0.1:1", js.Undefined())                // nothing JSON can carry
	send(w, "http://127.0.0.1:1", "authWindow:ready")            // ours
	send(w, "http://127.0.0.1:1", jsEval(`({error: "Boom ✓"})`)) // ours

	// The listener hands messages over before dispatch returns.
	require.Len(t, out, 2)
	m := <-out
	assert.Equal(t, "http://127.0.0.1:1", m.Origin)
	assert.Equal(t, `"authWindow:ready"`, m.Data.Raw())
	m = <-out
	e, _ := m.Data.Get("error").Str()
	assert.Equal(t, "Boom ✓", e)

	p.Focus()
	assert.Equal(t, 1, w.Get("focused").Int())
	assert.False(t, p.Closed())
	p.Close()
	p.Close() // the core calls it once; twice must be harmless too
	assert.True(t, w.Get("closed").Bool())
	assert.True(t, p.Closed())
	assert.Zero(t, page.Get("listeners").Get("size").Int(), "the listener is removed")
	assert.Equal(t, live, jsinterop.Live(), "and released")
}

func TestPopupNavigate(t *testing.T) {
	page := fakePage(t)
	w := page.Call("open", "u", "n", "")
	p := newPopup(w, "http://127.0.0.1:1", make(chan xkit.PopupMessage, 1))
	defer p.Close()
	p.Navigate("http://127.0.0.1:1/next")
	assert.Equal(t, "http://127.0.0.1:1/next", w.Get("replaced").Index(0).String())
	assert.Zero(t, w.Get("posted").Length())

	// Where the location cannot be set, the platform's page is told instead.
	w.Set("location", jsEval(`({replace() { throw new Error("not allowed") }})`))
	p.Navigate("http://127.0.0.1:1/other")
	require.Equal(t, 1, w.Get("posted").Length())
	posted := w.Get("posted").Index(0)
	assert.Equal(t, "http://127.0.0.1:1/other", posted.Index(0).Get("location").String())
	assert.Equal(t, "http://127.0.0.1:1", posted.Index(1).String())
}
