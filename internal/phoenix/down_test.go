package phoenix

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHubSetDown(t *testing.T) {
	hub, u := startSocketServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	dial := func() (*websocket.Conn, *http.Response, error) { return websocket.Dial(ctx, u, nil) }
	// join proves the server side is serving c (and so is tracked).
	join := func(c *websocket.Conn) error {
		if err := c.Write(ctx, websocket.MessageText, []byte(`["1","1","authorization_status:a","phx_join",{}]`)); err != nil {
			return err
		}
		_, _, err := c.Read(ctx)
		return err
	}

	a, _, err := dial()
	require.NoError(t, err)
	defer a.CloseNow()
	b, _, err := dial()
	require.NoError(t, err)
	defer b.CloseNow()
	require.NoError(t, join(a))
	require.NoError(t, join(b))
	require.Equal(t, 2, hub.Subscribers("a"), "one subscription per joined socket")
	assert.Equal(t, 2, hub.SetDown(true), "both open sockets are dropped")

	// The clients see the connection end without a close frame.
	_, _, err = a.Read(ctx)
	require.Error(t, err)
	assert.Equal(t, websocket.StatusCode(-1), websocket.CloseStatus(err), "no close frame: %v", err)
	_, _, err = b.Read(ctx)
	require.Error(t, err)

	// While down, new sockets are refused.
	_, res, err := dial()
	require.Error(t, err)
	require.NotNil(t, res)
	assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode)
	assert.Equal(t, 0, hub.SetDown(true), "nothing left to drop")

	// Back up, sockets work again.
	assert.Equal(t, 0, hub.SetDown(false))
	c, _, err := dial()
	require.NoError(t, err)
	defer c.CloseNow()
	require.NoError(t, join(c))
}

// startSocketServer serves the socket on loopback for tb, with every token
// valid (user 1) and every authorization awaiting its callback; u is its
// socket URL.
func startSocketServer(tb testing.TB) (hub *Hub, u string) {
	tb.Helper()
	hub = NewHub()
	srv := httptest.NewServer(&Handler{
		Hub:          hub,
		Authenticate: func(_ context.Context, token string) (int64, string, error) { return 1, token, nil },
		Status:       func(context.Context, int64, string) (string, error) { return "awaiting_callback", nil },
		AllowOrigin:  func(*http.Request, string) bool { return true },
	})
	tb.Cleanup(srv.Close)
	return hub, "ws" + strings.TrimPrefix(srv.URL, "http") + "/socket/websocket?token=t&vsn=2.0.0"
}
