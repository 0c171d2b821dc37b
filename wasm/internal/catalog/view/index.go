//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/app"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
)

// indexScreen is the searchable grid of connectors.
func (c *Catalog) indexScreen() {
	if !c.opt.hideSearch {
		in := el("input", a{"type", "search", "class", "search", "placeholder", c.m.T(i18n.SearchPlaceholder),
			"aria-label", c.m.T(i18n.SearchLabel), "autocomplete", "off"})
		in.Set("value", c.query)
		c.on(in, "input", func(js.Value) {
			c.query = in.Get("value").String()
			c.drawGrid()
		})
		add(c.main, el("div", a{"class", "searchbox", "role", "search"},
			el("span", a{"class", "glass", "aria-hidden", "true"}), in))
	}
	c.shown.reset()
	c.grid = el("div", a{"class", "gridwrap"})
	c.found = el("p", a{"class", "sr", "aria-live", "polite"}) // the search's result, for screen readers
	add(c.main, c.found, c.grid)
	c.drawGrid()
	c.foot = el("div", nil)
	add(c.main, c.foot)
	c.drawIndexFooter()
}

// drawIndexFooter fills the index's footer once the platform is known.
func (c *Catalog) drawIndexFooter() {
	platform := c.app.Platform()
	if platform == nil || c.foot.IsUndefined() || c.loc.Name != "index" {
		return
	}
	clear(c.foot)
	add(c.foot, c.footer(model.IndexFooter(c.m, *platform, c.opt.hideTitle)))
}

func (c *Catalog) drawGrid() {
	if c.grid.IsUndefined() || c.loc.Name != "index" {
		return
	}
	all, listErr := c.app.Connectors()
	var found []model.Connector
	if all != nil {
		found = model.Search(all, c.query)
	}
	c.found.Set("textContent", pick(all == nil || c.query == "", "", c.m.N(i18n.ListCount, len(found))))
	if len(found) > 0 {
		c.showCards(found) // in the list already there, if it is
		return
	}
	clear(c.grid)
	switch {
	case all == nil && listErr != nil:
		retry := el("button", a{"type", "button", "class", "btn"}, c.m.T(i18n.TryAgain))
		c.on(retry, "click", func(js.Value) {
			retry.Set("disabled", true)
			go c.loadAll()
		})
		add(c.grid, el("div", a{"class", "state error"},
			el("p", nil, app.ToastOf(listErr).Text), retry))
	case all == nil:
		add(c.grid, c.skeletonCards())
	default:
		add(c.grid, el("p", a{"class", "state"}, c.m.T(pickKey(len(all) == 0, i18n.NoConnectors, i18n.NoResults))))
	}
}

// skeletonCards are the card outlines shown while the first list loads:
// the same as web/xkit.js's placeholder (skeletonGrid), which they follow
// without a change the eye could see.
func (c *Catalog) skeletonCards() js.Value {
	ul := el("ul", a{"class", "grid", "aria-hidden", "true"})
	for range skeletonCount {
		add(ul, el("li", nil, el("div", a{"class", "card"},
			el("span", a{"class", "logo bone"}), el("span", a{"class", "name bone"}), el("span", a{"class", "desc bone"}))))
	}
	return el("div", a{"aria-busy", "true"}, ul, el("p", a{"class", "sr"}, c.m.T(i18n.Loading)))
}

// skeletonCount is how many outlines web/xkit.js draws (skeletonGrid).
const skeletonCount = 6

// cachedCard is a card's element and what it was drawn from.
type cachedCard struct {
	sig string
	li  js.Value
}

// card is k's grid item. Cards are kept between draws (they hold no
// listeners: links are handled by delegation), so a search keystroke
// reorders existing elements in one call instead of building them again.
func (c *Catalog) card(k model.Connector) js.Value {
	path := c.r.ConnectorPath(k.Slug)
	b, hasBadge := model.BadgeFor(c.m, k.Installed())
	sig := path + "\x00" + k.Name + "\x00" + k.ShortDescription + "\x00" + k.MarkURL
	if hasBadge {
		sig += "\x00" + b.Text + "\x00" + b.Tooltip + "\x00" + string(b.Tone) + pick(b.Warning, "!", "")
	}
	if cc, ok := c.cards[k.Slug]; ok && cc.sig == sig {
		return cc.li
	}
	card := c.link(path, "card",
		c.logo(k, "logo"),
		el("h3", a{"class", "name", "dir", "auto"}, k.Name), // the connector's words keep their own direction
		el("p", a{"class", "desc", "dir", "auto"}, k.ShortDescription))
	if hasBadge {
		add(card, badge(b))
	}
	li := el("li", nil, card)
	if c.cards == nil {
		c.cards = map[string]cachedCard{}
	}
	c.cards[k.Slug] = cachedCard{sig, li}
	return li
}

func (c *Catalog) logo(k model.Connector, class string) js.Value {
	if k.MarkURL == "" {
		return el("span", a{"class", class + " nologo", "aria-hidden", "true"}, initial(k.Name))
	}
	return el("img", a{"class", class, "src", k.MarkURL, "alt", c.m.T(i18n.LogoAlt, "name", k.Name), "loading", "lazy"})
}

// spinner is the loading state of a screen.
func (c *Catalog) spinner() js.Value {
	return el("p", a{"class", "state", "aria-busy", "true"}, el("span", a{"class", "spin", "aria-hidden", "true"}), c.m.T(i18n.Loading))
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
		warnIcon = el("span", a{"class", "warn", "aria-hidden", "true"}, "⚠ ")
	}
	return el("span", a{"class", "badge " + string(b.Tone), "title", b.Tooltip}, warnIcon, b.Text)
}
