//go:build !js

package xkit_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/xkitdtest"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// platformSays answers GET /platform with its status_socket member
// replaced: a platform without the socket (the Worker: false), or one
// that does not announce it (Xkit's own: left out).
type platformSays struct {
	next xkit.Transport
	with string
}

func (p platformSays) Do(ctx cancel.Context, r xkit.Request) (xkit.Response, error) {
	res, err := p.next.Do(ctx, r)
	if err == nil && r.Method == "GET" && strings.HasSuffix(r.URL, "/api/platform_user/platform") {
		if !strings.Contains(res.Body, `"status_socket":true`) {
			return res, errNoSocketMember
		}
		res.Body = strings.Replace(res.Body, `,"status_socket":true`, p.with, 1)
	}
	return res, err
}

var errNoSocketMember = errors.New("xkitd's platform answer has no status_socket member")

// flowsOn is startFlows with the platform's answer about the socket
// replaced.
func flowsOn(t *testing.T, with string) *fixture {
	t.Helper()
	p := xkitdtest.Start(t, xkitdtest.Options{Origins: []string{pageOrigin}})
	f := &fixture{p: p, tr: newCounting(t, p), rec: newRecorder()}
	f.c = xkit.New(xkit.Options{Domain: p.Domain, Scheme: "http", Version: "3.14.1",
		Transport: platformSays{next: f.tr, with: with}, Host: f.rec, Emit: f.rec.emit})
	f.rec.waitFor(t, 0, loadingFalse)
	f.login(t, "user-1")
	return f
}

// A platform that says it has no status socket (GET /platform
// status_socket false, as the Worker does): the flow polls from the
// start, never dials, and warns of nothing.
func TestConnectWithoutStatusSocketPolls(t *testing.T) {
	f := flowsOn(t, `,"status_socket":false`)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	d := f.dialer()
	o.Dialer = d
	w.decision <- "allow"

	conn, err := f.c.Connect(ctxT(t), "slack", o).Wait(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "active", str(conn.Get("authorization", "status")))
	assert.Zero(t, d.count(), "the socket is never tried")
	assert.GreaterOrEqual(t, f.tr.count("GET /authorizations/slack/"+str(conn.Get("authorization", "id"))), 2,
		"polled, then read once more")
	f.rec.mu.Lock()
	defer f.rec.mu.Unlock()
	assert.Empty(t, f.rec.warnings, "a normal connect warns of nothing")
}

// A platform that does not announce it (Xkit's own, xkit.js's world):
// the socket is tried as before.
func TestConnectUnannouncedSocketIsTried(t *testing.T) {
	f := flowsOn(t, ``)
	w := newPopup(t, f.p)
	o := w.options(f.c)
	d := f.dialer()
	o.Dialer = d
	w.decision <- "allow"

	_, err := f.c.Connect(ctxT(t), "slack", o).Wait(ctxT(t))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, d.count(), 1)
}
