//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/app"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/route"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/theme"
)

// options are renderCatalog's options (spec section 8). Ours, locale and
// colorScheme, the loader reads (web/xkit.js catalogLocale, catalogEnv).
type options struct {
	root, connectors, title string
	kind                    route.Kind
	hideTitle, hideSearch   bool
	theme, filter, settings js.Value
	onLocation              js.Value
}

func readOptions(o js.Value) options {
	return options{
		root:       str(o, "rootPath"),
		connectors: str(o, "connectorsPath"),
		title:      str(o, "title"),
		kind:       route.ParseKind(str(o, "routerType")),
		hideTitle:  o.Type() == js.TypeObject && o.Get("hideTitle").Truthy(),
		hideSearch: o.Type() == js.TypeObject && o.Get("hideSearch").Truthy(),
		theme:      objOrUndefined(o, "theme"),
		filter:     fn(o, "filter"),
		settings:   fn(o, "settings"),
		onLocation: fn(o, "onLocationChange"),
	}
}

func objOrUndefined(o js.Value, k string) js.Value {
	if o.Type() == js.TypeObject && o.Get(k).Type() == js.TypeObject {
		return o.Get(k)
	}
	return js.Undefined()
}

// Catalog is one mounted catalog.
type Catalog struct {
	app                             *app.Catalog // the state; the SDK behind it
	m                               *i18n.Messages
	host, shadow, top, main, toasts js.Value
	handle                          js.Value // {el, pushHistory}
	opt                             options
	r                               route.Router
	mem                             *route.MemoryHistory
	loc                             route.Location
	stopWatch                       func() // the SDK event subscriptions

	ctx cancel.Context
	end func()

	// document.title: the page's own before any catalog set it, and the
	// one this catalog set. Unmount puts it back unless the page has
	// changed it since.
	titleBefore, titleSet string

	query string
	grid  js.Value
	found js.Value              // the search's result count, read out
	cards map[string]cachedCard // by slug
	shown cardGrid              // the cards in the DOM (grid.go)
	foot  js.Value              // the index's footer

	box       js.Value  // the catalog's root element, hidden outside rootPath
	started   bool      // the page has been under rootPath: loading has begun
	focusNext bool      // focus the heading of the next screen drawn
	stale     bool      // a redraw of the connector page waits for a confirmation
	gen       int       // screen generation: async results for an older screen are dropped
	screen    []js.Func // released when the screen changes
	life      []js.Func // released on unmount
	listened  []listener
}

var mounted []*Catalog

func find(host js.Value) int {
	for i, c := range mounted {
		if c.host.Equal(host) {
			return i
		}
	}
	return -1
}

// Render mounts a catalog over sdk in host (an element, or its id) and
// returns {el, pushHistory(path)}. A catalog already there is replaced.
// env is its language and colour scheme (messagesOf); token, when set,
// logs in first (renderCatalogDefault's data-token).
func Render(sdk app.SDK, host, opts, env js.Value, token string) (js.Value, error) {
	if host.Type() == js.TypeString {
		host = doc.Call("getElementById", host.String())
	}
	if host.Type() != js.TypeObject || host.Get("nodeType").Int() != 1 {
		return js.Undefined(), plainError("renderCatalog: el must be an element or the id of one")
	}
	Unmount(host)
	c := &Catalog{host: host, opt: readOptions(opts), m: messagesOf(env)}
	o := app.Options{Token: token, Messages: c.m} // the page's callbacks, when it gave them (callbacks.go)
	if c.opt.filter.Truthy() {
		o.Filter = c.filter
	}
	if c.opt.settings.Truthy() {
		o.Settings = c.askSettings
	}
	c.app = app.New(sdk, o)
	c.ctx, c.end = cancel.With(cancel.Background())
	c.r = route.New(c.opt.kind, c.opt.root, c.opt.connectors)
	if c.opt.kind == route.Memory {
		c.mem = route.NewMemory(c.r.IndexPath())
	}
	c.shadow = host.Get("shadowRoot")
	if !c.shadow.Truthy() {
		var err error
		if err = jsinterop.Catch(func() { c.shadow = host.Call("attachShadow", map[string]any{"mode": "open"}) }); err != nil {
			return js.Undefined(), plainError("renderCatalog: this element cannot hold a catalog (" + err.Error() + ")")
		}
	}
	c.build(str(env, "scheme"))
	mounted = append(mounted, c)

	push := c.life1(func(args []js.Value) {
		if p := jsinterop.Arg(args, 0); p.Type() == js.TypeString {
			c.navigate(p.String(), false)
		}
	})
	c.handle = global.Get("Object").New()
	c.handle.Set("el", host)
	c.handle.Set("pushHistory", push)

	switch c.opt.kind {
	case route.Browser:
		c.listen(global, "popstate", func(js.Value) { c.route(true) })
	case route.Hash:
		c.listen(global, "hashchange", func(js.Value) { c.route(true) })
	}
	c.stopWatch = c.app.Watch(func() { go c.reload() })
	if c.opt.kind == route.Hash {
		// As xkit-catalog.js's hash history did: the address shows "#/" at once.
		if h, fix := route.FixHash(global.Get("location").Get("hash").String()); fix {
			global.Get("history").Call("replaceState", global.Get("history").Get("state"), "", h)
		}
	}
	c.route(false) // starts loading once the page is under rootPath
	return c.handle, nil
}

