package conformance

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// gridJS are the page helpers of the windowed grid's steps: __g is the
// catalog's shadow root, __pos the place (aria-posinset) of a card's item.
const gridJS = `
window.__g = () => document.getElementById("big").shadowRoot;
window.__drawn = () => __g().querySelectorAll(".grid > li").length;
window.__pos = (e) => e ? Number(e.closest("li").getAttribute("aria-posinset")) : 0;
window.__focused = () => __pos(__g().activeElement);
window.__items = () => [...__g().querySelectorAll(".grid > li")];
window.__inView = (e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; };
window.__tallAsAll = () => {
  const ul = __g().querySelector(".grid"), items = __items();
  const cols = getComputedStyle(ul).gridTemplateColumns.split(" ").length;
  if (items.length <= cols) return false;
  const pitch = items[cols].getBoundingClientRect().top - items[0].getBoundingClientRect().top;
  const rows = Math.ceil(Number(items[0].getAttribute("aria-setsize")) / cols);
  return Math.abs(ul.getBoundingClientRect().height - (rows * pitch - parseFloat(getComputedStyle(ul).rowGap))) < pitch;
};
true`

// TestWindowedGrid drives a catalog of 1,000 connectors in Chromium: only
// the cards near the viewport are in the DOM, and every card is still
// reached by keyboard, by search and by screen readers (each item says its
// place in the whole list).
func TestWindowedGrid(t *testing.T) {
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	checkWasm(t, root)
	axeJS := axeScript(t, root)
	host := startHostPage(t, map[string][]byte{"axe.min.js": axeJS})

	// 996 made-up apps beside xkitd's 4.
	type seedConnector struct {
		Name  string `json:"name"`
		Slug  string `json:"slug"`
		Short string `json:"short_description"`
		Auth  string `json:"auth"`
	}
	var seed struct {
		Connectors []seedConnector `json:"connectors"`
	}
	for _, c := range xkitdtest.Connectors(1000)[4:] {
		seed.Connectors = append(seed.Connectors, seedConnector{c.Name, c.Slug, c.ShortDescription, "oauth2"})
	}
	data, err := json.Marshal(seed)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(file, data, 0o600))
	x := startXkitd(t, bin, root, host.srv.URL, "-seed", file)
	host.scripts = func() string { return `<script src="` + x.URL + `/web/xkit.js"></script>` }
	host.init = func() string { return `xkit.init(` + quote(x.Domain) + `)` }
	token := x.provision(t, "grid")
	b := startBrowser(t, host, x.URL)

	wait := func(t *testing.T, what, expr string) { t.Helper(); poll(t, b, what, expr) }
	press := func(t *testing.T, key string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
		defer cancel()
		require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(key)))
	}
	// fresh loads the page anew and shows the catalog at the top of it.
	fresh := func(t *testing.T) {
		t.Helper()
		b.open(t)
		require.True(t, eval[bool](t, b, `window.__init()`))
		require.True(t, eval[bool](t, b, catalogJS))
		require.True(t, eval[bool](t, b, gridJS))
		b.run(t, `xkit.login(`+quote(token)+`)`).value(t, new(any))
		require.True(t, eval[bool](t, b, `(() => { const el = document.createElement("div"); el.id = "big";
			document.body.prepend(el); xkit.renderCatalog(el, {routerType: "memory"}); return true; })()`))
		wait(t, "the cards", `__g() && __g().querySelector(".grid > li[aria-setsize='1000']")`)
	}
	// bounded: a window of rows near the viewport, far fewer than the list.
	bounded := func(t *testing.T) {
		t.Helper()
		n := eval[int](t, b, `__drawn()`)
		assert.Greater(t, n, 0)
		assert.LessOrEqual(t, n, 80, "cards in the DOM")
		assert.Equal(t, n, eval[int](t, b, `__g().querySelectorAll(".card").length`), "no card outside the list")
	}

	t.Run("only the cards near the viewport are in the DOM", func(t *testing.T) {
		fresh(t)
		bounded(t)
		assert.Equal(t, 1, eval[int](t, b, `__pos(__items()[0].firstElementChild)`))
		assert.Equal(t, []int{1000}, eval[[]int](t, b, `[...new Set(__items().map((li) => Number(li.getAttribute("aria-setsize"))))]`), "each item knows the list's size")
		assert.Greater(t, eval[float64](t, b, `document.documentElement.scrollHeight`), 10000.0, "the page is as tall as the whole list")
		eval[bool](t, b, `scrollTo(0, document.documentElement.scrollHeight), true`)
		wait(t, "the last card after scrolling", `__g().querySelector(".grid > li[aria-posinset='1000']")`)
		bounded(t)
		assert.Nil(t, eval[any](t, b, `__g().querySelector(".grid > li[aria-posinset='1']")`), "the first card left the DOM")
		eval[bool](t, b, `scrollTo(0, 0), true`)
		wait(t, "the first card again", `__g().querySelector(".grid > li[aria-posinset='1']")`)
		bounded(t)
	})

	t.Run("a card far down is reached by keyboard", func(t *testing.T) {
		fresh(t)
		eval[bool](t, b, `__items()[0].firstElementChild.focus(), true`)
		press(t, kb.End)
		wait(t, "focus on the last card", `__focused() === 1000`)
		assert.True(t, eval[bool](t, b, `__inView(__g().activeElement)`), "scrolled into view")
		bounded(t)
		press(t, kb.Home)
		wait(t, "focus on the first card", `__focused() === 1`)
		cols := eval[int](t, b, `getComputedStyle(__g().querySelector(".grid")).gridTemplateColumns.split(" ").length`)
		press(t, kb.ArrowDown)
		wait(t, "a row down", `__focused() === `+itoa(1+cols))
		press(t, kb.ArrowRight)
		wait(t, "a card right", `__focused() === `+itoa(2+cols))
		press(t, kb.ArrowLeft)
		press(t, kb.ArrowUp)
		wait(t, "back to the first", `__focused() === 1`)

		// Tab from the last card drawn goes on to the next one, not out of
		// the list, and Shift+Tab comes back.
		last := eval[int](t, b, `__pos(__items().at(-1))`)
		require.Less(t, last, 1000)
		eval[bool](t, b, `__items().at(-1).firstElementChild.focus({preventScroll: true}), true`)
		press(t, kb.Tab)
		wait(t, "Tab past the window", `__focused() === `+itoa(last+1))
		bounded(t)
		first := eval[int](t, b, `__pos(__items()[0])`)
		if first > 1 {
			eval[bool](t, b, `__items()[0].firstElementChild.focus({preventScroll: true}), true`)
			ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))))
			wait(t, "Shift+Tab before the window", `__focused() === `+itoa(first-1))
		}

		// Enter on a far card opens its page.
		press(t, kb.End)
		wait(t, "focus on the last card", `__focused() === 1000`)
		name := eval[string](t, b, `__g().activeElement.querySelector(".name").textContent`)
		press(t, kb.Enter)
		wait(t, "its page", `__heading("big") === `+quote(name))
	})

	t.Run("a card far down is found by search", func(t *testing.T) {
		fresh(t)
		far := eval[string](t, b, `xkit.listConnectors().then((all) => {
			const drawn = new Set(__names("big"));
			return all.map((c) => c.name).filter((n) => !drawn.has(n)).at(-1); })`)
		require.NotEmpty(t, far, "a connector whose card is not drawn")
		eval[bool](t, b, `__search("big", `+quote(far)+`)`)
		wait(t, "the card", `__card("big", `+quote(far)+`)`)
		assert.Equal(t, far, eval[[]string](t, b, `__names("big")`)[0], "the best match first")
		eval[bool](t, b, `__search("big", "")`)
		wait(t, "all of them", `__g().querySelector(".grid > li[aria-setsize='1000']")`)
		bounded(t)
	})

	t.Run("a catalog shown after it was hidden fills its window", func(t *testing.T) {
		b.open(t)
		require.True(t, eval[bool](t, b, `window.__init()`))
		require.True(t, eval[bool](t, b, gridJS))
		b.run(t, `xkit.login(`+quote(token)+`)`).value(t, new(any))
		require.True(t, eval[bool](t, b, `(() => { const box = document.createElement("div"); box.id = "box"; box.hidden = true;
			const el = document.createElement("div"); el.id = "big"; box.append(el);
			document.body.prepend(box); xkit.renderCatalog(el, {routerType: "memory"}); return true; })()`))
		wait(t, "the cards, hidden", `__g() && __g().querySelector(".grid > li[aria-setsize='1000']") && __g().querySelector("footer")`)
		// Let the catalog finish its loading (a redraw would measure again
		// and hide what this step is about), then show it.
		eval[bool](t, b, `new Promise((r) => setTimeout(() => r(true), 300))`)
		assert.False(t, eval[bool](t, b, `__tallAsAll()`), "hidden: nothing to measure")
		eval[bool](t, b, `document.getElementById("box").hidden = false, true`)
		// Measured again once shown: the list is as tall as all its rows in
		// the columns it has now, and its drawn rows reach past the view.
		wait(t, "the window measured once shown", `__tallAsAll() && __items().at(-1).getBoundingClientRect().top > innerHeight`)
		bounded(t)
	})

	t.Run("axe-core on the windowed grid", func(t *testing.T) {
		fresh(t)
		require.True(t, eval[bool](t, b, `__loadAxe()`))
		assert.Empty(t, eval[[]string](t, b, `__axe("big")`))
		eval[bool](t, b, `scrollTo(0, document.documentElement.scrollHeight / 2), true`)
		wait(t, "the middle of the list", `__items()[0].getAttribute("aria-posinset") !== "1"`)
		assert.Empty(t, eval[[]string](t, b, `__axe("big")`), "scrolled half way")
	})
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
