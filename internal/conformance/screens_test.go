package conformance

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screensSeed adds a connector whose name and description are long
// unbroken words, to show nothing pushes a screen wider than the catalog.
const screensSeed = `{"connectors":[{"slug":"warehouse","name":"Supercalifragilisticexpialidocious Enterprise Warehouse","auth":"oauth2",
 "short_description":"Synchronises-every-table-of-your-enterprise-data-warehouse-into-the-app-every-five-minutes",
 "description":"See https://example.com/a/very/long/path/that/does/not/break/anywhere/at/all/in/the/description"}]}`

// screensJS draws and reads the gallery catalog (#gal).
const screensJS = `
// The page's settings callback: Slack has a form whose channel must start
// with # (a validation message on Save), a select without a value (the
// prompt), and a field without a label (its name in words).
window.__fields = [
  {type: "text", name: "channel", label: "Channel", value: "general", hint: "Where messages go"},
  {type: "select", name: "freq", label: "Frequency", options: [{value: "d", label: "Daily"}, {value: "w", label: "Weekly"}]},
  {type: "text", name: "api_key"},
  {type: "select-multiple", name: "kinds", label: "Kinds", options: [{value: "a", label: "Alerts"}, {value: "b", label: "Builds"}], value: ["a"]},
  {type: "switch", name: "on", label: "Enabled", value: true},
];
window.__settings = async (conn, edited) => {
  if (conn.connector.slug !== "slack") return null;
  if (!edited) return __fields;
  return edited.map(f => f.name === "channel" && !String(f.value).startsWith("#") ? {...f, validationMessage: "A channel starts with #"} : f);
};
// __gallery draws a fresh catalog in #gal with opts (memory router, the
// settings above) at path.
window.__gallery = (opts, path) => {
  const old = document.getElementById("gal");
  if (old) { xkit.unmountCatalog(old); old.remove(); }
  const el = document.createElement("div");
  el.id = "gal";
  document.body.append(el);
  window.__hg = xkit.renderCatalog(el, Object.assign({routerType: "memory", settings: __settings}, opts));
  if (path) __hg.pushHistory(path);
  return true;
};
// __overflow lists the elements of a catalog that reach past its box
// (the part a scrolling ancestor clips off does not count).
window.__overflow = (id) => {
  const root = __cat(id).querySelector(".xk"), box = root.getBoundingClientRect(), bad = [];
  for (const e of root.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    let left = r.left, right = r.right;
    for (let p = e.parentElement; p && p !== root; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") {
        const pr = p.getBoundingClientRect();
        left = Math.max(left, pr.left); right = Math.min(right, pr.right);
      }
    }
    if (left < box.left - 0.5 || right > box.right + 0.5) {
      bad.push(e.tagName.toLowerCase() + "." + [...e.classList].join(".") + " " + JSON.stringify((e.textContent || "").slice(0, 40)) +
        " spans " + Math.round(left) + ".." + Math.round(right) + ", the catalog " + Math.round(box.left) + ".." + Math.round(box.right));
    }
  }
  if (document.documentElement.scrollWidth > innerWidth) bad.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " > " + innerWidth);
  return bad;
};
// __foreign lists what a catalog shows (text, alt, aria-label, title,
// placeholder) that is neither one of messages (a placeholder in one
// matches any text) nor in external (what connectors, the platform and the
// page gave). Markdown is the connector's own. Text without letters (×, ✓)
// does not count.
window.__foreign = (id, messages, external) => {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const res = [];
  for (const m of messages) {
    res.push(new RegExp("^" + m.split(/\{[a-z]+\}/).map(esc).join("[\\s\\S]+?") + "$", "u"));
    if (m.includes("{brand}")) for (const part of m.split("{brand}")) if (part.trim()) res.push(new RegExp("^" + esc(part.trim()) + "$", "u"));
  }
  const ext = new Set(external.map(s => s.trim()));
  const ok = (s) => {
    s = s.replace(/[\u2068\u2069]/g, "").trim();
    return !/\p{L}/u.test(s) || ext.has(s) || res.some(r => r.test(s));
  };
  const bad = [];
  const walk = document.createTreeWalker(__cat(id), NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
    (n) => n.nodeType === 1 && n.matches("style, .md") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.nodeType === 3) {
      if (!ok(n.data)) bad.push(JSON.stringify(n.data.trim()) + " in " + n.parentElement.tagName.toLowerCase() + "." + n.parentElement.className);
      continue;
    }
    for (const a of ["alt", "aria-label", "title", "placeholder"]) {
      const v = n.getAttribute(a);
      if (v && !ok(v)) bad.push(a + "=" + JSON.stringify(v));
    }
  }
  return bad;
};
// __lightBoxes lists the components of a dark catalog whose background is
// light: every one has a dark colour of its own.
window.__lightBoxes = (id) => {
  const bad = [];
  for (const e of __cat(id).querySelectorAll(".xk, .alert, .toast, .confirm, .card, .badge, .field input, .field select, .search, .tab[aria-selected=true], .nologo, table")) {
    const m = getComputedStyle(e).backgroundColor.match(/[\d.]+/g).map(Number);
    if (m.length === 4 && m[3] === 0) continue; // transparent: the catalog's shows
    const lum = (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255;
    if (lum > 0.4) bad.push(e.tagName.toLowerCase() + "." + e.className + " " + getComputedStyle(e).backgroundColor);
  }
  return bad;
};
// __mirrored lists what a right-to-left catalog lays out left to right:
// the logo must be right of the title, the header's buttons left of it,
// the search icon at the box's right end, the back link right of the
// branding.
window.__mirrored = (id) => {
  const r = (sel) => { const e = __cat(id).querySelector(sel); return e && e.getBoundingClientRect(); };
  const bad = [], logo = r(".phead .plogo"), title = r(".phead h2"), btns = r(".phead .actions"), glass = r(".glass"), search = r(".search"),
    back = r("footer .btn"), brand = r("footer .brand");
  if (logo && title && !(logo.left >= title.right - 1)) bad.push("the logo is not right of the title");
  if (btns && title && btns.top < title.bottom && !(btns.right <= title.left + 1)) bad.push("the buttons are not left of the title");
  if (glass && search && !(glass.left > search.left + search.width / 2)) bad.push("the search icon is not at the right");
  if (back && brand && !(back.left > brand.right)) bad.push("the back link is not right of the branding");
  return bad;
};
// __external is what the platform, its connectors and the user's
// connections say, and the page's settings form: text the catalog shows as
// it is given.
window.__external = async () => {
  const out = ["xkit", "Xkit Local"];
  for (const k of await xkit.listConnectors()) out.push(k.name, k.short_description || "", [...k.name][0]);
  for (const c of await xkit.listConnections()) if (c.authorization && c.authorization.display_label) out.push(c.authorization.display_label);
  for (const f of __fields) {
    out.push(f.label || "", f.hint || "", typeof f.value === "string" ? f.value : "");
    for (const o of f.options || []) out.push(o.label || o.value);
  }
  out.push("A channel starts with #", "Api key"); // the validation message; api_key's name in words
  return out.filter(Boolean);
};
true`

