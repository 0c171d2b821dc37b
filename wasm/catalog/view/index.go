//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/catalog/model"
)

// indexScreen is the searchable grid of connectors.
func (c *Catalog) indexScreen() {
	if !c.opt.hideSearch {
		in := el("input", a("type", "search", "class", "search", "placeholder", model.SearchPlaceholder,
			"aria-label", "Search integrations", "autocomplete", "off"))
		in.Set("value", c.query)
		c.on(in, "input", func(js.Value) {
			c.query = in.Get("value").String()
			c.drawGrid()
		})
		add(c.main, el("div", a("class", "searchbox", "role", "search"),
			el("span", a("class", "glass", "aria-hidden", "true")), in))
	}
	c.grid = el("div", a("class", "gridwrap"))
	add(c.main, c.grid)
	c.drawGrid()
	c.foot = el("div", nil)
	add(c.main, c.foot)
	c.drawIndexFooter()
}

// drawIndexFooter fills the index's footer once the platform is known.
func (c *Catalog) drawIndexFooter() {
	if c.platform == nil || c.foot.IsUndefined() || c.loc.Name != "index" {
		return
	}
	clear(c.foot)
	add(c.foot, c.footer(model.IndexFooter(*c.platform, c.opt.hideTitle)))
}

func (c *Catalog) drawGrid() {
	if c.grid.IsUndefined() || c.loc.Name != "index" {
		return
	}
	clear(c.grid)
	switch {
	case c.all == nil && c.loadErr != "":
		retry := el("button", a("type", "button", "class", "btn"), model.TryAgain)
		c.on(retry, "click", func(js.Value) {
			retry.Set("disabled", true)
			go c.loadAll()
		})
		add(c.grid, el("div", a("class", "state error"),
			el("p", nil, model.LoadFailed(model.WhatConnectors, c.loadErr).Text), retry))
		return
	case c.all == nil:
		add(c.grid, el("p", a("class", "state", "aria-busy", "true"), el("span", a("class", "spin", "aria-hidden", "true")), model.Loading))
		return
	}
	found := model.Search(c.all, c.query)
	if len(found) == 0 {
		add(c.grid, el("p", a("class", "state"), model.NoResults))
		return
	}
	ul := el("ul", a("class", "grid", "aria-label", "Integrations"))
	for _, k := range found {
		card := c.link(c.r.ConnectorPath(k.Slug), "card",
			logo(k, "logo"),
			el("h3", a("class", "name"), k.Name),
			el("p", a("class", "desc"), k.ShortDescription))
		if b, ok := model.BadgeFor(k.Installed()); ok {
			add(card, badge(b))
		}
		add(ul, el("li", nil, card))
	}
	add(c.grid, ul)
}

func logo(k model.Connector, class string) js.Value {
	if k.MarkURL == "" {
		return el("span", a("class", class+" nologo", "aria-hidden", "true"), initial(k.Name))
	}
	return el("img", a("class", class, "src", k.MarkURL, "alt", k.Name+" logo", "loading", "lazy"))
}

func initial(s string) string {
	for _, r := range s {
		return string(r)
	}
	return "?"
}

func badge(b model.Badge) js.Value {
	var warnIcon js.Value
	if b.Warning {
		warnIcon = el("span", a("class", "warn", "aria-hidden", "true"), "⚠ ")
	}
	return el("span", a("class", "badge "+string(b.Tone), "title", b.Tooltip), warnIcon, b.Text)
}
