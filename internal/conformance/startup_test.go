package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// webHost is a host page that serves the SDK's files (web/) itself, so a
// test can hold back the wasm and see what the page shows meanwhile. Each
// page load gets the page set with show; nothing is cached.
type webHost struct {
	*hostPage
	mu    sync.Mutex
	body  string // the page's <body>, DOMAIN standing for xkitd's
	mode  serving
	gate  chan struct{} // .wasm answers wait until it is closed (hold)
	asked chan string   // the .wasm paths asked for, in order
}

// serving is how the web host answers the SDK's files.
type serving int

const (
	normally serving = iota
	hold             // .wasm answers wait for release
	noList           // xkit-wasm.json is missing (404)
	broken           // .wasm answers 503
)

const webHostPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>xkit startup</title></head>
<body><button id="go">go</button>
%s
</body></html>`

func startWebHost(t *testing.T, root string) *webHost {
	t.Helper()
	h := &webHost{hostPage: &hostPage{}}
	files := http.FileServer(http.Dir(filepath.Join(root, "web")))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		body := h.body
		h.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, webHostPage, body)
	})
	mux.Handle("GET /web/", http.StripPrefix("/web", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.mu.Lock()
		gate, asked, mode := h.gate, h.asked, h.mode
		h.mu.Unlock()
		switch {
		case strings.HasSuffix(r.URL.Path, ".wasm"):
			asked <- "/web" + r.URL.Path
			if mode == broken {
				http.Error(w, "not today", http.StatusServiceUnavailable)
				return
			}
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		case mode == noList && r.URL.Path == "/xkit-wasm.json":
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})))
	h.srv = httptest.NewTLSServer(mux)
	t.Cleanup(h.srv.Close)
	h.show("", normally)
	return h
}

// show sets the next page's body and how its files are served.
func (h *webHost) show(body string, mode serving) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.body, h.mode = body, mode
	h.gate, h.asked = make(chan struct{}), make(chan string, 16)
	if mode != hold {
		close(h.gate)
	}
}

func (h *webHost) release() { close(h.gate) }

// wasmAsked waits for the page to ask for a wasm file and returns its path.
func (h *webHost) wasmAsked(t *testing.T) string {
	t.Helper()
	select {
	case p := <-h.asked:
		return p
	case <-time.After(waitLimit):
		t.Fatal("the page asked for no wasm")
		return ""
	}
}

// poll waits until the JS expression is truthy in the page, or fails.
func poll(t *testing.T, b *browser, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[any](expr, chromedp.WithPollingInterval(10*time.Millisecond)))
	require.NoError(t, err, "waiting for %s (%s)", what, expr)
}

// box is an element's place on the page (getBoundingClientRect).
type box struct{ X, Y, W, H float64 }

// boxJS reads the box of a CSS selector in a catalog's shadow root.
func boxJS(id, css string) string {
	return `(() => { const e = document.getElementById(` + quote(id) + `).shadowRoot.querySelector(` + quote(css) + `);
		if (!e) return null; const r = e.getBoundingClientRect(); return {X: r.x, Y: r.y, W: r.width, H: r.height}; })()`
}

var hashedWasm = regexp.MustCompile(`^/web/(xkit|xkit-sdk)\.[0-9a-f]{16}\.wasm$`)

// TestStartup drives the loader's start-up in Chromium: the wasm starts
// before init, from its content-hashed name; the placeholder is there at
// once and the catalog replaces it without moving; the SDK-only build.
func TestStartup(t *testing.T) {
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	checkWasm(t, root)
	h := startWebHost(t, root)
	x := startXkitd(t, bin, root, h.srv.URL)
	b := startBrowser(t, h.hostPage, x.URL)
	page := func(t *testing.T, body string, mode serving) {
		t.Helper()
		h.show(strings.ReplaceAll(body, "DOMAIN", quote(x.Domain)), mode)
		b.open(t)
	}
	wait := func(t *testing.T, what, expr string) { t.Helper(); poll(t, b, what, expr) }

	t.Run("the script starts the wasm before init", func(t *testing.T) {
		page(t, `<script src="/web/xkit.js"></script>`, normally)
		assert.Regexp(t, hashedWasm, h.wasmAsked(t), "the content-hashed SDK + catalog build")
		wait(t, "Go started", `performance.getEntriesByName("xkit:go-started").length === 1`)
		assert.Equal(t, "function", eval[string](t, b, `typeof xkit.init`))
		assert.Equal(t, "undefined", eval[string](t, b, `typeof xkit.listConnectors`), "init has not run")
		token := x.provision(t, "early")
		n := eval[int](t, b, `(async () => { xkit.init(`+quote(x.Domain)+`); await xkit.login(`+quote(token)+`);
			return (await xkit.listConnectors()).length; })()`)
		assert.Equal(t, 4, n)
	})

	t.Run("the loader needs no list and no second script", func(t *testing.T) {
		// The hashed names and Go's wasm_exec.js are inside xkit.js: the
		// wasm is its first request, whatever xkit-wasm.json does.
		mark := b.requests.mark()
		page(t, `<script src="/web/xkit.js"></script>`, noList)
		assert.Regexp(t, hashedWasm, h.wasmAsked(t))
		wait(t, "Go started", `performance.getEntriesByName("xkit:go-started").length === 1`)
		var asked []string
		for _, r := range b.requests.since(mark) {
			if strings.Contains(r, "/web/") {
				asked = append(asked, r[strings.Index(r, "/web/"):])
			}
		}
		require.Len(t, asked, 2, "%v", asked)
		assert.Equal(t, "/web/xkit.js", asked[0])
		assert.Regexp(t, hashedWasm, asked[1])
		assert.Equal(t, 0, eval[int](t, b, `document.head.querySelectorAll("script").length`), "no script added to <head>")
	})

	t.Run("the script tag with its integrity hash, and xkit.version", func(t *testing.T) {
		var sri map[string]string
		raw, err := os.ReadFile(filepath.Join(root, "web", "xkit-sri.json"))
		require.NoError(t, err, "./build.sh writes web/xkit-sri.json")
		require.NoError(t, json.Unmarshal(raw, &sri))
		require.Regexp(t, `^sha384-[A-Za-z0-9+/]{64}$`, sri["xkit.js"])
		version := packageVersion(t, root)
		page(t, `<script src="/web/xkit.js" integrity="`+sri["xkit.js"]+`" crossorigin="anonymous"></script>
