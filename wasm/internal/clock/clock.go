// Package clock has the timers the wasm uses: a Timer and a Ticker built on
// time.AfterFunc. time.NewTimer and time.NewTicker hand a chan time.Time to
// the runtime as an interface, and that alone links time.Time's String
// method with time's formatting and time zone code into every download
// (see package cancel for the rest of that story). AfterFunc does not.
package clock

import (
	"sync"
	"time"
)

// Timer closes C once, d after NewTimer, unless stopped first.
type Timer struct {
	C <-chan struct{}
	t *time.Timer
}

// NewTimer starts a Timer.
func NewTimer(d time.Duration) *Timer {
	c := make(chan struct{})
	return &Timer{C: c, t: time.AfterFunc(d, func() { close(c) })}
}

// Stop keeps C from closing; it reports whether it did so.
func (t *Timer) Stop() bool { return t.t.Stop() }

// Ticker sends on C every d. Like time.Ticker it drops the ticks a slow
// reader misses instead of queuing them.
type Ticker struct {
	C       <-chan struct{}
	mu      sync.Mutex
	t       *time.Timer
	stopped bool
}

// NewTicker starts a Ticker; a d under a millisecond counts as one.
func NewTicker(d time.Duration) *Ticker {
	d = max(d, time.Millisecond)
	c := make(chan struct{}, 1)
	k := &Ticker{C: c}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.t = time.AfterFunc(d, func() {
		k.mu.Lock()
		defer k.mu.Unlock()
		if k.stopped {
			return
		}
		select {
		case c <- struct{}{}:
		default:
		}
		k.t.Reset(d)
	})
	return k
}

// Stop ends the ticks: none is sent after Stop returns.
func (k *Ticker) Stop() {
	k.mu.Lock()
	k.stopped = true
	k.t.Stop()
	k.mu.Unlock()
}
