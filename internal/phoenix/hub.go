package phoenix

import (
	"sync"

	"github.com/coder/websocket"
)

// Hub is the in-process pub/sub of authorization statuses: the server
// publishes every change, each joined socket channel subscribes to one
// authorization.
type Hub struct {
	mu   sync.Mutex
	subs map[string]map[chan string]struct{}
	// The open sockets, and whether a test has taken the socket down.
	sockets map[*session]struct{}
	down    bool
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{subs: map[string]map[chan string]struct{}{}, sockets: map[*session]struct{}{}}
}

// SetDown is for tests of a client's fallback: down drops every open socket
// at once, as a lost network would (no close frame), and refuses new ones
// until SetDown(false). It returns how many sockets it dropped.
func (h *Hub) SetDown(down bool) int {
	h.mu.Lock()
	h.down = down
	var drop []*session
	if down {
		// Forget them now: each one's own untrack runs later, once its
		// goroutine sees the closed connection.
		for s := range h.sockets {
			drop = append(drop, s)
			delete(h.sockets, s)
		}
	}
	h.mu.Unlock()
	for _, s := range drop {
		s.conn.CloseNow()
	}
	return len(drop)
}

// Disconnect closes every open socket whose credential key is in keys
// with code and reason (the close frame goes out at once; the handshake
// finishes in the background) and returns how many it closed.
func (h *Hub) Disconnect(keys []string, code websocket.StatusCode, reason string) int {
	if len(keys) == 0 {
		return 0
	}
	gone := make(map[string]bool, len(keys))
	for _, k := range keys {
		gone[k] = true
	}
	h.mu.Lock()
	var closing []*session
	for s := range h.sockets {
		if gone[s.key] {
			closing = append(closing, s)
			delete(h.sockets, s)
		}
	}
	h.mu.Unlock()
	for _, s := range closing {
		go s.conn.Close(code, reason)
	}
	return len(closing)
}

// track records an open socket; false (the socket is down) refuses it.
func (h *Hub) track(s *session) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down {
		return false
	}
	h.sockets[s] = struct{}{}
	return true
}

func (h *Hub) untrack(s *session) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.sockets, s)
}

func (h *Hub) isDown() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.down
}

// Publish tells every subscriber of authID its new status. It never blocks:
// a subscriber that is 16 updates behind misses one (it only needs the last).
func (h *Hub) Publish(authID, status string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[authID] {
		select {
		case ch <- status:
		default:
		}
	}
}

// Subscribe returns a channel of authID's status changes and the func that
// ends the subscription.
func (h *Hub) Subscribe(authID string) (<-chan string, func()) {
	ch := make(chan string, 16)
	h.mu.Lock()
	if h.subs[authID] == nil {
		h.subs[authID] = map[chan string]struct{}{}
	}
	h.subs[authID][ch] = struct{}{}
	h.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			h.mu.Lock()
			delete(h.subs[authID], ch)
			if len(h.subs[authID]) == 0 {
				delete(h.subs, authID)
			}
			h.mu.Unlock()
		})
	}
}

// Subscribers returns how many subscriptions authID has (for tests).
func (h *Hub) Subscribers(authID string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs[authID])
}