<script>window.__before = xkit.version; xkit.init(DOMAIN);</script>`, normally)
		h.wasmAsked(t)
		wait(t, "Go started", `performance.getEntriesByName("xkit:go-started").length === 1`)
		assert.Equal(t, version, eval[string](t, b, `window.__before`), "before init")
		assert.Equal(t, version, eval[string](t, b, `xkit.version`), "after init")

		// A hash that is not the file's: the browser refuses the script.
		wrong := "sha384-" + strings.Repeat("A", 64)
		page(t, `<script src="/web/xkit.js" integrity="`+wrong+`" crossorigin="anonymous"></script>`, normally)
		assert.Equal(t, "undefined", eval[string](t, b, `typeof window.xkit`), "not run")
	})

	t.Run("placeholder at once, then the catalog in its place", func(t *testing.T) {
		token := x.provision(t, "skeleton")
		// The element comes before the script; the script defines it, which
		// draws the placeholder in the same task, before any frame.
		page(t, `<xkit-catalog id="c1" router-type="memory"></xkit-catalog>
<script src="/web/xkit.js"></script>
<script>
window.__atOnce = Boolean(document.getElementById("c1").shadowRoot &&
  document.getElementById("c1").shadowRoot.querySelector("[data-skeleton][aria-busy=true]"));
