package xkit

import (
	"errors"
	"sync"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// ConnectError is a failed authorization flow. Code says what happened;
// Message is what xkit.js would have said, for people.
//
// On the page (wasm/bridge) this is a plain Error as xkit.js's was: its
// message is Message, its `code` is ErrorCode (the platform's error_code,
// as in xkit.js) and our Code is the added `reason`.
type ConnectError struct {
	Code         string // one of the Code… constants (JS: err.reason)
	Message      string
	ErrorCode    string // the authorization's error_code (denied, provider_error; JS: err.code)
	ErrorMessage string // the authorization's error_message (denied, provider_error)
	Cause        error  // the underlying failure, when there is one (network, unauthorized)
}

func (e *ConnectError) Error() string { return e.Message }
func (e *ConnectError) Unwrap() error { return e.Cause }

// ConnectError codes.
const (
	CodePopupBlocked  = "popup_blocked"  // window.open gave no window
	CodeUnauthorized  = "unauthorized"   // no token to be had: the token callback failed, or there is no login page to send the user to
	CodeCancelled     = "cancelled"      // the popup closed while the authorization still waited
	CodeDenied        = "denied"         // the user refused (error_code access_denied)
	CodeProviderError = "provider_error" // the authorization failed, or the popup reported an error
	CodeNetwork       = "network"        // the platform could not be reached
	CodeTimeout       = "timeout"        // ConnectOptions.Timeout passed
	CodeAborted       = "aborted"        // the caller's context ended (AbortSignal)
)

// The original's messages, and ours for what it did not have.
const (
	msgPopupBlocked = "Failed to open the authorization window."
	msgCancelled    = "Installation cancelled."
	msgNetwork      = "Connection failed. Network error."
	msgFailed       = "Connection failed."
	msgTimeout      = "Connection timed out: the authorization was not finished in time."
	msgAborted      = "Connection aborted."
)

// Connect authorizes the user's connection to connector in a popup
// (xkit.js connect): POST /connections/{slug}, log the popup in with a
// one-time token, send it to the provider, wait for the status. It returns
// at once; Flow.Wait gives the new connection (also emitted as
// connection:enable) or the error.
//
// Connect is meant to be called inside the page's click handler: it calls
// o.Open synchronously, before anything else can run, with or without a
// token held. Without one the flow first gets one as every call does
// (cookie session, then the token callback); the default callback closes
// the popup and sends the page to log in, as xkit.js did. When a flow for
// connector is running already, it focuses that flow's popup and returns
// the same *Flow (o.Open is not called). ctx ends the flow (code aborted).
func (c *Client) Connect(ctx cancel.Context, connector string, o ConnectOptions) *Flow {
	return c.startFlow(ctx, connector, "", o)
}

// AddConnection is Connect for one more connection of a connector that
// supports several (xkit.js addConnection): id names the new connection;
// "" makes a random UUID.
func (c *Client) AddConnection(ctx cancel.Context, connector, id string, o ConnectOptions) *Flow {
	if id == "" {
		id = NewUUID()
	}
	return c.startFlow(ctx, connector, id, o)
}

// Reconnect authorizes an existing connection again (xkit.js reconnect):
// connection is a Connection object; its id and connector slug are used.
func (c *Client) Reconnect(ctx cancel.Context, connection jsonv.Value, o ConnectOptions) *Flow {
	id, _ := connection.Get("id").Str()
	slug, _ := connection.Get("connector", "slug").Str()
	if id == "" || slug == "" {
		return finished(slug, &ArgError{Arg: "connection",
			Message: "connection must be a Connection with an id and a connector, such as one from listConnections()"})
	}
	return c.startFlow(ctx, slug, id, o)
}

// Flow is the running flow for connector, or nil.
func (c *Client) Flow(connector string) *Flow {
	c.flows.mu.Lock()
	defer c.flows.mu.Unlock()
	return c.flows.m[connector]
}

// flowSet is the Client's running flows, one per connector slug.
type flowSet struct {
	mu sync.Mutex
	m  map[string]*Flow
}

func (c *Client) startFlow(ctx cancel.Context, slug, id string, o ConnectOptions) *Flow {
	if err := required("connector", slug, whatSlug); err != nil {
		return finished(slug, err)
	}
	if ctx.Err() != nil { // an AbortSignal aborted already: no window
		return finished(slug, &ConnectError{Code: CodeAborted, Message: msgAborted, Cause: cancel.Cause(ctx)})
	}
	c.flows.mu.Lock()
	defer c.flows.mu.Unlock()
	if f := c.flows.m[slug]; f != nil {
		f.Focus()
		return f
	}
	if o.OpenerOrigin == "" || o.Messages == nil {
		return finished(slug, message("xkit: ConnectOptions needs OpenerOrigin and Messages"))
	}
	var popup Popup
	if o.Open != nil {
		popup = o.Open()
	}
	if popup == nil {
		return finished(slug, &ConnectError{Code: CodePopupBlocked, Message: msgPopupBlocked})
	}
	f := &Flow{c: c, slug: slug, id: id, o: o, timing: o.Timing.withDefaults(), popup: popup,
		done: make(chan struct{}), ready: make(chan struct{}, 1)}
	if c.flows.m == nil {
		c.flows.m = map[string]*Flow{}
	}
	c.flows.m[slug] = f
	go f.run(ctx)
	return f
}

// closePopups closes the windows of the running flows; the flows go on
// until they end by themselves.
func (s *flowSet) closePopups() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.m {
		f.popup.Close()
	}
}

