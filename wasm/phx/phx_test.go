package phx_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/phx"
)

func TestFrameRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		f    phx.Frame
		text string
	}{
		{phx.Frame{JoinRef: "1", Ref: "1", Topic: "authorization_status:a", Event: "phx_join"}, `["1","1","authorization_status:a","phx_join",{}]`},
		{phx.Frame{Ref: "7", Topic: "phoenix", Event: "heartbeat"}, `[null,"7","phoenix","heartbeat",{}]`},
		{phx.Frame{JoinRef: "1", Topic: "t\"q", Event: "status_update", Payload: jsonv.Raw(`{"status":"active"}`)}, `["1",null,"t\"q","status_update",{"status":"active"}]`},
	} {
		assert.Equal(t, tc.text, tc.f.Encode())
		back, err := phx.Decode(tc.text)
		require.NoError(t, err)
		if !tc.f.Payload.Exists() {
			tc.f.Payload = jsonv.Raw("{}")
		}
		tc.f.Payload = parsed(t, tc.f.Payload.Raw())
		assert.Equal(t, tc.f, back)
	}
	for _, bad := range []string{`{}`, `[1,2,3,4,5]`, `["1","2","t","e"]`, `["1",2,"t","e",{}]`, `not json`, ``} {
		_, err := phx.Decode(bad)
		assert.Error(t, err, bad)
	}
}

// server is the far end of an in-memory Conn: the test plays the Phoenix
// server by reading what the socket sent and answering through recv.
type server struct {
	sent   chan phx.Frame
	recv   phx.Receiver
	mu     sync.Mutex
	closed bool
}

func (s *server) Dial(ctx cancel.Context, url string, r phx.Receiver) (phx.Conn, error) {
	s.recv = r
	return s, nil
}

func (s *server) Send(text string) error {
	f, err := phx.Decode(text)
	if err != nil {
		return err
	}
	s.sent <- f
	return nil
}

func (s *server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		go s.recv.Closed(nil)
	}
	return nil
}

func (s *server) next(t *testing.T) phx.Frame {
	t.Helper()
	select {
	case f := <-s.sent:
		return f
	case <-time.After(5 * time.Second):
		t.Fatal("the socket sent nothing")
		return phx.Frame{}
	}
}

func (s *server) reply(f phx.Frame, payload string) {
	s.recv.Message(phx.Frame{JoinRef: f.JoinRef, Ref: f.Ref, Topic: f.Topic, Event: "phx_reply", Payload: jsonv.Raw(payload)}.Encode())
}

func dial(t *testing.T, o phx.Options) (*phx.Socket, *server) {
	srv := &server{sent: make(chan phx.Frame, 16)}
	s, err := phx.Dial(context.Background(), srv, "ws://test/socket/websocket?vsn=2.0.0", o)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, srv
}

func TestJoinPushesLeave(t *testing.T) {
	s, srv := dial(t, phx.Options{Heartbeat: time.Hour})
	type joined struct {
		ch   *phx.Channel
		resp jsonv.Value
		err  error
	}
	done := make(chan joined)
	go func() {
		ch, resp, err := s.Join(context.Background(), "authorization_status:a", jsonv.Raw("{}"))
		done <- joined{ch, resp, err}
	}()
	join := srv.next(t)
	assert.Equal(t, phx.Frame{JoinRef: "1", Ref: "1", Topic: "authorization_status:a", Event: "phx_join", Payload: parsed(t, "{}")}, join)
	srv.reply(join, `{"status":"ok","response":{"status":"awaiting_callback"}}`)
	// Pushes right after the reply, before Join has returned, are kept in order.
	for _, st := range []string{"retrieving_tokens", "active"} {
		srv.recv.Message(`["1",null,"authorization_status:a","status_update",{"status":"` + st + `"}]`)
	}
	srv.recv.Message(`["9",null,"authorization_status:a","status_update",{"status":"other join"}]`)
	srv.recv.Message(`["1",null,"authorization_status:b","status_update",{"status":"other topic"}]`)
	srv.recv.Message(`garbage`)
	j := <-done
	require.NoError(t, j.err)
	assert.Equal(t, `{"status":"awaiting_callback"}`, j.resp.Raw())
	for _, want := range []string{"retrieving_tokens", "active"} {
		p := <-j.ch.Pushes()
		assert.Equal(t, "status_update", p.Event)
		assert.Equal(t, `{"status":"`+want+`"}`, p.Payload.Raw())
	}

	left := make(chan error)
	go func() { left <- j.ch.Leave(context.Background()) }()
	leave := srv.next(t)
	assert.Equal(t, phx.Frame{JoinRef: "1", Ref: "2", Topic: "authorization_status:a", Event: "phx_leave", Payload: parsed(t, "{}")}, leave)
	srv.reply(leave, `{"status":"ok","response":{}}`)
	require.NoError(t, <-left)
	_, open := <-j.ch.Pushes()
	assert.False(t, open, "a left channel's pushes end")
}

