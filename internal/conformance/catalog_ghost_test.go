package conformance

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCatalogCancelledInstall is issue 13 in the catalog (ours, on our
// SDK, against xkitd): an install the user cancels (closes the sign-in
// window) or denies leaves nothing behind. After a reload GitHub (one
// connection) is not installed, and Salesforce (several) still shows the
// one connection it had, not another row.
func TestCatalogCancelledInstall(t *testing.T) {
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	checkWasm(t, root)
	host := startHostPage(t, nil)
	x := startXkitd(t, bin, root, host.srv.URL)
	host.scripts = func() string { return `<script src="` + x.URL + `/web/xkit.js"></script>` }
	host.init = func() string { return `xkit.init(` + quote(x.Domain) + `)` }
	b := startBrowser(t, host, x.URL)

	wait := func(t *testing.T, what, expr string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
		defer cancel()
		_, err := chromedp.Run(ctx, chromedp.Poll[any](expr, chromedp.WithPollingInterval(20*time.Millisecond)))
		require.NoError(t, err, "waiting for %s (%s)", what, expr)
	}
	// reload loads the page afresh, logged in as the user of token, with
	// the catalog on the connector's page (slug "": the index).
	reload := func(t *testing.T, token, slug string) {
		t.Helper()
		b.open(t)
		require.True(t, eval[bool](t, b, `window.__init()`))
		require.True(t, eval[bool](t, b, catalogJS))
		b.run(t, `xkit.login(`+quote(token)+`)`).value(t, new(any))
		require.True(t, eval[bool](t, b, `(() => {
			const el = document.createElement("div"); el.id = "g"; document.body.append(el);
			window.__g = xkit.renderCatalog(el, {routerType: "memory"});
			return true;
		})()`))
		// The loading outlines are cards with an empty name: wait for names.
		wait(t, "the cards", `__names("g").length > 0 && __names("g").every((n) => n !== "")`)
		if slug != "" {
			eval[bool](t, b, `__g.pushHistory("/connectors/`+slug+`"), true`)
			wait(t, "the connector page", `__cat("g").querySelector(".phead .btn.primary")`)
		}
	}
	primary := `__cat("g").querySelector(".phead .btn.primary")`
	// act clicks the button (JS) from a real click, lets decide answer the
	// sign-in window, and returns the toast the catalog shows.
	act := func(t *testing.T, button string, decide func(t *testing.T, popup context.Context, close func())) string {
		t.Helper()
		id, popup := b.popupFrom(t, `(() => { __toasts("g"); (`+button+`).click(); return __toast("g"); })()`)
		defer b.closeTarget(id)
		decide(t, popup, func() { b.closeTarget(id) })
		var toast string
		b.settle(t, button, 2*waitLimit).value(t, &toast)
		t.Logf("  toast: %q", toast)
		return toast
	}
	closeIt := func(t *testing.T, popup context.Context, close func()) {
		popupWait(t, popup, "#allow")
		close()
	}
	deny := func(t *testing.T, popup context.Context, _ func()) { popupClick(t, popup, "#deny") }
	allow := func(t *testing.T, popup context.Context, _ func()) { popupClick(t, popup, "#allow") }

	t.Run("github_window_closed", func(t *testing.T) {
		token := x.provision(t, "catalog-ghost-github")
		reload(t, token, "github")
		require.Equal(t, "Install", eval[string](t, b, primary+`.textContent`))
		assert.Contains(t, act(t, primary, closeIt), "Installation cancelled")
		wait(t, "Install again", primary+`.textContent === "Install"`)

		reload(t, token, "")
		assert.Nil(t, eval[any](t, b, `__card("g", "GitHub").querySelector(".badge")`), "no badge on the index after a reload")
		eval[bool](t, b, `__g.pushHistory("/connectors/github"), true`)
		wait(t, "the GitHub page", `__heading("g") === "GitHub" && `+primary)
		assert.Equal(t, "Install", eval[string](t, b, primary+`.textContent`), "not installed after a reload")
		assert.Nil(t, eval[any](t, b, `__cat("g").querySelector(".alert")`), "no connection error either")
	})

	t.Run("salesforce_add_denied", func(t *testing.T) {
		token := x.provision(t, "catalog-ghost-salesforce")
		reload(t, token, "salesforce")
		assert.Contains(t, act(t, primary, allow), "Installed Salesforce")
		rows := `__cat("g").querySelectorAll("table.conns tbody tr").length`
		wait(t, "one connection", rows+` === 1`)
		require.Equal(t, "Add Connection", eval[string](t, b, primary+`.textContent`))
		assert.Contains(t, act(t, primary, deny), "Cancelled authorization")
		assert.Contains(t, act(t, primary, closeIt), "Installation cancelled")

		reload(t, token, "salesforce")
		wait(t, "the connections table", rows+` > 0`)
		assert.Equal(t, 1, eval[int](t, b, rows), "still one connection after a reload")
		reload(t, token, "")
		assert.Equal(t, "Installed", eval[string](t, b, `(__card("g", "Salesforce").querySelector(".badge") || {}).textContent`),
			"one connection, working, on the index")
	})
}
