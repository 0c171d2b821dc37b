//go:build js

package view

import (
	"syscall/js"
	"time"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/app"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/route"
	"github.com/xkit-wasm/xkit/wasm/internal/clock"
)

// current is the app path shown now.
func (c *Catalog) current() string {
	if c.mem != nil {
		return c.mem.Current()
	}
	l := global.Get("location")
	return c.r.AppPath(l.Get("pathname").String(), l.Get("hash").String())
}

// navigate shows an app path, adding it to the history (or replacing).
func (c *Catalog) navigate(path string, replace bool) {
	switch {
	case c.mem != nil && replace:
		c.mem.Replace(path)
	case c.mem != nil:
		c.mem.Push(path)
	default:
		href := c.r.Href(path)
		h := global.Get("history")
		if replace {
			h.Call("replaceState", nil, "", href)
		} else if c.opt.kind == route.Hash {
			h.Call("pushState", nil, "", href) // no hashchange: we show it now
		} else {
			h.Call("pushState", nil, "", href)
		}
	}
	c.route(true)
}

// route shows the screen of the current path; focus moves to its heading
// when the user navigated. The toasts of the last screen go with it.
// Before the catalog's messages are there it does nothing: the first
// draw reads the path then.
func (c *Catalog) route(focus bool) {
	loc, ok := c.r.Match(c.current())
	// Outside rootPath xkit-catalog.js drew nothing (not even the title),
	// and read nothing until the page came under it.
	c.box.Set("hidden", !ok)
	if !ok || c.app == nil {
		return
	}
	if !c.started {
		c.started = true
		go c.loadAll()
	}
	c.loc = loc
	c.gen++
	c.freeScreen()
	clear(c.main)
	clear(c.toasts)
	switch loc.Name {
	case route.Connector:
		c.connectorScreen(loc.ConnectorSlug)
	case route.ConnectionSettings:
		c.settingsScreen(loc.ConnectorSlug, loc.ConnectionID)
	default:
		c.indexScreen()
	}
	c.focusNext = focus
	if loc.Name == route.Index {
		c.focusHeading()
	}
	if c.opt.onLocation.Truthy() {
		_ = jsinterop.Catch(func() { c.opt.onLocation.Invoke(parseJS(loc.JSON())) })
	}
}

// linkClick follows in-catalog links without leaving the page.
func (c *Catalog) linkClick(e js.Value) {
	if e.Get("button").Int() != 0 || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("shiftKey").Bool() {
		return
	}
	t := e.Get("target")
	if !t.Truthy() || t.Get("closest").Type() != js.TypeFunction {
		return
	}
	link := t.Call("closest", "a[data-nav]")
	if !link.Truthy() {
		return
	}
	e.Call("preventDefault")
	c.navigate(link.Call("getAttribute", "data-nav").String(), false)
}

// link is an in-catalog link to an app path.
func (c *Catalog) link(path, class string, kids ...any) js.Value {
	return el("a", a{"href", c.r.Href(path), "data-nav", path, "class", class}, kids...)
}

// loadAll reads the platform and the connectors, then redraws.
func (c *Catalog) loadAll() {
	_, err := c.app.LoadPlatform(c.ctx)
	if c.ctx.Err() != nil {
		return
	}
	if err != nil {
		c.toast(app.ToastOf(err))
	}
	c.drawTop()
	c.drawIndexFooter()
	c.reload()
}

// reload reads the connectors again (after load, and on SDK events, so
// badges follow installs made anywhere). Reloads may overlap; one whose
// answer is older than one already shown draws nothing.
func (c *Catalog) reload() {
	fresh, err := c.app.Reload(c.ctx)
	if !fresh || c.ctx.Err() != nil {
		return
	}
	if err != nil {
		c.toast(app.ToastOf(err))
	}
	switch c.loc.Name {
	case route.Index:
		c.drawGrid()
	case route.Connector:
		c.loadConnector(c.gen, c.loc.ConnectorSlug)
	}
}

// drawTop is the title over every screen.
func (c *Catalog) drawTop() {
	clear(c.top)
	platform := c.app.Platform()
	title := model.Title(c.m, c.opt.title, platform)
	if c.opt.hideTitle {
		return
	}
	if platform == nil && c.opt.title == "" {
		// The placeholder's title bar (as web/xkit.js draws it), the
		// height of the title to come, so nothing moves when it does.
		add(c.top, el("div", a{"class", "tbar", "aria-hidden", "true"}, el("span", a{"class", "bone"})))
		return
	}
	if platform != nil || c.opt.title != "" {
		if c.titleSet == "" {
			c.titleBefore = pageTitle()
		}
		c.titleSet = title
		doc.Set("title", title)
	}
	add(c.top, el("h1", a{"class", "title", "tabindex", "-1"}, title))
}

// toast shows a message for a few seconds in the live region, until the
// user dismisses it or leaves the screen.
func (c *Catalog) toast(t model.Toast) {
	close := el("button", a{"class", "x", "type", "button", "aria-label", c.m.T(i18n.Dismiss)}, "×")
	box := el("div", a{"class", "toast " + string(t.Intent), "role", pick(t.Intent == model.Danger, "alert", "")},
		el("span", a{"class", "ticon", "aria-hidden", "true"}, pick(t.Intent == model.Danger, "!", "✓")),
		el("span", nil, t.Text), close)
	add(c.toasts, box)
	closed := make(chan struct{}, 1)
	f := jsinterop.FuncOf(func(js.Value, []js.Value) any {
		select {
		case closed <- struct{}{}:
		default:
		}
		return nil
	})
	close.Call("addEventListener", "click", f)
	go func() {
		t := clock.NewTimer(6 * time.Second)
		defer t.Stop()
		select {
		case <-t.C:
		case <-closed:
		case <-c.ctx.Done():
		}
		box.Call("remove")
		jsinterop.Release(f)
	}()
}

// footer is the line under a screen.
func (c *Catalog) footer(f model.Footer) js.Value {
	if !f.Visible() {
		return js.Undefined()
	}
	row := el("footer", a{"class", "footer"})
	if f.ShowBack {
		arrow := el("span", a{"class", "arrow", "aria-hidden", "true"}, "←")
		if f.BackHref != "" {
			add(row, el("a", a{"class", "btn small", "href", f.BackHref}, arrow, f.BackText))
		} else {
			add(row, c.link(c.r.IndexPath(), "btn small", arrow, f.BackText))
		}
	}
	if f.ShowBranding {
		before, after := c.m.Split(i18n.PoweredBy, "brand")
		add(row, el("span", a{"class", "brand"}, before, el("b", a{"translate", "no"}, "xkit"), after))
	}
	return row
}

// focusHeading moves focus to the screen's heading once it is drawn, after
// the user navigated (not after a mere redraw), for screen readers and
// keyboard users.
func (c *Catalog) focusHeading() {
	if !c.focusNext {
		return
	}
	c.focusNext = false
	if h := c.main.Call("querySelector", "h2"); h.Truthy() {
		h.Call("focus")
	} else if h := c.top.Call("querySelector", "h1"); h.Truthy() {
		h.Call("focus")
	}
}
