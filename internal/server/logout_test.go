package server_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// login makes a cookie session from a provisioned token, as xkit.login
// does, and returns its cookie header.
func login(t *testing.T, p *xkitdtest.Platform, externalID string) string {
	t.Helper()
	r := call(t, p.Client(), "POST", p.URL+api+"/sessions", p.UserToken(t, externalID), nil)
	require.Equal(t, 200, r.Status, r.Raw)
	return "xkit_session=" + sessionCookie(r).Value
}

// mint gets an access token from a cookie session (POST /sessions/token).
func mint(t *testing.T, p *xkitdtest.Platform, c *http.Client, cookie string) string {
	t.Helper()
	var h []string
	if cookie != "" {
		h = []string{"Cookie", cookie}
	}
	r := call(t, c, "POST", p.URL+api+"/sessions/token", "", nil, h...)
	require.Equal(t, 200, r.Status, r.Raw)
	return r.Body["access_token"].(string)
}

// Issue 12, finding 4: logout deleted the cookie session and the token it
// was called with, but an access token minted from the session earlier
// still answered 200, and a status socket opened with it kept receiving
// pushes. Now logout revokes the session's whole family (its access
// tokens, one-time tokens and the popup's session) and closes the sockets
// of those tokens with 4401 "logged out"; another session of the same user
// keeps working.
func TestLogoutRevokesSessionFamily(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	c := p.Client()
	ended := login(t, p, "u1")
	held, earlier := mint(t, p, c, ended), mint(t, p, c, ended) // the page holds the newest
	pop := xkitdtest.NewBrowser(t, p.URL, c.Transport)
	pop.Login(t, held) // the popup's session, from a one-time token of the page's token
	popToken := mint(t, p, pop.Client, "")
	other := login(t, p, "u1") // the same user in another browser
	otherToken := mint(t, p, c, other)

	_, auth := startConnection(t, p, otherToken, "slack")
	topic := "authorization_status:" + auth["id"].(string)
	join := func(token string) *phx {
		s, _, err := dialSocket(t, p, token, nil)
		require.NoError(t, err)
		s.send("1", "1", topic, "phx_join", map[string]any{})
		require.Equal(t, "ok", s.read()[4].(map[string]any)["status"])
		return s
	}
	revokedSocket, keptSocket := join(earlier), join(otherToken)

	r := call(t, c, "DELETE", p.URL+api+"/sessions", held, nil, "Cookie", ended)
	require.Equal(t, http.StatusNoContent, r.Status, r.Raw)
	loggedOut := time.Now()

	for name, tok := range map[string]string{"the held token": held, "a token minted earlier": earlier, "the popup's token": popToken} {
		assert.Equal(t, 401, call(t, c, "GET", p.URL+api+"/session", tok, nil).Status, name)
	}
	assert.Equal(t, 401, call(t, c, "POST", p.URL+api+"/sessions/token", "", nil, "Cookie", ended).Status, "the session")
	assert.Equal(t, 401, call(t, pop.Client, "POST", p.URL+api+"/sessions/token", "", nil).Status, "the popup's session")
	assert.Equal(t, 200, call(t, c, "GET", p.URL+api+"/session", otherToken, nil).Status, "another session's token")
	assert.NotEmpty(t, mint(t, p, c, other), "another session")

	// The socket of a revoked token is closed, with the documented code.
	_, _, err := revokedSocket.conn.Read(revokedSocket.ctx)
	var ce websocket.CloseError
	require.True(t, errors.As(err, &ce), "closed by the server, not dropped: %v", err)
	assert.Equal(t, websocket.StatusCode(4401), ce.Code)
	assert.Equal(t, "logged out", ce.Reason)
	t.Logf("the revoked socket's close frame arrived %v after DELETE /sessions answered", time.Since(loggedOut).Round(time.Microsecond))
	_, res, err := dialSocket(t, p, earlier, nil)
	require.Error(t, err)
	assert.Equal(t, 401, res.StatusCode, "and cannot be opened again")

	// The other session's socket still gets pushes.
	p.BreakAuthorization(t, auth["id"].(string))
	assert.Equal(t, []any{"1", nil, topic, "status_update", map[string]any{"status": "error"}}, keptSocket.read())
}

// Logout with only the bearer token (no cookie) revokes that token's
// family too; a provisioned token (no family) ends alone.
func TestLogoutWithBearerOnly(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	c := p.Client()
	session := login(t, p, "u1")
	a, b := mint(t, p, c, session), mint(t, p, c, session)
	provisioned := p.UserToken(t, "u1")
	require.Equal(t, 204, call(t, c, "DELETE", p.URL+api+"/sessions", a, nil).Status)
	assert.Equal(t, 401, call(t, c, "GET", p.URL+api+"/session", b, nil).Status)
	assert.Equal(t, 401, call(t, c, "POST", p.URL+api+"/sessions/token", "", nil, "Cookie", session).Status)
	assert.Equal(t, 200, call(t, c, "GET", p.URL+api+"/session", provisioned, nil).Status)
	require.Equal(t, 204, call(t, c, "DELETE", p.URL+api+"/sessions", provisioned, nil).Status)
	assert.Equal(t, 401, call(t, c, "GET", p.URL+api+"/session", provisioned, nil).Status)
}
