package conformance

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHostPages: our SDK on host pages as users have them (issue 17):
// on an origin the platform does not list, under a strict
// Content-Security-Policy, and on another site in a browser that blocks
// third-party cookies. Each case has its own xkitd and Chromium.
func TestHostPages(t *testing.T) {
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	s := sdks[1]
	require.Equal(t, "wasm", s.name)
	s.prepare(t, root)

	t.Run("other origin", func(t *testing.T) { otherOrigin(t, s, bin, root) })
	t.Run("strict CSP", func(t *testing.T) { strictCSP(t, s, bin, root) })
	t.Run("third-party cookies blocked", func(t *testing.T) { thirdPartyCookiesBlocked(t, s, bin, root) })
}

// sdkPage points the host page at our SDK on x.
func sdkPage(host *hostPage, s sdk, x *xkitd) {
	host.scripts = func() string { return s.scripts(x) }
	host.init = func() string { return strings.ReplaceAll(s.init, "DOMAIN", quote(x.Domain)) }
}

// otherOrigin: a page on an origin XKIT_WEB_ORIGINS does not list loads
// the SDK from /web/ (public, like a CDN's), and its calls reject with
// what to change, in Go's words (so the wasm ran); a listed page works.
func otherOrigin(t *testing.T, s sdk, bin, root string) {
	listed := startHostPage(t, nil)
	unlisted := startHostPage(t, nil)
	x := startXkitd(t, bin, root, listed.srv.URL)
	sdkPage(listed, s, x)
	sdkPage(unlisted, s, x)
	b := startBrowser(t, unlisted, x.URL)
	require.True(t, eval[bool](t, b, `window.__init()`))

	want := regexp.MustCompile(`^Xkit: could not reach ` + regexp.QuoteMeta(x.URL+"/api/platform_user/") + `\S+ from ` +
		regexp.QuoteMeta(unlisted.srv.URL) + `: the platform may not allow this page's origin \(add it to XKIT_WEB_ORIGINS\) ` +
		`or it is unreachable \(Failed to fetch\)\.$`)
	for _, call := range []string{`xkit.getPlatform()`, `xkit.listConnectors()`} {
		e := b.run(t, call).fails(t)
		assert.Equal(t, "TypeError", e.Name, "%s: as fetch's own rejection", call)
		assert.Regexp(t, want, e.Message, call)
	}
	// The API refused the page; /web/ did not.
	assert.True(t, eval[bool](t, b, `fetch(`+quote(x.URL+"/web/xkit.js")+`).then(r => r.ok)`), "a CORS read of /web/")

	b.host = listed
	b.open(t)
	require.True(t, eval[bool](t, b, `window.__init()`))
	b.run(t, `xkit.login(`+quote(x.provision(t, "listed"))+`)`).value(t, new(any))
	var cs []connector
	b.run(t, `xkit.listConnectors()`).value(t, &cs)
	assert.ElementsMatch(t, seededSlugs, slugs(cs), "a listed origin works")
}

// The policy of the strict-CSP page (README, "CSP"): nothing but the
// platform's scripts, the page's own by nonce, wasm compilation, requests
// and the status socket to the platform, its images (and data: URLs), and
// no style-src at all. PLATFORM, WSS and NONCE are filled in.
const strictPolicy = `default-src 'none'; script-src PLATFORM 'nonce-NONCE' 'wasm-unsafe-eval'; ` +
	`connect-src PLATFORM WSS; img-src PLATFORM data:`

