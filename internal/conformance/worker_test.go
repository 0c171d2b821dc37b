package conformance

import (
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/workertest"
)

// TestConformanceWorker runs the walkthrough with our SDK against the
// platform on Cloudflare Workers (cmd/xkit-worker under wrangler dev
// --local, D1 on disk): the same steps and assertions as against xkitd. The
// original xkit.js is left out: it needs the status socket, which Workers
// do not have. Like internal/workertest it runs when XKIT_WORKER_TEST=1.
func TestConformanceWorker(t *testing.T) {
	if os.Getenv("XKIT_WORKER_TEST") != "1" {
		t.Skip("set XKIT_WORKER_TEST=1 to run the Worker under wrangler dev (needs npm ci --prefix cmd/xkit-worker)")
	}
	root := moduleRoot(t)
	s := sdks[1]
	if s.name != "wasm" {
		t.Fatalf("sdks[1] is %q, want our wasm SDK", s.name)
	}
	began := time.Now()
	// wrangler dev is http, so the host page is too (both on loopback, so
	// the session cookie stays same-site).
	host := newHostPage(t, s.prepare(t, root), false)
	w := workertest.Start(t, workertest.Options{Origins: []string{host.srv.URL}})
	x := &xkitd{URL: w.URL, Domain: w.Domain, pk: workertest.PublishableKey, sk: workertest.SecretKey,
		log: workerLog{w}, client: &http.Client{Timeout: 20 * time.Second}}
	walked := time.Now()
	b := walkthrough(t, s, host, x)
	t.Logf("wasm: walkthrough on the Worker took %v (%v with starting wrangler dev)",
		time.Since(walked).Round(time.Millisecond), time.Since(began).Round(time.Millisecond))

	// A restart keeps what the walkthrough stored (D1 on disk): a fresh page
	// of the same user sees the connections made through the popup.
	restarted := time.Now()
	w.Restart(t)
	t.Logf("restart took %v", time.Since(restarted).Round(time.Millisecond))
	b.open(t)
	require.True(t, eval[bool](t, b, `window.__init()`))
	b.run(t, `xkit.login(`+quote(x.provision(t, "conformance"))+`)`).value(t, new(any))
	var conns []connection
	b.run(t, `xkit.listConnections()`).value(t, &conns)
	var got []string
	for _, c := range conns {
		if c.Enabled {
			got = append(got, c.Connector.Slug)
		}
	}
	assert.Contains(t, got, "acme-api", "the API-key connection survives the restart")
}

// workerLog is what wrangler printed, for a failing step.
type workerLog struct{ w *workertest.Worker }

func (l workerLog) String() string { return l.w.Log() }
