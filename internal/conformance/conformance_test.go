package conformance

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sdk is one implementation of the browser SDK under test.
type sdk struct {
	name string
	// prepare checks that the SDK is built and returns files the host page
	// serves by name.
	prepare func(t *testing.T, root string) map[string][]byte
	scripts func(x *xkitd) string // the <script> tags of the host page
	init    string                // DOMAIN stands for the platform's domain
}

var sdks = []sdk{
	{
		name:    "original",
		prepare: bundleOriginal,
		scripts: func(*xkitd) string { return `<script src="/xkit-original.js"></script>` },
		init:    `xkit.init(DOMAIN)`,
	},
	{
		name:    "wasm",
		prepare: checkWasm,
		scripts: func(x *xkitd) string { return `<script src="` + x.URL + `/web/xkit.js"></script>` },
		init:    `xkit.init(DOMAIN)`,
	},
}

// bundleOriginal bundles xkit.js 3.14.1 from testdata/node_modules the way its
// script-tag build works (browser.js sets window.xkit).
func bundleOriginal(t *testing.T, root string) map[string][]byte {
	t.Helper()
	return map[string][]byte{"xkit-original.js": bundleBrowserJS(t, root, "@xkit-co/xkit.js", "3.14.1")}
}

// bundleOriginalCatalog bundles xkit-catalog-react.js 1.2.1 (with React 16
// and, by testdata's override, xkit.js 3.14.1) the same way: window.xkit.init
// gives the SDK and renderCatalog, renderCatalogDefault, unmountCatalog.
func bundleOriginalCatalog(t *testing.T, root string) map[string][]byte {
	t.Helper()
	return map[string][]byte{"xkit-catalog-original.js": bundleBrowserJS(t, root, "@xkit-co/xkit-catalog-react.js", "1.2.1",
		// lib/ui/images/index.js is a Parcel bundle that assigns the global
		// parcelRequire without declaring it, which fails in esbuild's
		// strict-mode wrapper.
		"--banner:js=var parcelRequire;")}
}

// bundleBrowserJS bundles a package's lib/browser.js with esbuild. Names
// are kept as the package has them (esbuild would rename IKitAPIError to
// IKitAPIError2, which constructor.name shows).
func bundleBrowserJS(t *testing.T, root, name, version string, extra ...string) []byte {
	t.Helper()
	dir := filepath.Join(root, "internal", "conformance", "testdata")
	pkg := filepath.Join(dir, "node_modules", filepath.FromSlash(name))
	esbuild := filepath.Join(dir, "node_modules", ".bin", "esbuild")
	for _, p := range []string{filepath.Join(pkg, "lib", "browser.js"), esbuild} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s is missing: run npm ci --prefix internal/conformance/testdata", p)
		}
	}
	var meta struct{ Version string }
	b, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &meta))
	require.Equal(t, version, meta.Version, "wrong %s installed: run npm ci --prefix internal/conformance/testdata", name)

	out := filepath.Join(t.TempDir(), "bundle.js")
	cmd := exec.Command(esbuild, append([]string{filepath.Join(pkg, "lib", "browser.js"),
		"--bundle", "--format=iife", "--keep-names", `--define:process.env.NODE_ENV="production"`,
		"--log-level=error", "--outfile=" + out}, extra...)...)
	cmd.Dir = dir
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "esbuild %s:\n%s", name, msg)
	js, err := os.ReadFile(out)
	require.NoError(t, err)
	return js
}

// checkWasm fails (never skips) when our SDK has not been built: a suite that
// quietly tests nothing would pass for the wrong reason.
func checkWasm(t *testing.T, root string) map[string][]byte {
	t.Helper()
	for _, f := range []string{"xkit.wasm", "xkit.js", "xkit.mjs"} {
		if _, err := os.Stat(filepath.Join(root, "web", f)); err != nil {
			t.Fatalf("web/%s is missing: run ./build.sh first (it builds the wasm SDK into web/)", f)
		}
	}
	return nil
}

func TestConformance(t *testing.T) {
	began := time.Now()
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	// Cleanups run after the parallel subtests, so this is the whole suite.
	t.Cleanup(func() { t.Logf("suite time: %v", time.Since(began).Round(time.Millisecond)) })
	for _, s := range sdks {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			began := time.Now()
			host := startHostPage(t, s.prepare(t, root))
			x := startXkitd(t, bin, root, host.srv.URL)
			walked := time.Now()
			walkthrough(t, s, host, x)
			t.Logf("%s: walkthrough on xkitd took %v (%v with starting xkitd)", s.name,
				time.Since(walked).Round(time.Millisecond), time.Since(began).Round(time.Millisecond))
		})
	}
}

