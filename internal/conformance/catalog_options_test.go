package conformance

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The subtests of TestCatalogForEveryUser beside the screens.

// twoInstalled is the Salesforce card's badge (two connections) in each
// language: a plural form, with the number as Intl writes it. Arabic has
// a form of its own for two, without the number.
var twoInstalled = map[string]string{
	"de": "2 installiert", "fr": "2 installées", "es": "2 instaladas", "pt-BR": "2 instaladas",
	"ja": "2 件インストール済み", "ar": "اتصالان مثبّتان",
}

// language walks every screen in lang: each word shown is one of lang's
// messages or the connectors' and the page's own; counted words take
// lang's plural form, dates Intl's format for lang.
func (g *gallery) language(t *testing.T, lang string) {
	b := g.b
	opts := `{locale: ` + quote(lang) + `, colorScheme: "light"}`
	for _, s := range screens {
		g.visit(t, opts, s)
		g.foreign(t, lang, s.name)
	}
	g.visit(t, opts, screens[0])
	assert.Equal(t, lang, eval[string](t, b, `__cat("gal").querySelector(".xk").lang`))
	assert.Equal(t, map[bool]string{true: "rtl", false: "ltr"}[lang == "ar"], eval[string](t, b, `__cat("gal").querySelector(".xk").dir`))
	assert.Equal(t, twoInstalled[lang], eval[string](t, b, `[...__card("gal", "Salesforce").querySelector(".badge").childNodes].pop().textContent.replace(/[\u2068\u2069]/g, "")`))
	g.visit(t, opts, screenNamed("connections"))
	// The rows say when each connection was added, as Intl writes dates in lang.
	dates := eval[[]string](t, b, `(async () => {
		const f = new Intl.DateTimeFormat(`+quote(lang)+`, {dateStyle: "medium", timeStyle: "short"});
		return (await xkit.listConnections("salesforce")).map(c => f.format(new Date(c.created_at)));
	})()`)
	details := eval[string](t, b, `__cat("gal").querySelector("table.conns tbody").textContent.replace(/[\u2068\u2069]/g, "")`)
	require.Len(t, dates, 2)
	for _, d := range dates {
		assert.Contains(t, details, d)
	}
}

// localeSources: the locale attribute, data-locale, navigator.language;
// English for a language the catalog does not speak, or whose file cannot
// be had, each with a warning.
func (g *gallery) localeSources(t *testing.T) {
	g.page(t) // a page that has fetched no language yet
	b := g.b
	heading := func(id string) string {
		b.poll(t, "#"+id+"'s heading", `__cat(`+quote(id)+`) && __cat(`+quote(id)+`).querySelector("h1")`)
		return eval[string](t, b, `__cat(`+quote(id)+`).querySelector("h1").textContent.replace(/[\u2068\u2069]/g, "")`)
	}
	require.True(t, eval[bool](t, b, `(() => {
		const el = document.createElement("xkit-catalog");
		el.id = "ja"; el.setAttribute("locale", "ja"); el.setAttribute("router-type", "memory");
		document.body.append(el);
		return true;
	})()`))
	assert.Equal(t, "Xkit Local の連携", heading("ja"), "the locale attribute")

	require.True(t, eval[bool](t, b, `(() => {
		const el = document.createElement("div");
		el.id = "xkit-app"; el.dataset.locale = "fr"; el.dataset.router = "memory";
		document.body.append(el);
		return xkit.renderCatalogDefault() !== null;
	})()`))
	assert.Equal(t, "Intégrations Xkit Local", heading("xkit-app"), "data-locale")
	assert.Equal(t, "Rechercher des intégrations…", eval[string](t, b, `__cat("xkit-app").querySelector("input[type=search]").placeholder`))

	require.True(t, eval[bool](t, b, `(() => {
		Object.defineProperty(navigator, "language", {get: () => "pt-BR", configurable: true});
		try { return __gallery({}) } finally { delete navigator.language; }
	})()`))
	assert.Equal(t, "Integrações de Xkit Local", heading("gal"), "navigator.language")

	mark := b.console.mark()
	require.True(t, eval[bool](t, b, `__gallery({locale: "zh-CN"})`))
	assert.Equal(t, "Xkit Local Integrations", heading("gal"), "a language the catalog does not speak")
	assert.True(t, b.console.waitFor(mark, waitLimit, func(l string) bool { return strings.Contains(l, `locale "zh-CN" is not one the catalog speaks`) }))

	blockURLs(t, b, "*://*:*/web/i18n/es.*") // es.json by its hashed name
	defer blockURLs(t, b)
	mark = b.console.mark()
	require.True(t, eval[bool](t, b, `__gallery({locale: "es"})`))
	assert.Equal(t, "Xkit Local Integrations", heading("gal"), "a file that cannot be had: English")
	assert.Equal(t, "en", eval[string](t, b, `__cat("gal").querySelector(".xk").lang`))
	assert.True(t, b.console.waitFor(mark, waitLimit, func(l string) bool { return strings.Contains(l, "the es messages could not be loaded") }))
	blockURLs(t, b)
	require.True(t, eval[bool](t, b, `__gallery({locale: "es"})`))
	assert.Equal(t, "Integraciones de Xkit Local", heading("gal"), "the next catalog tries again")
	for _, id := range []string{"ja", "xkit-app", "gal"} {
		eval[bool](t, b, `xkit.unmountCatalog(`+quote(id)+`), document.getElementById(`+quote(id)+`).remove(), true`)
	}
}