// finished is a flow that failed before it began (no popup was opened).
func finished(slug string, err error) *Flow {
	f := &Flow{slug: slug, err: err, done: make(chan struct{})}
	close(f.done)
	return f
}

// end records the outcome once, closes the popup and lets the next flow
// for the connector start.
func (f *Flow) end(conn jsonv.Value, err error) {
	f.popup.Close()
	f.c.flows.mu.Lock()
	if f.c.flows.m[f.slug] == f {
		delete(f.c.flows.m, f.slug)
	}
	f.c.flows.mu.Unlock()
	f.conn, f.err = conn, err
	close(f.done)
}

// Connector is the flow's connector slug.
func (f *Flow) Connector() string { return f.slug }

// Done is closed when the flow has ended.
func (f *Flow) Done() <-chan struct{} { return f.done }

// Result is the outcome once Done is closed: the connection (JSON text of
// the Connection) or the error.
func (f *Flow) Result() (jsonv.Value, error) {
	<-f.done
	return f.conn, f.err
}

// Wait waits for the outcome; ctx only bounds the waiting (the flow's own
// context, given to Connect, ends the flow).
func (f *Flow) Wait(ctx cancel.Context) (jsonv.Value, error) {
	select {
	case <-f.done:
		return f.conn, f.err
	case <-ctx.Done():
		return jsonv.Value{}, ctx.Err()
	}
}

// Focus brings the flow's popup forward while the flow runs.
func (f *Flow) Focus() {
	select {
	case <-f.done:
	default:
		f.popup.Focus()
	}
}

// authorizationError is the error of an authorization whose status is
// "error".
func authorizationError(auth jsonv.Value) *ConnectError {
	e := &ConnectError{Code: CodeProviderError, Message: msgFailed}
	e.ErrorCode, _ = auth.Get("error_code").Str()
	e.ErrorMessage, _ = auth.Get("error_message").Str()
	if e.ErrorMessage != "" {
		e.Message = e.ErrorMessage
	}
	if e.ErrorCode == "access_denied" {
		e.Code = CodeDenied
	}
	return e
}

// outcome turns what ended a flow into its error: the flow's own errors
// and the platform's answers as they are, the context's end as timeout or
// aborted, a token callback that gave no token as unauthorized (keeping
// the callback's message, which is what xkit.js rejected with).
func outcome(ctx cancel.Context, err error) error {
	if cb, ok := errors.AsType[*callbackError](err); ok && ctx.Err() == nil {
		return &ConnectError{Code: CodeUnauthorized, Message: cb.Error(), Cause: cb.err}
	}
	ce, isConnect := errors.AsType[*ConnectError](err)
	_, isAPI := errors.AsType[*APIError](err)
	_, isMessage := errors.AsType[message](err)
	switch {
	case err == nil || isConnect && ce.Code != CodeNetwork || isAPI || isMessage:
		return err
	case cancel.Cause(ctx) == errTimedOut:
		return &ConnectError{Code: CodeTimeout, Message: msgTimeout, Cause: err}
	case ctx.Err() != nil:
		return &ConnectError{Code: CodeAborted, Message: msgAborted, Cause: cancel.Cause(ctx)}
	case ce != nil:
		return ce
	}
	return &ConnectError{Code: CodeNetwork, Message: msgNetwork, Cause: err}
}

var errTimedOut = errors.New("xkit: authorization flow timed out")