// connector and connection hold the fields the suite checks.
type connector struct {
	Slug        string        `json:"slug"`
	Name        string        `json:"name"`
	Connection  *connection   `json:"connection"`
	Connections []*connection `json:"connections"`
}

type connection struct {
	ID            string `json:"id"`
	Enabled       bool   `json:"enabled"`
	Authorization *struct {
		Status string `json:"status"`
	} `json:"authorization"`
	Connector connector `json:"connector"`
}

// enabled reports whether the connector shows an enabled connection for the
// user.
func (c connector) enabled() bool {
	if c.Connection != nil && c.Connection.Enabled {
		return true
	}
	return slices.ContainsFunc(c.Connections, func(x *connection) bool { return x != nil && x.Enabled })
}

var seededSlugs = []string{"slack", "github", "salesforce", "acme-api"}

func slugs(cs []connector) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Slug)
	}
	return out
}

// walkthrough is issue 2's walkthrough plus issue 3's extra steps: every
// public call of the SDK s, in a host page served by host, against the
// platform x (a fresh database), in its own Chromium (a fresh profile),
// which it returns.
func walkthrough(t *testing.T, s sdk, host *hostPage, x *xkitd) *browser {
	return walkthroughWith(t, s, host, x, nil)
}

// walkthroughWith is walkthrough with setup, when not nil, run on the
// browser before the first step.
func walkthroughWith(t *testing.T, s sdk, host *hostPage, x *xkitd, setup func(*browser)) *browser {
	host.scripts = func() string { return s.scripts(x) }
	host.init = func() string { return strings.ReplaceAll(s.init, "DOMAIN", quote(x.Domain)) }
	token := x.provision(t, "conformance")
	b := startBrowser(t, host, x.URL)
	if setup != nil {
		setup(b)
	}
	t.Logf("%s: platform %s, host page %s", s.name, x.URL, host.srv.URL)

	api := x.URL + "/api/platform_user"
	var (
		hasConnect    bool   // the SDK has addConnection
		loginRedirect string // from getPlatform
		slackAdded    bool
		acmeAdded     bool
	)
	// step runs one named step; a failing step prints what the page logged
	// and what xkitd wrote while it ran.
	step := func(name string, fn func(t *testing.T)) bool {
		return t.Run(name, func(t *testing.T) {
			consoleMark, requestMark := b.console.mark(), b.requests.mark()
			start := time.Now()
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("console since the step began:\n  %s", strings.Join(b.console.since(consoleMark), "\n  "))
					t.Logf("requests since the step began:\n  %s", strings.Join(b.requests.since(requestMark), "\n  "))
					t.Logf("platform output (tail):\n%s", x.tail(30))
				}
				t.Logf("%s (%v)", name, time.Since(start).Round(time.Millisecond))
			})
			fn(t)
		})
	}
	// needConnect skips a popup step on an SDK without the connect flow.
	needConnect := func(t *testing.T) {
		t.Helper()
		if !hasConnect {
			t.Skip("connect flow not in this SDK yet")
		}
	}

	if !step("init", func(t *testing.T) {
		require.True(t, eval[bool](t, b, `window.__init()`), "init and xkit.on subscriptions")
		for _, fn := range []string{"login", "logout", "getPlatform", "listConnectors", "getConnector",
			"listConnections", "getConnection", "getConnectionOrConnector", "removeConnection", "on", "off"} {
			assert.Equal(t, "function", eval[string](t, b, `typeof xkit.`+fn), "xkit.%s after init", fn)
		}
	}) {
		t.FailNow()
	}

	if !step("login", func(t *testing.T) {
		b.run(t, `xkit.login(`+quote(token)+`)`).value(t, new(any))
		// The original's login only warns on failure, so prove the session
		// with a call that has no public fallback.
		var conns []connection
		b.run(t, `xkit.listConnections()`).value(t, &conns)
		assert.Empty(t, conns, "a new user has no connections")
		hasConnect = eval[bool](t, b, `typeof xkit.addConnection === "function"`)
		t.Logf("  addConnection available: %v", hasConnect)
	}) {
		t.FailNow()
	}

	step("getPlatform", func(t *testing.T) {
		var p struct {
			Name             string `json:"name"`
			LoginRedirectURL string `json:"login_redirect_url"`
		}
		b.run(t, `xkit.getPlatform()`).value(t, &p)
		assert.NotEmpty(t, p.Name, "platform name")
		require.NotEmpty(t, p.LoginRedirectURL, "platform login_redirect_url")
		loginRedirect = p.LoginRedirectURL
	})

	step("listConnectors", func(t *testing.T) {
		var cs []connector
		b.run(t, `xkit.listConnectors()`).value(t, &cs)
		assert.ElementsMatch(t, seededSlugs, slugs(cs))
		for _, c := range cs {
			assert.False(t, c.enabled(), "%s has an enabled connection before any connect", c.Slug)
		}
	})

	step("getConnectionOrConnector", func(t *testing.T) {
		var v connection
		b.run(t, `xkit.getConnectionOrConnector("slack")`).value(t, &v)
		assert.Equal(t, "slack", v.Connector.Slug)
		assert.False(t, v.Enabled, "no connection yet, so no enabled one")
	})

	step("getConnector_404", func(t *testing.T) {
		e := b.run(t, `xkit.getConnector("nope")`).fails(t)
		assert.Equal(t, "IKitAPIError", e.Name)
		assert.Equal(t, 404, e.StatusCode)
	})

	step("removeConnection_missing", func(t *testing.T) {
		o := b.run(t, `xkit.removeConnection({slug: "slack"})`)
		e := o.fails(t)
		assert.Equal(t, "IKitAPIError", e.Name)
		assert.Equal(t, 404, e.StatusCode)
		assert.Zero(t, o.count("connection:remove"), "nothing was removed")
	})

	step("addConnection_allow", func(t *testing.T) {
		needConnect(t)
		o := b.click(t, `xkit.addConnection("slack")`, func(t *testing.T, popup context.Context, _ target.ID) {
			popupClick(t, popup, "#allow")
		})
		var c connection
		o.value(t, &c)
		assert.Equal(t, "slack", c.Connector.Slug)
		assert.True(t, c.Enabled, "the new connection is enabled")
		require.NotNil(t, c.Authorization, "the new connection has its authorization")
		assert.Equal(t, "active", c.Authorization.Status)
		assert.Equal(t, 1, o.count("connection:enable"), "connection:enable fires once")
		slackAdded = !t.Failed()
	})

	step("listConnectors_enabled", func(t *testing.T) {
		needConnect(t)
		require.True(t, slackAdded, "needs the slack connection of addConnection_allow, which failed")
		var cs []connector
		b.run(t, `xkit.listConnectors()`).value(t, &cs)
		i := slices.IndexFunc(cs, func(c connector) bool { return c.Slug == "slack" })
		require.GreaterOrEqual(t, i, 0, "slack in %v", slugs(cs))
		assert.True(t, cs[i].enabled(), "slack shows its enabled connection")
	})

	step("removeConnection", func(t *testing.T) {
		needConnect(t)
		require.True(t, slackAdded, "needs the slack connection of addConnection_allow, which failed")
		o := b.run(t, `xkit.removeConnection({slug: "slack"})`)
		o.value(t, new(any))
		require.Equal(t, 1, o.count("connection:remove"), "connection:remove fires once")
		for _, e := range o.Events {
			if e.Type == "connection:remove" {
				var c connection
				require.NoError(t, json.Unmarshal(e.Payload, &c))
				assert.Equal(t, "slack", c.Connector.Slug, "the event carries the removed connection")
			}
		}
	})

	step("getConnection_404", func(t *testing.T) {
		e := b.run(t, `xkit.getConnection({slug: "slack"})`).fails(t)
		assert.Equal(t, "IKitAPIError", e.Name)
		assert.Equal(t, 404, e.StatusCode)
	})

	step("addConnection_deny", func(t *testing.T) {
		needConnect(t)
		o := b.click(t, `xkit.addConnection("github")`, func(t *testing.T, popup context.Context, _ target.ID) {
			popupClick(t, popup, "#deny")
		})
		e := o.fails(t)
		assert.NotEmpty(t, strings.TrimSpace(e.Message), "a denied consent rejects with a message")
		assert.Zero(t, o.count("connection:enable"))
	})

	step("addConnection_cancel", func(t *testing.T) {
		needConnect(t)
		o := b.click(t, `xkit.addConnection("slack")`, func(t *testing.T, popup context.Context, id target.ID) {
			ctx, cancel := context.WithTimeout(popup, waitLimit)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("allow"))),
				"waiting for the consent page (at %s)", location(popup))
			_, err := chromedp.CallBrowser(ctx, target.CloseTarget, target.CloseTargetParams{TargetID: id})
			require.NoError(t, err, "closing the popup")
		})
		e := o.fails(t)
		assert.Equal(t, "Installation cancelled.", e.Message)
		assert.Zero(t, o.count("connection:enable"))
	})

	step("addConnection_apikey", func(t *testing.T) {
		needConnect(t)
		o := b.click(t, `xkit.addConnection("acme-api")`, func(t *testing.T, popup context.Context, _ target.ID) {
			ctx, cancel := context.WithTimeout(popup, waitLimit)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx,
				chromedp.WaitVisible(chromedp.ID("api_key")),
				chromedp.SendKeys(chromedp.ID("api_key"), "acme-conformance-key"),
				chromedp.Click(chromedp.Search(`//button[normalize-space(.)="Save"]`)),
			), "filling the API key page (at %s)", location(popup))
		})
		var c connection
		o.value(t, &c)
		assert.Equal(t, "acme-api", c.Connector.Slug)
		assert.True(t, c.Enabled)
		require.NotNil(t, c.Authorization)
		assert.Equal(t, "active", c.Authorization.Status)
		assert.Equal(t, 1, o.count("connection:enable"))
		acmeAdded = !t.Failed()
	})

	step("argument_mistakes", func(t *testing.T) {
		if s.name != "wasm" {
			t.Skip("argument checks are ours (issue 3); the original sends whatever it is given")
		}
		mark := b.requests.mark()
		for _, c := range []struct{ call, names string }{
			{`xkit.getConnector()`, "slug"},
			{`xkit.getConnection(42)`, "query"},
			{`xkit.removeConnection({})`, "query"},
		} {
			// A mistake must come back as a rejected promise, not a throw.
			wrapped := `(() => { let p; try { p = ` + c.call + `; } catch (e) {
				return Promise.reject({name: "SyncThrow", message: "threw instead of rejecting: " + (e && e.message)}); }
				return (p && typeof p.then === "function") ? p : Promise.reject({name: "NotAPromise", message: "returned " + typeof p}); })()`
			b.start(t, wrapped)
			o := b.settle(t, c.call, waitLimit)
			t.Logf("  %s → %s", c.call, o.brief())
			e := o.fails(t)
			assert.NotContains(t, []string{"SyncThrow", "NotAPromise"}, e.Name, "%s: %s", c.call, e.Message)
			assert.Contains(t, strings.ToLower(e.Message), c.names, "%s: the message names the argument", c.call)
		}
		assert.Empty(t, b.platformRequests(t, mark), "argument mistakes must not reach the platform")
	})

	step("expired_token_refresh", func(t *testing.T) {
		mark := b.requests.mark()
		require.Positive(t, x.expireTokens(t), "the test hook expired no tokens")
		if s.name == "original" {
			// xkit.js 3.14.1 keeps the refresh that failed during init (there
			// was no cookie session yet) forever (spec section 4). So the 401
			// refresh here reuses that stale rejection without a request, and
			// the SDK falls back to its default token callback: it sends the
			// page to login_redirect_url and the call never settles. This is
			// deterministic: in a fresh browser init always runs before login.
			to := b.leaves(t, `xkit.listConnections()`)
			t.Logf("  xkit.listConnections() → the page goes to %s", to)
			assert.Equal(t, strings.TrimSuffix(loginRedirect, "/"), strings.TrimSuffix(to, "/"),
				"the original sends the page to login_redirect_url")
			// Back on a fresh host page the cookie session still gives a token.
			b.open(t)
			reqs := b.platformRequests(t, mark)
			assert.Contains(t, reqs, "GET "+api+"/connections", "the call was tried with the expired token")
			assert.NotContains(t, reqs, "POST "+api+"/sessions/token", "the stale refresh sends no request")
			require.True(t, eval[bool](t, b, `window.__init()`))
			var tok string
			b.run(t, `xkit.getAccessToken()`).value(t, &tok)
			assert.NotEmpty(t, tok, "a new page gets a token from the cookie session")
			return
		}
		var conns []connection
		b.run(t, `xkit.listConnections()`).value(t, &conns)
		reqs := b.platformRequests(t, mark)
		assert.Contains(t, reqs, "POST "+api+"/sessions/token", "the SDK refreshes through the cookie session")
		if acmeAdded {
			assert.True(t, slices.ContainsFunc(conns, func(c connection) bool {
				return c.Connector.Slug == "acme-api" && c.Enabled
			}), "the acme-api connection is listed")
		}
	})

	step("logout_public_fallback", func(t *testing.T) {
		b.run(t, `xkit.logout()`).value(t, new(any))
		mark := b.requests.mark()
		var cs []connector
		b.run(t, `xkit.listConnectors()`).value(t, &cs)
		assert.ElementsMatch(t, seededSlugs, slugs(cs))
		assert.Contains(t, b.platformRequests(t, mark), "GET "+api+"/platform/connectors",
			"after logout listConnectors answers from the public catalogue")
	})
	return b
}
