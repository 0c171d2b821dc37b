package app

import (
	"errors"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/settings"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// Action is a started install, reconnect or remove.
type Action struct {
	flow   func(ctx cancel.Context) (jsonv.Value, error) // install, reconnect
	sdk    SDK                                           // remove ...
	remove xkit.Query                                    // ... this connection
	name   string                                        // the connector's
	m      *i18n.Messages
	done   model.Toast // what success shows
}

// Install adds a connection to k (the Install and Add Connection
// buttons). The popup opens before Install returns: call it inside the
// user's click.
func (c *Catalog) Install(k model.Connector) Action {
	return Action{flow: c.sdk.AddConnection(k.Slug), name: k.Name, m: c.m, done: model.Installed(c.m, k.Name)}
}

// Reconnect repairs conn, a connection of k, in a popup; call it inside
// the user's click.
func (c *Catalog) Reconnect(k model.Connector, conn model.Connection) Action {
	return Action{flow: c.sdk.Reconnect(conn.Raw), name: k.Name, m: c.m, done: model.Reconnected(c.m, k.Name)}
}

// Remove removes conn, a connection of k (once waited for).
func (c *Catalog) Remove(k model.Connector, conn model.Connection) Action {
	return Action{sdk: c.sdk, remove: xkit.Query{ID: conn.ID}, name: k.Name, m: c.m, done: model.Removed(c.m, k.Name)}
}

// Wait waits for the action and gives the toast that tells how it went;
// ok is false when it failed, or when ctx ended first (then the toast is
// empty: nobody is left to see it).
func (a Action) Wait(ctx cancel.Context) (toast model.Toast, ok bool) {
	var err error
	if a.flow != nil {
		_, err = a.flow(ctx)
	} else {
		err = a.sdk.RemoveConnection(ctx, a.remove)
	}
	switch {
	case ctx.Err() != nil:
		return model.Toast{}, false
	case err != nil && a.flow == nil:
		return model.Failed(a.m, i18n.RemoveFailed, a.name, model.Reason(a.m, err)), false
	case err != nil:
		// Worded by the authorization's OAuth error_code when the platform
		// gave one (access_denied), else by the connect flow's own code
		// (popup_blocked, cancelled, ...); other errors by their status.
		if ce, ok := errors.AsType[*xkit.ConnectError](err); ok {
			return model.ActionFailed(a.m, ce.ErrorCode, ce.Code, ce.Message, ce.ErrorMessage), false
		}
		if _, ok := errors.AsType[*xkit.APIError](err); ok {
			return model.ActionFailed(a.m, "", "", "", model.Reason(a.m, err)), false
		}
		return model.ActionFailed(a.m, "", "", err.Error(), ""), false
	}
	return a.done, true
}

// SettingsForm reads the settings form of connection id of connector
// slug. found is false when the connector has no such installed
// connection, or the page gave no settings callback: show the connector's
// page instead.
func (c *Catalog) SettingsForm(ctx cancel.Context, slug, id string) (k model.Connector, conn model.Connection, form settings.Form, found bool, err error) {
	v, err := c.sdk.GetConnector(ctx, slug)
	if err != nil {
		return k, conn, form, false, c.loadFailed(i18n.LoadConnectorFailed, err)
	}
	k = model.ConnectorFrom(v)
	conn, found = k.FindConnection(id)
	if !found || c.opt.Settings == nil {
		return k, conn, form, false, nil
	}
	form, err = c.opt.Settings(ctx, conn, jsonv.Value{})
	if err != nil {
		// The page's own callback failed: its message is the reason.
		return k, conn, form, true, &Failure{Toast: model.Failed(c.m, i18n.LoadSettingsFailed, "", err.Error()), Err: err}
	}
	return k, conn, form, true, nil
}

// SaveSettings hands the edited form to the settings callback, which
// judges the values afresh. done is true when its answer has no
// validation messages; otherwise next is the form to show again, with
// them.
func (c *Catalog) SaveSettings(ctx cancel.Context, conn model.Connection, form settings.Form) (next settings.Form, done bool, err error) {
	if c.opt.Settings == nil {
		return form, true, nil
	}
	next, err = c.opt.Settings(ctx, conn, form.JSON())
	if err != nil {
		return form, false, &Failure{Toast: model.Failed(c.m, i18n.SaveSettingsFailed, "", err.Error()), Err: err}
	}
	return next, !next.HasErrors(), nil
}
