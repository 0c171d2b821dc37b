package conformance

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// catalogSeed adds a connector whose texts try every way to run code; the
// catalog must show them as text.
const catalogSeed = `{"connectors":[{"slug":"evil","name":"Evil Corp","auth":"oauth2",
 "short_description":"<img src=x onerror=\"window.__pwned='short'\">",
 "description":"Hello <script>window.__pwned='script'</script> **bold** [click](javascript:window.__pwned='link') <img src=x onerror=\"window.__pwned='img'\">",
 "about":"<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>"}]}`

// catalogJS are the page helpers the catalog steps use. The catalog lives in
// a shadow root; __cat(id) is that root.
const catalogJS = `
window.__cat = (id) => document.getElementById(id).shadowRoot;
window.__names = (id) => [...__cat(id).querySelectorAll(".card .name:not(.bone)")].map(e => e.textContent);
window.__heading = (id) => { const h = __cat(id).querySelector("h2"); return h && h.firstChild ? h.firstChild.textContent : ""; };
window.__search = (id, q) => { const i = __cat(id).querySelector("input[type=search]"); i.value = q; i.dispatchEvent(new Event("input")); return true; };
window.__card = (id, name) => [...__cat(id).querySelectorAll(".card")].find(c => c.querySelector(".name").textContent === name);
// __toasts marks the toasts shown so far; __toast(id) resolves with the
// text of the first toast shown after that (the same text may come twice).
window.__toast = (id) => new Promise((resolve) => {
  const seen = () => [...__cat(id).querySelectorAll(".toast:not([data-seen])")].map(t => t.textContent);
  const now = seen();
  if (now.length) { resolve(now[0]); return; }
  const mo = new MutationObserver(() => { const s = seen(); if (s.length) { mo.disconnect(); resolve(s[0]); } });
  mo.observe(__cat(id), {subtree: true, childList: true});
});
window.__toasts = (id) => [...__cat(id).querySelectorAll(".toast")].map(t => (t.dataset.seen = "1", t.textContent));
window.__locations = [];
window.__axe = async (id) => {
  const r = await axe.run(document.getElementById(id), {resultTypes: ["violations"]});
  return r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.slice(0, 3).map(n => JSON.stringify(n.target)).join(" "));
};
window.__loadAxe = () => new Promise((resolve, reject) => {
  const s = document.createElement("script"); s.src = "/axe.min.js";
  s.onload = () => resolve(typeof axe.run === "function"); s.onerror = () => reject(new Error("axe.min.js did not load"));
  document.head.append(s);
});
true`

// axeScript is axe-core's browser build, from testdata's npm packages.
func axeScript(t *testing.T, root string) []byte {
	t.Helper()
	js, err := os.ReadFile(filepath.Join(root, "internal", "conformance", "testdata", "node_modules", "axe-core", "axe.min.js"))
	require.NoError(t, err, "axe-core is missing: run npm ci --prefix internal/conformance/testdata")
	return js
}

