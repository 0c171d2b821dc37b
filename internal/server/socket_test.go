package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

type phx struct {
	t    *testing.T
	ctx  context.Context
	conn *websocket.Conn
}

func dialSocket(t *testing.T, p *xkitdtest.Platform, token string, header http.Header) (*phx, *http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	u := strings.Replace(p.URL, "http", "ws", 1) + "/socket/websocket?vsn=2.0.0&token=" + url.QueryEscape(token)
	conn, res, err := websocket.Dial(ctx, u, &websocket.DialOptions{HTTPClient: p.Client(), HTTPHeader: header})
	if err != nil {
		return nil, res, err
	}
	t.Cleanup(func() { conn.CloseNow() })
	return &phx{t: t, ctx: ctx, conn: conn}, res, nil
}

func (s *phx) send(frame ...any) {
	data, err := json.Marshal(frame)
	require.NoError(s.t, err)
	require.NoError(s.t, s.conn.Write(s.ctx, websocket.MessageText, data))
}

func (s *phx) read() []any {
	_, data, err := s.conn.Read(s.ctx)
	require.NoError(s.t, err)
	var frame []any
	require.NoError(s.t, json.Unmarshal(data, &frame))
	require.Len(s.t, frame, 5)
	return frame
}

func TestSocket(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{TLS: true, Origins: []string{"https://host.test"}})
	tok := p.UserToken(t, "u1")
	_, auth := startConnection(t, p, tok, "slack")
	authID := auth["id"].(string)
	topic := "authorization_status:" + authID

	s, _, err := dialSocket(t, p, tok, http.Header{"Origin": {"https://host.test"}})
	require.NoError(t, err)

	// Join answers the current status.
	s.send("1", "1", topic, "phx_join", map[string]any{})
	assert.Equal(t, []any{"1", "1", topic, "phx_reply",
		map[string]any{"status": "ok", "response": map[string]any{"status": "awaiting_callback"}}}, s.read())

	// A change pushes status_update.
	b := popup(t, p, tok)
	r := load(t, b, b.Consent(t, auth["authorize_url"].(string), "allow"))
	require.Equal(t, 200, r.Status)
	assert.Equal(t, []any{"1", nil, topic, "status_update", map[string]any{"status": "retrieving_tokens"}}, s.read())
	assert.Equal(t, []any{"1", nil, topic, "status_update", map[string]any{"status": "active"}}, s.read())

	// Heartbeat.
	s.send(nil, "2", "phoenix", "heartbeat", map[string]any{})
	assert.Equal(t, []any{nil, "2", "phoenix", "phx_reply", map[string]any{"status": "ok", "response": map[string]any{}}}, s.read())

	// Another user's authorization cannot be joined.
	_, foreign := startConnection(t, p, p.UserToken(t, "u2"), "slack")
	s.send("3", "3", "authorization_status:"+foreign["id"].(string), "phx_join", map[string]any{})
	reply := s.read()
	assert.Equal(t, "error", reply[4].(map[string]any)["status"])

	// Leave: ok, then no more pushes.
	s.send("1", "4", topic, "phx_leave", map[string]any{})
	assert.Equal(t, []any{"1", "4", topic, "phx_reply", map[string]any{"status": "ok", "response": map[string]any{}}}, s.read())
	assert.Equal(t, 0, p.Handler.Hub().Subscribers(authID))
	p.BreakAuthorization(t, authID)
	s.send(nil, "5", "phoenix", "heartbeat", map[string]any{})
	assert.Equal(t, "5", s.read()[1], "the next frame is the heartbeat reply, not a push")
}

func TestSocketPushFromHook(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	tok := p.UserToken(t, "u1")
	_, auth := startConnection(t, p, tok, "github")
	topic := "authorization_status:" + auth["id"].(string)
	s, _, err := dialSocket(t, p, tok, nil)
	require.NoError(t, err)
	s.send("7", "7", topic, "phx_join", map[string]any{})
	require.Equal(t, "ok", s.read()[4].(map[string]any)["status"])
	p.BreakAuthorization(t, auth["id"].(string))
	assert.Equal(t, []any{"7", nil, topic, "status_update", map[string]any{"status": "error"}}, s.read())
	a := getAuthorization(t, p, tok, "github", auth["id"].(string))
	assert.Equal(t, "test_broken", a["error_code"])
	assert.Equal(t, "Broken by a test hook.", a["error_message"])
}

func TestSocketRefused(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{Origins: []string{"http://host.test"}})
	tok := p.UserToken(t, "u1")
	tests := []struct {
		name   string
		token  string
		origin string
		status int
	}{
		{"bad token", "xat_nope", "", 401},
		{"no token", "", "", 401},
		{"disallowed origin", tok, "http://evil.test", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.origin != "" {
				h.Set("Origin", tt.origin)
			}
			_, res, err := dialSocket(t, p, tt.token, h)
			require.Error(t, err)
			require.NotNil(t, res)
			assert.Equal(t, tt.status, res.StatusCode)
		})
	}
	// An expired token is refused too; GET /session tells why.
	p.ExpireTokens(t)
	_, res, err := dialSocket(t, p, tok, nil)
	require.Error(t, err)
	assert.Equal(t, 401, res.StatusCode)
	assert.Equal(t, 401, call(t, p.Client(), "GET", p.URL+api+"/session", tok, nil).Status)
}

func TestSocketsDownHook(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	tok := p.UserToken(t, "u1")
	_, auth := startConnection(t, p, tok, "slack")
	topic := "authorization_status:" + auth["id"].(string)
	s, _, err := dialSocket(t, p, tok, nil)
	require.NoError(t, err)
	s.send("1", "1", topic, "phx_join", map[string]any{})
	require.Equal(t, "ok", s.read()[4].(map[string]any)["status"])

	r := call(t, p.Client(), "POST", p.URL+"/test/sockets/down", "", nil)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, float64(1), r.Body["dropped"])
	_, _, err = s.conn.Read(s.ctx)
	require.Error(t, err, "the open socket was dropped")
	_, res, err := dialSocket(t, p, tok, nil)
	require.Error(t, err)
	assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode, "new sockets are refused while down")

	assert.Equal(t, 404, call(t, p.Client(), "POST", p.URL+"/test/sockets/sideways", "", nil).Status)
	require.Equal(t, 200, call(t, p.Client(), "POST", p.URL+"/test/sockets/up", "", nil).Status)
	_, _, err = dialSocket(t, p, tok, nil)
	require.NoError(t, err, "sockets open again once up")
}
