package route_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/route"
)

func TestNewNormalizes(t *testing.T) {
	tests := []struct {
		root, connectors         string
		wantRoot, wantConnectors string
	}{
		{"", "", "/", "/connectors"},
		{"/", "/connectors", "/", "/connectors"},
		{"/integrations", "", "/integrations", "/integrations/connectors"},
		{"integrations/", "apps/", "/integrations", "/integrations/apps"},
		{"//a//b/", "/", "/a/b", "/a/b"},
		{"/", "/", "/", "/"},
	}
	for _, tt := range tests {
		r := route.New(route.Browser, tt.root, tt.connectors)
		assert.Equal(t, tt.wantRoot, r.Root, "root of %q", tt.root)
		assert.Equal(t, tt.wantConnectors, r.Connectors, "connectors of %q %q", tt.root, tt.connectors)
	}
}

func TestMatch(t *testing.T) {
	def := route.New(route.Browser, "", "")
	sub := route.New(route.Browser, "/integrations", "")
	flat := route.New(route.Browser, "/app", "/")
	index := route.Location{Name: route.Index}
	slack := route.Location{Name: route.Connector, ConnectorSlug: "slack"}
	settings := route.Location{Name: route.ConnectionSettings, ConnectorSlug: "salesforce", ConnectionID: "c-1"}
	tests := []struct {
		name   string
		r      route.Router
		path   string
		want   route.Location
		wantOK bool
	}{
		{"root", def, "/", index, true},
		{"empty is root", def, "", index, true},
		{"connectors list", def, "/connectors", index, true},
		{"connectors trailing slash", def, "/connectors/", index, true},
		{"connector", def, "/connectors/slack", slack, true},
		{"connector trailing slash", def, "/connectors/slack/", slack, true},
		{"connector with query", def, "/connectors/slack?x=1#top", slack, true},
		{"settings", def, "/connectors/salesforce/settings/c-1", settings, true},
		{"settings alias", def, "/connectors/salesforce/connections/c-1", settings, true},
		{"settings without id is the connector", def, "/connectors/slack/settings", slack, true},
		{"deeper is the connector", def, "/connectors/slack/whatever", slack, true},
		{"unknown under root is index", def, "/elsewhere", index, true},
		{"escaped slug", def, "/connectors/my%20app", route.Location{Name: route.Connector, ConnectorSlug: "my app"}, true},
		{"bad escape kept", def, "/connectors/a%zz", route.Location{Name: route.Connector, ConnectorSlug: "a%zz"}, true},
		{"sub root", sub, "/integrations", index, true},
		{"sub connector", sub, "/integrations/connectors/slack", slack, true},
		{"sub settings", sub, "/integrations/connectors/salesforce/settings/c-1", settings, true},
		{"outside sub root", sub, "/connectors/slack", route.Location{}, false},
		{"prefix is not under", sub, "/integrationsx/connectors/slack", route.Location{}, false},
		{"outside at /", sub, "/", route.Location{}, false},
		{"flat connector", flat, "/app/slack", slack, true},
		{"flat index", flat, "/app/", index, true},
		{"flat settings", flat, "/app/salesforce/settings/c-1", settings, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.r.Match(tt.path)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestPathRoundTrips(t *testing.T) {
	routers := []route.Router{
		route.New(route.Browser, "", ""),
		route.New(route.Hash, "/integrations", "/apps"),
		route.New(route.Memory, "/app", "/"),
	}
	locs := []route.Location{
		{Name: route.Index},
		{Name: route.Connector, ConnectorSlug: "slack"},
		{Name: route.Connector, ConnectorSlug: "we/ird?#"},
		{Name: route.ConnectionSettings, ConnectorSlug: "salesforce", ConnectionID: "5f0c-9a"},
	}
	for _, r := range routers {
		for _, loc := range locs {
			got, ok := r.Match(r.Path(loc))
			require.True(t, ok, "%s under %s", r.Path(loc), r.Root)
			assert.Equal(t, loc, got, "path %s", r.Path(loc))
		}
	}
}

func TestPathShapes(t *testing.T) {
	r := route.New(route.Browser, "", "")
	assert.Equal(t, "/", r.IndexPath())
	assert.Equal(t, "/connectors/slack", r.ConnectorPath("slack"))
	assert.Equal(t, "/connectors/slack/settings/abc", r.SettingsPath("slack", "abc"))
	assert.Equal(t, "/connectors/a%2Fb", r.ConnectorPath("a/b"))
	assert.Equal(t, "/", r.Path(route.Location{}), "zero location is the index")
	assert.Equal(t, "/", r.Path(route.Location{Name: route.Connector}), "connector without slug is the index")

	sub := route.New(route.Hash, "/integrations", "")
	assert.Equal(t, "/integrations", sub.IndexPath())
	assert.Equal(t, "/integrations/connectors/slack", sub.ConnectorPath("slack"))
	assert.Equal(t, "#/integrations/connectors/slack", sub.Href(sub.ConnectorPath("slack")))
}

func TestAppPath(t *testing.T) {
	assert.Equal(t, "/connectors/slack", route.New(route.Browser, "", "").AppPath("/connectors/slack", "#x"))
	h := route.New(route.Hash, "", "")
	assert.Equal(t, "/connectors/slack", h.AppPath("/page", "#/connectors/slack"))
	assert.Equal(t, "/", h.AppPath("/page", ""))
	assert.Equal(t, "/", h.AppPath("/page", "#"))
	assert.Equal(t, "", route.New(route.Memory, "", "").AppPath("/page", "#/x"))
}

// FixHash gives the address the leading slash xkit-catalog.js's hash
// history gave it.
func TestFixHash(t *testing.T) {
	for in, want := range map[string]string{"": "#/", "#": "#/", "#connectors/slack": "#/connectors/slack"} {
		got, fix := route.FixHash(in)
		assert.True(t, fix, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"#/", "#/connectors/slack"} {
		got, fix := route.FixHash(in)
		assert.False(t, fix, in)
		assert.Equal(t, in, got)
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]route.Kind{
		"browser": route.Browser, "hash": route.Hash, "memory": route.Memory,
		"": route.Browser, "Hash": route.Browser, "other": route.Browser,
	} {
		assert.Equal(t, want, route.ParseKind(in), in)
	}
}

func TestShouldRenderDefault(t *testing.T) {
	tests := []struct {
		root     string
		kind     route.Kind
		pathname string
		want     bool
	}{
		{"", route.Browser, "/anything", true},
		{"/integrations", route.Memory, "/anything", true},
		{"/integrations", route.Browser, "/integrations/connectors/slack", true},
		{"/integrations", route.Hash, "/integrations", true},
		{"/integrations", route.Browser, "/home", false},
		{"/integrations", route.Browser, "/integrationsx", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, route.ShouldRenderDefault(tt.root, tt.kind, tt.pathname), "%+v", tt)
	}
}

func TestMemory(t *testing.T) {
	var h route.History = route.NewMemory("/")
	m := h.(*route.MemoryHistory)
	assert.Equal(t, "/", h.Current())
	assert.False(t, h.Back(), "nothing before the first entry")

	h.Push("/connectors/slack")
	h.Push("/connectors/slack/settings/1")
	assert.Equal(t, "/connectors/slack/settings/1", h.Current())
	require.True(t, h.Back())
	assert.Equal(t, "/connectors/slack", h.Current())
	require.True(t, m.Forward())
	assert.Equal(t, "/connectors/slack/settings/1", h.Current())
	assert.False(t, m.Forward())

	require.True(t, h.Back())
	require.True(t, h.Back())
	h.Push("/connectors/github") // drops the forward entries
	assert.False(t, m.Forward())
	h.Replace("/connectors/acme-api")
	assert.Equal(t, "/connectors/acme-api", h.Current())
	require.True(t, h.Back())
	assert.Equal(t, "/", h.Current())
}

func TestLocationJSON(t *testing.T) {
	assert.Equal(t, `{"name":"index"}`, route.Location{Name: route.Index}.JSON().Raw())
	assert.Equal(t, `{"name":"connector","connectorSlug":"slack"}`,
		route.Location{Name: route.Connector, ConnectorSlug: "slack"}.JSON().Raw())
	assert.Equal(t, `{"name":"connectionSettings","connectorSlug":"sf","connectionId":"c\"1"}`,
		route.Location{Name: route.ConnectionSettings, ConnectorSlug: "sf", ConnectionID: `c"1`}.JSON().Raw())
}
