package main

import (
	"fmt"
	"html"
	"net/http"
)

// pageHTML is the host page of one measurement. Times are performance.now(),
// milliseconds since the navigation began. The first script keeps the wasm
// instance's memory (Go exports it as "mem") without touching the loader.
const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>xkit bench</title>
<script>
(() => {
  const keep = (r) => {
    const inst = r && (r.instance || r);
    if (inst && inst.exports && inst.exports.mem) window.__wasmMem = inst.exports.mem;
    return r;
  };
  // __wasm: when the loader began compiling (the response has started),
  // and when it had the instance.
  const begin = () => { window.__wasm = window.__wasm || {start: performance.now()}; };
  const first = (f) => (...a) => (begin(), f.apply(WebAssembly, a));
  const timed = (f) => (...a) => (begin(),
    f.apply(WebAssembly, a).then(keep).then((r) => (window.__wasm.done = performance.now(), r)));
  for (const k of ["compileStreaming", "compile"]) if (WebAssembly[k]) WebAssembly[k] = first(WebAssembly[k]);
  for (const k of ["instantiateStreaming", "instantiate"]) if (WebAssembly[k]) WebAssembly[k] = timed(WebAssembly[k]);
})();
</script>
</head><body><div id="app"></div>
<script src="%s"></script>
<script>
const q = new URLSearchParams(location.search);
const ours = q.get("sdk") === "ours";
const app = document.getElementById("app");
// Cards: ours draws in a shadow root, the original in light DOM (links to
// #/connectors/SLUG).
window.__cards = () => ours
  ? (app.shadowRoot ? app.shadowRoot.querySelectorAll(".card") : [])
  : app.querySelectorAll('a[href*="/connectors/"]');
window.__root = () => ours ? app.shadowRoot : app;
window.__search = () => __root().querySelector('input');
xkit.init(location.host);
const frame = () => new Promise((r) => requestAnimationFrame(r));
window.__done = (async () => {
  await xkit.login(q.get("token"));
  if (q.get("mode") === "catalog") {
    xkit.renderCatalog(app, {routerType: "hash"});
    const want = Number(q.get("want"));
    for (;;) {
      const cards = __cards();
      if (cards.length >= want && cards[want - 1].getBoundingClientRect().height > 0) return {t: performance.now(), n: cards.length};
      await frame();
    }
  }
  const list = await xkit.listConnectors();
  return {t: performance.now(), n: list.length, wasm: window.__wasm || null};
})();
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
// timeStamp) to the grid's new cards laid out: the DOM changed, and
// layout forced right then. It gives up after 20 s.
window.__key = () => new Promise((resolve) => {
  const before = __cards().length;
  let t0 = 0;
  window.addEventListener("keydown", (e) => { t0 = e.timeStamp; }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    const cards = __cards();
    if (!t0 || cards.length === before) return;
    if (cards.length) cards[cards.length - 1].getBoundingClientRect();
    const t = performance.now();
    obs.disconnect();
    resolve({ms: t - t0, from: before, to: cards.length});
  });
  obs.observe(__root(), {childList: true, subtree: true});
  setTimeout(() => { obs.disconnect(); resolve({ms: -1, from: before, to: __cards().length}); }, 20000);
});
</script>
</body></html>
`

// pages serves /bench/page and the original bundles.
func pages(sdkOnly, withCatalog precompressed) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /bench/original-sdk.js", sdkOnly)
	mux.Handle("GET /bench/original-catalog.js", withCatalog)
	mux.HandleFunc("GET /bench/page", func(w http.ResponseWriter, r *http.Request) {
		src := "/web/xkit.js"
		switch {
		case r.URL.Query().Get("sdk") == "ours":
		case r.URL.Query().Get("mode") == "catalog":
			src = "/bench/original-catalog.js"
		default:
			src = "/bench/original-sdk.js"
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, pageHTML, html.EscapeString(src))
	})
	return mux
}