// TestCatalog drives xkit.renderCatalog (wasm/internal/catalog/view) in Chromium on
// the wasm SDK and a real xkitd.
func TestCatalog(t *testing.T) {
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	checkWasm(t, root)
	axeJS := axeScript(t, root)
	host := startHostPage(t, map[string][]byte{"axe.min.js": axeJS})
	seed := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(catalogSeed), 0o600))
	x := startXkitd(t, bin, root, host.srv.URL, "-seed", seed)
	host.scripts = func() string { return `<script src="` + x.URL + `/web/xkit.js"></script>` }
	host.init = func() string { return `xkit.init(` + quote(x.Domain) + `)` }
	token := x.provision(t, "catalog")
	b := startBrowser(t, host, x.URL)

	shots := artefacts(t)

	step := func(name string, fn func(t *testing.T)) bool {
		return t.Run(name, func(t *testing.T) {
			mark := b.console.mark()
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("console since the step began:\n  %s", strings.Join(b.console.since(mark), "\n  "))
					t.Logf("xkitd output (tail):\n%s", x.tail(20))
				}
			})
			fn(t)
		})
	}
	wait := b.poll
	shoot := func(t *testing.T, name string) {
		t.Helper()
		viewport(t, b, 1280, 720)
		ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		p := filepath.Join(shots, name)
		require.NoError(t, os.WriteFile(p, png, 0o644))
		t.Logf("  screenshot %s", p)
	}
	// scan runs axe-core over a catalog (its shadow tree included) and
	// fails on serious or critical violations.
	scan := func(t *testing.T, id, what string) { t.Helper(); axeScan(t, b, id, what) }
	scheme := func(t *testing.T, value string) { t.Helper(); emulateScheme(t, b, value) }
	// lightAndDark shoots and scans the screen in both colour schemes.
	lightAndDark := func(t *testing.T, id, name string) {
		t.Helper()
		defer scheme(t, "light")
		for _, mode := range []string{"light", "dark"} {
			scheme(t, mode)
			want := map[string]string{"light": "rgb(255, 255, 255)", "dark": "rgb(22, 28, 34)"}[mode]
			wait(t, mode+" colours", `getComputedStyle(__cat(`+quote(id)+`).querySelector(".xk")).backgroundColor === `+quote(want))
			shoot(t, name+"-"+mode+".png")
			scan(t, id, name+" in "+mode+" mode")
		}
	}

	if !step("init", func(t *testing.T) {
		require.True(t, eval[bool](t, b, `window.__init()`))
		require.True(t, eval[bool](t, b, catalogJS))
		require.True(t, eval[bool](t, b, `__loadAxe()`), "axe-core in the page")
		for _, fn := range []string{"renderCatalog", "renderCatalogDefault", "unmountCatalog"} {
			require.Equal(t, "function", eval[string](t, b, `typeof xkit.`+fn), "xkit.%s right after init", fn)
		}
		b.run(t, `xkit.login(`+quote(token)+`)`).value(t, new(any))
	}) {
		t.FailNow()
	}

	if !step("cards equal listConnectors", func(t *testing.T) {
		require.True(t, eval[bool](t, b, `(() => {
			const el = document.createElement("div"); el.id = "c1"; document.body.append(el);
			const h = xkit.renderCatalog(el, {onLocationChange: (l) => window.__locations.push(l)});
			window.__h1 = h;
			return h.el === el && typeof h.pushHistory === "function";
		})()`))
		wait(t, "the cards", `__names("c1").length > 0`)
		var want []connector
		b.run(t, `xkit.listConnectors()`).value(t, &want)
		var names []string
		for _, c := range want {
			names = append(names, c.Name)
		}
		assert.Equal(t, names, eval[[]string](t, b, `__names("c1")`))
		assert.Equal(t, names, eval[[]string](t, b, `[...__cat("c1").querySelectorAll(".card img")].map(i => i.alt.replace(/ logo$/, ""))`), "each logo's alt text names its connector")
		wait(t, "the title", `__cat("c1").querySelector("h1")`)
		title := eval[string](t, b, `__cat("c1").querySelector("h1").textContent`)
		assert.True(t, strings.HasSuffix(title, " Integrations"), "title %q", title)
		assert.Equal(t, title, eval[string](t, b, `document.title`))
		assert.Equal(t, "Search integrations", eval[string](t, b, `__cat("c1").querySelector("input[type=search]").getAttribute("aria-label")`))
		assert.Equal(t, "polite", eval[string](t, b, `__cat("c1").querySelector(".toasts").getAttribute("aria-live")`))
	}) {
		t.FailNow()
	}

	step("search narrows and clears", func(t *testing.T) {
		all := eval[[]string](t, b, `__names("c1")`)
		eval[bool](t, b, `__search("c1", "git")`)
		assert.Equal(t, []string{"GitHub"}, eval[[]string](t, b, `__names("c1")`), "substring")
		eval[bool](t, b, `__search("c1", "sfrc")`)
		assert.Equal(t, []string{"Salesforce"}, eval[[]string](t, b, `__names("c1")`), "letters in order")
		eval[bool](t, b, `__search("c1", "zzzz")`)
		assert.Empty(t, eval[[]string](t, b, `__names("c1")`))
		assert.Equal(t, "No Integrations Found", eval[string](t, b, `__cat("c1").querySelector(".state").textContent`))
		eval[bool](t, b, `__search("c1", "")`)
		assert.Equal(t, all, eval[[]string](t, b, `__names("c1")`))
	})

	step("connector page and back", func(t *testing.T) {
		eval[bool](t, b, `__card("c1", "Slack").click(), true`)
		wait(t, "the Slack page", `__heading("c1") === "Slack"`)
		assert.Equal(t, "/connectors/slack", eval[string](t, b, `location.pathname`))
		assert.Equal(t, "Slack", eval[string](t, b, `__cat("c1").activeElement ? __cat("c1").activeElement.textContent : ""`), "focus moves to the new heading")
		assert.Contains(t, eval[string](t, b, `__cat("c1").querySelector(".about").textContent`), "About Slack")
		assert.Equal(t, "messages", eval[string](t, b, `(__cat("c1").querySelector(".about strong") || {}).textContent`), "description rendered from markdown")
		eval[bool](t, b, `history.back(), true`)
		wait(t, "the index again", `location.pathname === "/" && __names("c1").length === 5`)
		eval[bool](t, b, `__h1.pushHistory("/connectors/github"), true`)
		wait(t, "the GitHub page", `__heading("c1") === "GitHub"`)
		assert.Equal(t, "/connectors/github", eval[string](t, b, `location.pathname`))
		eval[bool](t, b, `__cat("c1").querySelector("footer a").click(), true`)
		wait(t, "the index from the footer", `location.pathname === "/" && __names("c1").length === 5`)
		type loc struct {
			Name          string `json:"name"`
			ConnectorSlug string `json:"connectorSlug"`
		}
		locs := eval[[]loc](t, b, `window.__locations`)
		require.NotEmpty(t, locs)
		assert.Equal(t, []loc{{"index", ""}, {"connector", "slack"}, {"index", ""}, {"connector", "github"}, {"index", ""}}, locs)
	})

	step("untrusted markdown stays inert", func(t *testing.T) {
		eval[bool](t, b, `__card("c1", "Evil Corp").click(), true`)
		wait(t, "the Evil Corp page", `__heading("c1") === "Evil Corp" && __cat("c1").querySelector(".about")`)
		about := eval[string](t, b, `__cat("c1").querySelector(".about").textContent`)
		assert.Contains(t, about, "<script>window.__pwned='script'</script>", "the script shows as text")
		assert.Equal(t, 0, eval[int](t, b, `__cat("c1").querySelectorAll("script, iframe, [onerror], a[href^=javascript]").length`))
		assert.Equal(t, "bold", eval[string](t, b, `__cat("c1").querySelector(".about strong").textContent`))
		assert.Equal(t, "undefined", eval[string](t, b, `typeof window.__pwned`))
		eval[bool](t, b, `history.back(), true`)
		wait(t, "the index again", `location.pathname === "/" && __names("c1").length === 5`)
	})

	require.True(t, eval[bool](t, b, `typeof xkit.addConnection === "function"`), "the catalog installs through xkit.addConnection")
	step("install and remove through the UI", func(t *testing.T) {
		eval[bool](t, b, `__card("c1", "Slack").click(), true`)
		wait(t, "the Install button", `__heading("c1") === "Slack" && __cat("c1").querySelector(".phead .btn.primary")`)
		_, popup := b.popupFrom(t, `(() => { __toasts("c1"); const btn = __cat("c1").querySelector(".phead .btn.primary");
			btn.click(); window.__busy = btn.disabled; btn.click(); return __toast("c1"); })()`)
		popupClick(t, popup, "#allow")
		o := b.settle(t, "Install", 2*waitLimit)
		var toast string
		o.value(t, &toast)
		assert.Contains(t, toast, "Installed Slack")
		assert.True(t, eval[bool](t, b, `window.__busy`), "the button is disabled while its action runs")
		wait(t, "the installed page", `__cat("c1").querySelector(".ptitle .badge") && [...__cat("c1").querySelectorAll(".phead button")].some(b => b.textContent === "Remove")`)
		settingsPage(t, b, wait, shoot, scan)
		eval[bool](t, b, `history.back(), true`)
		wait(t, "Slack's badge on the index", `(__card("c1", "Slack").querySelector(".badge") || {}).textContent === "Installed"`)
		lightAndDark(t, "c1", "catalog-list")

		eval[bool](t, b, `__card("c1", "Slack").click(), true`)
		wait(t, "the Remove button", `[...__cat("c1").querySelectorAll(".phead button")].some(b => b.textContent === "Remove")`)
		lightAndDark(t, "c1", "catalog-detail")
		eval[bool](t, b, `[...__cat("c1").querySelectorAll(".phead button")].find(b => b.textContent === "Remove").click(), true`)
		wait(t, "the confirmation", `__cat("c1").querySelector(".confirm .btn.danger")`)
		assert.Equal(t, "Remove", eval[string](t, b, `__cat("c1").activeElement.textContent`), "focus on the confirm button")
		o = b.run(t, `(() => { __toasts("c1"); __cat("c1").querySelector(".confirm .btn.danger").click(); return __toast("c1"); })()`)
		o.value(t, &toast)
		assert.Contains(t, toast, "Removed Slack")
		wait(t, "Install again", `__cat("c1").querySelector(".phead .btn.primary") && __cat("c1").querySelector(".phead .btn.primary").textContent === "Install"`)
		eval[bool](t, b, `history.back(), true`)
		wait(t, "no badge on the index", `__card("c1", "Slack") && !__card("c1", "Slack").querySelector(".badge")`)
	})

	// popupAction clicks a catalog button (found by JS) from a real click and
	// answers the authorization popup with Allow; it returns the new toast.
	popupAction := func(t *testing.T, button string) string {
		t.Helper()
		waitCtx, stop := context.WithCancel(b.ctx)
		defer stop()
		opened := chromedp.WaitNewTarget(waitCtx, func(info *target.Info) bool {
			return info.Type == "page" && info.OpenerID == b.pageID
		})
		b.start(t, `(() => { __toasts("c1"); (`+button+`).click(); return __toast("c1"); })()`)
		var id target.ID
		select {
		case id = <-opened:
		case <-time.After(waitLimit):
			t.Fatalf("%s opened no popup", button)
		}
		popupClick(t, b.attach(t, id), "#allow")
		var toast string
		b.settle(t, button, 2*waitLimit).value(t, &toast)
		return toast
	}

	step("multi-connection table", func(t *testing.T) {
		eval[bool](t, b, `__h1.pushHistory("/connectors/salesforce"), true`)
		wait(t, "Install", `__heading("c1") === "Salesforce" && (__cat("c1").querySelector(".phead .btn.primary") || {}).textContent === "Install"`)
		assert.Contains(t, popupAction(t, `__cat("c1").querySelector(".phead .btn.primary")`), "Installed Salesforce")
		wait(t, "the connections table", `__cat("c1").querySelectorAll("table.conns tbody tr").length === 1`)
		assert.Equal(t, "Add Connection", eval[string](t, b, `__cat("c1").querySelector(".phead .btn.primary").textContent`))
		assert.Equal(t, []string{"Connections", "About"}, eval[[]string](t, b, `[...__cat("c1").querySelectorAll("[role=tab]")].map(t => t.textContent)`))

		var conns []flowConn
		b.run(t, `xkit.listConnections("salesforce")`).value(t, &conns)
		require.Len(t, conns, 1)
		require.NotNil(t, conns[0].Authorization)
		x.hook(t, "/test/authorizations/"+conns[0].Authorization.ID+"/break")
		eval[bool](t, b, `__h1.pushHistory("/connectors/salesforce"), true`)
		wait(t, "Reconnect in the row", `[...__cat("c1").querySelectorAll("table.conns button")].some(b => b.textContent === "Reconnect")`)
		shoot(t, "catalog-connections.png")
		scan(t, "c1", "the connections table")
		assert.Contains(t, popupAction(t, `[...__cat("c1").querySelectorAll("table.conns button")].find(b => b.textContent === "Reconnect")`), "Reconnected to Salesforce")
		wait(t, "no Reconnect after repair", `__cat("c1").querySelector("table.conns") && ![...__cat("c1").querySelectorAll("table.conns button")].some(b => b.textContent === "Reconnect")`)

		eval[bool](t, b, `[...__cat("c1").querySelectorAll("table.conns button")].find(b => b.textContent.startsWith("Remove")).click(), true`)
		wait(t, "the confirmation", `__cat("c1").querySelector(".confirm .btn.danger")`)
		var toast string
		b.run(t, `(() => { __toasts("c1"); __cat("c1").querySelector(".confirm .btn.danger").click(); return __toast("c1"); })()`).value(t, &toast)
		assert.Contains(t, toast, "Removed Salesforce")
		wait(t, "no table", `!__cat("c1").querySelector("table.conns") && __heading("c1") === "Salesforce"`)
		eval[bool](t, b, `__cat("c1").querySelector("footer a").click(), true`)
		wait(t, "the index again", `location.pathname === "/" && __names("c1").length === 5`)
	})

	step("connection error alert and Reconnect", func(t *testing.T) {
		eval[bool](t, b, `__h1.pushHistory("/connectors/github"), true`)
		wait(t, "Install", `__heading("c1") === "GitHub" && (__cat("c1").querySelector(".phead .btn.primary") || {}).textContent === "Install"`)
		assert.Contains(t, popupAction(t, `__cat("c1").querySelector(".phead .btn.primary")`), "Installed GitHub")
		wait(t, "Remove", `[...__cat("c1").querySelectorAll(".phead button")].some(b => b.textContent === "Remove")`)
		assert.Nil(t, eval[any](t, b, `__cat("c1").querySelector(".alert")`), "no alert while the connection works")

		var conn flowConn
		b.run(t, `xkit.getConnection({slug: "github"})`).value(t, &conn)
		require.NotNil(t, conn.Authorization)
		x.hook(t, "/test/authorizations/"+conn.Authorization.ID+"/break")
		eval[bool](t, b, `__h1.pushHistory("/connectors/github"), true`)
		wait(t, "the alert", `__cat("c1").querySelector(".alert[role=alert] button")`)
		assert.Equal(t, "Connection error", eval[string](t, b, `__cat("c1").querySelector(".alert strong").textContent`))
		assert.Equal(t, "Reconnect", eval[string](t, b, `__cat("c1").querySelector(".alert button").textContent`))
		scan(t, "c1", "the connection error alert")
		assert.Contains(t, popupAction(t, `__cat("c1").querySelector(".alert button")`), "Reconnected to GitHub")
		wait(t, "no alert after repair", `__heading("c1") === "GitHub" && !__cat("c1").querySelector(".alert")`)
		b.run(t, `xkit.getConnection({slug: "github"})`).value(t, &conn)
		require.NotNil(t, conn.Authorization)
		assert.Equal(t, "active", conn.Authorization.Status, "the platform has the repaired authorization")
		eval[bool](t, b, `__cat("c1").querySelector("footer a").click(), true`)
		wait(t, "the index again", `location.pathname === "/" && __names("c1").length === 5`)
	})

	step("badges follow connections made elsewhere on the page", func(t *testing.T) {
		wait(t, "GitHub installed on the index", `(__card("c1", "GitHub").querySelector(".badge") || {}).textContent === "Installed"`)
		b.run(t, `xkit.removeConnection({slug: "github"})`)
		wait(t, "GitHub's badge gone", `!__card("c1", "GitHub").querySelector(".badge")`)
		o := b.click(t, `xkit.connect("slack")`, func(t *testing.T, popup context.Context, _ target.ID) {
			popupClick(t, popup, "#allow")
		})
		o.value(t, new(any))
		wait(t, "Slack's badge", `(__card("c1", "Slack").querySelector(".badge") || {}).textContent === "Installed"`)
		b.run(t, `xkit.removeConnection({slug: "slack"})`)
		wait(t, "Slack's badge gone", `!__card("c1", "Slack").querySelector(".badge")`)
	})

	step("keyboard", func(t *testing.T) {
		press := func(t *testing.T, key string) {
			t.Helper()
			ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(key)))
		}
		focused := `(__cat("c1").activeElement || {}).textContent`
		eval[bool](t, b, `__card("c1", "Slack").focus(), true`)
		press(t, kb.Enter)
		wait(t, "the Slack page", `__heading("c1") === "Slack" && __cat("c1").activeElement && __cat("c1").activeElement.tagName === "H2"`)
		press(t, kb.Tab)
		assert.Equal(t, "Install", eval[string](t, b, focused), "Tab from the heading reaches Install")
		eval[bool](t, b, `__cat("c1").querySelector("footer a").focus(), true`)
		press(t, kb.Enter)
		wait(t, "the index from the footer link", `location.pathname === "/" && __names("c1").length === 5`)

		eval[bool](t, b, `__h1.pushHistory("/connectors/github"), true`)
		wait(t, "Install", `__heading("c1") === "GitHub" && (__cat("c1").querySelector(".phead .btn.primary") || {}).textContent === "Install"`)
		require.Contains(t, popupAction(t, `__cat("c1").querySelector(".phead .btn.primary")`), "Installed GitHub")
		wait(t, "Remove", `[...__cat("c1").querySelectorAll(".phead button")].some(b => b.textContent === "Remove")`)
		eval[bool](t, b, `[...__cat("c1").querySelectorAll(".phead button")].find(b => b.textContent === "Remove").focus(), true`)
		press(t, kb.Enter)
		wait(t, "the confirmation", `__cat("c1").querySelector(".confirm .btn.danger")`)
		assert.Equal(t, "Remove", eval[string](t, b, focused))
		press(t, kb.Escape)
		wait(t, "no confirmation after Escape", `!__cat("c1").querySelector(".confirm")`)
		assert.Equal(t, "Remove", eval[string](t, b, focused), "focus back on the button that opened it")
		eval[bool](t, b, `__cat("c1").querySelector("footer a").click(), true`)
		wait(t, "the index again", `location.pathname === "/" && __names("c1").length === 5`)
	})

	step("two catalogs on one page, styles isolated", func(t *testing.T) {
		require.True(t, eval[bool](t, b, `(() => {
			const style = document.createElement("style");
			style.textContent = ".card { display: none !important } h1 { color: rgb(255, 0, 0) }";
			document.head.append(style);
			const el = document.createElement("div"); el.id = "c2"; document.body.append(el);
			const probe = document.createElement("div"); probe.className = "card"; probe.id = "probe"; document.body.append(probe);
			xkit.renderCatalog(el, {routerType: "memory", hideSearch: true, title: "Second"});
			return true;
		})()`))
		wait(t, "the second catalog's cards", `__names("c2").length === 5`)
		assert.Equal(t, "Second", eval[string](t, b, `__cat("c2").querySelector("h1").textContent`))
		assert.Nil(t, eval[any](t, b, `__cat("c2").querySelector("input[type=search]")`), "hideSearch")
		assert.Equal(t, "flex", eval[string](t, b, `getComputedStyle(__cat("c2").querySelector(".card")).display`), "host CSS does not leak in")
		assert.NotEqual(t, "rgb(255, 0, 0)", eval[string](t, b, `getComputedStyle(__cat("c2").querySelector("h1")).color`))
		assert.Equal(t, "none", eval[string](t, b, `getComputedStyle(document.getElementById("probe")).display`), "catalog CSS does not leak out")
		eval[bool](t, b, `__card("c2", "GitHub").click(), true`)
		wait(t, "the memory router's GitHub page", `__heading("c2") === "GitHub"`)
		assert.Equal(t, "/", eval[string](t, b, `location.pathname`), "the memory router leaves the address bar alone")
		assert.Equal(t, 5, eval[int](t, b, `__names("c1").length`), "the first catalog still shows its index")
	})

	step("custom element", func(t *testing.T) {
		require.True(t, eval[bool](t, b, `(() => {
			const el = document.createElement("xkit-catalog");
			el.id = "c3"; window.__c3 = el; el.setAttribute("router-type", "memory"); el.setAttribute("hide-title", "");
			document.body.append(el);
			return true;
		})()`))
		wait(t, "the element's cards", `__cat("c3") && __names("c3").length === 5`)
		assert.Nil(t, eval[any](t, b, `__cat("c3").querySelector("h1")`), "hide-title")
		require.True(t, eval[bool](t, b, `document.getElementById("c3").remove(), true`))
		assert.Equal(t, 0, eval[int](t, b, `__c3.shadowRoot.childNodes.length`), "removing the element unmounts it")
	})

	step("theme option", func(t *testing.T) {
		mark := b.console.mark()
		require.True(t, eval[bool](t, b, `(() => {
			const el = document.createElement("div"); el.id = "c5"; document.body.append(el);
			xkit.renderCatalog(el, {routerType: "memory", hideSearch: true,
				theme: {card: {borderRadius: 2}, text: {colors: {dark: "rgb(1, 2, 3)", muted: "url(https://evil.test/x)"}},
					buttons: {primary: {background: {start: "rgb(0, 128, 0)", end: "rgb(0, 100, 0)"}}}}});
			return true;
		})()`))
		wait(t, "its cards", `__names("c5").length === 5`)
		assert.Equal(t, "2px", eval[string](t, b, `getComputedStyle(__cat("c5").querySelector(".card")).borderTopLeftRadius`), "card.borderRadius")
		assert.Equal(t, "rgb(1, 2, 3)", eval[string](t, b, `getComputedStyle(__cat("c5").querySelector("h1")).color`), "text.colors.dark")
		assert.NotEqual(t, "2px", eval[string](t, b, `getComputedStyle(__cat("c1").querySelector(".card")).borderTopLeftRadius`), "another catalog keeps its look")
		assert.True(t, b.console.waitFor(mark, waitLimit, func(l string) bool { return strings.Contains(l, "text.colors.muted") }),
			"an unsafe value is dropped with a console warning")
		assert.NotContains(t, eval[string](t, b, `__cat("c5").host.getAttribute("style") || ""`), "evil.test")
		eval[bool](t, b, `__card("c5", "Salesforce").click(), true`)
		wait(t, "the themed Install button", `__heading("c5") === "Salesforce" && __cat("c5").querySelector(".phead .btn.primary")`)
		assert.Contains(t, eval[string](t, b, `getComputedStyle(__cat("c5").querySelector(".phead .btn.primary")).backgroundImage`),
			"linear-gradient(rgb(0, 128, 0), rgb(0, 100, 0))", "buttons.primary.background")
		assert.True(t, eval[bool](t, b, `xkit.unmountCatalog("c5")`))
	})

	step("renderCatalogDefault", func(t *testing.T) {
		require.True(t, eval[bool](t, b, `(() => {
			const el = document.createElement("div"); el.id = "xkit-app";
			el.dataset.router = "memory"; el.dataset.title = "From data attributes"; el.dataset.hideSearch = "";
			document.body.append(el);
			const h = xkit.renderCatalogDefault();
			return h !== null && h.el === el;
		})()`))
		wait(t, "its cards", `__names("xkit-app").length === 5`)
		assert.Equal(t, "From data attributes", eval[string](t, b, `__cat("xkit-app").querySelector("h1").textContent`))
		assert.Nil(t, eval[any](t, b, `__cat("xkit-app").querySelector("input[type=search]")`), "data-hide-search")
		assert.True(t, eval[bool](t, b, `xkit.unmountCatalog("xkit-app")`))
		assert.Nil(t, eval[any](t, b, `(() => { const el = document.getElementById("xkit-app"); el.dataset.router = "browser"; el.dataset.path = "/elsewhere"; return xkit.renderCatalogDefault(); })()`),
			"not rendered outside data-path")
	})

	step("unmount", func(t *testing.T) {
		mark := b.console.mark()
		n := eval[int](t, b, `window.__locations.length`)
		assert.True(t, eval[bool](t, b, `xkit.unmountCatalog(document.getElementById("c1"))`))
		assert.False(t, eval[bool](t, b, `xkit.unmountCatalog(document.getElementById("c1"))`), "a second unmount finds nothing")
		assert.True(t, eval[bool](t, b, `xkit.unmountCatalog(document.getElementById("c2"))`))
		assert.Equal(t, 0, eval[int](t, b, `__cat("c1").childNodes.length + __cat("c2").childNodes.length`))
		assert.Equal(t, "xkit conformance host", eval[string](t, b, `document.title`), "the page's own title is back")
		// Events a live catalog would answer: none may reach it now.
		eval[bool](t, b, `history.pushState(null, "", "/connectors/slack"); dispatchEvent(new PopStateEvent("popstate")); history.back(); true`)
		wait(t, "the page back at /", `location.pathname === "/"`)
		b.run(t, `xkit.listConnections()`)
		assert.Equal(t, n, eval[int](t, b, `window.__locations.length`), "onLocationChange after unmount")
		for _, line := range b.console.since(mark) {
			assert.NotContains(t, line, "released", "a released Go callback was called")
			assert.NotContains(t, line, "panic")
		}
	})

	// routers drives a catalog whose links and address both live under
	// rootPath + connectorsPath. at is where the page's address must be.
	routers := func(t *testing.T, kind, start, connector, at string) {
		require.True(t, eval[bool](t, b, `(() => {
			history.replaceState(null, "", `+quote(start)+`);
			const el = document.createElement("div"); el.id = "c6"; document.body.append(el);
			xkit.renderCatalog(el, {routerType: `+quote(kind)+`, rootPath: "/integrations", connectorsPath: "/apps"});
			return true;
		})()`))
		wait(t, "its cards", `__names("c6").length === 5`)
		assert.Equal(t, connector, eval[string](t, b, `__card("c6", "GitHub").getAttribute("href")`), "a card links to its page")
		eval[bool](t, b, `__card("c6", "GitHub").click(), true`)
		wait(t, "the GitHub page", `__heading("c6") === "GitHub"`)
		assert.Equal(t, connector, eval[string](t, b, at), "the address")
		eval[bool](t, b, `history.back(), true`)
		wait(t, "the index after Back", `__names("c6").length === 5`)
		assert.Equal(t, start, eval[string](t, b, at))
		eval[bool](t, b, `history.forward(), true`)
		wait(t, "the GitHub page after Forward", `__heading("c6") === "GitHub"`)
		assert.True(t, eval[bool](t, b, `xkit.unmountCatalog("c6") && (document.getElementById("c6").remove(), history.replaceState(null, "", "/"), true)`))
	}
	step("hash router with rootPath and connectorsPath", func(t *testing.T) {
		routers(t, "hash", "#/integrations", "#/integrations/apps/github", `location.hash`)
		assert.Equal(t, "/", eval[string](t, b, `location.pathname`), "the hash router leaves the path alone")
	})
	step("browser router with rootPath and connectorsPath", func(t *testing.T) {
		routers(t, "browser", "/integrations", "/integrations/apps/github", `location.pathname`)
	})

	step("error state and Try again", func(t *testing.T) {
		block := func(t *testing.T, patterns ...string) { t.Helper(); blockURLs(t, b, patterns...) }
		block(t, "*://*:*/api/platform_user/connectors")
		require.True(t, eval[bool](t, b, `(() => {
			const el = document.createElement("div"); el.id = "c7"; document.body.append(el);
			xkit.renderCatalog(el, {routerType: "memory"});
			return true;
		})()`))
		wait(t, "the error state", `__cat("c7").querySelector(".state.error button")`)
		assert.Equal(t, "Could not load the integrations. Check your connection and try again.", eval[string](t, b, `__cat("c7").querySelector(".state.error p").textContent`))
		scan(t, "c7", "the error state")
		block(t)
		eval[bool](t, b, `__cat("c7").querySelector(".state.error button").click(), true`)
		wait(t, "the cards after Try again", `__names("c7").length === 5`)
		assert.True(t, eval[bool](t, b, `xkit.unmountCatalog("c7")`))
	})
}

