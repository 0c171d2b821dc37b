package main

import (
	"fmt"
	"html"
	"net/http"
	"strings"
)

// pageHTML is the host page of one measurement: %s are the head's extra
// tags (preloads), the SDK's script tags, and how the page makes its xkit
// (ours as a module assigns window.xkit itself). Times are
// performance.now(), milliseconds since the navigation began. The first
// script keeps the wasm instance's memory (Go exports it as "mem") without
// touching the loader.
const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>xkit bench</title>
<script>
(() => {
  const keep = (r) => {
    const inst = r && (r.instance || r);
    if (inst && inst.exports && inst.exports.mem) window.__wasmMem = inst.exports.mem;
    return r;
  };
  for (const k of ["instantiateStreaming", "instantiate"]) {
    const f = WebAssembly[k];
    if (f) WebAssembly[k] = (...a) => f.apply(WebAssembly, a).then(keep);
  }
})();
</script>
%s
</head><body><div id="app"></div>
%s
<script>
const q = new URLSearchParams(location.search);
const ours = q.get("sdk") !== "original";
const app = document.getElementById("app");
// Cards: ours draws in a shadow root (windowed: each item says the list's
// size), the original in light DOM (links to #/connectors/SLUG).
window.__cards = () => ours
  ? (app.shadowRoot ? app.shadowRoot.querySelectorAll(".grid > li[aria-setsize]") : [])
  : app.querySelectorAll('a[href*="/connectors/"]');
window.__total = () => {
  const cards = __cards();
  return ours ? (cards.length ? Number(cards[0].getAttribute("aria-setsize")) : 0) : cards.length;
};
window.__root = () => ours ? app.shadowRoot : app;
window.__search = () => __root().querySelector('input');
const frame = () => new Promise((r) => requestAnimationFrame(r));
// painted resolves after the next frame has been drawn: its animation frame
// callbacks run before the paint, a task queued from there after it.
const painted = () => frame().then(() => new Promise((r) => setTimeout(r)));
const at = {}; // named moments, ms since navigation
window.__run = async () => {
  at.init = performance.now();
  if (q.get("mode") === "skeleton") {
    // The catalog element first: its first paint (ours: the placeholder).
    xkit.renderCatalog(app, {routerType: "hash"});
    await painted();
    const drawn = ours ? Boolean(app.shadowRoot && app.shadowRoot.querySelector(".grid")) : app.childNodes.length > 0;
    return {t: performance.now(), n: drawn ? 1 : 0};
  }
  await xkit.login(q.get("token"));
  at.login = performance.now();
  if (q.get("mode") === "catalog") {
    xkit.renderCatalog(app, {routerType: "hash"});
    const want = Number(q.get("want"));
    for (;;) {
      const cards = __cards();
      if (__total() >= want && cards.length && cards[cards.length - 1].getBoundingClientRect().height > 0) {
        return {t: performance.now(), n: __total()};
      }
      await frame();
    }
  }
  const list = await xkit.listConnectors();
  at.list = performance.now();
  return {t: at.list, n: list.length, at: moments()};
};
// moments is the start-up's timeline: the page's own marks, the loader's
// (performance.mark) and the downloads' (Resource Timing; transferSize 0
// means from the HTTP cache).
const moments = () => {
  const m = {...at};
  for (const e of performance.getEntriesByType("mark")) if (e.name.startsWith("xkit:")) m[e.name.slice(5)] = e.startTime;
  for (const e of performance.getEntriesByType("resource")) {
    const name = e.name.replace(/^.*\//, "").replace(/\.[0-9a-f]{16}\.wasm$/, ".wasm").replace(/\?.*$/, "");
    if (!/^(xkit|original|wasm_exec)/.test(name)) continue;
    m[name + " asked"] = e.startTime;
    m[name + " first byte"] = e.responseStart;
    m[name + " done"] = e.responseEnd;
    m[name + " bytes"] = e.transferSize;
  }
  return m;
};
// __calls times n listConnectors calls, one after another.
window.__calls = async (n) => {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await xkit.listConnectors();
    out.push(performance.now() - t0);
  }
  return out;
};
// __key resolves with the time from the next keydown (its event's
// timeStamp) to the grid's new cards laid out: the list's size changed, and
// layout forced right then. It gives up after 20 s.
window.__key = () => new Promise((resolve) => {
  const before = __total();
  let t0 = 0;
  window.addEventListener("keydown", (e) => { t0 = e.timeStamp; }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    const total = __total();
    if (!t0 || total === before) return;
    const cards = __cards();
    if (cards.length) cards[cards.length - 1].getBoundingClientRect();
    const t = performance.now();
    obs.disconnect();
    resolve({ms: t - t0, from: before, to: total});
  });
  obs.observe(__root(), {childList: true, subtree: true, attributes: true, attributeFilter: ["aria-setsize"]});
  setTimeout(() => { obs.disconnect(); resolve({ms: -1, from: before, to: __total()}); }, 20000);
});
%s
</script>
</body></html>
`

// variant is one way a page loads an SDK.
type variant struct {
	name  string // as the bench page's sdk parameter
	label string // in the tables
	ours  bool
	// head and body are the page's tags; start makes window.xkit and calls
	// __run (window.__done is its promise).
	head, scripts, start string
	// Another variant's page in a Chromium started with these V8 flags.
	samePage, jsFlags string
}

// page is the bench page's sdk parameter for v.
func (v variant) page() string {
	if v.samePage != "" {
		return v.samePage
	}
	return v.name
}

const (
	classicStart = `xkit.init(location.host);
