package server

import (
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// TestConnectorListAsEncoded: GET /connectors from kept JSON is byte for
// byte what encoding the whole list gives, cold and warm, for another
// origin, and after a connector changed (a new *Connector).
func TestConnectorListAsEncoded(t *testing.T) {
	cs := []*platform.Connector{
		{Slug: "slack", Name: "Slack <&> \"quoted\"", Auth: platform.AuthOAuth2, ShortDescription: "Send <b>news</b> & more."},
		{Slug: "sf", Name: "SF", Auth: platform.AuthOAuth2, SupportsMultipleConnections: true, MarkURL: "/logos/x.svg"},
		{Slug: "acme", Name: "Acme", Auth: platform.AuthAPIKey, About: "ü ✓",
			CollectFields: []platform.CollectField{{Name: "api_key", Label: "API Key"}}},
		{Slug: "none", Name: "None", Auth: platform.AuthOAuth2, MarkURL: "https://cdn.example/none.png"},
	}
	auth := func(id string, st platform.Status) *platform.Authorization {
		return &platform.Authorization{ID: id, Status: st, State: "s-" + id, AuthorizeURL: "https://p/auth?x=<1>", AccessToken: "t"}
	}
	conns := []*platform.Connection{
		{ID: "c1", ConnectorSlug: "slack", Enabled: true, Authorization: auth("a1", platform.StatusActive)},
		{ID: "c2", ConnectorSlug: "sf", Enabled: true, Authorization: auth("a2", platform.StatusAwaitingCallback)},
		{ID: "c3", ConnectorSlug: "sf", Enabled: true, Authorization: auth("a3", platform.StatusError)},
	}
	changed := *cs[3]
	changed.Name = "None, renamed"
	s := &Server{}
	for _, step := range []struct {
		name, origin string
		cs           []*platform.Connector
	}{
		{"cold", "http://127.0.0.1:8080", cs},
		{"warm", "http://127.0.0.1:8080", slices.Clone(cs)},
		{"another origin", "https://xkit.example", cs},
		{"a connector changed", "https://xkit.example", append(slices.Clone(cs[:3]), &changed)},
	} {
		v := views{origin: step.origin}
		out := make([]*connectorJSON, 0, len(step.cs))
		for _, c := range step.cs {
			out = append(out, v.connectorFor(c, conns))
		}
		want := httptest.NewRecorder()
		writeJSON(want, 200, map[string]any{"connectors": out})
		got := httptest.NewRecorder()
		assert.NoError(t, s.writeConnectorList(got, v, step.cs, conns), step.name)
		assert.Equal(t, want.Body.String(), got.Body.String(), step.name)
		assert.Equal(t, want.Header(), got.Header(), step.name)
		assert.Equal(t, want.Code, got.Code, step.name)
	}
}
