//go:build !js

package xkit_test

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xkit-wasm/xkit/internal/xkitdtest"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// pageOrigin is the host page's origin (an allowed web origin of the test
// platform): the popup's pages post to it.
const pageOrigin = "http://127.0.0.1:9"

// popup is the test's browser window: navigated, it loads the URL with its
// own cookie jar and does what the loaded page's script or the user would
// do there, following xkitd's pages: a loading page posts
// "authWindow:ready" (or {error}) to an allowed opener; the demo consent
// page submits its form with the decision the test gives; the API-key page
// saves each key the test gives as its script does (POST to its own path
// with the flow cookie); a result page posts its {error} and
// closes the window. It plays the browser, not the platform.
type popup struct {
	t        *testing.T
	platform string // the platform's origin
	hc       *http.Client
	msgs     chan xkit.PopupMessage

	decision chan string             // "allow" or "deny" at the consent page
	keys     chan string             // api_key values to save on the fields page
	saved    chan int                // the submit's status for each saved key
	pages    chan string             // page kinds loaded: loading, consent, fields, result, error
	stayOpen bool                    // the result page's window.close() does nothing
	rewrite  func(url string) string // changes a URL the flow navigates to (nil: none)

	mu         sync.Mutex
	closed     bool
	closeCalls int
	focused    int
	gone       chan struct{} // closed with the window
}

func newPopup(t *testing.T, p *xkitdtest.Platform) *popup {
	jar, _ := cookiejar.New(nil)
	hc := p.Client()
	hc.Jar = jar
	return &popup{t: t, platform: p.URL, hc: hc, msgs: make(chan xkit.PopupMessage),
		decision: make(chan string, 1), keys: make(chan string, 4), saved: make(chan int, 4),
		pages: make(chan string, 32), gone: make(chan struct{})}
}

// options are the ConnectOptions of a page with this popup; Open "opens"
// it on the first loading page.
func (w *popup) options(c *xkit.Client) xkit.ConnectOptions {
	return xkit.ConnectOptions{
		Open: func() xkit.Popup {
			w.Navigate(c.LoadingURL(pageOrigin))
			return w
		},
		Messages:     w.msgs,
		OpenerOrigin: pageOrigin,
		Timing:       fastTiming,
	}
}

var fastTiming = xkit.Timing{Poll: 50 * time.Millisecond, ClosedCheck: 10 * time.Millisecond,
	Heartbeat: time.Second, Redial: 20 * time.Millisecond}

func (w *popup) Navigate(u string) {
	if w.rewrite != nil {
		u = w.rewrite(u)
	}
	go w.load(u)
}

func (w *popup) Closed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closed
}

func (w *popup) Focus() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.focused++
}

func (w *popup) Close() {
	w.mu.Lock()
	w.closeCalls++
	w.mu.Unlock()
	w.shut()
}

// userCloses is the user closing the window.
func (w *popup) userCloses() { w.shut() }

func (w *popup) shut() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		w.closed = true
		close(w.gone)
	}
}

func (w *popup) calls() (closes, focuses int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closeCalls, w.focused
}

// post is the page posting data to the opener; it returns once the flow
// has taken the message (msgs is unbuffered) or the window is gone.
func (w *popup) post(data jsonv.Value) {
	select {
	case w.msgs <- xkit.PopupMessage{Origin: w.platform, Data: data}:
	case <-w.gone:
	}
}

// waitPage waits until the popup has loaded a page of kind.
func (w *popup) waitPage(kind string) {
	w.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case k := <-w.pages:
			if k == kind {
				return
			}
		case <-timeout:
			w.t.Fatalf("the popup never loaded a %s page", kind)
		}
	}
}

var (
	scriptVar   = regexp.MustCompile(`var (openerOrigin|error|origins|slug|state) = (.*?);`)
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// jsVars reads the page script's `var name = <JSON>;` values.
func jsVars(body string) map[string]json.RawMessage {
	vars := map[string]json.RawMessage{}
	for _, m := range scriptVar.FindAllStringSubmatch(body, -1) {
		for _, part := range strings.Split(m[0][4:len(m[0])-1], ", ") { // "slug = x, state = y"
			name, val, _ := strings.Cut(part, " = ")
			vars[name] = json.RawMessage(val)
		}
	}
	return vars
}

func jsString(raw json.RawMessage) string {
	var s string
	json.Unmarshal(raw, &s)
	return s
}

func (w *popup) load(u string) {
	if w.Closed() {
		return
	}
	res, err := w.hc.Get(u)
	if err != nil {
		w.pages <- "error"
		return
	}
	w.show(res)
}

// show runs the loaded page.
func (w *popup) show(res *http.Response) {
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	page, path := string(body), res.Request.URL.Path
	vars := jsVars(page)
	switch {
	case strings.HasSuffix(path, "/loading"):
		defer func() { w.pages <- "loading" }() // once the flow has taken the message
		if jsString(vars["openerOrigin"]) != pageOrigin {
			return // no window.opener to talk to
		}
		if e := jsString(vars["error"]); e != "" {
			w.post(jsonv.Object(jsonv.Member{Key: "error", Value: jsonv.String(e)}))
			return
		}
		w.post(jsonv.String("authWindow:ready"))
	case path == "/demo-oauth/authorize":
		w.pages <- "consent"
		select {
		case d := <-w.decision:
			form := url.Values{"decision": {d}}
			for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
				form.Set(m[1], html.UnescapeString(m[2]))
			}
			res, err := w.hc.PostForm(w.platform+"/demo-oauth/authorize", form)
			if err != nil {
				w.pages <- "error"
				return
			}
			w.show(res)
		case <-w.gone:
		}
	case strings.HasSuffix(path, "/fields"):
		w.pages <- "fields"
		w.fill(jsString(vars["slug"]), jsString(vars["state"]))
	default: // a result page
		w.pages <- "result"
		var origins []string
		json.Unmarshal(vars["origins"], &origins)
		if e := jsString(vars["error"]); e != "" && contains(origins, pageOrigin) {
			w.post(jsonv.Object(jsonv.Member{Key: "error", Value: jsonv.String(e)}))
		}
		if !w.stayOpen {
			w.shut()
		}
	}
}

// fill saves each key the test gives, as the fields page's script does,
// until one is accepted.
func (w *popup) fill(slug, state string) {
	for {
		var key string
		select {
		case key = <-w.keys:
		case <-w.gone:
			return
		}
		status := w.saveKey(slug, state, key)
		w.saved <- status
		if status == http.StatusOK {
			if !w.stayOpen {
				w.shut()
			}
			return
		}
	}
}

func (w *popup) saveKey(slug, state, key string) int {
	body, _ := json.Marshal(map[string]string{"state": state, "api_key": key})
	req, _ := http.NewRequest("POST", w.platform+"/authorizations/"+url.PathEscape(slug)+"/fields", strings.NewReader(string(body)))
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	res, err := w.hc.Do(req)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
