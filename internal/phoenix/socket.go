// Package phoenix serves the authorization status socket the Xkit SDK
// subscribes to: a Phoenix channels endpoint speaking the v2 JSON
// serializer ([join_ref, ref, topic, event, payload] arrays) over
// github.com/coder/websocket. Topics are "authorization_status:{id}";
// a join answers the current status and later changes arrive as
// "status_update" pushes from the Hub.
package phoenix

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Handler is the http.Handler of /socket/websocket.
type Handler struct {
	Hub *Hub
	// Authenticate turns the token query parameter into a user id and a
	// key naming the credential (Hub.Disconnect closes the sockets of a
	// key); an error refuses the upgrade with 401.
	Authenticate func(ctx context.Context, token string) (userID int64, key string, err error)
	// Status returns the status of the user's authorization; an error
	// refuses the join.
	Status func(ctx context.Context, userID int64, authID string) (string, error)
	// AllowOrigin says whether a browser page of origin may open the socket
	// (origin "" is a non-browser client).
	AllowOrigin func(r *http.Request, origin string) bool
}

const topicPrefix = "authorization_status:"

// idleTimeout closes a socket that sent nothing (not even a heartbeat,
// which the SDK sends every 15 s) for this long.
const idleTimeout = 60 * time.Second

// CloseLoggedOut is the close code of a socket whose token was revoked by
// a logout (4401, like HTTP 401, as graphql-ws uses it); the reason is
// "logged out". A client that reconnects with the same token gets 401.
const CloseLoggedOut websocket.StatusCode = 4401

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && !h.AllowOrigin(r, origin) {
		refuse(w, http.StatusForbidden, "This origin may not open the socket.")
		return
	}
	if problem := notUpgrade(r); problem != "" {
		// coder/websocket would answer these in text/plain.
		w.Header().Set("Connection", "Upgrade")
		w.Header().Set("Upgrade", "websocket")
		refuse(w, http.StatusUpgradeRequired, problem)
		return
	}
	if r.Header.Get("Sec-WebSocket-Version") != "13" || r.Header.Get("Sec-WebSocket-Key") == "" {
		w.Header().Set("Sec-WebSocket-Version", "13")
		refuse(w, http.StatusBadRequest, "A WebSocket handshake needs Sec-WebSocket-Version: 13 and a Sec-WebSocket-Key.")
		return
	}
	userID, key, err := h.Authenticate(r.Context(), r.URL.Query().Get("token"))
	if err != nil {
		refuse(w, http.StatusUnauthorized, "The token is invalid or has expired.")
		return
	}
	if h.Hub.isDown() {
		refuse(w, http.StatusServiceUnavailable, "The socket is down (test hook).")
		return
	}
	// The origin was checked above against the allowed list.
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	s := &session{h: h, conn: conn, userID: userID, key: key, joined: map[string]func(){}}
	if !h.Hub.track(s) { // taken down while this one was being accepted
		conn.CloseNow()
		return
	}
	defer h.Hub.untrack(s)
	s.run(r.Context())
}

func refuse(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// notUpgrade says why r is not a WebSocket upgrade ("" when it is).
func notUpgrade(r *http.Request) string {
	if r.Method != http.MethodGet || !headerHas(r.Header, "Connection", "upgrade") || !headerHas(r.Header, "Upgrade", "websocket") {
		return "This is the status socket: open it as a WebSocket (GET with Connection: Upgrade, Upgrade: websocket)."
	}
	return ""
}

// headerHas reports whether a comma-separated header holds token (any case).
func headerHas(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for _, part := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(part), token) {
				return true
			}
		}
	}
	return false
}

// session is one open socket.
type session struct {
	h      *Handler
	conn   *websocket.Conn
	userID int64
	key    string // names the credential the socket opened with
	mu     sync.Mutex
	joined map[string]func() // topic → unsubscribe
}

func (s *session) run(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		cancel()
		s.mu.Lock()
		for _, stop := range s.joined {
			stop()
		}
		s.mu.Unlock()
		s.conn.CloseNow()
	}()
	for {
		readCtx, stop := context.WithTimeout(ctx, idleTimeout)
		typ, data, err := s.conn.Read(readCtx)
		stop()
		if err != nil {
			if websocket.CloseStatus(err) == -1 && !errors.Is(err, context.Canceled) {
				s.conn.Close(websocket.StatusPolicyViolation, "idle")
			}
			return
		}
		if typ != websocket.MessageText {
			s.conn.Close(websocket.StatusUnsupportedData, "text frames only")
			return
		}
		m, err := parse(data)
		if err != nil {
			s.conn.Close(websocket.StatusUnsupportedData, err.Error())
			return
		}
		s.handle(ctx, m)
	}
}

func (s *session) handle(ctx context.Context, m *message) {
	switch {
	case m.Topic == "phoenix" && m.Event == "heartbeat":
		s.reply(ctx, m, "ok", map[string]any{})
	case m.Event == "phx_join":
		s.join(ctx, m)
	case m.Event == "phx_leave":
		s.mu.Lock()
		if stop, ok := s.joined[m.Topic]; ok {
			stop()
			delete(s.joined, m.Topic)
		}
		s.mu.Unlock()
		s.reply(ctx, m, "ok", map[string]any{})
	default:
		s.reply(ctx, m, "error", map[string]any{"reason": "unmatched topic"})
	}
}

func (s *session) join(ctx context.Context, m *message) {
	authID, ok := strings.CutPrefix(m.Topic, topicPrefix)
	if !ok || authID == "" {
		s.reply(ctx, m, "error", map[string]any{"reason": "unmatched topic"})
		return
	}
	s.mu.Lock()
	if stop, ok := s.joined[m.Topic]; ok { // a rejoin replaces the old one
		stop()
		delete(s.joined, m.Topic)
	}
	s.mu.Unlock()
	// Subscribe before reading the status so no change falls in between.
	updates, unsubscribe := s.h.Hub.Subscribe(authID)
	status, err := s.h.Status(ctx, s.userID, authID)
	if err != nil {
		unsubscribe()
		s.reply(ctx, m, "error", map[string]any{"reason": "unauthorized"})
		return
	}
	done := make(chan struct{})
	s.mu.Lock()
	s.joined[m.Topic] = func() { unsubscribe(); close(done) }
	s.mu.Unlock()
	s.reply(ctx, m, "ok", map[string]any{"status": status})
	// Pushes start only after the join reply went out.
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-done:
				return
			case st := <-updates:
				s.write(ctx, []any{m.JoinRef, nil, m.Topic, "status_update", map[string]any{"status": st}})
			}
		}
	}()
}

func (s *session) reply(ctx context.Context, m *message, status string, response any) {
	s.write(ctx, []any{m.JoinRef, m.Ref, m.Topic, "phx_reply", map[string]any{"status": status, "response": response}})
}

// write sends one frame; coder/websocket allows concurrent writers.
func (s *session) write(ctx context.Context, frame []any) {
	data, err := json.Marshal(frame)
	if err != nil {
		return
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s.conn.Write(wctx, websocket.MessageText, data)
}
