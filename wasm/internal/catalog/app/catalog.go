package app

import (
	"sync"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/settings"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Options are the page's part of a catalog.
type Options struct {
	// Token, when set, logs in before anything is read (renderCatalogDefault's
	// data-token).
	Token string
	// Filter keeps the connectors to show (the page's filter callback). list is
	// listConnectors' answer and connectors what was read from it, item by
	// item in the same order. nil keeps them all.
	Filter func(list jsonv.Value, connectors []model.Connector) []model.Connector
	// Settings asks the page's settings callback for a connection's form:
	// fields is missing on the first ask, the edited fields on Save. nil: no
	// connection has settings.
	Settings func(ctx cancel.Context, conn model.Connection, fields jsonv.Value) (settings.Form, error)
	// Messages are the words of toasts, pages and badges (nil: English).
	Messages *i18n.Messages
}

// Catalog is one mounted catalog's state: the platform and the connectors
// as last read. Its methods are safe for concurrent use; those that read
// block, so call them from a goroutine.
type Catalog struct {
	sdk SDK
	opt Options
	m   *i18n.Messages

	mu         sync.Mutex
	platform   *model.Platform
	connectors []model.Connector // nil until the first answer
	listErr    error             // the newest read's failure

	// Overlapping reads of one thing are numbered as they start; an answer
	// is shown only when no read begun later has been shown already, so
	// whatever order answers arrive in, an older one never wins.
	listBegun, listShown int // listConnectors
	pageBegun, pageShown int // connector pages
}

// begin numbers a read (of the list or of a page: counter is one of the
// Begun fields).
func (c *Catalog) begin(counter *int) int {
	c.mu.Lock()
	*counter++
	n := *counter
	c.mu.Unlock()
	return n
}

// New makes a catalog over sdk; nothing is read until asked.
func New(sdk SDK, o Options) *Catalog {
	m := o.Messages
	if m == nil {
		m = i18n.English()
	}
	return &Catalog{sdk: sdk, opt: o, m: m}
}

// Messages are the catalog's words (Options.Messages).
func (c *Catalog) Messages() *i18n.Messages { return c.m }

// Failure is a read or an action that failed, worded for the user.
type Failure struct {
	Toast model.Toast
	Err   error
}

func (f *Failure) Error() string { return f.Toast.Text }
func (f *Failure) Unwrap() error { return f.Err }

// ToastOf is the toast that tells of an error of this package (a
// *Failure; anything else is shown as its text).
func ToastOf(err error) model.Toast {
	if f, ok := err.(*Failure); ok {
		return f.Toast
	}
	return model.Toast{Intent: model.Danger, Text: err.Error()}
}

// loadFailed is a failed read from the platform: what (an i18n
// Load…Failed key) and why, worded by the error's HTTP status.
func (c *Catalog) loadFailed(what i18n.Key, err error) error {
	return &Failure{Toast: model.Failed(c.m, what, "", model.Reason(c.m, err)), Err: err}
}

// LoadPlatform logs in with Options.Token first, then reads the platform.
// A failed login is no error here: like xkit.js's login it leaves the
// calls to their public fallbacks.
func (c *Catalog) LoadPlatform(ctx cancel.Context) (model.Platform, error) {
	if c.opt.Token != "" {
		_ = c.sdk.Login(ctx, c.opt.Token)
	}
	v, err := c.sdk.GetPlatform(ctx)
	if err != nil {
		return model.Platform{}, c.loadFailed(i18n.LoadPlatformFailed, err)
	}
	p := model.PlatformFrom(v)
	c.mu.Lock()
	c.platform = &p
	c.mu.Unlock()
	return p, nil
}

// Platform is the platform once LoadPlatform has read it, else nil.
func (c *Catalog) Platform() *model.Platform {
	c.mu.Lock()
	p := c.platform
	c.mu.Unlock()
	return p
}

// Reload reads the connectors again. fresh is false when a read begun
// later has answered first: then this answer (or error) is dropped and
// the caller shows nothing new. A failed read keeps the list read before.
func (c *Catalog) Reload(ctx cancel.Context) (fresh bool, err error) {
	n := c.begin(&c.listBegun)
	v, err := c.sdk.ListConnectors(ctx)
	var connectors []model.Connector
	if err != nil {
		err = c.loadFailed(i18n.LoadConnectorsFailed, err)
	} else {
		connectors = model.ConnectorsFrom(v)
		if c.opt.Filter != nil {
			connectors = c.opt.Filter(v, connectors)
		}
		if connectors == nil {
			connectors = []model.Connector{} // read, and empty: not "loading"
		}
	}
	c.mu.Lock()
	fresh = ctx.Err() == nil && n > c.listShown
	if fresh {
		c.listShown, c.listErr = n, err
		if err == nil {
			c.connectors = connectors
		}
	}
	c.mu.Unlock()
	return fresh, err
}

// Connectors is the list to show (nil before the first answer) and the
// failure of the newest read, if it failed.
func (c *Catalog) Connectors() ([]model.Connector, error) {
	c.mu.Lock()
	list, err := c.connectors, c.listErr
	c.mu.Unlock()
	return list, err
}

// ConnectorPage reads connector slug and lays out its page, asking the
// settings callback which connections have settings. fresh is as for
// Reload: an older read of a page never replaces a newer one.
func (c *Catalog) ConnectorPage(ctx cancel.Context, slug string) (p *model.Page, fresh bool, err error) {
	n := c.begin(&c.pageBegun)
	v, err := c.sdk.GetConnector(ctx, slug)
	if err != nil {
		err = c.loadFailed(i18n.LoadConnectorFailed, err)
	} else {
		k := model.ConnectorFrom(v)
		has := map[string]bool{}
		if c.opt.Settings != nil {
			for _, conn := range k.Installed() {
				if form, err := c.opt.Settings(ctx, conn, jsonv.Value{}); err == nil && len(form.Fields) > 0 {
					has[conn.ID] = true
				}
			}
		}
		page := model.NewPage(c.m, k, func(conn model.Connection) bool { return has[conn.ID] })
		p = &page
	}
	c.mu.Lock()
	fresh = ctx.Err() == nil && n > c.pageShown
	if fresh {
		c.pageShown = n
	}
	c.mu.Unlock()
	return p, fresh, err
}

// Watch calls changed whenever a connection is made or removed anywhere on
// the page (connection:enable, connection:remove), so badges follow.
func (c *Catalog) Watch(changed func()) (stop func()) {
	fn := func(jsonv.Value) { changed() }
	offEnable := c.sdk.Subscribe("connection:enable", fn)
	offRemove := c.sdk.Subscribe("connection:remove", fn)
	return func() { offEnable(); offRemove() }
}
