package phx

import (
	"sync"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Push is a message the server sent to a joined channel.
type Push struct {
	Event   string
	Payload jsonv.Value
}

// Channel is a joined topic. Pushes arrive in order on Pushes(), which is
// closed when the channel ends: left, closed by the server, or its socket
// gone.
type Channel struct {
	Topic   string
	s       *Socket
	joinRef string

	out  chan Push
	wake chan struct{}

	mu       sync.Mutex
	queue    []Push // pushes not yet taken; never blocks the socket's receiver
	ended    bool   // no more pushes will be queued
	gone     bool   // nobody reads any more: drop the rest
	goneOnce sync.Once
	stop     chan struct{}
}

func newChannel(s *Socket, topic string) *Channel {
	ch := &Channel{Topic: topic, s: s, out: make(chan Push), wake: make(chan struct{}, 1), stop: make(chan struct{})}
	go ch.forward()
	return ch
}

// Pushes delivers the channel's pushes in order.
func (ch *Channel) Pushes() <-chan Push { return ch.out }

func (ch *Channel) add(p Push) {
	ch.mu.Lock()
	if !ch.ended {
		ch.queue = append(ch.queue, p)
	}
	ch.mu.Unlock()
	ch.poke()
}

func (ch *Channel) end() {
	ch.mu.Lock()
	ch.ended = true
	ch.mu.Unlock()
	ch.poke()
}

// abandon ends the channel and drops what its reader has not taken.
func (ch *Channel) abandon() {
	ch.goneOnce.Do(func() {
		ch.mu.Lock()
		ch.ended, ch.gone = true, true
		ch.mu.Unlock()
		close(ch.stop)
	})
}

func (ch *Channel) poke() {
	select {
	case ch.wake <- struct{}{}:
	default:
	}
}

// forward moves queued pushes to out, so the receiver never waits on a
// slow reader.
func (ch *Channel) forward() {
	defer close(ch.out)
	for {
		ch.mu.Lock()
		switch {
		case ch.gone:
			ch.mu.Unlock()
			return
		case len(ch.queue) > 0:
			p := ch.queue[0]
			ch.queue = ch.queue[1:]
			ch.mu.Unlock()
			select {
			case ch.out <- p:
			case <-ch.stop:
				return
			}
			continue
		case ch.ended:
			ch.mu.Unlock()
			return
		}
		ch.mu.Unlock()
		select {
		case <-ch.wake:
		case <-ch.stop:
			return
		}
	}
}

// Leave leaves the topic (phx_leave) and ends the channel.
func (ch *Channel) Leave(ctx cancel.Context) error {
	s := ch.s
	s.mu.Lock()
	if s.channels[ch.joinRef] == ch {
		delete(s.channels, ch.joinRef)
	}
	s.mu.Unlock()
	ch.abandon()
	_, err := s.push(ctx, Frame{JoinRef: ch.joinRef, Topic: ch.Topic, Event: "phx_leave"}, nil)
	return err
}