xkit.init(DOMAIN);
</script>`, hold)
		h.wasmAsked(t) // and held
		assert.True(t, eval[bool](t, b, `window.__atOnce`), "the placeholder is there as soon as the element is defined")
		skel := `document.getElementById("c1").shadowRoot.querySelector("[data-skeleton]")`
		assert.Equal(t, "true", eval[string](t, b, skel+`.getAttribute("aria-busy")`))
		assert.Equal(t, 6, eval[int](t, b, skel+`.querySelectorAll(".grid .card").length`), "card outlines")
		assert.True(t, eval[bool](t, b, skel+`.querySelector(".tbar") !== null && `+skel+`.querySelector("input.search") !== null`), "title bar and search box")
		assert.Equal(t, "Loading...", eval[string](t, b, skel+`.querySelector(".sr").textContent`), "said to screen readers")
		assert.Equal(t, "rgb(245, 246, 247)", eval[string](t, b, `getComputedStyle(`+skel+`.querySelector(".bone")).backgroundColor`), "in the catalog's colours")

		// renderCatalog before the wasm: the same, synchronously.
		assert.True(t, eval[bool](t, b, `(() => { const d = document.createElement("div"); d.id = "c2"; document.body.append(d);
			xkit.renderCatalog(d, {routerType: "memory", hideSearch: true, title: "Apps"});
			const r = d.shadowRoot; return Boolean(r && r.querySelector("[data-skeleton] h1").textContent === "Apps" && !r.querySelector(".search")); })()`))

		before := map[string]*box{}
		for _, css := range []string{".searchbox", "input.search", ".grid > li"} {
			before[css] = eval[*box](t, b, boxJS("c1", css))
			require.NotNil(t, before[css], css)
		}
		title := eval[*box](t, b, boxJS("c1", ".tbar"))
		require.NotNil(t, title)
		assert.Greater(t, title.H, 30.0, "the title bar has the title's height")

		eval[bool](t, b, `window.__login = xkit.login(`+quote(token)+`), true`)
		h.release()
		wait(t, "the cards", `document.getElementById("c1").shadowRoot.querySelectorAll(".card .name").length === 4`)
		wait(t, "the title", `document.getElementById("c1").shadowRoot.querySelector("h1")`)
		assert.Nil(t, eval[any](t, b, `document.getElementById("c1").shadowRoot.querySelector("[data-skeleton], [aria-busy]")`), "no placeholder left")
		after := eval[*box](t, b, boxJS("c1", "h1"))
		assert.Equal(t, title.Y, after.Y, "the title where its bar was")
		assert.InDelta(t, title.H, after.H, 0.5, "the title as tall as its bar")
		for css, was := range before {
			now := eval[*box](t, b, boxJS("c1", css))
			require.NotNil(t, now, css)
			assert.Equal(t, was.X, now.X, "%s x", css)
			assert.Equal(t, was.Y, now.Y, "%s y", css)
			assert.Equal(t, was.W, now.W, "%s width", css)
			if css != ".grid > li" { // a card is as tall as its description
				assert.Equal(t, was.H, now.H, "%s height", css)
			}
		}
		wait(t, "the second catalog", `document.getElementById("c2").shadowRoot.querySelectorAll(".card .name").length === 4`)
		assert.Equal(t, "Apps", eval[string](t, b, `document.getElementById("c2").shadowRoot.querySelector("h1").textContent`))
	})

	t.Run("unmount before the wasm takes the placeholder away", func(t *testing.T) {
		page(t, `<div id="c4"></div><script src="/web/xkit.js"></script><script>xkit.init(DOMAIN);
