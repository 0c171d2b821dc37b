package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// statusSocket is one status socket (spec section 7) joined to the topic
// of one authorization, as an SDK waiting for a popup holds it.
type statusSocket struct {
	conn *websocket.Conn
	ref  int
	done chan struct{} // closed when its heartbeat loop ends
	lost atomic.Bool   // a heartbeat failed: the server dropped it
}

// heartbeatEvery is the SDK's heartbeat interval (spec section 7).
const heartbeatEvery = 15 * time.Second

// openSockets gives socket i to user i mod users: each gets its own new
// Salesforce connection (setup, not measured), then connects and joins its
// authorization's topic (measured, 50 at a time), then sends heartbeats
// until ctx ends. It returns the open sockets and how many failed to open.
func openSockets(ctx context.Context, client *http.Client, c loadConfig, users []*loadUser, rec *recorder) ([]*statusSocket, int) {
	var (
		mu     sync.Mutex
		socks  []*statusSocket
		failed int
		wg     sync.WaitGroup
	)
	sem := make(chan struct{}, 50)
	for i := range c.sockets {
		u := users[i%len(users)]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			s, err := openSocket(ctx, client, u, rec)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed++
				return
			}
			socks = append(socks, s)
			// A random phase, so the sockets do not beat in step.
			go s.beat(ctx, rec, time.Duration(rand.Int64N(int64(heartbeatEvery))))
		}()
	}
	wg.Wait()
	return socks, failed
}

func openSocket(ctx context.Context, client *http.Client, u *loadUser, rec *recorder) (*statusSocket, error) {
	var created struct {
		Connection struct {
			Authorization struct {
				ID string `json:"id"`
			} `json:"authorization"`
		} `json:"connection"`
	}
	if err := retry(func() error { return u.do("POST", "/connections/salesforce", map[string]any{}, &created) }); err != nil {
		return nil, err
	}
	ws := strings.Replace(u.base, "http", "ws", 1) + "/socket/websocket?vsn=2.0.0&token=" + url.QueryEscape(u.token)
	s := &statusSocket{done: make(chan struct{})}
	err := rec.timed(opJoin, func() error {
		dctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		conn, _, err := websocket.Dial(dctx, ws, &websocket.DialOptions{HTTPClient: client})
		if err != nil {
			return fmt.Errorf("dial: %s", shortError(err))
		}
		s.conn = conn
		return s.request(dctx, "1", "authorization_status:"+created.Connection.Authorization.ID, "phx_join")
	})
	if err != nil {
		if s.conn != nil {
			s.conn.CloseNow()
		}
		return nil, err
	}
	return s, nil
}

// beat sends a heartbeat after phase, then every heartbeatEvery, until
// ctx ends or one fails.
func (s *statusSocket) beat(ctx context.Context, rec *recorder, phase time.Duration) {
	defer close(s.done)
	t := time.NewTimer(phase)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := rec.timed(opBeat, func() error {
			rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			return s.request(rctx, nil, "phoenix", "heartbeat")
		})
		if err != nil {
			if ctx.Err() == nil {
				s.lost.Store(true)
			}
			return
		}
		t.Reset(heartbeatEvery)
	}
}

// request sends [joinRef, ref, topic, event, {}] and reads frames until
// its phx_reply (pushes in between are skipped); a reply other than ok is
// an error.
func (s *statusSocket) request(ctx context.Context, joinRef any, topic, event string) error {
	s.ref++
	ref := strconv.Itoa(s.ref)
	frame, _ := json.Marshal([]any{joinRef, ref, topic, event, map[string]any{}})
	if err := s.conn.Write(ctx, websocket.MessageText, frame); err != nil {
		return fmt.Errorf("write: %s", shortError(err))
	}
	for {
		_, data, err := s.conn.Read(ctx)
		if err != nil {
			return fmt.Errorf("read: %s", shortError(err))
		}
		var parts []json.RawMessage
		if json.Unmarshal(data, &parts) != nil || len(parts) != 5 {
			return fmt.Errorf("not a v2 frame: %.80s", data)
		}
		var gotRef *string
		var gotEvent string
		json.Unmarshal(parts[1], &gotRef)
		json.Unmarshal(parts[3], &gotEvent)
		if gotEvent != "phx_reply" || gotRef == nil || *gotRef != ref {
			continue
		}
		var payload struct {
			Status string `json:"status"`
		}
		json.Unmarshal(parts[4], &payload)
		if payload.Status != "ok" {
			return fmt.Errorf("%s %s: %.80s", topic, event, parts[4])
		}
		return nil
	}
}

// closeSockets waits for the heartbeat loops (their ctx has ended),
// closes every socket and returns how many the server had dropped.
func closeSockets(socks []*statusSocket) int {
	var wg sync.WaitGroup
	lost := 0
	for _, s := range socks {
		<-s.done
		if s.lost.Load() {
			lost++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.conn.Close(websocket.StatusNormalClosure, "")
		}()
	}
	wg.Wait()
	return lost
}
