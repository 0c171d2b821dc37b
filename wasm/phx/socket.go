package phx

import (
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/clock"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Options tune a Socket. Zero values are the defaults.
type Options struct {
	Heartbeat time.Duration // between heartbeats; 15 s (xkit.js's value: proxies cut idle sockets at 30 s)
	Timeout   time.Duration // how long a push waits for its reply; 10 s (Phoenix's default)
}

// Errors a Socket reports.
var (
	ErrClosed           = errors.New("phx: socket closed")
	ErrHeartbeatTimeout = errors.New("phx: heartbeat not answered")
	ErrTimeout          = errors.New("phx: no reply in time")
)

// Socket is one Phoenix connection. Its methods are safe for concurrent use.
type Socket struct {
	conn Conn
	o    Options
	done chan struct{}

	mu        sync.Mutex
	err       error // why it closed
	closed    bool
	ref       int
	pending   map[string]chan Reply // ref → waiter
	channels  map[string]*Channel   // join_ref → joined channel
	heartbeat string                // ref of the heartbeat awaiting its reply
}

// Dial opens a socket to url (…/socket/websocket?token=…&vsn=2.0.0) and
// starts its heartbeat.
func Dial(ctx cancel.Context, d Dialer, url string, o Options) (*Socket, error) {
	if o.Heartbeat <= 0 {
		o.Heartbeat = 15 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	s := &Socket{o: o, done: make(chan struct{}), pending: map[string]chan Reply{}, channels: map[string]*Channel{}}
	conn, err := d.Dial(ctx, url, receiver{s})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.conn = conn
	closed := s.closed
	s.mu.Unlock()
	if closed { // it closed before Dial returned
		conn.Close()
		return nil, s.Err()
	}
	go s.beat()
	return s, nil
}

// Done is closed once the socket has closed, for whatever reason.
func (s *Socket) Done() <-chan struct{} { return s.done }

// Err says why the socket closed: nil while open, ErrClosed after Close.
func (s *Socket) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Close closes the socket. Joined channels end without further pushes.
func (s *Socket) Close() error {
	s.mu.Lock()
	conn := s.conn
	for _, ch := range s.channels {
		ch.abandon()
	}
	s.mu.Unlock()
	s.shut(ErrClosed)
	if conn != nil {
		return conn.Close()
	}
	return nil
}

// shut marks the socket closed (once) and wakes everything waiting on it.
func (s *Socket) shut(err error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	if err == nil {
		err = ErrClosed
	}
	s.closed, s.err = true, err
	for ref, w := range s.pending {
		close(w)
		delete(s.pending, ref)
	}
	chans := s.channels
	s.channels = map[string]*Channel{}
	s.mu.Unlock()
	for _, ch := range chans {
		ch.end()
	}
	close(s.done)
}

func (s *Socket) nextRef() string {
	s.ref++
	return strconv.Itoa(s.ref)
}

// beat sends a heartbeat every Options.Heartbeat and closes the socket
// when the previous one is still unanswered, as Phoenix's client does.
func (s *Socket) beat() {
	t := clock.NewTicker(s.o.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
		}
		s.mu.Lock()
		if s.heartbeat != "" {
			conn := s.conn
			s.mu.Unlock()
			s.shut(ErrHeartbeatTimeout)
			conn.Close()
			return
		}
		ref := s.nextRef()
		s.heartbeat = ref
		conn := s.conn
		s.mu.Unlock()
		if err := conn.Send(Frame{Ref: ref, Topic: "phoenix", Event: "heartbeat"}.Encode()); err != nil {
			s.shut(err)
			conn.Close()
			return
		}
	}
}

// push sends f with a fresh ref (and, when f.JoinRef is "-", that ref as
// its join_ref) and waits for the reply. prepare runs under the lock with
// the ref before the frame goes out.
func (s *Socket) push(ctx cancel.Context, f Frame, prepare func(ref string)) (Reply, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return Reply{}, s.Err()
	}
	f.Ref = s.nextRef()
	if f.JoinRef == "-" {
		f.JoinRef = f.Ref
	}
	w := make(chan Reply, 1)
	s.pending[f.Ref] = w
	if prepare != nil {
		prepare(f.Ref)
	}
	conn := s.conn
	s.mu.Unlock()
	forget := func() {
		s.mu.Lock()
		delete(s.pending, f.Ref)
		s.mu.Unlock()
	}
	if err := conn.Send(f.Encode()); err != nil {
		forget()
		return Reply{}, err
	}
	t := clock.NewTimer(s.o.Timeout)
	defer t.Stop()
	select {
	case r, ok := <-w:
		if !ok {
			return Reply{}, s.Err()
		}
		return r, nil
	case <-t.C:
		forget()
		return Reply{}, ErrTimeout
	case <-ctx.Done():
		forget()
		return Reply{}, ctx.Err()
	}
}

// receiver is the Socket's side of its Conn.
type receiver struct{ s *Socket }

func (r receiver) Closed(err error) { r.s.shut(err) }

// Message routes one frame: replies to their waiter (or the heartbeat),
// everything else to the joined channel it belongs to. Frames that are
// not Phoenix frames are dropped.
func (r receiver) Message(text string) {
	f, err := Decode(text)
	if err != nil {
		return
	}
	s := r.s
	s.mu.Lock()
	if f.Event == "phx_reply" && f.Ref != "" {
		if f.Ref == s.heartbeat {
			s.heartbeat = ""
		}
		w := s.pending[f.Ref]
		delete(s.pending, f.Ref)
		s.mu.Unlock()
		if w != nil {
			w <- replyOf(f.Payload)
		}
		return
	}
	ch := s.channels[f.JoinRef]
	if ch != nil && (f.Event == "phx_close" || f.Event == "phx_error") {
		delete(s.channels, f.JoinRef)
	}
	s.mu.Unlock()
	switch {
	case ch == nil || ch.Topic != f.Topic:
	case f.Event == "phx_close" || f.Event == "phx_error":
		ch.end()
	default:
		ch.add(Push{Event: f.Event, Payload: f.Payload})
	}
}

// Join joins topic. The reply's response is returned; a reply with status
// "error" is an error carrying its reason.
func (s *Socket) Join(ctx cancel.Context, topic string, payload jsonv.Value) (*Channel, jsonv.Value, error) {
	ch := newChannel(s, topic)
	r, err := s.push(ctx, Frame{JoinRef: "-", Topic: topic, Event: "phx_join", Payload: payload}, func(ref string) {
		ch.joinRef = ref
		s.channels[ref] = ch // before the frame goes out: a push may follow the reply at once
	})
	if err == nil && r.Status != "ok" {
		reason, _ := r.Response.Get("reason").Str()
		if reason == "" {
			reason = r.Response.Raw()
		}
		err = &JoinError{Topic: topic, Reason: reason}
	}
	if err != nil {
		s.mu.Lock()
		if s.channels[ch.joinRef] == ch {
			delete(s.channels, ch.joinRef)
		}
		s.mu.Unlock()
		ch.abandon()
		return nil, jsonv.Value{}, err
	}
	return ch, r.Response, nil
}

// JoinError is a join the server refused.
type JoinError struct{ Topic, Reason string }

func (e *JoinError) Error() string { return "phx: join " + e.Topic + " refused: " + e.Reason }
