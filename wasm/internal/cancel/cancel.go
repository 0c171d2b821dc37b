// Package cancel is the part of context the wasm uses: a Context that ends
// when cancelled, with a cause. It exists for size. context.Context's
// Deadline method returns a time.Time, and linking any context type links
// time.Time's String method with time's formatting and time zone code:
// about 60 KB of wasm, 15 KB of brotli in every download. A context.Context
// is a Context, so native callers and tests pass theirs unchanged.
package cancel

import (
	"context"
	"sync"
	"sync/atomic"
)

// Context is what a call needs from its caller: a channel closed when the
// work is no longer wanted, and why.
type Context interface {
	Done() <-chan struct{} // nil when the Context never ends
	Err() error            // nil until Done is closed
}

// Canceled is context.Canceled, so errors.Is works across both.
var Canceled = context.Canceled

type background struct{}

func (background) Done() <-chan struct{} { return nil }
func (background) Err() error            { return nil }

// Background never ends.
func Background() Context { return background{} }

// scope is a Context ended by its cancel function or its parent.
type scope struct {
	done     chan struct{}
	mu       sync.Mutex
	err      error
	cause    error
	children map[*scope]struct{}
}

func (s *scope) Done() <-chan struct{} { return s.done }

func (s *scope) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// end ends s and its children; only the first call counts.
func (s *scope) end(err, cause error) {
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		return
	}
	s.err, s.cause = err, cause
	close(s.done)
	children := s.children
	s.children = nil
	s.mu.Unlock()
	for c := range children {
		c.end(err, cause)
	}
}

// WithCause returns a child of parent and the function that ends it with a
// cause (nil means Canceled). The child ends with its parent too.
func WithCause(parent Context) (Context, func(cause error)) {
	s := &scope{done: make(chan struct{})}
	detach := s.follow(parent)
	return s, func(cause error) {
		if cause == nil {
			cause = Canceled
		}
		s.end(Canceled, cause)
		detach()
	}
}

// With is WithCause without a cause.
func With(parent Context) (Context, func()) {
	ctx, end := WithCause(parent)
	return ctx, func() { end(nil) }
}

// follow ends s when parent ends and returns what stops following.
func (s *scope) follow(parent Context) (detach func()) {
	if p, ok := parent.(*scope); ok {
		p.mu.Lock()
		if p.err != nil {
			p.mu.Unlock()
			s.end(p.err, p.cause)
			return func() {}
		}
		if p.children == nil {
			p.children = map[*scope]struct{}{}
		}
		p.children[s] = struct{}{}
		p.mu.Unlock()
		return func() {
			p.mu.Lock()
			delete(p.children, s)
			p.mu.Unlock()
		}
	}
	done := parent.Done()
	if done == nil {
		return func() {}
	}
	go func() {
		select {
		case <-done:
			s.end(parent.Err(), Cause(parent))
		case <-s.done:
		}
	}()
	return func() {}
}

// Cause is why ctx ended: the cause given to its cancel function, else
// ctx.Err(); nil while ctx runs.
func Cause(ctx Context) error {
	if s, ok := ctx.(*scope); ok {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.cause
	}
	return ctx.Err()
}

// AfterFunc calls f in its own goroutine once ctx ends. stop prevents the
// call and reports whether it did.
func AfterFunc(ctx Context, f func()) (stop func() bool) {
	done := ctx.Done()
	if done == nil {
		return func() bool { return true }
	}
	var state atomic.Int32 // 0 waiting, 1 called, 2 stopped
	stopped := make(chan struct{})
	go func() {
		select {
		case <-done:
			if state.CompareAndSwap(0, 1) {
				f()
			}
		case <-stopped:
		}
	}()
	return func() bool {
		if state.CompareAndSwap(0, 2) {
			close(stopped)
			return true
		}
		return false
	}
}