// cspPage is pageHTML with the policy: its scripts carry the nonce, its
// button no inline style, and a first script records every violation.
func cspPage(t *testing.T, policy func() string) *hostPage {
	h := &hostPage{}
	h.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		n := make([]byte, 16)
		_, _ = rand.Read(n)
		nonce := hex.EncodeToString(n)
		page := fmt.Sprintf(pageHTML, h.scripts(), h.init())
		page = strings.Replace(page, ` style="width:200px;height:60px"`, "", 1)
		page = strings.ReplaceAll(page, "<script>", `<script nonce="`+nonce+`">`)
		page = strings.Replace(page, "</title>", `</title>
<script nonce="`+nonce+`">
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  __violations.push(e.violatedDirective + " " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber));
</script>`, 1)
		w.Header().Set("Content-Security-Policy", strings.ReplaceAll(policy(), "NONCE", nonce))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// strictCSP: under strictPolicy the whole walkthrough runs (login, the
// calls, connects through the popup, whose pages have their own policy),
// the catalog and its placeholder are styled (constructed stylesheets,
// no <style>), and the page reports no violation.
func strictCSP(t *testing.T, s sdk, bin, root string) {
	var x *xkitd
	host := cspPage(t, func() string {
		wss := "wss://" + strings.TrimPrefix(x.URL, "https://")
		return strings.NewReplacer("PLATFORM", x.URL, "WSS", wss).Replace(strictPolicy)
	})
	x = startXkitd(t, bin, root, host.srv.URL)
	b := walkthroughWith(t, s, host, x, func(b *browser) {
		b.ping = x.URL + "/web/xkit-wasm.json" // the policy refuses the page's own origin
	})
	noViolations := func(what string) {
		t.Helper()
		assert.Empty(t, eval[[]string](t, b, `__violations`), "CSP violations %s", what)
		for _, l := range b.console.since(0) {
			assert.NotContains(t, l, "Content Security Policy", what)
		}
	}
	noViolations("during the walkthrough")

	t.Run("catalog", func(t *testing.T) {
		b.run(t, `xkit.login(`+quote(x.provision(t, "conformance"))+`)`).value(t, new(any))
		require.True(t, eval[bool](t, b, catalogJS))
		require.True(t, eval[bool](t, b, `(() => {
			const el = document.createElement("div"); el.id = "cat"; document.body.append(el);
			xkit.renderCatalog(el, {routerType: "memory"});
			return true;
		})()`))
		b.poll(t, "the catalog's cards", `__cat("cat") && __names("cat").length === 4`)
		type look struct {
			Grid, Shadow, Font string
			Styles, Adopted    int
		}
		got := eval[look](t, b, `(() => {
			const c = __cat("cat");
			return {grid: getComputedStyle(c.querySelector(".grid")).display,
				shadow: getComputedStyle(c.querySelector(".card")).boxShadow,
				font: getComputedStyle(c.querySelector(".xk")).fontSize,
				styles: c.querySelectorAll("style").length, adopted: c.adoptedStyleSheets.length};
		})()`)
		assert.Equal(t, "grid", got.Grid, "the grid is laid out by the catalog's stylesheet")
		assert.Contains(t, got.Shadow, "rgba(67, 90, 111", "a card has the catalog's shadow")
		assert.Equal(t, "14px", got.Font)
		assert.Equal(t, 0, got.Styles, "no <style> (CSP would refuse it)")
		assert.Equal(t, 1, got.Adopted)
		noViolations("rendering the catalog")
	})

	t.Run("placeholder", func(t *testing.T) {
		// Without the wasm the placeholder stays: it alone is on screen.
		blockURLs(t, b, "*://*/web/xkit*.wasm")
		defer blockURLs(t, b)
		b.open(t)
		type look struct {
			Grid, Bone string
			Styles     int
			Adopted    int
		}
		got := eval[look](t, b, `(() => {
			const el = document.createElement("xkit-catalog"); document.body.append(el);
			const c = el.shadowRoot;
			return {grid: getComputedStyle(c.querySelector(".grid")).display,
				bone: getComputedStyle(c.querySelector(".bone")).backgroundColor,
				styles: c.querySelectorAll("style").length, adopted: c.adoptedStyleSheets.length};
		})()`)
		assert.Equal(t, "grid", got.Grid)
		assert.Equal(t, "rgb(245, 246, 247)", got.Bone, "a bone in the catalog's --soft")
		assert.Equal(t, 0, got.Styles)
		assert.Equal(t, 1, got.Adopted)
		noViolations("drawing the placeholder")
	})
}

// thirdPartyCookiesBlocked: the host page is on another site than the
// platform (https://localhost vs https://127.0.0.1) in a Chromium that
// blocks third-party cookies. The session cookie, Partitioned, is kept
// for the page's site: after the access token expires the SDK refreshes
// from it, and a reloaded page still has its session.
func thirdPartyCookiesBlocked(t *testing.T, s sdk, bin, root string) {
	host := startHostPage(t, nil)
	host.srv.URL = strings.Replace(host.srv.URL, "https://127.0.0.1:", "https://localhost:", 1)
	x := startXkitd(t, bin, root, host.srv.URL)
	sdkPage(host, s, x)

	// A control on the platform's site: an unpartitioned SameSite=None
	// cookie, which the browser must refuse in this context.
	control := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", host.srv.URL)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		http.SetCookie(w, &http.Cookie{Name: "control", Value: "1", Path: "/", Secure: true, SameSite: http.SameSiteNoneMode})
		_, _ = w.Write([]byte(r.Header.Get("Cookie")))
	}))
	t.Cleanup(control.Close)

	b := startBrowser(t, host, x.URL)
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	_, err := chromedp.Call(ctx, network.SetCookieControls, network.SetCookieControlsParams{EnableThirdPartyCookieRestriction: true})
	cancel()
	require.NoError(t, err, "Network.setCookieControls")
	b.open(t) // the controls apply from the next load
	controlCookies := `fetch(` + quote(control.URL) + `, {credentials: "include"}).then(r => r.text())`
	eval[string](t, b, controlCookies)
	require.Equal(t, "", eval[string](t, b, controlCookies), "third-party cookies are blocked (an unpartitioned one was not kept)")

	require.True(t, eval[bool](t, b, `window.__init()`))
	b.run(t, `xkit.login(`+quote(x.provision(t, "cross-site"))+`)`).value(t, new(any))

	ctx, cancel = context.WithTimeout(b.ctx, waitLimit)
	cookies, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{x.URL + "/"}})
	cancel()
	require.NoError(t, err)
	var session *network.Cookie
	for _, c := range cookies.Cookies {
		if c.Name == "xkit_session" {
			session = c
		}
	}
	require.NotNil(t, session, "the session cookie was kept")
	require.NotNil(t, session.PartitionKey, "partitioned")
	assert.Equal(t, "https://localhost", session.PartitionKey.TopLevelSite)

	mark := b.requests.mark()
	require.Positive(t, x.expireTokens(t))
	var conns []connection
	b.run(t, `xkit.listConnections()`).value(t, &conns)
	assert.Contains(t, b.platformRequests(t, mark), "POST "+x.URL+"/api/platform_user/sessions/token",
		"the SDK refreshed from the cookie session")

	b.open(t)
	require.True(t, eval[bool](t, b, `window.__init()`))
	var tok string
	b.run(t, `xkit.getAccessToken()`).value(t, &tok)
	assert.NotEmpty(t, tok, "a reloaded page gets a token from its cookie session")
}
