//go:build js

package view

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/grid"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/route"
)

// cardGrid is the index's list of cards, windowed: only the rows near the
// viewport are in the DOM, with padding standing in for the others (the
// arithmetic is package grid's). Each card says where it is in the whole
// list (aria-posinset, aria-setsize); the arrow keys, Home, End and Tab
// move focus across the window's edge; a search looks at every connector.
type cardGrid struct {
	ul     js.Value          // the list, or undefined
	found  []model.Connector // what it lists
	layout grid.Layout       // measured
	width  float64           // the list's width when measured
	win    grid.Window       // the cards in the DOM

	watching bool     // scroll and resize are watched (for the catalog's life)
	resized  js.Value // a ResizeObserver of the list, or undefined
	frame    js.Value // the animation frame asked for, or undefined
	onFrame  js.Func  // places the cards in that frame
}

// reset forgets the list: a new screen makes its own.
func (g *cardGrid) reset() {
	if g.ul.Truthy() && g.resized.Truthy() {
		g.resized.Call("unobserve", g.ul)
	}
	g.ul, g.found, g.win = js.Undefined(), nil, grid.Window{}
}

// stop ends the watching (the catalog is unmounted).
func (g *cardGrid) stop() {
	if g.frame.Truthy() {
		global.Call("cancelAnimationFrame", g.frame)
		g.frame = js.Undefined()
	}
	if g.resized.Truthy() {
		g.resized.Call("disconnect")
	}
}

// showCards lists found in the index, drawing the cards in view. The list
// element stays for the screen's life (its listener is the screen's), out
// of the DOM while the index shows a message instead.
func (c *Catalog) showCards(found []model.Connector) {
	g := &c.shown
	if !g.ul.Truthy() {
		g.ul = el("ul", a{"class", "grid", "aria-label", c.m.T(i18n.ListLabel)})
		c.on(g.ul, "keydown", c.gridKey)
		c.watchPage()
		if g.resized.Truthy() {
			g.resized.Call("observe", g.ul)
		}
	}
	if !g.ul.Get("parentNode").Equal(c.grid) {
		clear(c.grid)
		add(c.grid, g.ul)
	}
	g.found, g.win = found, grid.Window{}
	if g.layout.Pitch == 0 {
		c.measureGrid() // columns now; the pitch once rows are drawn
	}
	c.placeCards()
	if g.layout.Pitch == 0 && g.win.Len() > 0 {
		c.measureGrid()
		c.placeCards()
	}
}

// placeCards draws the window of cards the viewport needs now.
func (c *Catalog) placeCards() {
	g := &c.shown
	if !g.ul.Truthy() || !g.ul.Get("isConnected").Bool() || c.loc.Name != route.Index {
		return
	}
	box := g.ul.Call("getBoundingClientRect")
	if box.Get("width").Float() != g.width {
		c.measureGrid() // resized, or shown after it was hidden: columns may differ
	}
	c.drawWindow(g.layout.Visible(len(g.found), box.Get("top").Float(), global.Get("innerHeight").Float()))
}

// drawWindow puts the window w of the list in the DOM, changing only the
// ends that differ from what is there, so a focused card stays put.
func (c *Catalog) drawWindow(w grid.Window) {
	g := &c.shown
	ch := grid.Diff(g.win, w)
	if ch.Replace || g.win.Len() == 0 {
		g.ul.Call("replaceChildren", c.cardItems(w.First, w.End)...)
	} else {
		for range ch.DropFront {
			g.ul.Get("firstElementChild").Call("remove")
		}
		for range ch.DropBack {
			g.ul.Get("lastElementChild").Call("remove")
		}
		if ch.AddFront.Len() > 0 {
			g.ul.Call("prepend", c.cardItems(ch.AddFront.From, ch.AddFront.To)...)
		}
		if ch.AddBack.Len() > 0 {
			g.ul.Call("append", c.cardItems(ch.AddBack.From, ch.AddBack.To)...)
		}
	}
	style := g.ul.Get("style")
	style.Set("paddingTop", px(w.Above))
	style.Set("paddingBottom", px(w.Below))
	g.win = w
}

