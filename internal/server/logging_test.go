package server_test

import (
	"bytes"
	"context"
	"log"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/server"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// With request logging on, the socket still upgrades, and no token (query,
// header or body) reaches the log.
func TestLogsHoldNoTokens(t *testing.T) {
	var logs syncBuffer
	srv, _ := startWith(t, server.Config{Demo: true, Logger: log.New(&logs, "", 0)})
	c := srv.Client()
	tok := provision(t, srv, "u1")
	r := call(t, c, "POST", srv.URL+api+"/sessions", tok, nil)
	require.Equal(t, 200, r.Status)
	cookie := sessionCookie(r).Value
	ott := call(t, c, "POST", srv.URL+api+"/sessions/ott", tok, nil).Body["ott"].(string)
	call(t, c, "GET", srv.URL+"/authorizations/slack/loading?token="+ott, "", nil)
	fresh := call(t, c, "POST", srv.URL+api+"/sessions/token", "", nil, "Cookie", "xkit_session="+cookie).Body["access_token"].(string)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, strings.Replace(srv.URL, "http", "ws", 1)+"/socket/websocket?vsn=2.0.0&token="+tok, nil)
	require.NoError(t, err)
	require.NoError(t, conn.Write(ctx, websocket.MessageText, []byte(`[null,"1","phoenix","heartbeat",{}]`)))
	_, data, err := conn.Read(ctx)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"phx_reply"`)
	conn.Close(websocket.StatusNormalClosure, "")

	r = call(t, c, "GET", srv.URL+api+"/session", "", nil, "Authorization", "Bearer "+fresh)
	require.Equal(t, http.StatusOK, r.Status)
	out := logs.String()
	assert.Contains(t, out, "POST /api/platform_user/sessions 200")
	assert.Contains(t, out, "GET /authorizations/slack/loading 200")
	for _, secret := range []string{tok, ott, fresh, cookie, "xat_", "ott_", "xst_"} {
		if secret != "" {
			assert.NotContains(t, out, secret)
		}
	}
}