window.__done = __run();`
	moduleStart = `window.__done = import("/web/xkit.mjs").then((m) => { window.xkit = m.createXkit(location.host); return __run(); });`
)

// variants are the pages the bench measures. web is the served web/ (for
// the hashed name a page that preloads the wasm writes in its head).
func variants(hashed string) []variant {
	return []variant{
		{name: "original", label: "original", scripts: `<script src="ORIGINAL"></script>`, start: classicStart},
		{name: "ours", label: "ours, SDK + catalog", ours: true, scripts: `<script src="/web/xkit.js"></script>`, start: classicStart},
		{name: "ours-sdk", label: `ours, SDK only (data-catalog="false")`, ours: true,
			scripts: `<script src="/web/xkit.js" data-catalog="false"></script>`, start: classicStart},
		{name: "ours-preload", label: `ours + <link rel="preload"> of the hashed wasm`, ours: true,
			head:    `<link rel="preload" href="/web/` + hashed + `" as="fetch" crossorigin>`,
			scripts: `<script src="/web/xkit.js"></script>`, start: classicStart},
		{name: "ours-module", label: "ours as an ES module (xkit.mjs)", ours: true, start: moduleStart},
		{name: "ours-modulepreload", label: `ours as an ES module + <link rel="modulepreload">`, ours: true,
			head: `<link rel="modulepreload" href="/web/xkit.mjs">`, start: moduleStart},
		// What V8's code cache would give: Chromium's default waits for 2 s
		// without new optimised code before it writes the cache; with this
		// flag it writes at once.
		{name: "ours-codecache", label: "ours, V8 code cache forced (--js-flags=--wasm-caching-timeout-ms=1)", ours: true,
			samePage: "ours", jsFlags: "--wasm-caching-timeout-ms=1"},
	}
}

// pages serves /bench/page and the original bundles. The original is served
// as a versioned CDN file would be (cached for a year), so its second visit
// needs no request at all; ours comes from xkitd as it ships.
func pages(sdkOnly, withCatalog precompressed, vs []variant) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /bench/original-sdk.js", sdkOnly)
	mux.Handle("GET /bench/original-catalog.js", withCatalog)
	byName := map[string]variant{}
	for _, v := range vs {
		byName[v.name] = v
	}
	mux.HandleFunc("GET /bench/page", func(w http.ResponseWriter, r *http.Request) {
		v, ok := byName[r.URL.Query().Get("sdk")]
		if !ok {
			http.Error(w, "no such sdk", http.StatusNotFound)
			return
		}
		original := "/bench/original-sdk.js"
		if r.URL.Query().Get("mode") != "ready" {
			original = "/bench/original-catalog.js"
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, pageHTML, v.head, strings.ReplaceAll(v.scripts, "ORIGINAL", html.EscapeString(original)), v.start)
	})
	return mux
}
