package route

import (
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Name is the screen a Location shows; the strings are what
// onLocationChange hands to the page.
type Name string

// The catalog's screens.
const (
	Index              Name = "index"
	Connector          Name = "connector"
	ConnectionSettings Name = "connectionSettings"
)

// Location is one screen of the catalog.
type Location struct {
	Name          Name
	ConnectorSlug string // Connector and ConnectionSettings
	ConnectionID  string // ConnectionSettings
}

// Match reads an app path. ok is false when the path is not under rootPath
// (the page is not the catalog's). A path under rootPath that names no
// screen is the Index, so a mistyped URL shows the catalog rather than
// the original's blank page; the DOM layer may Replace it with Path(loc).
// Besides the original's /{slug}/settings/{id}, /{slug}/connections/{id}
// is read as a settings page too.
func (r Router) Match(path string) (loc Location, ok bool) {
	p := clean(path)
	if _, ok := under(p, r.Root); !ok {
		return Location{}, false
	}
	index := Location{Name: Index}
	rest, ok := under(p, r.Connectors)
	if !ok || rest == "" {
		return index, true
	}
	segs := strings.Split(rest[1:], "/")
	slug := unescape(segs[0])
	if slug == "" {
		return index, true
	}
	if len(segs) >= 3 && (segs[1] == "settings" || segs[1] == "connections") {
		if id := unescape(segs[2]); id != "" {
			return Location{Name: ConnectionSettings, ConnectorSlug: slug, ConnectionID: id}, true
		}
	}
	// Like the original, anything deeper under a connector is its page.
	return Location{Name: Connector, ConnectorSlug: slug}, true
}

// Path builds the app path of a Location; the zero Location is the Index.
func (r Router) Path(loc Location) string {
	switch {
	case loc.Name == Connector && loc.ConnectorSlug != "":
		return r.ConnectorPath(loc.ConnectorSlug)
	case loc.Name == ConnectionSettings && loc.ConnectorSlug != "" && loc.ConnectionID != "":
		return r.SettingsPath(loc.ConnectorSlug, loc.ConnectionID)
	}
	return r.IndexPath()
}

// IndexPath is rootPath: where the catalog starts.
func (r Router) IndexPath() string { return r.Root }

// ConnectorPath is the page of the connector slug.
func (r Router) ConnectorPath(slug string) string {
	return join(r.Connectors, "/"+escape(slug))
}

// SettingsPath is the settings page of connection id of connector slug.
func (r Router) SettingsPath(slug, id string) string {
	return r.ConnectorPath(slug) + "/settings/" + escape(id)
}

// JSON is the onLocationChange argument: {"name":"index"},
// {"name":"connector","connectorSlug":...} or {"name":"connectionSettings",
// "connectorSlug":...,"connectionId":...}.
func (l Location) JSON() jsonv.Value {
	opt := func(s string) jsonv.Value {
		if s == "" {
			return jsonv.Value{}
		}
		return jsonv.String(s)
	}
	return jsonv.Object(
		jsonv.Member{Key: "name", Value: jsonv.String(string(l.Name))},
		jsonv.Member{Key: "connectorSlug", Value: opt(l.ConnectorSlug)},
		jsonv.Member{Key: "connectionId", Value: opt(l.ConnectionID)},
	)
}
