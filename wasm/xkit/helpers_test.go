//go:build !js

package xkit_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"

	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/xkitdtest"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// counting passes every request to the real transport and counts them by
// "METHOD /path" (under the API path, query dropped). It can hold the
// token refresh until enough callers got their 401, and drop its cookies;
// it never answers by itself.
type counting struct {
	mu      sync.Mutex
	next    xkit.Transport
	counts  map[string]int
	got401  int
	gate401 int           // hold POST /sessions/token until this many 401s (0: don't)
	gate    chan struct{} // closed when got401 reaches gate401
}

func newCounting(t *testing.T, p *xkitdtest.Platform) *counting {
	c := &counting{counts: map[string]int{}}
	c.dropCookies(p)
	return c
}

// dropCookies starts a fresh cookie jar: the browser's cookie session is gone.
func (c *counting) dropCookies(p *xkitdtest.Platform) {
	jar, _ := cookiejar.New(nil)
	hc := *p.Client()
	hc.Jar = jar
	c.mu.Lock()
	c.next = xkit.NewHTTPTransport(&hc)
	c.mu.Unlock()
}

func (c *counting) Do(ctx cancel.Context, r xkit.Request) (xkit.Response, error) {
	key := r.Method + " " + apiPath(r.URL)
	c.mu.Lock()
	c.counts[key]++
	next, gate := c.next, c.gate
	c.mu.Unlock()
	if key == "POST /sessions/token" && gate != nil {
		select {
		case <-gate:
		case <-time.After(5 * time.Second): // the test then fails on its counts
		}
	}
	res, err := next.Do(ctx, r)
	if err == nil && res.Status == 401 {
		c.mu.Lock()
		c.got401++
		if c.gate != nil && c.got401 == c.gate401 {
			close(c.gate)
		}
		c.mu.Unlock()
	}
	return res, err
}

func (c *counting) count(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[key]
}

func (c *counting) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.counts {
		n += v
	}
	return n
}

func (c *counting) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts, c.got401 = map[string]int{}, 0
}

// holdRefreshUntil401s makes the next refresh wait until n requests got 401.
func (c *counting) holdRefreshUntil401s(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got401, c.gate401, c.gate = 0, n, make(chan struct{})
}

func apiPath(u string) string {
	_, p, _ := strings.Cut(u, xkit.APIPath)
	p, _, _ = strings.Cut(p, "?")
	return p
}

type event struct{ name, payload string }

// recorder is the page: it keeps events, warnings and navigations.
type recorder struct {
	mu        sync.Mutex
	events    []event
	changed   chan struct{}
	navigated chan string
	warnings  []string
}

func newRecorder() *recorder {
	return &recorder{changed: make(chan struct{}, 1), navigated: make(chan string, 10)}
}

func (r *recorder) emit(name string, payload jsonv.Value) {
	r.mu.Lock()
	r.events = append(r.events, event{name, payload.Raw()})
	r.mu.Unlock()
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

func (r *recorder) Warn(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.warnings = append(r.warnings, msg)
}

func (r *recorder) Navigate(url string) { r.navigated <- url }

func (r *recorder) all() []event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]event(nil), r.events...)
}

// since returns the events after the first n.
func (r *recorder) since(n int) []event { return r.all()[n:] }

// waitFor waits until an event equal to e has been emitted (after the
// first `after` events) and returns how many events there are then.
func (r *recorder) waitFor(t *testing.T, after int, e event) int {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		evs := r.all()
		for i := after; i < len(evs); i++ {
			if evs[i] == e {
				return len(evs)
			}
		}
		select {
		case <-r.changed:
		case <-deadline:
			t.Fatalf("no event %v; got %v", e, evs)
		}
	}
}

var (
	loadingTrue  = event{"config:update", `{"loading":true}`}
	loadingFalse = event{"config:update", `{"loading":false}`}
)

type fixture struct {
	p   *xkitdtest.Platform
	tr  *counting
	rec *recorder
	c   *xkit.Client
}

// start runs a real xkitd and a Client against it, and waits for the
// Client's init to settle.
func start(t *testing.T) *fixture {
	t.Helper()
	p := xkitdtest.Start(t, xkitdtest.Options{})
	f := &fixture{p: p, tr: newCounting(t, p), rec: newRecorder()}
	f.c = f.client()
	f.rec.waitFor(t, 0, loadingFalse)
	return f
}

// client is another Client (another page) sharing the fixture's cookies.
func (f *fixture) client() *xkit.Client {
	return xkit.New(xkit.Options{Domain: f.p.Domain, Scheme: "http", Version: "3.14.1",
		Transport: f.tr, Host: f.rec, Emit: f.rec.emit})
}

func (f *fixture) login(t *testing.T, user string) string {
	t.Helper()
	token := f.p.UserToken(t, user)
	require.NoError(t, f.c.Login(context.Background(), token, nil))
	return token
}

// direct calls the platform without the SDK and returns the answer's
// members: the oracle results are compared with.
func (f *fixture) direct(t *testing.T, method, path, token, body string) (int, map[string]json.RawMessage) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, "http://"+f.p.Domain+xkit.APIPath+path, rd)
	require.NoError(t, err)
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := f.p.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var m map[string]json.RawMessage
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	if len(b) > 0 {
		require.NoError(t, json.Unmarshal(b, &m), string(b))
	}
	return res.StatusCode, m
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func str(v jsonv.Value) string {
	s, _ := v.Str()
	return s
}
