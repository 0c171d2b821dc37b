package xkit

import (
	"time"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/clock"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/phx"
)

// socketWatch reports the authorization's status from the status socket:
// every status it learns (the join reply, then status_update pushes) and
// whether the socket is down (true) or back up (false).
type socketWatch struct {
	status chan string
	down   chan bool
}

// maxRedial caps the wait between two attempts to open the socket.
const maxRedial = 10 * time.Second

func (f *Flow) watchSocket(ctx cancel.Context) *socketWatch {
	w := &socketWatch{status: make(chan string), down: make(chan bool)}
	go f.followSocket(ctx, w)
	return w
}

// followSocket keeps the socket joined to the authorization's topic until
// ctx ends, dialing again (after 1 s, doubling to 10 s) whenever it drops.
// The flow polls meanwhile, so a dropped socket is not a failure.
func (f *Flow) followSocket(ctx cancel.Context, w *socketWatch) {
	report := func(status string) bool {
		select {
		case w.status <- status:
			return true
		case <-ctx.Done():
			return false
		}
	}
	setDown := func(down bool) bool {
		select {
		case w.down <- down:
			return true
		case <-ctx.Done():
			return false
		}
	}
	if f.o.Dialer == nil || !f.c.hasSocket(ctx) {
		setDown(true) // poll, and never try: no failed socket in the console
		return
	}
	wait, isDown := f.timing.Redial, false
	for {
		s, ch, status, err := f.subscribe(ctx)
		if err == nil {
			wait = f.timing.Redial
			ok := (!isDown || setDown(false)) && report(status)
			isDown = false
			if !ok {
				s.Close()
				return
			}
			if !f.follow(ctx, s, ch, report) {
				return
			}
		} else if ctx.Err() == nil && !isDown { // once per outage, not per attempt
			f.c.host.Warn("The authorization status socket could not be opened: " + err.Error())
		}
		if ctx.Err() != nil {
			return
		}
		if !isDown && !setDown(true) {
			return
		}
		isDown = true
		t := clock.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		if wait *= 2; wait > maxRedial {
			wait = maxRedial
		}
	}
}

// follow reports the channel's status updates until the socket drops
// (true) or the flow ends (false); either way the socket is closed.
func (f *Flow) follow(ctx cancel.Context, s *phx.Socket, ch *phx.Channel, report func(string) bool) bool {
	defer s.Close()
	for {
		select {
		case <-ctx.Done():
			// Best effort, for a second: the platform drops the
			// subscription with the socket anyway.
			leave, end := cancel.With(cancel.Background())
			t := time.AfterFunc(time.Second, end)
			ch.Leave(leave)
			t.Stop()
			end()
			return false
		case p, ok := <-ch.Pushes():
			if !ok {
				return true
			}
			if status, _ := p.Payload.Get("status").Str(); p.Event == "status_update" && status != "" && !report(status) {
				return false
			}
		}
	}
}

// subscribe opens the socket with the held token and joins the
// authorization's topic; the join reply carries the current status.
func (f *Flow) subscribe(ctx cancel.Context) (*phx.Socket, *phx.Channel, string, error) {
	var s *phx.Socket
	_, err := f.c.authed(ctx, func(ctx cancel.Context, token string) (jsonv.Value, error) {
		var err error
		s, err = phx.Dial(ctx, f.o.Dialer, f.c.socketURL(token), phx.Options{Heartbeat: f.timing.Heartbeat})
		if err == nil {
			return jsonv.Value{}, nil
		}
		// A WebSocket that fails to open does not say why: GET /session
		// tells an expired token (401, so authed refreshes it and dials
		// again) from a socket that is down.
		if _, serr := f.c.send(ctx, token, call{path: "/session"}); isUnauthorized(serr) {
			return jsonv.Value{}, serr
		}
		return jsonv.Value{}, err
	}, nil)
	if err != nil {
		return nil, nil, "", err
	}
	ch, resp, err := s.Join(ctx, "authorization_status:"+f.authID, jsonv.Raw("{}"))
	if err != nil {
		s.Close()
		return nil, nil, "", err
	}
	status, _ := resp.Get("status").Str()
	return s, ch, status, nil
}

// hasSocket reports whether the platform may have the status socket: it
// did not say it has none. Its answer to GET /platform, which init reads
// first, is waited for.
func (c *Client) hasSocket(ctx cancel.Context) bool {
	select {
	case <-c.platformDone:
	case <-ctx.Done():
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.noSocket
}

// socketURL is the status socket's address with token.
func (c *Client) socketURL(token string) string {
	scheme := "wss"
	if c.o.Scheme == "http" {
		scheme = "ws"
	}
	return scheme + "://" + c.o.Domain + "/socket/websocket?token=" + escape(token) + "&vsn=2.0.0"
}
