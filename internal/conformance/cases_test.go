package conformance

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// cases runs one SDK's steps, each standing on its own (go test -run one
// step): what fresh gives a step is its own. xkitd and Chromium are
// shared by the SDK's steps, since they are slow to start.
type cases struct {
	b *browser
	x *xkitd
}

// fresh gives a step a new user, no cookie session in the browser, the
// host page loaded anew (no user activation, no flow or listener of
// another step), the SDK initialised and window.open recorded
// (instrumentJS); with login, the user logged in (from script, not a
// click: a step may need no activation left). It returns the user's token.
func (c *cases) fresh(t *testing.T, login bool) (token string) {
	t.Helper()
	token = c.x.provision(t, t.Name())
	ctx, cancel := context.WithTimeout(c.b.ctx, waitLimit)
	defer cancel()
	_, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{})
	require.NoError(t, err, "clearing cookies")
	c.b.open(t)
	require.True(t, eval[bool](t, c.b, `window.__init()`), "init and xkit.on subscriptions")
	require.True(t, eval[bool](t, c.b, instrumentJS), "instrumenting window.open")
	if login {
		require.True(t, eval[bool](t, c.b, `xkit.login(`+quote(token)+`).then(() => true)`), "login")
	}
	return token
}

// step runs one named step; when it fails it prints what the page logged,
// what it asked of the platform and what xkitd wrote while it ran. Any
// popup it left open is closed and its flows settled first.
func (c *cases) step(t *testing.T, name string, fn func(t *testing.T)) bool {
	return t.Run(name, func(t *testing.T) {
		b := c.b
		consoleMark, requestMark := b.console.mark(), b.requests.mark()
		start := time.Now()
		t.Cleanup(func() {
			b.endFlows(t)
			if t.Failed() {
				t.Logf("console since the step began:\n  %s", strings.Join(b.console.since(consoleMark), "\n  "))
				t.Logf("requests since the step began:\n  %s", strings.Join(b.requests.since(requestMark), "\n  "))
				t.Logf("xkitd output (tail):\n%s", c.x.tail(30))
			}
			t.Logf("%s (%v)", name, time.Since(start).Round(time.Millisecond))
		})
		fn(t)
	})
}