xkit.renderCatalog("c4", {routerType: "memory"}); window.__gone = xkit.unmountCatalog("c4");</script>`, hold)
		h.wasmAsked(t)
		assert.True(t, eval[bool](t, b, `window.__gone`))
		assert.Equal(t, 0, eval[int](t, b, `document.getElementById("c4").shadowRoot.childNodes.length`))
		h.release()
		wait(t, "Go started", `performance.getEntriesByName("xkit:go-started").length === 1`)
		eval[bool](t, b, `new Promise((r) => setTimeout(() => r(true), 100))`)
		assert.Equal(t, 0, eval[int](t, b, `document.getElementById("c4").shadowRoot.childNodes.length`), "not drawn later either")
	})

	t.Run("the placeholder says so when the wasm cannot load", func(t *testing.T) {
		page(t, `<div id="c5"></div><script src="/web/xkit.js"></script><script>xkit.init(DOMAIN);
xkit.renderCatalog("c5", {routerType: "memory"});</script>`, broken)
		h.wasmAsked(t)
		wait(t, "the error", `document.getElementById("c5").shadowRoot.querySelector("[data-skeleton] .state.error[role=alert]")`)
		assert.Nil(t, eval[any](t, b, `document.getElementById("c5").shadowRoot.querySelector("[aria-busy]")`), "no longer busy")
		assert.Contains(t, eval[string](t, b, `xkit.listConnectors().then(() => "", (e) => e.message)`), "the SDK failed to load from")
	})

	sdkOnly := `Xkit: renderCatalog needs the catalog widget, which the SDK-only build (xkit-sdk.wasm) leaves out. ` +
		`Load xkit.wasm, the SDK with its catalog: drop data-catalog="false" from the <script> tag, or call createXkit(domain) without {catalog: false}.`

	t.Run(`data-catalog="false" loads the SDK alone`, func(t *testing.T) {
		mark := b.console.mark()
		page(t, `<xkit-catalog id="c6"></xkit-catalog>
<script src="/web/xkit.js" data-catalog="false"></script><script>xkit.init(DOMAIN);</script>`, normally)
		asked := h.wasmAsked(t)
		assert.Regexp(t, hashedWasm, asked)
		assert.True(t, strings.HasPrefix(asked, "/web/xkit-sdk."), "asked for %s", asked)
		token := x.provision(t, "sdk-only")
		assert.Equal(t, 4, eval[int](t, b, `xkit.login(`+quote(token)+`).then(() => xkit.listConnectors()).then((l) => l.length)`))
		assert.Equal(t, sdkOnly, eval[string](t, b, `(() => { const d = document.createElement("div"); document.body.append(d);
			return xkit.renderCatalog(d).then(() => "resolved", (e) => e.message); })()`))
		assert.Contains(t, eval[string](t, b, `xkit.unmountCatalog("c6").then(() => "resolved", (e) => e.message)`), "unmountCatalog needs the catalog widget")
		assert.Nil(t, eval[any](t, b, `document.getElementById("c6").shadowRoot`), "no placeholder for a catalog that cannot come")
		assert.True(t, b.console.waitFor(mark, waitLimit, func(l string) bool { return strings.Contains(l, "renderCatalog needs the catalog widget") }),
			"the element says why it stays empty")
	})

	t.Run("createXkit with {catalog: false}", func(t *testing.T) {
		page(t, `<script type="module">
import { createXkit } from "/web/xkit.mjs";
window.__sdk = createXkit(DOMAIN, { catalog: false });
</script>`, normally)
		asked := h.wasmAsked(t)
		assert.True(t, strings.HasPrefix(asked, "/web/xkit-sdk."), "asked for %s", asked)
		wait(t, "the module", `window.__sdk`)
		assert.Equal(t, sdkOnly, eval[string](t, b, `__sdk.renderCatalog(document.body).then(() => "resolved", (e) => e.message)`))
		assert.Equal(t, "TypeError", eval[string](t, b, `import("/web/xkit.mjs").then((m) => { try { m.createXkit(`+quote(x.Domain)+`, "no"); return "none"; } catch (e) { return e.name; } })`))
	})
}
