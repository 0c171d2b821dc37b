//go:build !js

package phx_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/xkitdtest"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/phx"
)

// The status socket of a real xkitd: join answers the status, a change
// arrives as status_update, heartbeats are answered.
func TestXkitdStatusSocket(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	token := p.UserToken(t, "user-1")
	req, _ := http.NewRequest("POST", p.URL+"/api/platform_user/connections/slack", strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := p.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out struct {
		Connection struct{ Authorization struct{ ID string } }
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	authID := out.Connection.Authorization.ID
	require.NotEmpty(t, authID)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d := phx.NativeDialer{Client: p.Client()}
	beats := make(chan string, 100)
	url := "ws://" + p.Domain + "/socket/websocket?token=" + token + "&vsn=2.0.0"
	// A heartbeat unanswered by the next tick closes the socket: leave a
	// reply over loopback far more time than it needs, even on a loaded machine.
	s, err := phx.Dial(ctx, watching{d, beats}, url, phx.Options{Heartbeat: 250 * time.Millisecond})
	require.NoError(t, err)
	defer s.Close()
	ch, resp, err := s.Join(ctx, "authorization_status:"+authID, jsonv.Raw("{}"))
	require.NoError(t, err)
	assert.Equal(t, `{"status":"awaiting_callback"}`, resp.Raw())

	for range 3 { // heartbeats go by, each answered, and the socket stays open
		select {
		case reply := <-beats:
			assert.JSONEq(t, `{"status":"ok","response":{}}`, reply)
		case <-s.Done():
			t.Fatalf("socket closed: %v", s.Err())
		case <-ctx.Done():
			t.Fatal("no heartbeat reply")
		}
	}

	p.BreakAuthorization(t, authID)
	select {
	case push := <-ch.Pushes():
		assert.Equal(t, "status_update", push.Event)
		assert.Equal(t, `{"status":"error"}`, push.Payload.Raw())
	case <-ctx.Done():
		t.Fatal("no status_update")
	}
	require.NoError(t, ch.Leave(ctx))

	_, _, err = s.Join(ctx, "authorization_status:not-mine", jsonv.Raw("{}"))
	var je *phx.JoinError
	require.ErrorAs(t, err, &je)

	_, err = phx.Dial(ctx, d, "ws://"+p.Domain+"/socket/websocket?token=bad&vsn=2.0.0", phx.Options{})
	assert.Error(t, err, "a bad token is refused before the upgrade")
}

// watching passes the server's heartbeat replies to beats.
type watching struct {
	d     phx.Dialer
	beats chan string
}

func (w watching) Dial(ctx cancel.Context, url string, r phx.Receiver) (phx.Conn, error) {
	return w.d.Dial(ctx, url, watchingReceiver{r, w.beats})
}

type watchingReceiver struct {
	phx.Receiver
	beats chan string
}

func (w watchingReceiver) Message(text string) {
	if f, err := phx.Decode(text); err == nil && f.Topic == "phoenix" && f.Event == "phx_reply" {
		select {
		case w.beats <- f.Payload.Raw():
		default:
		}
	}
	w.Receiver.Message(text)
}
