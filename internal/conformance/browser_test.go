package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/headless"
)

// waitLimit bounds every wait of the suite, so a broken flow fails with a
// message instead of hanging.
const waitLimit = 20 * time.Second

// hostPage is the page of a host app, served from its own https origin (not
// xkitd's), so the SDK talks to the platform cross-origin as in production.
// https makes the platform's Secure SameSite=None cookie same-site.
type hostPage struct {
	srv     *httptest.Server
	scripts func() string // <script> tags that load the SDK
	init    func() string // JS expression that initialises it
}

// The page's one button starts the call under test from a real click, so the
// SDK has the user activation a popup needs. window.__started resolves to the
// call's outcome promise once the click handler has run.
const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>xkit conformance host</title></head>
<body>
<button id="go" style="width:200px;height:60px">go</button>
<script>
window.__events = [];
window.__arm = () => { window.__started = new Promise(r => { window.__markStarted = r; }); };
window.__arm();
document.getElementById("go").addEventListener("click", () => {
  window.__result = Promise.resolve().then(() => window.__next()).then(
    v => ({ok: v === undefined ? null : v}),
    e => ({err: (e !== null && typeof e === "object")
      ? {name: e.name, message: e.message, statusCode: e.statusCode, code: e.code}
      : {name: typeof e, message: String(e)}}));
  window.__markStarted(window.__result);
});
</script>
%s
<script>
window.__init = () => {
  %s;
  for (const type of ["connection:enable", "connection:remove"]) {
    xkit.on(type, payload => window.__events.push({type, payload}));
  }
  return true;
};
</script>
</body></html>
`

func startHostPage(t *testing.T, files map[string][]byte) *hostPage {
	t.Helper()
	return newHostPage(t, files, true)
}

// newHostPage serves the host page over https, or over http for a platform
// that is http itself (the Worker under wrangler dev): the SDK follows the
// page's scheme on loopback.
func newHostPage(t *testing.T, files map[string][]byte, https bool) *hostPage {
	t.Helper()
	h := &hostPage{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, pageHTML, h.scripts(), h.init())
	})
	// Sentinel for browser.platformRequests; only its request matters.
	mux.HandleFunc("GET /ping", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	for name, body := range files {
		mux.HandleFunc("GET /"+name, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			_, _ = w.Write(body)
		})
	}
	if https {
		h.srv = httptest.NewTLSServer(mux)
	} else {
		h.srv = httptest.NewServer(mux)
	}
	t.Cleanup(h.srv.Close)
	return h
}

// browser is one headless Chromium with the host page open in one tab.
type browser struct {
	ctx       context.Context // the host page's tab
	host      *hostPage
	platform  string // xkitd origin, to tell its requests apart
	pageID    target.ID
	console   *logBook
	requests  *logBook
	pingCount int
	// ping is the sentinel platformRequests fetches ("": the host page's
	// /ping; a page whose CSP allows only the platform uses one there).
	ping string
}

// logBook keeps lines (console messages, requests) in order, so a failing step
// can print what happened since it started.
type logBook struct {
	mu      sync.Mutex
	lines   []string
	changed chan struct{} // closed and replaced on every add
}

func (l *logBook) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, s)
	if l.changed != nil {
		close(l.changed)
		l.changed = nil
	}
}

// waitFor waits until a line since mark satisfies ok, or the limit passes.
func (l *logBook) waitFor(mark int, limit time.Duration, ok func(string) bool) bool {
	timer := time.NewTimer(limit)
	defer timer.Stop()
	for {
		l.mu.Lock()
		for _, s := range l.lines[mark:] {
			if ok(s) {
				l.mu.Unlock()
				return true
			}
		}
		if l.changed == nil {
			l.changed = make(chan struct{})
		}
		changed := l.changed
		l.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			return false
		}
	}
}

func (l *logBook) mark() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.lines)
}

func (l *logBook) since(i int) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines[i:]...)
}

func startBrowser(t *testing.T, host *hostPage, platform string) *browser {
	t.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		headless.Options("/usr/bin/chromium", t.TempDir())...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	// The first Run starts the browser; it must not carry a timeout.
	require.NoError(t, chromedp.Do(ctx), "starting /usr/bin/chromium")

	b := &browser{ctx: ctx, host: host, platform: platform, console: &logBook{}, requests: &logBook{}}
	b.pageID = chromedp.FromContext(ctx).Target.TargetID
	b.watch(ctx, "page")
	go func() {
		for ev, err := range chromedp.Events(ctx, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			b.requests.add(ev.Request.Method + " " + ev.Request.URL)
		}
	}()
	b.open(t)
	return b
}

// watch copies a tab's console into the browser's console log.
func (b *browser) watch(ctx context.Context, who string) {
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.console.add(who + " " + m.String())
		}
	}()
}

// open loads the host page, fresh.
func (b *browser) open(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(b.host.srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("go")),
	), "loading the host page")
}

// eval runs a JS expression in the host page and decodes its JSON value.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "evaluating %s", expr)
	return v
}

// poll waits until the JS expression is truthy in the host page.
func (b *browser) poll(t *testing.T, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[any](expr, chromedp.WithPollingInterval(20*time.Millisecond)))
	require.NoError(t, err, "waiting for %s (%s)", what, expr)
}

// leaves makes call from a click and returns where the page then goes (a
// call that sends it to the platform's login page never settles).
func (b *browser) leaves(t *testing.T, call string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	navs := chromedp.Events(ctx, page.FrameNavigated)
	// The page may go while the click is still being dispatched ("Could not
	// find node with given id"): the navigation then says the click
	// happened, and the click's error matters only without one.
	clickErr := b.startCall(call)
	for ev, err := range navs {
		require.NoError(t, err, "waiting for %s to send the page elsewhere (clicking #go: %v)", call, clickErr)
		if ev.Frame.ParentID == "" {
			return ev.Frame.URL
		}
	}
	t.Fatalf("%s did not send the page elsewhere (clicking #go: %v)", call, clickErr)
	return ""
}

// outcome is how a call settled: ok (its value, JSON) or err, plus the SDK
// events the page saw while it ran.
type outcome struct {
	OK     json.RawMessage `json:"ok"`
	Err    *jsError        `json:"err"`
	Events []sdkEvent      `json:"events"`
}

type jsError struct {
	Name       string `json:"name"`
	Message    string `json:"message"`
	StatusCode int    `json:"statusCode"`
	Code       any    `json:"code"`
}

type sdkEvent struct {
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload"`
}

