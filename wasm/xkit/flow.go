package xkit

import (
	"sync"
	"time"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/clock"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Flow is one authorization flow in its popup (spec section 6). It ends
// exactly once, with the new connection or an error, and closes its popup
// either way.
type Flow struct {
	c      *Client
	slug   string
	id     string // the connection id to create or reauthorize; "" lets the platform choose
	o      ConnectOptions
	timing Timing
	popup  Popup
	ready  chan struct{} // holds one token once the popup said "authWindow:ready"

	mu     sync.Mutex
	errors []string // {error} messages the popup posted, oldest first

	// Set by steps before the socket watcher starts; read-only after.
	connID, authID, prototype, authorizeURL string

	done chan struct{}
	conn jsonv.Value
	err  error
}

func (f *Flow) run(ctx cancel.Context) {
	timeout := f.o.Timeout
	if timeout <= 0 {
		timeout = DefaultConnectTimeout
	}
	ctx, end := cancel.WithCause(ctx)
	defer end(nil)
	timer := time.AfterFunc(timeout, func() { end(errTimedOut) })
	defer timer.Stop()
	go f.listen(ctx)
	conn, err := f.steps(ctx, f.watchClosed(ctx))
	f.end(conn, outcome(ctx, err))
}

// listen keeps what the popup posts from the platform's origin: ready
// signals and {error} messages. Anything else, or from another origin, is
// ignored.
func (f *Flow) listen(ctx cancel.Context) {
	origin := f.c.origin()
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-f.o.Messages:
			if m.Origin != origin {
				continue
			}
			if s, ok := m.Data.Str(); ok && s == readyMessage {
				select {
				case f.ready <- struct{}{}:
				default:
				}
			} else if e, ok := m.Data.Get("error").Str(); ok && m.Data.Kind() == jsonv.KindObject {
				f.mu.Lock()
				f.errors = append(f.errors, e)
				f.mu.Unlock()
			}
		}
	}
}