// screen is one screen of the catalog as the gallery shows it: reached by
// path (an app path of the memory router; %s is the Slack connection's
// id), then act once before is true; drawn when ready is true. block makes
// a request fail meanwhile.
type screen struct {
	name, path, before, act, ready, block string
}

var screens = []screen{
	{name: "list", path: "/", ready: `__names("gal").length === 5`},
	{name: "no-results", path: "/", before: `__names("gal").length === 5`, act: `__search("gal", "zzzz")`,
		ready: `__cat("gal").querySelector(".gridwrap .state")`},
	{name: "error", path: "/", ready: `__cat("gal").querySelector(".state.error button")`, block: "*://*:*/api/platform_user/connectors"},
	{name: "install", path: "/connectors/acme-api", ready: `__cat("gal").querySelector(".phead .btn.primary")`},
	{name: "long", path: "/connectors/warehouse", ready: `__cat("gal").querySelector(".phead .btn.primary")`},
	{name: "detail", path: "/connectors/slack", ready: `__cat("gal").querySelectorAll(".phead .actions button").length === 2`},
	{name: "confirm", path: "/connectors/slack", before: `__cat("gal").querySelectorAll(".phead .actions button").length === 2`,
		act: `__cat("gal").querySelector(".phead .actions button").click()`, ready: `__cat("gal").querySelector(".confirm .btn.danger")`},
	{name: "alert", path: "/connectors/github", ready: `__cat("gal").querySelector(".alert button")`},
	{name: "connections", path: "/connectors/salesforce", ready: `__cat("gal").querySelectorAll("table.conns tbody tr").length === 2`},
	{name: "settings", path: "/connectors/slack/settings/%s", before: `__cat("gal").querySelector("form.settings button[type=submit]")`,
		act: `__cat("gal").querySelector("button[type=submit]").click()`, ready: `__cat("gal").querySelector(".invalid")`},
	// A toast that changes nothing: a popup the browser blocks.
	{name: "toast", path: "/connectors/acme-api", before: `__cat("gal").querySelector(".phead .btn.primary")`,
		act:   `(() => { const open = window.open; window.open = () => null; __cat("gal").querySelector(".phead .btn.primary").click(); window.open = open; })()`,
		ready: `__cat("gal").querySelector(".toast.danger")`},
}

