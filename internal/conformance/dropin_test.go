package conformance

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDropIn is issue 14: what a page written for xkit.js 3.14.1 (and
// xkit-catalog.js) relies on, each a step run on the original and on ours
// with the same assertion. Where ours keeps a documented difference
// (README, "Differences from xkit.js 3.14.1"), the step asserts what is
// documented for each. Each step stands alone on its own user and page
// (go test -run 'TestDropIn/wasm/arity'). The connect flow's items (2, 3)
// are TestConnectFlow's, the types' (11) TestTypeScript's.
func TestDropIn(t *testing.T) {
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	for _, s := range sdks {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			dropIn(t, s, root, bin)
		})
	}
}

// dropInJS are the page helpers of the drop-in steps.
const dropInJS = `(() => {
  // What reached the page as an uncaught exception.
  window.__uncaught = [];
  window.addEventListener("error", e => window.__uncaught.push(e.error));
  // __visible is the text a person sees in el, shadow tree included.
  window.__visible = (el) => {
    const out = [];
    const walk = (n) => {
      if (n.nodeType === Node.TEXT_NODE) {
        const p = n.parentElement, s = n.textContent.trim();
        if (s && p && p.checkVisibility({visibilityProperty: true})) out.push(s);
        return;
      }
      if (n.shadowRoot) walk(n.shadowRoot);
      n.childNodes.forEach(walk);
    };
    walk(el);
    return out.join(" ");
  };
  // __find is el.querySelector, into its shadow tree too.
  window.__find = (el, css) => el.querySelector(css) || (el.shadowRoot && el.shadowRoot.querySelector(css));
  window.__div = (id, attrs = {}) => {
    const d = document.createElement("div");
    d.id = id;
    for (const [k, v] of Object.entries(attrs)) d.setAttribute(k, v);
    document.body.append(d);
    return d;
  };
  return true;
})()`

// originalArity is Function.length of every function on xkit.js 3.14.1's
// object after init (read from its lib/*.js: bound functions lose their
// bound arguments, curried calls take ...args).
var originalArity = map[string]int{
	"init": 1, "connectorUrl": 1, "ready": 1, "onUpdate": 0, "logout": 0, "login": 2,
	"getAccessToken": 0, "getPlatform": 0, "listConnectors": 0, "getConnector": 0,
	"listConnections": 0, "getConnection": 0, "getConnectionOrConnector": 0, "getConnectionToken": 0,
	"connect": 1, "reconnect": 1, "disconnect": 0, "addConnection": 2, "removeConnection": 0,
	"setAuthorizationField": 0, "setAuthorizationFields": 0, "listCRMObjects": 0, "listAPIObjects": 0,
	"getAPIObject": 0, "getMapping": 0, "saveMapping": 0, "on": 2, "off": 2,
}

