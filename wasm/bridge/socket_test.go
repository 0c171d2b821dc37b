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
	"github.com/xkit-wasm/xkit/wasm/phx"
)

// fakeWebSocket puts a scriptable WebSocket class on globalThis (Node 20 has
// none): it opens on the next turn when autoOpen, else fails to (code 1006);
// close() reports the close event on the next turn, as browsers do. The real
// one runs in Chromium in internal/conformance.
func fakeWebSocket(t *testing.T, autoOpen bool) (made js.Value) {
	t.Helper()
	fake := jsEval(`auto => {
		const made = [];
		class FakeWebSocket {
			constructor(url) {
				this.url = url; this.sent = []; this.readyState = 0; made.push(this);
				this.gone = new Promise(r => this.onGone = r); // after the close event
				setTimeout(() => auto ? this.open() : this.drop(1006), 0);
			}
			send(text) { if (this.readyState !== 1) throw new Error("not open"); this.sent.push(text); }
			close(code) {
				if (this.readyState === 3) return;
				this.readyState = 3;
				setTimeout(() => { this.onclose && this.onclose({code: code || 1005}); this.onGone(); }, 0);
			}
			open() { if (this.readyState === 0) { this.readyState = 1; this.onopen && this.onopen({}); } }
			receive(data) { this.onmessage && this.onmessage({data}); }
			drop(code) {
				if (this.readyState === 3) return;
				this.readyState = 3;
				this.onerror && this.onerror({});
				this.onclose && this.onclose({code});
				this.onGone();
			}
		}
		return {FakeWebSocket, made};
	}`).Invoke(autoOpen)
	globalSet(t, "WebSocket", fake.Get("FakeWebSocket"))
	return fake.Get("made")
}

// receiver records what a Conn delivers.
type receiver struct {
	messages chan string
	closed   chan error
}

func newReceiver() *receiver {
	return &receiver{messages: make(chan string, 8), closed: make(chan error, 2)}
}

func (r *receiver) Message(text string) { r.messages <- text }
func (r *receiver) Closed(err error)    { r.closed <- err }

func (r *receiver) waitClosed(t *testing.T) error {
	t.Helper()
	select {
	case err := <-r.closed:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("Closed was not called")
		return nil
	}
}

const socketURL = "ws://127.0.0.1:1/socket/websocket?token=SECRET&vsn=2.0.0"

func TestWebSocketCarriesTextFrames(t *testing.T) {
	fakeWebSocket(t, true)
	live := jsinterop.Live()
	r := newReceiver()
	c, err := WebSocket{}.Dial(context.Background(), socketURL, r)
	require.NoError(t, err)
	ws := c.(*wsConn).ws
	assert.Equal(t, socketURL, ws.Get("url").String())

	require.NoError(t, c.Send(`["1","1","phoenix","heartbeat",{}]`))
	assert.Equal(t, `["1","1","phoenix","heartbeat",{}]`, ws.Get("sent").Index(0).String())
	ws.Call("receive", `["1","1","phoenix","phx_reply",{"status":"ok","response":{}}]`)
	ws.Call("receive", jsEval(`new ArrayBuffer(2)`)) // not a text frame: ignored
	require.Len(t, r.messages, 1)
	assert.Equal(t, `["1","1","phoenix","phx_reply",{"status":"ok","response":{}}]`, <-r.messages)

	require.NoError(t, c.Close())
	assert.NoError(t, r.waitClosed(t), "a normal close is no error")
	assert.Error(t, c.Send("late"), "nothing is sent after close")
	assert.True(t, ws.Get("onmessage").IsNull(), "the handlers are detached")
	assert.Equal(t, live, jsinterop.Live(), "and released")
	assert.Empty(t, r.closed, "Closed is called once")
}

func TestWebSocketThatDrops(t *testing.T) {
	fakeWebSocket(t, true)
	live := jsinterop.Live()
	r := newReceiver()
	c, err := WebSocket{}.Dial(context.Background(), socketURL, r)
	require.NoError(t, err)
	c.(*wsConn).ws.Call("drop", 1006)
	err = r.waitClosed(t)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "code 1006")
	assert.NotContains(t, err.Error(), "SECRET", "the token stays out of messages")
	assert.Equal(t, live, jsinterop.Live())
}

func TestWebSocketThatDoesNotOpen(t *testing.T) {
	fakeWebSocket(t, false)
	live := jsinterop.Live()
	r := newReceiver()
	_, err := WebSocket{}.Dial(context.Background(), socketURL, r)
	require.Error(t, err)
	assert.Equal(t, "the status socket ws://127.0.0.1:1/socket/websocket could not be opened", err.Error())
	assert.Empty(t, r.closed, "the receiver of a socket that never opened hears nothing")
	assert.Equal(t, live, jsinterop.Live())
}

func TestWebSocketDialEndsWithItsContext(t *testing.T) {
	made := fakeWebSocket(t, true)
	live := jsinterop.Live()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := WebSocket{}.Dial(ctx, socketURL, newReceiver())
	assert.True(t, errors.Is(err, context.Canceled))
	require.Equal(t, 1, made.Length())
	// The socket closes on a later turn; then its handlers go.
	_, err = await(t, made.Index(0).Get("gone"))
	require.NoError(t, err)
	assert.Equal(t, live, jsinterop.Live())
}

func TestWebSocketMissing(t *testing.T) {
	globalSet(t, "WebSocket", nil)
	_, err := WebSocket{}.Dial(context.Background(), socketURL, newReceiver())
	assert.ErrorIs(t, err, errNoWebSocket)
}

var _ phx.Receiver = (*receiver)(nil)
