package conformance

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/headless"
)

var listeningHTTP = regexp.MustCompile(`xkitd listening on http://127\.0\.0\.1:(\d+)`)

// README's first command, `./build.sh && go run ./cmd/xkitd`, in Chromium:
// xkitd as it starts by default (http, loopback, no keys in the
// environment, the demo page from the repository) runs the demo end to
// end on its public URL http://127.0.0.1:PORT and on its loopback alias
// http://localhost:PORT: the demo sign-in, then a connection through the
// popup and the demo provider's consent page.
func TestDemoPageOnLoopbackAliases(t *testing.T) {
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	dir := t.TempDir()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "xkit.db"), "-web", root, "-quiet")
	cmd.Dir = dir
	cmd.Env = os.Environ()
	log := &syncBuffer{}
	port := make(chan string, 1)
	watch := &lineWatcher{out: log, onLine: func(line string) {
		if m := listeningHTTP.FindStringSubmatch(line); m != nil {
			port <- m[1]
		}
	}}
	cmd.Stdout, cmd.Stderr = watch, watch
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var p string
	select {
	case p = <-port:
	case <-time.After(waitLimit):
		t.Fatalf("xkitd did not start:\n%s", log.String())
	}

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), headless.Options("/usr/bin/chromium", t.TempDir())...)
	t.Cleanup(cancelAlloc)
	for _, host := range []string{"127.0.0.1", "localhost"} {
		origin := "http://" + host + ":" + p
		t.Run(host, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(allocCtx)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx))
			page := chromedp.FromContext(ctx).Target.TargetID
			step, stop := context.WithTimeout(ctx, 3*waitLimit)
			defer stop()
			require.NoError(t, chromedp.Do(step,
				chromedp.Navigate(origin+"/"),
				chromedp.WaitVisible(chromedp.ID("login")),
				chromedp.Poll[chromedp.Void](`typeof xkit !== "undefined" && typeof xkit.addConnection === "function"`),
				chromedp.Click(chromedp.ID("login")),
				chromedp.Poll[chromedp.Void](`document.getElementById("status").textContent === "signed in"`),
			), "signing in on the demo page at %s:\n%s", origin, log.String())

			opened := chromedp.WaitNewTarget(step, func(info *target.Info) bool { return info.OpenerID == page })
			_, err := chromedp.Run(step, chromedp.Evaluate[bool](`document.body.insertAdjacentHTML("beforeend", '<button id="t-go">go</button>');
				document.getElementById("t-go").onclick = () => {
					window.__r = xkit.addConnection("github").then(c => c.authorization.status, e => "rejected: " + e.message);
				}; true`))
			require.NoError(t, err)
			require.NoError(t, chromedp.Do(step, chromedp.Click(chromedp.ID("t-go"))))
			var id target.ID
			select {
			case id = <-opened:
			case <-step.Done():
				t.Fatal("no popup")
			}
			// The popup navigates on its own (loading page, start, consent):
			// attach as the other popup tests do, again if a page went away.
			popup := attachTarget(t, ctx, id)
			pstep, pstop := context.WithTimeout(popup, 2*waitLimit)
			defer pstop()
			require.NoError(t, chromedp.Do(pstep, chromedp.WaitVisible(chromedp.ID("allow")), chromedp.Click(chromedp.ID("allow"))),
				"the consent page in the popup:\n%s", log.String())
			status, err := chromedp.Run(step, chromedp.Evaluate[string](`window.__r`, chromedp.EvalAwaitPromise))
			require.NoError(t, err)
			assert.Equal(t, "active", status)
		})
	}
}