// value requires the call to have resolved and decodes its value into v.
func (o outcome) value(t *testing.T, v any) {
	t.Helper()
	require.Nil(t, o.Err, "the call rejected: %+v", o.Err)
	require.NoError(t, json.Unmarshal(o.OK, v), "decoding %s", o.OK)
}

// fails requires the call to have rejected and returns the error.
func (o outcome) fails(t *testing.T) *jsError {
	t.Helper()
	require.NotNil(t, o.Err, "the call resolved, want a rejection: %s", o.OK)
	return o.Err
}

// count returns how many events of a type the page saw during the call.
func (o outcome) count(typ string) int {
	n := 0
	for _, e := range o.Events {
		if e.Type == typ {
			n++
		}
	}
	return n
}

// start arms the page with the call and clicks #go, so the call runs inside a
// real user gesture.
func (b *browser) start(t *testing.T, call string) {
	t.Helper()
	require.NoError(t, b.startCall(call), "clicking #go")
}

// startCall is start's work, returning its error.
func (b *browser) startCall(call string) error {
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__events = []; window.__arm(); window.__next = () => (`+call+`); true`)); err != nil {
		return err
	}
	return chromedp.Do(ctx, chromedp.Click(chromedp.ID("go")))
}

// settle waits for the call started by the last click and returns its outcome.
func (b *browser) settle(t *testing.T, call string, limit time.Duration) outcome {
	t.Helper()
	o, err := b.trySettle(limit)
	require.NoError(t, err, "waiting for %s to settle", call)
	return o
}

func (b *browser) trySettle(limit time.Duration) (outcome, error) {
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](
		`window.__started.then(r => ({...r, events: window.__events}))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		return outcome{}, err
	}
	var o outcome
	if err := json.Unmarshal(raw, &o); err != nil {
		return outcome{}, fmt.Errorf("decoding the outcome %s: %w", raw, err)
	}
	return o, nil
}

// run makes a call that needs no popup, from a click, and waits for it.
func (b *browser) run(t *testing.T, call string) outcome {
	t.Helper()
	b.start(t, call)
	o := b.settle(t, call, waitLimit)
	t.Logf("  %s → %s", call, o.brief())
	return o
}

// click makes a call that opens the authorization popup from a real click,
// lets act drive the popup, waits for the call and checks that the popup is
// gone once the flow has ended.
func (b *browser) click(t *testing.T, call string, act func(t *testing.T, popup context.Context, id target.ID)) outcome {
	t.Helper()
	opened, stop := b.opening()
	defer stop()
	b.start(t, call)
	var id target.ID
	select {
	case id = <-opened:
	case <-time.After(waitLimit):
		if o, err := b.trySettle(2 * time.Second); err == nil {
			t.Fatalf("%s opened no popup in %v; the call %s", call, waitLimit, o.brief())
		}
		t.Fatalf("%s opened no popup in %v and has not settled", call, waitLimit)
	}
	require.NotEmpty(t, id, "waiting for the popup")
	popup := b.attach(t, id)
	// A flow that failed half way leaves its popup open, and the next
	// window.open with the same window name would reuse it, so close it.
	defer func() {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		defer cancel()
		_, _ = chromedp.CallBrowser(ctx, target.CloseTarget, target.CloseTargetParams{TargetID: id})
	}()
	b.watch(popup, "popup")
	gone, err := chromedp.Detached(popup)
	require.NoError(t, err)

	act(t, popup, id)

	o := b.settle(t, call, 2*waitLimit)
	t.Logf("  %s → %s", call, o.brief())
	select {
	case <-gone:
	case <-time.After(waitLimit):
		t.Fatalf("the popup is still open %v after %s settled", waitLimit, call)
	}
	targets, err := chromedp.Targets(b.ctx)
	require.NoError(t, err)
	for _, info := range targets {
		require.NotEqual(t, id, info.TargetID, "the popup target still exists: %s", info.URL)
	}
	return o
}