// watchClosed returns a channel closed once the popup reads as closed.
func (f *Flow) watchClosed(ctx cancel.Context) <-chan struct{} {
	closed := make(chan struct{})
	go func() {
		t := clock.NewTicker(f.timing.ClosedCheck)
		defer t.Stop()
		for !f.popup.Closed() {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
		close(closed)
	}()
	return closed
}

// steps 2-3 of spec section 6: create (or reauthorize) the connection,
// log the popup in, then await the status.
func (f *Flow) steps(ctx cancel.Context, closed <-chan struct{}) (jsonv.Value, error) {
	body := jsonv.Raw("{}")
	if f.id != "" {
		body = jsonv.Object(jsonv.Member{Key: "id", Value: jsonv.String(f.id)})
	}
	conn, err := f.call(ctx, call{method: "POST", path: "/connections/" + escape(f.slug), body: body}, "connection")
	if err != nil {
		return jsonv.Value{}, err
	}
	auth := conn.Get("authorization")
	f.connID, _ = conn.Get("id").Str()
	f.authID, _ = auth.Get("id").Str()
	f.prototype, _ = auth.Get("authorizer", "prototype", "slug").Str()
	f.authorizeURL, _ = auth.Get("authorize_url").Str()
	if f.connID == "" || f.authID == "" || f.prototype == "" {
		return jsonv.Value{}, message("Authorization missing.")
	}
	ott, err := f.call(ctx, call{method: "POST", path: "/sessions/ott"}, "ott")
	if err != nil {
		return jsonv.Value{}, err
	}
	token, _ := ott.Str()
	url := f.c.base + "/authorizations/" + escape(f.prototype) + "/loading?opener_origin=" + escape(f.o.OpenerOrigin)
	if token != "" {
		url += "&token=" + escape(token)
	}
	select {
	case <-ctx.Done():
		return jsonv.Value{}, ctx.Err()
	case <-closed:
		return f.closedWhileWaiting(ctx)
	case <-f.ready: // taking the token resets it for the next page
		f.popup.Navigate(url)
	}
	return f.await(ctx, closed)
}

// await follows the authorization's status until it is final (steps 4-5):
// from the socket while it is up, by polling while it is down, and from
// the platform when the popup closes.
func (f *Flow) await(ctx cancel.Context, closed <-chan struct{}) (jsonv.Value, error) {
	w := f.watchSocket(ctx)
	var poll *clock.Ticker
	var pollC <-chan struct{}
	defer func() {
		if poll != nil {
			poll.Stop()
		}
	}()
	navigated, awaiting, failures := false, false, 0
	var pollErr error
	for {
		var ready chan struct{}
		if !navigated && awaiting {
			ready = f.ready
		}
		var status string
		select {
		case <-ctx.Done():
			return jsonv.Value{}, ctx.Err()
		case status = <-w.status:
		case down := <-w.down:
			if !down {
				if poll != nil {
					poll.Stop()
					poll, pollC = nil, nil
				}
				continue
			}
			if poll == nil {
				poll = clock.NewTicker(f.timing.Poll)
				pollC = poll.C
			}
			status, pollErr = f.poll(ctx)
		case <-pollC:
			status, pollErr = f.poll(ctx)
		case <-ready:
			navigated = true
			f.popup.Navigate(f.authorizeURL)
			continue
		case <-closed:
			closed = nil
			conn, err, final := f.decideClosed(ctx)
			if final {
				return conn, err
			}
			continue
		}
		if pollErr != nil {
			if failures++; failures >= pollFailures {
				return jsonv.Value{}, &ConnectError{Code: CodeNetwork, Message: msgNetwork, Cause: pollErr}
			}
			pollErr = nil
			continue
		}
		failures = 0
		switch status {
		case "active", "error":
			return f.complete(ctx)
		case "awaiting_callback":
			awaiting = true
			if f.authorizeURL == "" {
				return jsonv.Value{}, message("Authorization is not in a state to be setup.")
			}
		}
	}
}

// pollFailures is how many polls in a row may fail before the flow gives
// up with a network error.
const pollFailures = 3

// poll reads the authorization's status once.
func (f *Flow) poll(ctx cancel.Context) (string, error) {
	auth, err := f.authorization(ctx)
	if err != nil {
		if ctx.Err() == nil {
			f.c.host.Warn("Reading the authorization's status failed: " + err.Error())
		}
		return "", err
	}
	status, _ := auth.Get("status").Str()
	return status, nil
}

// closedWhileWaiting is the popup closing before it was sent anywhere:
// the authorization cannot have moved, unless the platform says so.
func (f *Flow) closedWhileWaiting(ctx cancel.Context) (jsonv.Value, error) {
	conn, err, final := f.decideClosed(ctx)
	if !final {
		return f.await(ctx, nil)
	}
	return conn, err
}

// decideClosed asks the platform what a closed popup means. A window
// severed by Cross-Origin-Opener-Policy reads as closed although the user
// finished in it, so an active authorization is a success; one still
// awaiting its callback is the popup's reported error or a cancellation.
// Otherwise (tokens being retrieved) the flow keeps waiting: final false.
func (f *Flow) decideClosed(ctx cancel.Context) (jsonv.Value, error, bool) {
	auth, err := f.authorization(ctx)
	if err != nil {
		return jsonv.Value{}, err, true
	}
	switch status, _ := auth.Get("status").Str(); status {
	case "active", "error":
		conn, err := f.finish(ctx, auth)
		return conn, err, true
	case "awaiting_callback":
		f.mu.Lock()
		defer f.mu.Unlock()
		if len(f.errors) > 0 {
			return jsonv.Value{}, &ConnectError{Code: CodeProviderError, Message: f.errors[0], ErrorMessage: f.errors[0]}, true
		}
		return jsonv.Value{}, &ConnectError{Code: CodeCancelled, Message: msgCancelled}, true
	}
	return jsonv.Value{}, nil, false
}

// complete re-reads the authorization once the status is final.
func (f *Flow) complete(ctx cancel.Context) (jsonv.Value, error) {
	auth, err := f.authorization(ctx)
	if err != nil {
		return jsonv.Value{}, err
	}
	return f.finish(ctx, auth)
}

// finish rejects a failed authorization, or reads the fresh connection
// and emits connection:enable.
func (f *Flow) finish(ctx cancel.Context, auth jsonv.Value) (jsonv.Value, error) {
	if status, _ := auth.Get("status").Str(); status == "error" {
		return jsonv.Value{}, authorizationError(auth)
	}
	conn, err := f.call(ctx, call{path: "/connection/" + escape(f.connID)}, "connection")
	if err != nil {
		return jsonv.Value{}, err
	}
	f.c.emit("connection:enable", conn)
	return conn, nil
}

func (f *Flow) authorization(ctx cancel.Context) (jsonv.Value, error) {
	return f.call(ctx, call{path: "/authorizations/" + escape(f.prototype) + "/" + escape(f.authID)}, "authorization")
}

// call is an authenticated request (401 → refresh and so on) for one
// member of the answer. A request that got no answer is a network error.
func (f *Flow) call(ctx cancel.Context, k call, name string) (jsonv.Value, error) {
	return f.c.authed(ctx, func(ctx cancel.Context, token string) (jsonv.Value, error) {
		v, err := f.c.field(ctx, token, k, name)
		return v, networkError(ctx, err)
	}, nil)
}

// networkError marks a request that got no answer at all.
func networkError(ctx cancel.Context, err error) error {
	if err == nil || ctx.Err() != nil || statusCode(err) != 0 {
		return err
	}
	if _, ok := err.(message); ok {
		return err
	}
	return &ConnectError{Code: CodeNetwork, Message: msgNetwork, Cause: err}
}