// colourScheme: the option and the attribute win over the system; auto
// follows the page's declaration, else the system's, live.
func (g *gallery) colourScheme(t *testing.T) {
	b := g.b
	const light, dark = "rgb(255, 255, 255)", "rgb(22, 28, 34)"
	defer emulateScheme(t, b, "light")
	background := func(t *testing.T, want, what string) {
		t.Helper()
		b.poll(t, what+": "+want, `__cat("gal") && __cat("gal").querySelector(".xk") && getComputedStyle(__cat("gal").querySelector(".xk")).backgroundColor === `+quote(want))
	}
	emulateScheme(t, b, "dark")
	require.True(t, eval[bool](t, b, `__gallery({colorScheme: "light"})`))
	background(t, light, "colorScheme light on a dark system")
	emulateScheme(t, b, "light")
	require.True(t, eval[bool](t, b, `__gallery({colorScheme: "dark"})`))
	background(t, dark, "colorScheme dark on a light system")

	emulateScheme(t, b, "dark")
	require.True(t, eval[bool](t, b, `(() => {
		const s = document.createElement("style"); s.id = "declared"; s.textContent = ":root { color-scheme: light }";
		document.head.append(s);
		return __gallery({});
	})()`))
	background(t, light, "a page that declares light, on a dark system")
	eval[bool](t, b, `document.getElementById("declared").remove(), true`)

	emulateScheme(t, b, "light")
	require.True(t, eval[bool](t, b, `(() => {
		const m = document.createElement("meta"); m.name = "color-scheme"; m.content = "dark"; m.id = "declared";
		document.head.append(m);
		return __gallery({});
	})()`))
	background(t, dark, `<meta name="color-scheme" content="dark">, on a light system`)
	eval[bool](t, b, `document.getElementById("declared").remove(), true`)

	require.True(t, eval[bool](t, b, `__gallery({colorScheme: "auto"})`))
	background(t, light, "no declaration, a light system")
	emulateScheme(t, b, "dark")
	background(t, dark, "the same catalog when the system turns dark")

	// Focus rings are themed too: the search box then the first card, by keyboard.
	eval[bool](t, b, `__cat("gal").querySelector("input[type=search]").focus(), true`)
	b.poll(t, "the cards", `__names("gal").length === 5`)
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)))
	cancel()
	assert.Equal(t, "rgb(108, 180, 255) solid", eval[string](t, b, `(() => { const s = getComputedStyle(__cat("gal").activeElement); return s.outlineColor + " " + s.outlineStyle; })()`),
		"the focus ring in dark")

	emulateScheme(t, b, "light")
	require.True(t, eval[bool](t, b, `(() => {
		const el = document.createElement("xkit-catalog");
		el.id = "gal2"; el.setAttribute("color-scheme", "dark"); el.setAttribute("router-type", "memory");
		document.body.append(el);
		const d = document.createElement("div");
		d.id = "xkit-app"; d.dataset.colorScheme = "dark"; d.dataset.router = "memory";
		document.body.append(d);
		return xkit.renderCatalogDefault() !== null;
	})()`))
	for _, id := range []string{"gal2", "xkit-app"} {
		b.poll(t, id+" in dark", `__cat(`+quote(id)+`) && __cat(`+quote(id)+`).querySelector(".xk") && getComputedStyle(__cat(`+quote(id)+`).querySelector(".xk")).backgroundColor === `+quote(dark))
		eval[bool](t, b, `xkit.unmountCatalog(`+quote(id)+`), document.getElementById(`+quote(id)+`).remove(), true`)
	}
}