// cardItems are the list items of found cards [from, to), each saying its
// place in the whole list.
func (c *Catalog) cardItems(from, to int) []any {
	g := &c.shown
	items := make([]any, 0, max(0, to-from))
	total := strconv.Itoa(len(g.found))
	for i := from; i < to; i++ {
		li := c.card(g.found[i])
		li.Call("setAttribute", "aria-posinset", strconv.Itoa(i+1))
		li.Call("setAttribute", "aria-setsize", total)
		items = append(items, li)
	}
	return items
}

// measureGrid reads the columns the stylesheet made and, from the rows
// drawn, the pitch (the layout is forced once; a keystroke's redraw reuses
// the numbers).
func (c *Catalog) measureGrid() {
	g := &c.shown
	cs := global.Call("getComputedStyle", g.ul)
	tracks := cs.Get("gridTemplateColumns").String() // "220px 220px ...", or "none"
	g.layout.Columns = 1
	if strings.HasSuffix(tracks, "px") {
		g.layout.Columns = strings.Count(tracks, " ") + 1
	}
	g.width = g.ul.Call("getBoundingClientRect").Get("width").Float()
	if g.win.Len() == 0 {
		return
	}
	first := g.ul.Get("firstElementChild").Call("getBoundingClientRect")
	last := g.ul.Get("lastElementChild").Call("getBoundingClientRect")
	gap := global.Call("parseFloat", cs.Get("rowGap")).Float()
	if gap != gap { // NaN: "normal"
		gap = 0
	}
	rows := g.layout.Rows(g.win.Len())
	g.layout.Pitch = grid.Pitch(first.Get("top").Float(), last.Get("bottom").Float(), gap, rows)
}

// watchPage follows scrolling (of the page or of any box holding the
// catalog: scroll events do not bubble, so capture them) and resizing (of
// the window, and of the list itself: a catalog in a box that was hidden
// gets its size when shown), and places the cards once per frame.
func (c *Catalog) watchPage() {
	g := &c.shown
	if g.watching {
		return
	}
	g.watching = true
	g.onFrame = c.life1(func([]js.Value) {
		g.frame = js.Undefined()
		c.placeCards()
	})
	ask := c.life1(func([]js.Value) {
		if !g.frame.Truthy() && g.ul.Truthy() {
			g.frame = global.Call("requestAnimationFrame", g.onFrame)
		}
	})
	for _, typ := range []string{"scroll", "resize"} {
		global.Call("addEventListener", typ, ask, map[string]any{"capture": true, "passive": true})
		c.listened = append(c.listened, listener{global, typ, ask, true})
	}
	if ro := global.Get("ResizeObserver"); ro.Type() == js.TypeFunction {
		g.resized = ro.New(ask)
	}
}

// gridKey moves focus between cards: arrows, Home and End always, and Tab
// where the next card is outside the window (the browser would skip the
// cards not drawn).
func (c *Catalog) gridKey(e js.Value) {
	g := &c.shown
	if e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() {
		return
	}
	li := e.Get("target").Call("closest", "li")
	if !li.Truthy() {
		return
	}
	pos := global.Call("parseInt", li.Call("getAttribute", "aria-posinset")).Float()
	if !(pos >= 1 && pos <= float64(len(g.found))) { // also NaN
		return
	}
	i := int(pos) - 1
	key := e.Get("key").String()
	var to int
	var ok bool
	if key == "Tab" {
		to, ok = grid.Tab(e.Get("shiftKey").Bool(), i, len(g.found), g.win)
	} else if !e.Get("shiftKey").Bool() {
		to, ok = grid.Move(key, i, len(g.found), g.layout.Columns)
	}
	if !ok {
		return
	}
	e.Call("preventDefault")
	c.focusCard(to)
}

// focusCard focuses card i, drawing it first if it is not in the window;
// the browser scrolls it into view, and the next frame draws around it.
func (c *Catalog) focusCard(i int) {
	g := &c.shown
	if !g.win.Holds(i) {
		c.drawWindow(g.layout.Around(g.win, len(g.found), i))
	}
	li := g.ul.Get("children").Index(i - g.win.First)
	if !li.Truthy() {
		return
	}
	_ = jsinterop.Catch(func() { li.Get("firstElementChild").Call("focus") })
}

// px is a length in whole pixels (strconv's float formatting would cost
// the wasm 10 KB brotli; a rounding error of half a pixel per row is not
// visible).
func px(v float64) string { return strconv.Itoa(int(math.Round(v))) + "px" }