func dropIn(t *testing.T, s sdk, root, bin string) {
	ours := s.name == "wasm"
	files := s.prepare(t, root)
	if !ours {
		for name, js := range bundleOriginalCatalog(t, root) {
			files[name] = js
		}
	}
	host := startHostPage(t, files)
	x := startXkitd(t, bin, root, host.srv.URL)
	// A catalog step loads the original's catalog build (xkit.js inside);
	// ours has one build for both.
	var catalog atomic.Bool
	host.scripts = func() string {
		if !ours && catalog.Load() {
			return `<script src="/xkit-catalog-original.js"></script>`
		}
		return s.scripts(x)
	}
	host.init = func() string { return strings.ReplaceAll(s.init, "DOMAIN", quote(x.Domain)) }
	b := startBrowser(t, host, x.URL)
	t.Logf("%s: xkitd %s, host page %s", s.name, x.URL, host.srv.URL)
	c := &cases{b: b, x: x}
	// step runs an SDK step; catalogStep one with the catalog's build.
	step := func(name string, fn func(t *testing.T)) bool {
		return c.step(t, name, func(t *testing.T) { catalog.Store(false); fn(t) })
	}
	catalogStep := func(name string, fn func(t *testing.T)) bool {
		return c.step(t, name, func(t *testing.T) { catalog.Store(true); fn(t) })
	}
	fresh := func(t *testing.T, login bool) string {
		t.Helper()
		token := c.fresh(t, login)
		require.True(t, eval[bool](t, b, dropInJS), "the drop-in helpers")
		return token
	}
	poll := b.poll
	// warned waits for the page's next console warning from the SDK.
	warned := func(t *testing.T, mark int, call string) {
		t.Helper()
		require.True(t, b.console.waitFor(mark, waitLimit, func(l string) bool {
			return strings.HasPrefix(l, "page warning: Xkit:")
		}), "%s logged no warning", call)
	}

	// Item 1: login resolves undefined whatever it is given, with a
	// warning, so a page that awaits it goes on rendering.
	step("login_never_rejects", func(t *testing.T) {
		fresh(t, false)
		for _, call := range []string{
			`xkit.login("not-a-token")`,
			`xkit.login()`,
			`xkit.login(123)`,
			`xkit.login(() => Promise.reject(new Error("no token for you")))`,
		} {
			mark := b.console.mark()
			got := eval[string](t, b, call+`.then(v => v === undefined ? "undefined" : "resolved " + v, e => "rejected " + e)`)
			assert.Equal(t, "undefined", got, "%s resolves undefined", call)
			warned(t, mark, call)
		}
		var cs []connector
		b.run(t, `xkit.listConnectors()`).value(t, &cs)
		assert.ElementsMatch(t, seededSlugs, slugs(cs), "the page goes on, logged out")
	})

	// Item 4: IKitAPIError is a class of its own whose fields are own
	// enumerable properties.
	step("api_error_shape", func(t *testing.T) {
		fresh(t, false)
		var e struct {
			Name, Message, StatusText, Ctor, String string
			StatusCode                              int
			OwnMessage, IsError, OwnClass           bool
			JSON                                    map[string]any
		}
		raw := eval[json.RawMessage](t, b, `xkit.getConnector("nope").then(() => null, e => ({
			name: e.name, message: e.message, statusCode: e.statusCode, statusText: e.statusText,
			ctor: e.constructor.name, string: String(e), ownMessage: Object.keys(e).includes("message"),
			isError: e instanceof Error, ownClass: e.constructor !== Error && e instanceof e.constructor,
			json: JSON.parse(JSON.stringify(e))}))`)
		require.NoError(t, json.Unmarshal(raw, &e), "%s", raw)
		assert.Equal(t, "IKitAPIError", e.Name)
		assert.Equal(t, "Not Found", e.Message)
		assert.Equal(t, 404, e.StatusCode)
		assert.Equal(t, "Not Found", e.StatusText)
		assert.Equal(t, "IKitAPIError", e.Ctor, "constructor.name")
		assert.Equal(t, "IKitAPIError: Not Found", e.String)
		assert.True(t, e.OwnMessage, "message is an own enumerable property")
		assert.True(t, e.IsError && e.OwnClass, "an Error of its own class")
		for k, v := range map[string]any{"name": "IKitAPIError", "message": "Not Found", "statusCode": 404.0, "statusText": "Not Found"} {
			assert.Equal(t, v, e.JSON[k], "JSON.stringify(err).%s", k)
		}
	})

	// Item 5: on, off and onUpdate's unsubscribe answer undefined.
	step("listener_calls_answer_undefined", func(t *testing.T) {
		fresh(t, false)
		// Right after init (ours: maybe before the wasm is ready) and once
		// the SDK has answered a call.
		got := eval[[]string](t, b, `(async () => {
			const calls = () => {
				const f = () => {};
				const un = xkit.onUpdate(() => {});
				return [xkit.on("connection:enable", f), xkit.off("connection:enable", f), un()].map(v => typeof v);
			};
			const early = calls();
			await xkit.getPlatform();
			return [...early, ...calls()];
		})()`)
		assert.Equal(t, []string{"undefined", "undefined", "undefined", "undefined", "undefined", "undefined"}, got)
	})

	// Item 6: a listener that throws reaches the page as an uncaught
	// exception (window "error"), and the other listeners still run.
	step("listener_exception_reaches_page", func(t *testing.T) {
		token := fresh(t, false)
		require.True(t, eval[bool](t, b, `(window.__bug = new Error("listener bug"), window.__after = [],
			xkit.on("config:update", () => { throw window.__bug; }),
			xkit.on("config:update", p => window.__after.push(p)), true)`))
		assert.Equal(t, "undefined", eval[string](t, b, `xkit.login(`+quote(token)+`).then(v => typeof v)`))
		poll(t, "the exceptions to reach the page", `window.__uncaught.length > 0 && window.__uncaught.length === window.__after.length`)
		assert.True(t, eval[bool](t, b, `window.__uncaught.every(e => e === window.__bug)`), "the very error thrown, each time")
		t.Logf("  %d config:update events, each listener's exception reported", eval[int](t, b, `window.__after.length`))
	})

	// Item 7: config:update payloads, as xkit.js sent them.
	step("config_update_payloads", func(t *testing.T) {
		token := fresh(t, false)
		again := x.provision(t, t.Name())
		require.True(t, eval[bool](t, b, `(window.__seen = [], window.__cb = async () => `+quote(again)+`,
			xkit.on("config:update", p => window.__seen.push(p)), true)`))
		require.True(t, eval[bool](t, b, `xkit.login(`+quote(token)+`, window.__cb)
			.then(() => xkit.logout()).then(() => xkit.login(`+quote(again)+`)).then(() => true)`))
		var got []struct {
			Keys     []string
			Token    string
			Callback string
		}
		raw := eval[json.RawMessage](t, b, `window.__seen.map(p => ({keys: Object.keys(p),
			token: "token" in p ? typeof p.token : "none",
			callback: !("tokenCallback" in p) ? "none" : p.tokenCallback === window.__cb ? "the page's" : typeof p.tokenCallback}))`)
		require.NoError(t, json.Unmarshal(raw, &got))
		var tokens []string
		for _, p := range got {
			if p.Token != "none" {
				tokens = append(tokens, strings.Join(p.Keys, ",")+" "+p.Token+" "+p.Callback)
			}
		}
		assert.Equal(t, []string{
			"token,tokenCallback string the page's", // login(token, callback)
			"token undefined none",                  // logout
			"token,tokenCallback string function",   // login(token): the default callback
		}, tokens)
	})

	// Item 8: the "Xkit: TypeError: fn is not a function" after logout was
	// onUpdate given no function: its wrapper threw at every config:update.
	// A page that subscribes properly sees nothing of the kind.
	step("logout_is_quiet", func(t *testing.T) {
		token := fresh(t, false)
		mark := b.console.mark()
		require.True(t, eval[bool](t, b, `(window.__updates = 0, xkit.onUpdate(() => window.__updates++),
			xkit.on("config:update", () => {}), true)`))
		require.True(t, eval[bool](t, b, `xkit.login(`+quote(token)+`).then(() => xkit.logout())
			.then(() => xkit.listConnectors()).then(() => true)`))
		assert.GreaterOrEqual(t, eval[int](t, b, `window.__updates`), 3, "onUpdate's function heard login and logout")
		assert.Zero(t, eval[int](t, b, `window.__uncaught.length`), "nothing uncaught")
		for _, l := range b.console.since(mark) {
			assert.NotContains(t, l, "not a function")
		}
	})

	// Item 8, the documented difference: onUpdate without a function throws
	// a TypeError at once in ours; xkit.js took it and threw at every
	// config:update after.
	step("onupdate_needs_a_function", func(t *testing.T) {
		token := fresh(t, false)
		threw := eval[string](t, b, `(() => { try { xkit.onUpdate(); return ""; } catch (e) { return e.name + ": " + e.message; } })()`)
		eval[bool](t, b, `xkit.login(`+quote(token)+`).then(() => true)`)
		if ours {
			assert.Equal(t, "TypeError: onUpdate: fn must be a function", threw)
			assert.Zero(t, eval[int](t, b, `window.__uncaught.length`))
			return
		}
		assert.Empty(t, threw, "xkit.js takes it")
		poll(t, "xkit.js's uncaught TypeError", `window.__uncaught.some(e => e instanceof TypeError && /is not a function/.test(e.message))`)
	})

	// Item 9: every function's length is xkit.js's.
	step("arity", func(t *testing.T) {
		fresh(t, false)
		got := eval[map[string]int](t, b, `Object.fromEntries(Object.keys(xkit)
			.filter(k => typeof xkit[k] === "function").map(k => [k, xkit[k].length]))`)
		for name, n := range originalArity {
			if assert.Contains(t, got, name) {
				assert.Equal(t, n, got[name], "xkit.%s.length", name)
			}
		}
	})

	// Item 9, the catalog build's calls (xkit-catalog.js's bound functions).
	catalogStep("catalog_arity", func(t *testing.T) {
		fresh(t, false)
		got := eval[map[string]int](t, b, `Object.fromEntries(["renderCatalog", "renderCatalogDefault", "unmountCatalog"]
			.map(k => [k, typeof xkit[k] === "function" ? xkit[k].length : -1]))`)
		assert.Equal(t, map[string]int{"renderCatalog": 2, "renderCatalogDefault": 1, "unmountCatalog": 1}, got)
	})

	// Item 10: the catalog's hash router puts "#/" in the address at once
	// (replacing, not adding, a history entry).
	catalogStep("catalog_hash_first_draw", func(t *testing.T) {
		fresh(t, false)
		require.Empty(t, eval[string](t, b, `location.hash`))
		before := eval[int](t, b, `history.length`)
		require.True(t, eval[bool](t, b, `(xkit.renderCatalog(__div("cat"), {routerType: "hash"}), true)`))
		poll(t, "the catalog", `__visible(document.getElementById("cat")).includes("Slack")`)
		assert.Equal(t, "#/", eval[string](t, b, `location.hash`))
		assert.Equal(t, before, eval[int](t, b, `history.length`), "no history entry added")
	})

	// Item 10: outside rootPath the catalog draws nothing, not even the
	// title; pushHistory into rootPath draws it.
	catalogStep("catalog_outside_root_path", func(t *testing.T) {
		fresh(t, false)
		title := eval[string](t, b, `document.title`)
		require.True(t, eval[bool](t, b, `(window.__out = xkit.renderCatalog(__div("out"), {rootPath: "/integrations"}),
			xkit.renderCatalog(__div("ctl"), {routerType: "memory", hideTitle: true}), true)`))
		// The control, at the page's root, shows its list: by then the
		// other has had the same chance to draw.
		poll(t, "the control catalog", `__visible(document.getElementById("ctl")).includes("Slack")`)
		assert.Empty(t, eval[string](t, b, `__visible(document.getElementById("out"))`), "nothing drawn outside rootPath")
		assert.Equal(t, title, eval[string](t, b, `document.title`), "document.title left alone")
		require.True(t, eval[bool](t, b, `(window.__out.pushHistory("/integrations"), true)`))
		poll(t, "the catalog under rootPath", `__visible(document.getElementById("out")).includes("Slack")`)
	})

	// Item 10: renderCatalogDefault's data-hide-title and data-hide-search
	// count by presence: "false" hides too.
	catalogStep("catalog_default_hide_by_presence", func(t *testing.T) {
		fresh(t, false)
		title := eval[string](t, b, `document.title`)
		require.True(t, eval[bool](t, b, `(__div("xkit-app", {"data-router": "memory", "data-hide-title": "false",
			"data-hide-search": "false"}), xkit.renderCatalogDefault(), true)`))
		poll(t, "the catalog", `__visible(document.getElementById("xkit-app")).includes("Slack")`)
		text := eval[string](t, b, `__visible(document.getElementById("xkit-app"))`)
		assert.NotContains(t, text, "Integrations", "no title")
		assert.Equal(t, title, eval[string](t, b, `document.title`), "document.title left alone")
		assert.False(t, eval[bool](t, b, `!!__find(document.getElementById("xkit-app"), "input")`), "no search field")
	})

	// The catalog's Shadow DOM (kept, documented): page CSS reaches it
	// through ::part(). xkit-catalog.js rendered into the page's DOM.
	catalogStep("catalog_parts", func(t *testing.T) {
		if !ours {
			t.Skip("xkit-catalog.js renders into the page's DOM: no shadow root, no parts")
		}
		fresh(t, false)
		require.True(t, eval[bool](t, b, `(document.head.append(Object.assign(document.createElement("style"), {textContent:
			"#cat::part(card) { background-color: rgb(1, 2, 3) } #cat::part(heading title) { color: rgb(4, 5, 6) }"})),
			xkit.renderCatalog(__div("cat"), {routerType: "memory"}), true)`))
		poll(t, "the catalog", `__visible(document.getElementById("cat")).includes("Slack")`)
		assert.Equal(t, "rgb(1, 2, 3)", eval[string](t, b, `getComputedStyle(__find(document.getElementById("cat"), "[part~=card]")).backgroundColor`))
		assert.Equal(t, "rgb(4, 5, 6)", eval[string](t, b, `getComputedStyle(__find(document.getElementById("cat"), "h1")).color`))
		parts := eval[[]string](t, b, `[...new Set([...document.getElementById("cat").shadowRoot.querySelectorAll("[part]")]
			.flatMap(e => e.getAttribute("part").split(" ")))].sort()`)
		for _, p := range []string{"catalog", "heading", "title", "card", "search"} {
			assert.Contains(t, parts, p)
		}
		// A connector page: buttons and its heading.
		require.True(t, eval[bool](t, b, `(__find(document.getElementById("cat"), "[part~=card]").click(), true)`))
		poll(t, "the connector page", `!!__find(document.getElementById("cat"), "[part~=button][part~=primary]")`)
	})
}