// settingsPage drives a connection's settings form on a second catalog
// (memory router) while Slack is installed: validation, then a good save.
func settingsPage(t *testing.T, b *browser, wait func(t *testing.T, what, expr string), shoot func(t *testing.T, name string), scan func(t *testing.T, id, what string)) {
	require.True(t, eval[bool](t, b, `(() => {
		window.__saves = [];
		const el = document.createElement("div"); el.id = "c4"; document.body.append(el);
		const fields = [
			{type: "text", name: "channel", label: "Channel", value: "#general"},
			{type: "select", name: "freq", label: "Frequency", options: [{value: "d", label: "Daily"}, {value: "w", label: "Weekly"}], value: "d"},
			{type: "select-multiple", name: "kinds", label: "Kinds", options: [{value: "a"}, {value: "b"}], value: ["a"]},
			{type: "switch", name: "on", label: "Enabled", value: false},
		];
		window.__h4 = xkit.renderCatalog(el, {routerType: "memory", hideTitle: true,
			settings: async (conn, edited) => {
				if (!edited) return conn.connector.slug === "slack" ? fields : null;
				window.__saves.push(edited);
				const ch = edited.find(f => f.name === "channel");
				return edited.map(f => f === ch && !ch.value.startsWith("#") ? {...f, validationMessage: "A channel starts with #"} : f);
			}});
		window.__h4.pushHistory("/connectors/slack");
		return true;
	})()`))
	wait(t, "Configure", `[...__cat("c4").querySelectorAll(".phead button")].some(b => b.textContent === "Configure")`)
	eval[bool](t, b, `[...__cat("c4").querySelectorAll(".phead button")].find(b => b.textContent === "Configure").click(), true`)
	wait(t, "the settings form", `__cat("c4").querySelector("form.settings input[type=text]")`)
	assert.Equal(t, "Channel", eval[string](t, b, `__cat("c4").querySelector("label[for=f0]").textContent`), "each field has a label")
	eval[bool](t, b, `(() => { const r = __cat("c4"); const i = r.querySelector("#f0"); i.value = "general"; i.dispatchEvent(new Event("input"));
		const s = r.querySelector("#f1"); s.value = "w"; s.dispatchEvent(new Event("change"));
		r.querySelector("#f2-1").click(); r.querySelector("#f3").click();
		r.querySelector("button[type=submit]").click(); return true; })()`)
	wait(t, "the validation message", `__cat("c4").querySelector(".invalid")`)
	assert.Equal(t, "A channel starts with #", eval[string](t, b, `__cat("c4").querySelector(".invalid").textContent`))
	assert.Equal(t, "true", eval[string](t, b, `__cat("c4").querySelector("#f0").getAttribute("aria-invalid")`))
	eval[bool](t, b, `document.getElementById("c4").scrollIntoView(), true`)
	shoot(t, "catalog-settings.png")
	scan(t, "c4", "the settings form with a validation message")
	type field struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	}
	saves := eval[[][]field](t, b, `window.__saves`)
	require.Len(t, saves, 1)
	assert.Equal(t, []field{{"channel", "general"}, {"freq", "w"}, {"kinds", []any{"a", "b"}}, {"on", true}}, saves[0])
	eval[bool](t, b, `(() => { const r = __cat("c4"); const i = r.querySelector("#f0"); i.value = "#alerts"; i.dispatchEvent(new Event("input"));
		r.querySelector("button[type=submit]").click(); return true; })()`)
	wait(t, "the connector page after saving", `__heading("c4") === "Slack"`)
	assert.Len(t, eval[[]any](t, b, `window.__saves`), 2)
	assert.True(t, eval[bool](t, b, `xkit.unmountCatalog("c4")`))
}