// variant is how the gallery draws every screen: at a window width, with
// renderCatalog options; each draw is saved as catalog/{variant}/{screen}.png
// in the artefacts.
type variant struct {
	name  string
	width int64
	opts  string
}

var variants = []variant{
	{"light", 1000, `{locale: "en", colorScheme: "light"}`},
	{"dark", 1000, `{locale: "en", colorScheme: "dark"}`},
	{"320", 320, `{locale: "en", colorScheme: "light"}`},
	{"ar", 1000, `{locale: "ar", colorScheme: "light"}`},
}

// TestCatalogForEveryUser is issue 18: the catalog in seven languages,
// right to left, on a 320 px screen and in a chosen colour scheme, and its
// rough edges. One user has every kind of connection (Slack installed
// with settings, GitHub broken, two Salesforce connections, one broken);
// each subtest draws its own catalogs from that, so any one runs alone.
func TestCatalogForEveryUser(t *testing.T) {
	g := newGallery(t)
	t.Run("screens", func(t *testing.T) {
		for _, v := range variants {
			t.Run(v.name, func(t *testing.T) { g.variant(t, v) })
		}
		g.strip(t)
	})
	for _, lang := range []string{"de", "fr", "es", "pt-BR", "ja", "ar"} {
		t.Run("language/"+lang, func(t *testing.T) { g.language(t, lang) })
	}
	t.Run("locale sources", g.localeSources)
	t.Run("colour scheme", g.colourScheme)
	t.Run("toasts stay in the catalog and go with the screen", g.toasts)
	t.Run("settings prompt and labels", g.settingsForm)
	t.Run("connection rows can be told apart", g.rows)
	t.Run("languages under a strict CSP", g.strictCSP)
}

// gallery is a page with the user's catalogs, and what the subtests share.
type gallery struct {
	b        *browser
	x        *xkitd
	root     string
	token    string
	shots    string
	slack    flowConn // the Slack connection (its settings page)
	external []string // what the platform, connectors and page say (__external)
}

func newGallery(t *testing.T) *gallery {
	g := &gallery{root: moduleRoot(t)}
	bin := buildXkitd(t, g.root)
	checkWasm(t, g.root)
	for _, lang := range []string{"de", "ar"} {
		_, err := os.Stat(filepath.Join(g.root, "web", "i18n", lang+".json"))
		require.NoError(t, err, "web/i18n is missing: run ./build.sh")
	}
	axeJS := axeScript(t, g.root)
	host := startHostPage(t, map[string][]byte{"axe.min.js": axeJS})
	seed := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(screensSeed), 0o600))
	g.x = startXkitd(t, bin, g.root, host.srv.URL, "-seed", seed)
	host.scripts = func() string { return `<script src="` + g.x.URL + `/web/xkit.js"></script>` }
	host.init = func() string { return `xkit.init(` + quote(g.x.Domain) + `)` }
	g.token = g.x.provision(t, "everyone")
	g.b = startBrowser(t, host, g.x.URL)
	g.shots = artefacts(t)
	g.page(t)

	// The user's connections, made as a user makes them.
	connect := func(call string) flowConn {
		var c flowConn
		g.b.click(t, call, func(t *testing.T, popup context.Context, _ target.ID) { popupClick(t, popup, "#allow") }).value(t, &c)
		require.NotNil(t, c.Authorization, call)
		return c
	}
	g.slack = connect(`xkit.connect("slack")`)
	g.x.hook(t, "/test/authorizations/"+connect(`xkit.connect("github")`).Authorization.ID+"/break")
	connect(`xkit.addConnection("salesforce")`)
	g.x.hook(t, "/test/authorizations/"+connect(`xkit.addConnection("salesforce")`).Authorization.ID+"/break")
	g.b.run(t, `__external()`).value(t, &g.external)
	return g
}

