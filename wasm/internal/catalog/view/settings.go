//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/app"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/route"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/settings"
)

// settingsScreen is the form of one connection's settings.
func (c *Catalog) settingsScreen(slug, id string) {
	add(c.main, c.spinner())
	gen := c.gen
	go func() {
		k, conn, form, found, err := c.app.SettingsForm(c.ctx, slug, id)
		if gen != c.gen || c.ctx.Err() != nil {
			return
		}
		switch {
		case err != nil:
			c.toast(app.ToastOf(err))
		case !found:
			c.navigate(c.r.ConnectorPath(slug), true)
		default:
			c.drawForm(k, conn, form)
		}
	}()
}

func (c *Catalog) drawForm(k model.Connector, conn model.Connection, form settings.Form) {
	c.freeScreen()
	clear(c.main)
	title, subtitle := model.SettingsHeader(c.m, k, conn)
	f := el("form", a{"class", "settings", "novalidate", "novalidate"})
	for i := range form.Fields {
		add(f, c.field(&form, form.Fields[i], "f"+itoa(i)))
	}
	save := el("button", a{"type", "submit", "class", "btn primary"}, c.m.T(i18n.Save))
	cancel := c.link(c.r.ConnectorPath(k.Slug), "btn", c.m.T(i18n.Cancel))
	add(f, el("div", a{"class", "actions"}, save, cancel))
	add(c.main, el("div", a{"class", "phead"}, c.logo(k, "plogo"),
		el("div", a{"class", "pname"}, el("h2", a{"class", "ptitle", "tabindex", "-1"}, title), el("p", a{"class", "sub"}, subtitle))), f)
	c.focusHeading()
	gen := c.gen
	c.on(f, "submit", func(e js.Value) {
		e.Call("preventDefault")
		if save.Get("disabled").Bool() {
			return
		}
		busy(save, true)
		go func() {
			next, done, err := c.app.SaveSettings(c.ctx, conn, form)
			if gen != c.gen || c.ctx.Err() != nil {
				return
			}
			busy(save, false)
			switch {
			case err != nil:
				c.toast(app.ToastOf(err))
			case !done:
				c.drawForm(k, conn, next)
				if bad := c.main.Call("querySelector", "[aria-invalid=true]"); bad.Truthy() {
					bad.Call("focus")
				}
			default:
				c.navigate(c.r.Path(route.Location{Name: route.Connector, ConnectorSlug: k.Slug}), false)
			}
		}()
	})
}

// field draws one form field; edits go into form.
func (c *Catalog) field(form *settings.Form, fd settings.Field, id string) js.Value {
	name := fd.Name
	var msg js.Value
	described := ""
	if fd.Invalid() {
		msg = el("p", a{"class", "invalid", "id", id + "-err"}, fd.ValidationMessage)
		described = id + "-err"
	}
	var hint js.Value
	if h := fd.Hint + fd.Description; h != "" {
		hint = el("p", a{"class", "hint", "id", id + "-hint"}, h)
		if described != "" {
			described += " "
		}
		described += id + "-hint"
	}
	invalid := pick(fd.Invalid(), "true", "")
	switch fd.Type {
	case settings.Switch:
		in := el("input", a{"type", "checkbox", "role", "switch", "id", id, "aria-invalid", invalid, "aria-describedby", described})
		in.Set("checked", fd.On)
		c.on(in, "change", func(js.Value) { form.SetSwitch(name, in.Get("checked").Bool()) })
		return el("div", a{"class", "field switch"}, el("label", a{"for", id}, in, el("span", a{"class", "track", "aria-hidden", "true"}), fd.DisplayLabel()), hint, msg)
	case settings.Select:
		sel := el("select", a{"id", id, "aria-invalid", invalid, "aria-describedby", described})
		if prompt, ok := fd.Prompt(c.m.T(i18n.SelectOne)); ok {
			// Shown while nothing is chosen; it cannot be chosen itself.
			p := el("option", nil, prompt)
			p.Set("value", "")
			p.Set("disabled", true)
			p.Set("hidden", true)
			p.Set("selected", true)
			add(sel, p)
		}
		for _, o := range fd.Options {
			opt := el("option", a{"value", o.Value}, o.Label)
			opt.Set("selected", fd.Selected(o.Value))
			add(sel, opt)
		}
		c.on(sel, "change", func(js.Value) { form.Choose(name, sel.Get("value").String()) })
		return el("div", a{"class", "field"}, el("label", a{"for", id}, fd.DisplayLabel()), sel, hint, msg)
	case settings.SelectMultiple:
		set := el("fieldset", a{"class", "field multi", "aria-invalid", invalid, "aria-describedby", described}, el("legend", nil, fd.DisplayLabel()))
		for i, o := range fd.Options {
			box := el("input", a{"type", "checkbox", "id", id + "-" + itoa(i), "value", o.Value})
			box.Set("checked", fd.Selected(o.Value))
			v := o.Value
			c.on(box, "change", func(js.Value) {
				if box.Get("checked").Bool() {
					form.Choose(name, v)
				} else {
					form.Unchoose(name, v)
				}
			})
			add(set, el("label", a{"for", id + "-" + itoa(i), "class", "check"}, box, o.Label))
		}
		add(set, hint, msg)
		return set
	default:
		in := el("input", a{"type", "text", "id", id, "placeholder", fd.Placeholder, "aria-invalid", invalid, "aria-describedby", described})
		in.Set("value", fd.Value)
		c.on(in, "input", func(js.Value) { form.SetText(name, in.Get("value").String()) })
		return el("div", a{"class", "field"}, el("label", a{"for", id}, fd.DisplayLabel()), in, hint, msg)
	}
}
