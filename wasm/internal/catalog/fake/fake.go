// Package fake is an app.SDK for tests: each call runs the function field
// of the same name, so a test says only what it needs (wtf's mock style).
// A field left nil answers with ErrNotSet. Events go to the listeners of
// Subscribe when a test calls Emit.
//
//	sdk := &fake.SDK{ListConnectorsFn: func(cancel.Context) (jsonv.Value, error) {
//		return jsonv.Raw(`[{"slug":"slack","name":"Slack"}]`), nil
//	}}
//	c := app.New(sdk, app.Options{})
package fake

import (
	"errors"
	"sync"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// ErrNotSet is the answer of a call whose function field is nil.
var ErrNotSet = errors.New("fake: this call is not set up")

// Flow waits for a connect flow's outcome (see SDK.AddConnection).
type Flow = func(ctx cancel.Context) (jsonv.Value, error)

// SDK is a fake app.SDK. Safe for concurrent use once set up.
type SDK struct {
	GetPlatformFn      func(ctx cancel.Context) (jsonv.Value, error)
	ListConnectorsFn   func(ctx cancel.Context) (jsonv.Value, error)
	GetConnectorFn     func(ctx cancel.Context, slug string) (jsonv.Value, error)
	RemoveConnectionFn func(ctx cancel.Context, q xkit.Query) error
	LoginFn            func(ctx cancel.Context, token string) error
	AddConnectionFn    func(connector string) Flow
	ReconnectFn        func(connection jsonv.Value) Flow

	mu        sync.Mutex
	listeners map[string]map[int]func(jsonv.Value)
	next      int
}

func (s *SDK) GetPlatform(ctx cancel.Context) (jsonv.Value, error) {
	if s.GetPlatformFn == nil {
		return jsonv.Value{}, ErrNotSet
	}
	return s.GetPlatformFn(ctx)
}

func (s *SDK) ListConnectors(ctx cancel.Context) (jsonv.Value, error) {
	if s.ListConnectorsFn == nil {
		return jsonv.Value{}, ErrNotSet
	}
	return s.ListConnectorsFn(ctx)
}

func (s *SDK) GetConnector(ctx cancel.Context, slug string) (jsonv.Value, error) {
	if s.GetConnectorFn == nil {
		return jsonv.Value{}, ErrNotSet
	}
	return s.GetConnectorFn(ctx, slug)
}

func (s *SDK) RemoveConnection(ctx cancel.Context, q xkit.Query) error {
	if s.RemoveConnectionFn == nil {
		return ErrNotSet
	}
	return s.RemoveConnectionFn(ctx, q)
}

func (s *SDK) Login(ctx cancel.Context, token string) error {
	if s.LoginFn == nil {
		return ErrNotSet
	}
	return s.LoginFn(ctx, token)
}

func (s *SDK) AddConnection(connector string) Flow {
	if s.AddConnectionFn == nil {
		return Failed(ErrNotSet)
	}
	return s.AddConnectionFn(connector)
}

func (s *SDK) Reconnect(connection jsonv.Value) Flow {
	if s.ReconnectFn == nil {
		return Failed(ErrNotSet)
	}
	return s.ReconnectFn(connection)
}

// Subscribe keeps fn until unsubscribe; Emit calls it.
func (s *SDK) Subscribe(event string, fn func(payload jsonv.Value)) (unsubscribe func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listeners == nil {
		s.listeners = map[string]map[int]func(jsonv.Value){}
	}
	if s.listeners[event] == nil {
		s.listeners[event] = map[int]func(jsonv.Value){}
	}
	id := s.next
	s.next++
	s.listeners[event][id] = fn
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.listeners[event], id)
	}
}

// Emit calls the listeners of event with payload, as the SDK does after
// a connect or remove.
func (s *SDK) Emit(event string, payload jsonv.Value) {
	s.mu.Lock()
	var fns []func(jsonv.Value)
	for _, fn := range s.listeners[event] {
		fns = append(fns, fn)
	}
	s.mu.Unlock()
	for _, fn := range fns {
		fn(payload)
	}
}

// Listeners is how many listeners event has, to check unsubscribing.
func (s *SDK) Listeners(event string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.listeners[event])
}

// Done is a flow that ends with conn.
func Done(conn jsonv.Value) Flow {
	return func(cancel.Context) (jsonv.Value, error) { return conn, nil }
}

// Failed is a flow that ends with err.
func Failed(err error) Flow {
	return func(cancel.Context) (jsonv.Value, error) { return jsonv.Value{}, err }
}

// Answer is one answer a test hands to a call that is waiting for it (see
// Pending).
type Answer struct {
	Value jsonv.Value
	Err   error
}

// Pending makes calls wait until the test answers them, to play answers
// in an order of the test's choosing: each call takes the next channel
// of Calls and waits on it (or on its ctx).
type Pending struct {
	Calls chan chan Answer
}

// NewPending makes a Pending for at most n waiting calls at once.
func NewPending(n int) *Pending { return &Pending{Calls: make(chan chan Answer, n)} }

// Call is a function for an SDK field: it announces itself on Calls and
// waits for its answer.
func (p *Pending) Call(ctx cancel.Context) (jsonv.Value, error) {
	answer := make(chan Answer, 1)
	p.Calls <- answer
	select {
	case a := <-answer:
		return a.Value, a.Err
	case <-ctx.Done():
		return jsonv.Value{}, ctx.Err()
	}
}
