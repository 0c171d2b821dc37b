package model

import (
	"github.com/xkit-wasm/xkit/internal/markurl"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// Platform is the fields of the platform the catalog uses.
type Platform struct {
	Name, Slug, Website string
	RemoveBranding      bool
}

// PlatformFrom reads a platform object (getPlatform's result).
func PlatformFrom(v jsonv.Value) Platform {
	branding, _ := v.Get("remove_branding").Bool()
	return Platform{
		Name:           str(v, "name"),
		Slug:           str(v, "slug"),
		Website:        str(v, "website"),
		RemoveBranding: branding,
	}
}

// Connector is one connector with the user's connections to it.
type Connector struct {
	Name, Slug, ShortDescription, MarkURL string
	Description, About                    string // markdown
	SupportsMultipleConnections           bool
	Connections                           []Connection
	Raw                                   jsonv.Value // for the page's filter callback
}

// Connection is one of the user's connections.
type Connection struct {
	ID      string
	Status  int    // xkit.StatusNotInstalled, StatusError or StatusConnected
	Label   string // authorization.display_label: the provider's account, often empty
	Created string // created_at (RFC 3339) when the platform gives it (xkitd does)
	Raw     jsonv.Value
}

// markURL keeps a logo URL only when it is safe in an <img src> (https:,
// http:, raster data: images): a platform could send anything.
func markURL(u string) string {
	if markurl.Allowed(u) {
		return u
	}
	return ""
}

// ConnectorsFrom reads listConnectors' result, an array of connectors.
func ConnectorsFrom(list jsonv.Value) []Connector {
	items := list.Items()
	out := make([]Connector, 0, len(items))
	for _, v := range items {
		out = append(out, ConnectorFrom(v))
	}
	return out
}

// ConnectorFrom reads a connector (getConnector's result). The user's
// connections come from "connections"; when that is missing (xkitd sends
// it only for multi-connection connectors) the single "connection" is
// the list. Each connection's Raw gets a "connector" member when it has
// none, as the original did, so reconnect and settings callbacks see it.
func ConnectorFrom(v jsonv.Value) Connector {
	multi, _ := v.Get("supports_multiple_connections").Bool()
	c := Connector{
		Name:                        str(v, "name"),
		Slug:                        str(v, "slug"),
		ShortDescription:            str(v, "short_description"),
		MarkURL:                     markURL(str(v, "mark_url")),
		Description:                 str(v, "description"),
		About:                       str(v, "about"),
		SupportsMultipleConnections: multi,
		Raw:                         v,
	}
	conns := v.Get("connections").Items()
	if conns == nil {
		if one := v.Get("connection"); one.Kind() == jsonv.KindObject {
			conns = []jsonv.Value{one}
		}
	}
	for _, conn := range conns {
		c.Connections = append(c.Connections, connectionFrom(conn, v))
	}
	return c
}

// ConnectionFrom reads a connection object (as addConnection and
// reconnect resolve).
func ConnectionFrom(v jsonv.Value) Connection { return connectionFrom(v, jsonv.Value{}) }

func connectionFrom(v, connector jsonv.Value) Connection {
	raw := v
	if !v.Get("connector").Exists() && connector.Exists() {
		raw = jsonv.Object(append(v.Members(), jsonv.Member{Key: "connector", Value: connector})...)
	}
	return Connection{
		ID:      str(v, "id"),
		Status:  xkit.ConnectionStatus(v),
		Label:   str(v, "authorization", "display_label"),
		Created: str(v, "created_at"),
		Raw:     raw,
	}
}

// Name is how a connection is called: the provider's account label, else
// "Connection" and the start of its id (the original showed the
// connector's slug and four characters of the id).
func (c *Connection) Name(m *i18n.Messages) string {
	if c.Label != "" {
		return c.Label
	}
	return m.T(i18n.ConnectionUnnamed, "id", c.ShortID())
}

// ShortID is the first eight characters of the id: enough to tell a
// user's connections apart.
func (c *Connection) ShortID() string { return c.ID[:min(8, len(c.ID))] }

// Installed is the connections that count: enabled ones. The original
// counted every connection it got for the page's buttons; a removed
// (disabled) connection there would have shown "Remove" for nothing.
func (c *Connector) Installed() []Connection {
	var out []Connection
	for _, conn := range c.Connections {
		if conn.Status != xkit.StatusNotInstalled {
			out = append(out, conn)
		}
	}
	return out
}

func str(v jsonv.Value, path ...string) string {
	s, _ := v.Get(path...).Str()
	return s
}