func TestJoinRefused(t *testing.T) {
	s, srv := dial(t, phx.Options{Heartbeat: time.Hour})
	errc := make(chan error)
	go func() {
		_, _, err := s.Join(context.Background(), "authorization_status:x", jsonv.Raw("{}"))
		errc <- err
	}()
	srv.reply(srv.next(t), `{"status":"error","response":{"reason":"unauthorized"}}`)
	err := <-errc
	var je *phx.JoinError
	require.ErrorAs(t, err, &je)
	assert.Equal(t, "unauthorized", je.Reason)
}

func TestSocketCloseEndsChannelsAndWaiters(t *testing.T) {
	s, srv := dial(t, phx.Options{Heartbeat: time.Hour})
	go func() {
		join := srv.next(t)
		srv.reply(join, `{"status":"ok","response":{}}`)
	}()
	ch, _, err := s.Join(context.Background(), "t", jsonv.Raw("{}"))
	require.NoError(t, err)
	errc := make(chan error)
	go func() {
		_, _, err := s.Join(context.Background(), "u", jsonv.Raw("{}"))
		errc <- err
	}()
	srv.next(t)                             // the second join, never answered
	srv.recv.Closed(errors.New("net down")) // the server went away
	assert.EqualError(t, <-errc, "net down")
	_, open := <-ch.Pushes()
	assert.False(t, open)
	<-s.Done()
	assert.EqualError(t, s.Err(), "net down")
}

// The timer tests run in synctest bubbles: the socket's ticker follows the
// bubble's fake clock, so "the next tick" comes only once the test has
// done its part, however loaded the machine.

func TestHeartbeat(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, srv := dial(t, phx.Options{Heartbeat: 20 * time.Millisecond})
		refs := map[string]bool{}
		for range 3 { // answered heartbeats keep the socket open
			hb := srv.next(t)
			assert.Equal(t, "phoenix", hb.Topic)
			assert.Equal(t, "heartbeat", hb.Event)
			assert.Empty(t, hb.JoinRef)
			assert.False(t, refs[hb.Ref], "every heartbeat has a fresh ref")
			refs[hb.Ref] = true
			srv.reply(hb, `{"status":"ok","response":{}}`)
		}
		synctest.Wait()
		select {
		case <-s.Done():
			t.Fatal("closed although every heartbeat was answered")
		default:
		}
		srv.next(t) // not answered: the next tick closes the socket
		<-s.Done()
		assert.ErrorIs(t, s.Err(), phx.ErrHeartbeatTimeout)
	})
}

func TestReplyTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _ := dial(t, phx.Options{Heartbeat: time.Hour, Timeout: 30 * time.Millisecond})
		start := time.Now()
		_, _, err := s.Join(context.Background(), "t", jsonv.Raw("{}"))
		assert.ErrorIs(t, err, phx.ErrTimeout)
		assert.Equal(t, 30*time.Millisecond, time.Since(start), "on the fake clock: exactly the timeout")
	})
}

// parsed is s as a frame read off the socket holds it: parsed (a
// jsonv.Value remembers that), so frames compare equal.
func parsed(t *testing.T, s string) jsonv.Value {
	t.Helper()
	v, err := jsonv.Parse(s)
	require.NoError(t, err)
	return v
}