// opening watches for the next popup the host page opens; stop ends it.
func (b *browser) opening() (<-chan target.ID, context.CancelFunc) {
	wait, stop := context.WithCancel(b.ctx)
	return chromedp.WaitNewTarget(wait, func(info *target.Info) bool {
		return info.Type == "page" && info.OpenerID == b.pageID
	}), stop
}

// popupFrom clicks #go to start call and attaches to the popup it opens.
func (b *browser) popupFrom(t *testing.T, call string) (target.ID, context.Context) {
	t.Helper()
	opened, stop := b.opening()
	defer stop()
	b.start(t, call)
	select {
	case id := <-opened:
		require.NotEmpty(t, id, "waiting for the popup")
		return id, b.attach(t, id)
	case <-time.After(waitLimit):
		t.Fatalf("%s opened no popup in %v", call, waitLimit)
	}
	return "", nil
}

// attach attaches to the popup. The popup navigates on its own (loading page,
// then the provider), and attaching while a document goes away fails with
// "Inspected target navigated or closed"; then it attaches again. Canceling
// only detaches, so a failed attempt leaves the popup alone.
func (b *browser) attach(t *testing.T, id target.ID) context.Context {
	t.Helper()
	return attachTarget(t, b.ctx, id)
}

// attachTarget is attach for any browser context: parent's.
func attachTarget(t *testing.T, parent context.Context, id target.ID) context.Context {
	t.Helper()
	for attempt := 1; ; attempt++ {
		popup, cancel := chromedp.NewContext(parent, chromedp.WithTargetID(id), chromedp.WithDetachOnCancel())
		err := chromedp.Do(popup)
		if err == nil {
			t.Cleanup(cancel)
			return popup
		}
		cancel()
		if attempt == 5 || !strings.Contains(err.Error(), "navigated or closed") {
			require.NoError(t, err, "attaching to the popup (attempt %d)", attempt)
		}
		t.Logf("  attaching to the popup again: %v", err)
	}
}

// popupClick waits in the popup for the element and clicks it.
func popupClick(t *testing.T, popup context.Context, css string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(popup, waitLimit)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(css)),
		chromedp.Click(chromedp.CSS(css)),
	), "clicking %s in the popup (at %s)", css, location(popup))
}

// location is the popup's URL, for messages.
func location(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "unknown: " + err.Error()
	}
	return u
}

// platformRequests lists the requests the page made to xkitd's API since mark.
// It first waits for a sentinel request of its own to come through the event
// stream, so every request the page made before is in the list.
func (b *browser) platformRequests(t *testing.T, mark int) []string {
	t.Helper()
	b.pingCount++
	n := fmt.Sprint(b.pingCount)
	ping := b.ping
	if ping == "" {
		ping = b.host.srv.URL + "/ping"
	}
	eval[chromedp.Void](t, b, `fetch(`+quote(ping+"?n="+n)+`).then(() => true)`)
	want := "GET " + ping + "?n=" + n
	require.True(t, b.requests.waitFor(mark, waitLimit, func(l string) bool { return l == want }),
		"the page's requests did not show the sentinel %s", want)
	var api []string
	for _, l := range b.requests.since(mark) {
		if strings.Contains(l, b.platform+"/api/") {
			api = append(api, l)
		}
	}
	return api
}

func (o outcome) brief() string {
	var s string
	if o.Err != nil {
		s = fmt.Sprintf("rejected %s %q", o.Err.Name, o.Err.Message)
		if o.Err.StatusCode != 0 {
			s += fmt.Sprintf(" statusCode %d", o.Err.StatusCode)
		}
		if o.Err.Code != nil {
			s += fmt.Sprintf(" code %v", o.Err.Code)
		}
	} else {
		v := string(o.OK)
		if len(v) > 120 {
			v = v[:117] + "..."
		}
		s = "resolved " + v
	}
	for _, e := range o.Events {
		s += " [event " + e.Type + "]"
	}
	return s
}
