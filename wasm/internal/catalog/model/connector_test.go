package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

func TestConnectorsFrom(t *testing.T) {
	list, err := jsonv.Parse(`[
	  {"name":"Slack","slug":"slack","short_description":"Chat","mark_url":"https://x.test/logos/slack.svg",
	   "about":"About","description":"Slack *integration*","supports_multiple_connections":false,
	   "connection":{"id":"c1","enabled":true,"authorization":{"status":"active","display_label":"team-a"},
	                 "connector":{"slug":"slack"}},
	   "unknown":{"kept":true}},
	  {"name":"Salesforce","slug":"salesforce","supports_multiple_connections":true,
	   "connection":{"id":"x","enabled":true},
	   "connections":[{"id":"s1","enabled":true,"authorization":{"status":"error"}},
	                  {"id":"s2","enabled":false}]},
	  {"name":"GitHub","slug":"github"}
	]`)
	require.NoError(t, err)
	cs := model.ConnectorsFrom(list)
	require.Len(t, cs, 3)

	slack := cs[0]
	assert.Equal(t, "Slack", slack.Name)
	assert.Equal(t, "slack", slack.Slug)
	assert.Equal(t, "Chat", slack.ShortDescription)
	assert.Equal(t, "https://x.test/logos/slack.svg", slack.MarkURL)
	assert.Equal(t, "Slack *integration*", slack.Description)
	assert.Equal(t, "About", slack.About)
	assert.False(t, slack.SupportsMultipleConnections)
	require.Len(t, slack.Connections, 1, "the single connection is the list")
	assert.Equal(t, "c1", slack.Connections[0].ID)
	assert.Equal(t, xkit.StatusConnected, slack.Connections[0].Status)
	assert.Equal(t, "team-a", slack.Connections[0].Name(i18n.English()))
	kept, _ := slack.Raw.Get("unknown", "kept").Bool()
	assert.True(t, kept, "unknown fields pass through in Raw")

	sf := cs[1]
	assert.True(t, sf.SupportsMultipleConnections)
	require.Len(t, sf.Connections, 2, `"connections" wins over "connection"`)
	assert.Equal(t, xkit.StatusError, sf.Connections[0].Status)
	assert.Equal(t, xkit.StatusNotInstalled, sf.Connections[1].Status)
	slug, _ := sf.Connections[0].Raw.Get("connector", "slug").Str()
	assert.Equal(t, "salesforce", slug, "a connection without connector gets its connector")
	require.Len(t, sf.Installed(), 1)
	assert.Equal(t, "s1", sf.Installed()[0].ID)

	assert.Empty(t, cs[2].Connections)
	assert.Empty(t, model.ConnectorsFrom(jsonv.Raw(`{"not":"a list"}`)))
}

// A logo URL reaches the card's <img src> only when it is https:, http: or
// a raster data: image; anything else (a hostile or broken platform) is
// dropped and the card shows its initial instead.
func TestConnectorMarkURLChecked(t *testing.T) {
	for mark, want := range map[string]string{
		"https://cdn.test/a.png":                   "https://cdn.test/a.png",
		"data:image/png;base64,iVBORw0KGgo=":       "data:image/png;base64,iVBORw0KGgo=",
		"javascript:alert(document.domain)":        "",
		"data:image/svg+xml,<svg onload=alert(1)>": "",
		"data:text/html,<script>alert(1)</script>": "",
		"/relative/to/the/host/page.png":           "",
	} {
		v, err := jsonv.Parse(`{"name":"X","slug":"x","mark_url":` + jsonv.String(mark).Raw() + `}`)
		require.NoError(t, err)
		assert.Equal(t, want, model.ConnectorFrom(v).MarkURL, mark)
	}
}

func TestConnectionName(t *testing.T) {
	en := i18n.English()
	assert.Equal(t, "label", (&model.Connection{ID: "abcdef", Label: "label"}).Name(en))
	assert.Equal(t, "Connection 0123abcd", (&model.Connection{ID: "0123abcd-ef45"}).Name(en), "no label: the start of the id")
	assert.Equal(t, "Connection ab", (&model.Connection{ID: "ab"}).Name(en))
}

func TestConnectionFrom(t *testing.T) {
	c := model.ConnectionFrom(jsonv.Raw(`{"id":"n1","enabled":true,"created_at":"2026-03-12T14:03:00Z","authorization":{"status":"awaiting_callback"}}`))
	assert.Equal(t, "2026-03-12T14:03:00Z", c.Created)
	assert.Equal(t, "n1", c.ID)
	assert.Equal(t, xkit.StatusConnected, c.Status, "any status but error counts as connected")
	assert.Equal(t, `{"id":"n1","enabled":true,"created_at":"2026-03-12T14:03:00Z","authorization":{"status":"awaiting_callback"}}`, c.Raw.Raw())
}

func TestPlatformFrom(t *testing.T) {
	p := model.PlatformFrom(jsonv.Raw(`{"name":"Mock","slug":"mock","website":"https://mock.example","remove_branding":true}`))
	assert.Equal(t, model.Platform{Name: "Mock", Slug: "mock", Website: "https://mock.example", RemoveBranding: true}, p)
	assert.Equal(t, model.Platform{}, model.PlatformFrom(jsonv.Value{}))
}