// toasts: a toast shows inside the catalog's box, under the page's own
// header (its first button here), and goes when the user leaves the screen.
func (g *gallery) toasts(t *testing.T) {
	b := g.b
	g.visit(t, `{}`, screenNamed("toast"))
	type box struct{ Left, Right, Top, Bottom float64 }
	boxes := eval[map[string]box](t, b, `(() => {
		const r = (e) => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
		return {toast: r(__cat("gal").querySelector(".toast")), catalog: r(__cat("gal").querySelector(".xk")), header: r(document.getElementById("go"))};
	})()`)
	toast, catalog := boxes["toast"], boxes["catalog"]
	assert.True(t, toast.Left >= catalog.Left && toast.Right <= catalog.Right && toast.Top >= catalog.Top && toast.Top >= boxes["header"].Bottom,
		"the toast %+v is inside the catalog %+v, below the page's header %+v", toast, catalog, boxes["header"])
	assert.Equal(t, "Your browser blocked the sign-in window. Allow pop-ups for this page and try again.",
		eval[string](t, b, `__cat("gal").querySelector(".toast span:nth-child(2)").textContent`), "the SDK's error, in the catalog's words")
	eval[bool](t, b, `__hg.pushHistory("/"), true`)
	b.poll(t, "the list", `__names("gal").length === 5`)
	assert.Equal(t, 0, eval[int](t, b, `__cat("gal").querySelectorAll(".toast").length`), "the toast went with its screen")
}

// settingsForm: a select's prompt cannot be chosen, and a field without a
// label shows its name in words.
func (g *gallery) settingsForm(t *testing.T) {
	b := g.b
	s := screenNamed("settings")
	s.act, s.ready = "", s.before
	g.visit(t, `{}`, s)
	type option struct {
		Text     string `json:"text"`
		Value    string `json:"value"`
		Disabled bool   `json:"disabled"`
		Hidden   bool   `json:"hidden"`
		Selected bool   `json:"selected"`
	}
	options := eval[[]option](t, b, `[...__cat("gal").querySelector("#f1").options].map(o => ({text: o.text, value: o.value, disabled: o.disabled, hidden: o.hidden, selected: o.selected}))`)
	assert.Equal(t, []option{{"Select one…", "", true, true, true}, {"Daily", "d", false, false, false}, {"Weekly", "w", false, false, false}}, options,
		"nothing chosen: the prompt shows, and it cannot be chosen")
	assert.Equal(t, "Api key", eval[string](t, b, `__cat("gal").querySelector("label[for=f2]").textContent`), `api_key's label, never "api_key"`)
	eval[bool](t, b, `(() => { const s = __cat("gal").querySelector("#f1"); s.value = "w"; s.dispatchEvent(new Event("change")); s.value = ""; return true; })()`)
	assert.Equal(t, "", eval[string](t, b, `__cat("gal").querySelector("#f1").value`), "a script may pick the prompt, a user cannot")
}

// rows: two connections of one account are told apart by when they were
// added and, that failing, by their ids.
func (g *gallery) rows(t *testing.T) {
	g.visit(t, `{locale: "en"}`, screenNamed("connections"))
	rows := eval[[]string](t, g.b, `[...__cat("gal").querySelectorAll("table.conns tbody td.cname")].map(td => [...td.children].map(s => s.textContent).join(" | "))`)
	require.Len(t, rows, 2)
	assert.NotEqual(t, rows[0], rows[1])
	for _, r := range rows {
		assert.Regexp(t, `^Demo user \(salesforce\) \| Added .+`, r)
	}
}

// strictCSP: a page whose CSP lets it connect to the platform only still
// gets its language (the file comes from beside the wasm, on the
// platform's origin here), and the policy is in force (the page's own
// origin is refused).
func (g *gallery) strictCSP(t *testing.T) {
	g.page(t)
	defer g.page(t) // the policy stays with the document: leave a page without it
	b := g.b
	require.True(t, eval[bool](t, b, `(() => {
		window.__violations = [];
		document.addEventListener("securitypolicyviolation", (e) => __violations.push(e.violatedDirective + " " + e.blockedURI));
		const m = document.createElement("meta");
		m.httpEquiv = "Content-Security-Policy"; m.content = "connect-src `+g.x.URL+`";
		document.head.append(m);
		return true;
	})()`))
	require.True(t, eval[bool](t, b, `__gallery({locale: "ja"})`))
	b.poll(t, "the Japanese catalog", `__cat("gal") && __names("gal").length === 5 && __cat("gal").querySelector(".xk").lang === "ja"`)
	assert.Empty(t, eval[[]string](t, b, `__violations`), "no request refused by the policy")
	assert.True(t, eval[bool](t, b, `fetch("/ping").then(() => false, () => true)`), "the policy refuses the page's own origin")
}

func screenNamed(name string) screen {
	for _, s := range screens {
		if s.name == name {
			return s
		}
	}
	panic("no screen " + name)
}