// Unmount removes the catalog from host: its DOM, listeners and callbacks.
func Unmount(host js.Value) bool {
	if host.Type() == js.TypeString {
		host = doc.Call("getElementById", host.String())
	}
	if host.Type() != js.TypeObject {
		return false
	}
	i := find(host)
	if i < 0 {
		return false
	}
	c := mounted[i]
	mounted = append(mounted[:i], mounted[i+1:]...)
	c.end()
	c.gen++
	c.stopWatch()
	c.shown.stop()
	for _, l := range c.listened {
		l.target.Call("removeEventListener", l.typ, l.f, l.capture)
	}
	clear(c.shadow)
	c.shadow.Set("adoptedStyleSheets", []any{})
	if c.titleSet != "" && doc.Get("title").String() == c.titleSet {
		doc.Set("title", titleAfter(c))
	}
	c.freeScreen()
	for _, f := range c.life {
		jsinterop.Release(f)
	}
	c.life, c.listened, c.cards = nil, nil, nil
	return true
}

// pageTitle is the page's own title, from before any mounted catalog set
// one.
func pageTitle() string {
	for _, m := range mounted {
		if m.titleSet != "" {
			return m.titleBefore
		}
	}
	return doc.Get("title").String()
}

// titleAfter is the title once c is gone: the newest catalog's, else the
// page's own.
func titleAfter(c *Catalog) string {
	for i := len(mounted) - 1; i >= 0; i-- {
		if mounted[i].titleSet != "" {
			return mounted[i].titleSet
		}
	}
	return c.titleBefore
}

type listener struct {
	target  js.Value
	typ     string
	f       js.Func
	capture bool
}

// life1 makes a js.Func that lives until unmount and does nothing after.
func (c *Catalog) life1(fn func(args []js.Value)) js.Func {
	f := jsinterop.FuncOf(func(_ js.Value, args []js.Value) any {
		if c.ctx.Err() == nil {
			fn(args)
		}
		return nil
	})
	c.life = append(c.life, f)
	return f
}

func (c *Catalog) listen(target js.Value, typ string, fn func(e js.Value)) {
	f := c.life1(func(args []js.Value) { fn(jsinterop.Arg(args, 0)) })
	target.Call("addEventListener", typ, f)
	c.listened = append(c.listened, listener{target, typ, f, false})
}

// on adds a listener owned by the current screen.
func (c *Catalog) on(e js.Value, typ string, fn func(ev js.Value)) {
	f := jsinterop.FuncOf(func(_ js.Value, args []js.Value) any {
		if c.ctx.Err() == nil {
			fn(jsinterop.Arg(args, 0))
		}
		return nil
	})
	e.Call("addEventListener", typ, f)
	c.screen = append(c.screen, f)
}

func (c *Catalog) freeScreen() {
	for _, f := range c.screen {
		jsinterop.Release(f)
	}
	c.screen = nil
}

// build makes the parts that stay: styles, the title, the screen, toasts.
// The root speaks the catalog's language (lang, dir) in its colour scheme
// (data-scheme: light, dark, or system; css.go).
func (c *Catalog) build(scheme string) {
	clear(c.shadow)
	lang := c.m.Lang
	root := el("div", a{"class", "xk", "part", "catalog", "lang", lang, "dir", pick(i18n.RightToLeft(lang), "rtl", "ltr"),
		"data-scheme", pick(scheme == "", "system", scheme)})
	if c.opt.theme.Truthy() {
		vars, warnings := theme.Vars(toJSON(c.opt.theme))
		def := theme.Defaults()
		for _, w := range warnings {
			warn(w)
		}
		for k, v := range vars {
			if def[k] != v { // defaults live in the stylesheet, where dark mode can change them
				root.Get("style").Call("setProperty", k, v)
			}
		}
	}
	c.top = el("div", nil)
	c.main = el("div", a{"class", "screen"})
	// Toasts live in the catalog's box, at its top while it scrolls by
	// (sticky), never over the page's own header.
	c.toasts = el("div", a{"class", "toasts", "role", "status", "aria-live", "polite"})
	add(root, c.toasts, c.top, c.main)
	c.box = root
	adoptStyles(c.shadow)
	add(c.shadow, root)
	c.listen(c.main, "click", c.linkClick) // one delegated handler for every in-catalog link
	c.drawTop()                            // the title, or its placeholder until the platform is known
}

// sheet is the stylesheet (css.go) every catalog of the page adopts: a
// constructed CSSStyleSheet, which a Content-Security-Policy does not
// treat as an inline style, so a page needs no style-src for it (an inline
// <style> would need 'unsafe-inline'). Null where the browser has no
// adoptedStyleSheets: a <style> then.
var sheet js.Value

func adoptStyles(shadow js.Value) {
	if sheet.IsUndefined() {
		sheet = js.Null()
		if ctor := global.Get("CSSStyleSheet"); ctor.Truthy() && !shadow.Get("adoptedStyleSheets").IsUndefined() {
			sheet = ctor.New()
			sheet.Call("replaceSync", css)
		}
	}
	if sheet.IsNull() {
		add(shadow, el("style", nil, css))
		return
	}
	shadow.Set("adoptedStyleSheets", []any{sheet}) // in place of the placeholder's
}

func warn(msg string) { global.Get("console").Call("warn", "Xkit:", msg) }
