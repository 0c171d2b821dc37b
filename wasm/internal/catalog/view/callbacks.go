//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/settings"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// The page's callbacks stay JavaScript functions; these turn them into the
// Go functions package app asks for.

// filter asks the page's filter(connector) about each connector. The list
// is parsed once (one JSON.parse for the answer) and its items handed out
// in order. A filter that throws keeps the connector.
func (c *Catalog) filter(list jsonv.Value, connectors []model.Connector) []model.Connector {
	items := parseJS(list)
	kept := connectors[:0]
	for i, k := range connectors {
		keep := true
		_ = jsinterop.Catch(func() { keep = c.opt.filter.Invoke(items.Index(i)).Truthy() })
		if keep {
			kept = append(kept, k)
		}
	}
	return kept
}

// askSettings calls the page's settings(connection, fields?) callback,
// which may answer with a promise.
func (c *Catalog) askSettings(ctx cancel.Context, conn model.Connection, fields jsonv.Value) (settings.Form, error) {
	var p js.Value
	if err := jsinterop.Catch(func() {
		if fields.Exists() {
			p = c.opt.settings.Invoke(parseJS(conn.Raw), parseJS(fields))
		} else {
			p = c.opt.settings.Invoke(parseJS(conn.Raw))
		}
	}); err != nil {
		return settings.Form{}, err
	}
	v, err := jsinterop.Await(ctx, p)
	if err != nil {
		return settings.Form{}, err
	}
	form, warnings := settings.Parse(toJSON(v))
	for _, w := range warnings {
		warn(w)
	}
	return form, nil
}