// page loads the host page afresh, ready for catalogs.
func (g *gallery) page(t *testing.T) {
	t.Helper()
	b := g.b
	b.open(t)
	require.True(t, eval[bool](t, b, `window.__init()`))
	require.True(t, eval[bool](t, b, catalogJS))
	require.True(t, eval[bool](t, b, screensJS))
	require.True(t, eval[bool](t, b, `__loadAxe()`), "axe-core in the page")
	b.run(t, `xkit.login(`+quote(g.token)+`)`).value(t, new(any))
}

// visit draws screen s in a new gallery catalog (#gal) with opts.
func (g *gallery) visit(t *testing.T, opts string, s screen) {
	t.Helper()
	b := g.b
	if s.block != "" {
		blockURLs(t, b, s.block)
		defer blockURLs(t, b)
	}
	require.True(t, eval[bool](t, b, `__gallery(`+opts+`, `+quote(strings.ReplaceAll(s.path, "%s", g.slack.ID))+`)`))
	b.poll(t, "the catalog drawn", `__cat("gal") && __cat("gal").querySelector(".xk")`) // another language may take a download
	if s.act != "" {
		b.poll(t, s.name+", before", s.before)
		eval[any](t, b, s.act+`, true`)
	}
	b.poll(t, s.name, s.ready)
}

// shoot saves the gallery catalog (the element alone) as name.png in the
// artefacts.
func (g *gallery) shoot(t *testing.T, name string) {
	t.Helper()
	name = filepath.Join(g.shots, name+".png")
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	ctx, cancel := context.WithTimeout(g.b.ctx, waitLimit)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("gal")))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(name, png, 0o644))
}

// foreign fails on anything the gallery shows that is not in lang's
// messages (English, say) and was not given by the connectors or the page.
func (g *gallery) foreign(t *testing.T, lang, where string) {
	t.Helper()
	msgs, err := json.Marshal(messages(t, g.root, lang))
	require.NoError(t, err)
	ext, err := json.Marshal(g.external)
	require.NoError(t, err)
	assert.Empty(t, eval[[]string](t, g.b, `__foreign("gal", `+string(msgs)+`, `+string(ext)+`)`),
		"%s: text not from the %s messages", where, lang)
}

// variant draws every screen in v, saves it, and checks what v is about.
func (g *gallery) variant(t *testing.T, v variant) {
	viewport(t, g.b, v.width, 800)
	defer viewport(t, g.b, 1280, 720)
	for _, s := range screens {
		g.visit(t, v.opts, s)
		g.shoot(t, filepath.Join(v.name, s.name))
		switch v.name {
		case "light":
			axeScan(t, g.b, "gal", s.name+" in light")
		case "dark":
			axeScan(t, g.b, "gal", s.name+" in dark")
			assert.Empty(t, eval[[]string](t, g.b, `__lightBoxes("gal")`), "%s in dark: components with a light background", s.name)
		case "320":
			assert.Empty(t, eval[[]string](t, g.b, `__overflow("gal")`), "%s at 320 px: elements past the catalog", s.name)
		case "ar":
			assert.Equal(t, "rtl", eval[string](t, g.b, `__cat("gal").querySelector(".xk").dir`))
			assert.Empty(t, eval[[]string](t, g.b, `__mirrored("gal")`), "%s in Arabic: laid out left to right", s.name)
			g.foreign(t, "ar", s.name)
		}
	}
}

// messages is every message of lang's file (web/i18n), each form of the
// counted ones.
func messages(t *testing.T, root, lang string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root, "web", "i18n", lang+".json"))
	require.NoError(t, err)
	var file map[string]any
	require.NoError(t, json.Unmarshal(raw, &file))
	var out []string
	for _, v := range file {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			for _, f := range v {
				out = append(out, f.(string))
			}
		}
	}
	return out
}
