//go:build js

package bridge

import (
	"context"
	"strings"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

var jsJSON = js.Global().Get("JSON")

// jsEval evaluates a JS expression, e.g. jsEval(`x => x + 1`).
func jsEval(src string) js.Value {
	return js.Global().Get("Function").New("return (" + src + ");").Invoke()
}

// await waits (with a deadline, so a bug fails instead of hanging) for a JS
// promise.
func await(t *testing.T, p js.Value) (js.Value, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	v, err := jsinterop.Await(ctx, p)
	require.NotErrorIs(t, err, context.DeadlineExceeded, "promise did not settle")
	return v, err
}

// rejection awaits p, which must reject, and returns the JS value it rejected with.
func rejection(t *testing.T, p js.Value) js.Value {
	t.Helper()
	_, err := await(t, p)
	require.Error(t, err)
	je, ok := err.(*jsinterop.Error)
	require.True(t, ok, "rejection should be a *jsinterop.Error, got %T", err)
	return je.Value
}

// stringifyJS is JSON.stringify(v) as Go text.
func stringifyJS(v js.Value) string {
	return jsJSON.Call("stringify", v).String()
}

// captureWarnings replaces console.warn for the test and returns what it got.
func captureWarnings(t *testing.T) func() []string {
	console := js.Global().Get("console")
	old := console.Get("warn")
	var (
		mu  sync.Mutex
		got []string
	)
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = jsinterop.String(a)
		}
		mu.Lock()
		got = append(got, strings.Join(parts, " "))
		mu.Unlock()
		return nil
	})
	console.Set("warn", f)
	t.Cleanup(func() { console.Set("warn", old); f.Release() })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
}

// platformStub answers the SDK's requests from a table of path → response
// and records every request. While gated, requests wait until Open.
type platformStub struct {
	mu       sync.Mutex
	answers  map[string]xkit.Response // "METHOD /path" under /api/platform_user
	requests []xkit.Request
	arrived  chan struct{} // one value per request, for waiting without sleeps
	gate     chan struct{}
}

func newPlatformStub(gated bool) *platformStub {
	p := &platformStub{answers: map[string]xkit.Response{}, arrived: make(chan struct{}, 100), gate: make(chan struct{})}
	if !gated {
		close(p.gate)
	}
	// Like a real platform for a page without a cookie session.
	p.answer("GET /platform", 200, `{"platform":{"name":"Demo","slug":"demo","login_redirect_url":"http://127.0.0.1:1/login"}}`)
	p.answer("POST /sessions/token", 401, `{"error":"Unauthorized"}`)
	return p
}

func (p *platformStub) answer(key string, status int, body string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.answers[key] = xkit.Response{Status: status, StatusText: statusText(status), Body: body}
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 401:
		return "Unauthorized"
	case 404:
		return "Not Found"
	}
	return "Error"
}

func (p *platformStub) open() { close(p.gate) }

func (p *platformStub) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.requests)
}

func (p *platformStub) Do(ctx cancel.Context, r xkit.Request) (xkit.Response, error) {
	p.mu.Lock()
	p.requests = append(p.requests, r)
	p.mu.Unlock()
	p.arrived <- struct{}{}
	select {
	case <-p.gate:
	case <-ctx.Done():
		return xkit.Response{}, ctx.Err()
	}
	path := strings.TrimPrefix(r.URL, "http://127.0.0.1:1"+xkit.APIPath)
	p.mu.Lock()
	defer p.mu.Unlock()
	if res, ok := p.answers[r.Method+" "+path]; ok {
		return res, nil
	}
	return xkit.Response{Status: 404, StatusText: "Not Found", Body: `{"error":"not found"}`}, nil
}

// waitRequest waits for the next request to reach the stub.
func (p *platformStub) waitRequest(t *testing.T) {
	t.Helper()
	select {
	case <-p.arrived:
	case <-time.After(5 * time.Second):
		t.Fatal("no request reached the platform")
	}
}

// newTestSDK is an SDK for 127.0.0.1:1 over the stub, released after the test.
func newTestSDK(t *testing.T, p *platformStub) *SDK {
	s, err := newSDK("127.0.0.1:1", "http:", p)
	require.NoError(t, err)
	t.Cleanup(s.Release)
	return s
}

// globalSet sets globalThis[name] for the test (nil deletes it) and puts
// back what was there.
func globalSet(t *testing.T, name string, v any) {
	g := js.Global()
	old, had := g.Get(name), hasOwn(g, name)
	if v == nil {
		g.Delete(name)
	} else {
		g.Set(name, v)
	}
	t.Cleanup(func() {
		if had {
			g.Set(name, old)
		} else {
			g.Delete(name)
		}
	})
}
