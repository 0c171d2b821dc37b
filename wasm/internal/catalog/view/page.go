//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/app"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
)

// connectorScreen is one connector's page.
func (c *Catalog) connectorScreen(slug string) {
	add(c.main, c.spinner())
	gen := c.gen
	go c.loadConnector(gen, slug)
}

// loadConnector reads the connector's page and draws it, unless the
// screen has changed meanwhile or a newer read of the page has answered.
func (c *Catalog) loadConnector(gen int, slug string) {
	p, fresh, err := c.app.ConnectorPage(c.ctx, slug)
	if !fresh || gen != c.gen || c.ctx.Err() != nil {
		return
	}
	if err != nil {
		clear(c.main)
		add(c.main, el("h2", a{"tabindex", "-1", "class", "state error"}, app.ToastOf(err).Text),
			c.footer(model.DetailFooter(c.m, nil)))
		c.focusHeading()
		return
	}
	c.drawPage(p)
}

func (c *Catalog) drawPage(p *model.Page) {
	// A redraw (an SDK event, another tab's install) must not take away
	// the question the user is answering: draw once it is answered.
	if c.main.Call("querySelector", ".confirm:not([aria-busy])").Truthy() {
		c.stale = true
		return
	}
	c.stale = false
	refocus := c.shadow.Get("activeElement")
	key := ""
	if refocus.Truthy() {
		if v := refocus.Call("getAttribute", "data-key"); v.Type() == js.TypeString {
			key = v.String()
		}
	}
	c.freeScreen()
	clear(c.main)
	defer func() {
		if key != "" {
			if b := c.main.Call("querySelector", `[data-key="`+key+`"]`); b.Truthy() {
				b.Call("focus")
			}
		}
	}()
	k := p.Connector
	// The connector's words (and the user's) keep their own direction in a
	// right-to-left catalog: dir="auto".
	title := el("h2", a{"class", "ptitle", "tabindex", "-1"}, el("span", a{"dir", "auto"}, p.Title))
	if p.ShowBadge {
		add(title, " ", badge(p.Badge))
	}
	buttons := el("div", a{"class", "actions"})
	for _, act := range p.Actions {
		add(buttons, c.actionButton(k, act, p.Target, "btn"+pick(act == model.Install || act == model.AddConnection, " primary", "")))
	}
	add(c.main, el("div", a{"class", "phead"}, c.logo(k, "plogo"),
		el("div", a{"class", "pname"}, title, el("p", a{"class", "sub", "dir", "auto"}, p.Subtitle)), buttons))
	if p.Alert != nil && p.Target != nil {
		add(c.main, el("div", a{"class", "alert", "role", "alert"},
			el("strong", nil, p.Alert.Title), el("p", nil, p.Alert.Text),
			c.actionButton(k, model.Reconnect, p.Target, "btn")))
	}
	sections := el("div", a{"class", "about"})
	for _, s := range p.Sections {
		if s.Heading != "" {
			add(sections, el("h3", nil, s.Heading))
		}
		add(sections, markdownBlock(s.Markdown, s.Large))
	}
	if len(p.Tabs) > 0 {
		// Roles spelled out: narrow catalogs lay the rows out as blocks
		// (css.go), which would take a table's semantics away.
		th := func(kid any) js.Value { return el("th", a{"scope", "col", "role", "columnheader"}, kid) }
		table := el("table", a{"class", "conns", "role", "table", "aria-label", p.TableLabel},
			el("thead", a{"role", "rowgroup"}, el("tr", a{"role", "row"}, th(c.m.T(i18n.TableName)), th(c.m.T(i18n.TableStatus)),
				th(el("span", a{"class", "sr"}, c.m.T(i18n.TableActions))))))
		body := el("tbody", a{"role", "rowgroup"})
		for _, row := range p.Rows {
			conn := row.Connection
			cell := el("td", a{"class", "rowacts", "role", "cell"})
			for _, act := range row.Actions {
				add(cell, c.actionButton(k, act, &conn, "btn small"))
			}
			name := el("td", a{"class", "cname", "role", "cell"}, el("span", a{"dir", "auto"}, row.Name))
			for _, d := range row.Details {
				add(name, el("span", a{"class", "cdetail"}, d))
			}
			add(body, el("tr", a{"role", "row"}, name, el("td", a{"role", "cell"}, badge(row.Badge)), cell))
		}
		add(table, body)
		panels := []js.Value{el("div", nil, table), sections}
		tabs := el("div", a{"class", "tabs", "role", "tablist"})
		var btns []js.Value
		for i, name := range p.Tabs {
			b := el("button", a{"type", "button", "role", "tab", "class", "tab", "id", "tab" + itoa(i)}, name)
			panels[i].Call("setAttribute", "role", "tabpanel")
			btns = append(btns, b)
			add(tabs, b)
		}
		sel := func(n int) {
			for i, b := range btns {
				b.Call("setAttribute", "aria-selected", pick(i == n, "true", "false"))
				b.Set("tabIndex", pickInt(i == n, 0, -1))
				panels[i].Set("hidden", i != n)
			}
		}
		for i, b := range btns {
			c.on(b, "click", func(js.Value) { sel(i) })
			c.on(b, "keydown", func(e js.Value) {
				next, prev := "ArrowRight", "ArrowLeft" // arrow keys follow the reading direction
				if i18n.RightToLeft(c.m.Lang) {
					next, prev = prev, next
				}
				step := map[string]int{next: 1, prev: len(btns) - 1}[e.Get("key").String()]
				if step != 0 {
					n := (i + step) % len(btns)
					btns[n].Call("click")
					btns[n].Call("focus")
				}
			})
		}
		sel(0)
		add(c.main, tabs, panels[0], panels[1])
	} else {
		add(c.main, sections)
	}
	add(c.main, c.footer(model.DetailFooter(c.m, c.app.Platform())))
	c.focusHeading()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// actionButton is a connector page button. It shows progress while its
// action runs and ignores clicks meanwhile.
func (c *Catalog) actionButton(k model.Connector, act model.Action, target *model.Connection, class string) js.Value {
	label := act.Label(c.m)
	if class == "btn small" {
		label = act.MenuLabel(c.m)
	}
	key := itoa(int(act))
	if target != nil {
		key += "/" + target.ID
	}
	// data-key finds the button again after a redraw, to keep its focus.
	b := el("button", a{"type", "button", "class", class, "data-key", key}, label)
	if target != nil && len(k.Installed()) > 1 {
		b.Call("setAttribute", "aria-label", act.RowLabel(c.m, target.Name(c.m)))
	}
	gen := c.gen
	c.on(b, "click", func(js.Value) {
		if b.Get("disabled").Bool() {
			return
		}
		switch act {
		case model.Configure, model.Settings:
			c.navigate(c.r.SettingsPath(k.Slug, target.ID), false)
			return
		case model.Remove:
			c.confirmRemove(b, k, *target)
			return
		}
		// The popup opens now, inside the click.
		if act == model.Reconnect {
			c.runAction(gen, b, k, c.app.Reconnect(k, *target), nil)
		} else {
			c.runAction(gen, b, k, c.app.Install(k), nil)
		}
	})
	return b
}

// runAction waits for an action with its button busy, then shows its
// toast and the page again; failed, when set, runs after a failure.
func (c *Catalog) runAction(gen int, b js.Value, k model.Connector, action app.Action, failed func()) {
	busy(b, true)
	go func() {
		toast, ok := action.Wait(c.ctx)
		if c.ctx.Err() != nil {
			return
		}
		busy(b, false)
		c.toast(toast)
		if !ok {
			if failed != nil {
				failed()
			}
			return
		}
		if gen == c.gen {
			c.loadConnector(gen, k.Slug)
		}
	}()
}

func busy(b js.Value, on bool) {
	b.Set("disabled", on)
	if on {
		b.Call("setAttribute", "aria-busy", "true")
	} else {
		b.Call("removeAttribute", "aria-busy")
	}
}

// confirmRemove asks before removing a connection: the original removed at
// once.
func (c *Catalog) confirmRemove(b js.Value, k model.Connector, conn model.Connection) {
	if c.main.Call("querySelector", ".confirm").Truthy() {
		return
	}
	name := k.Name
	if len(k.Installed()) > 1 {
		name = conn.Name(c.m)
	}
	yes := el("button", a{"type", "button", "class", "btn danger"}, model.Remove.Label(c.m))
	no := el("button", a{"type", "button", "class", "btn"}, c.m.T(i18n.Cancel))
	question := c.m.T(i18n.ConfirmTitle, "name", name)
	box := el("div", a{"class", "confirm", "role", "alertdialog", "aria-label", question},
		el("p", nil, el("strong", nil, question), " ", c.m.T(i18n.ConfirmText, "connector", k.Name)), yes, no)
	b.Call("after", box)
	yes.Call("focus")
	gen := c.gen
	dismiss := func() {
		box.Call("remove")
		b.Call("focus")
		if c.stale && gen == c.gen {
			go c.loadConnector(gen, k.Slug)
		}
	}
	c.on(no, "click", func(js.Value) { dismiss() })
	c.on(box, "keydown", func(e js.Value) {
		if e.Get("key").String() == "Escape" && !no.Get("disabled").Bool() {
			dismiss()
		}
	})
	c.on(yes, "click", func(js.Value) {
		if yes.Get("disabled").Bool() {
			return
		}
		no.Set("disabled", true)
		box.Call("setAttribute", "aria-busy", "true") // answered: redraws may take it away
		c.runAction(gen, yes, k, c.app.Remove(k, conn), func() {
			no.Set("disabled", false)
			box.Call("removeAttribute", "aria-busy")
		})
	})
}
