package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
)

var en = i18n.English()

func TestNewPageActions(t *testing.T) {
	active, broken, removed := conn("aaaa1111", true, "active"), conn("bbbb2222", true, "error"), conn("cccc3333", false, "active")
	withSettings := func(model.Connection) bool { return true }
	tests := []struct {
		name      string
		c         model.Connector
		settings  func(model.Connection) bool
		actions   []model.Action
		target    string // id of Target, "" none
		alert     bool
		showBadge string // badge text when shown
		rows      [][]model.Action
	}{
		{"not installed", connector(t, "Slack", false), nil, []model.Action{model.Install}, "", false, "", nil},
		{"removed is not installed", connector(t, "Slack", false, removed), nil, []model.Action{model.Install}, "", false, "", nil},
		{"installed", connector(t, "Slack", false, active), nil, []model.Action{model.Remove}, "aaaa1111", false, "Installed", nil},
		{"installed with settings", connector(t, "Slack", false, active), withSettings, []model.Action{model.Remove, model.Configure}, "aaaa1111", false, "Installed", nil},
		{"broken", connector(t, "Slack", false, broken), nil, []model.Action{model.Remove}, "bbbb2222", true, "Disconnected", nil},
		{"multi empty", connector(t, "Salesforce", true), nil, []model.Action{model.Install}, "", false, "", nil},
		{"multi one", connector(t, "Salesforce", true, active), nil, []model.Action{model.AddConnection}, "", false, "",
			[][]model.Action{{model.Remove}}},
		{"multi mixed with settings", connector(t, "Salesforce", true, active, broken, removed), withSettings,
			[]model.Action{model.AddConnection}, "", false, "",
			[][]model.Action{{model.Settings, model.Remove}, {model.Settings, model.Reconnect, model.Remove}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := model.NewPage(en, tt.c, tt.settings)
			assert.Equal(t, tt.c.Name, p.Title)
			assert.Equal(t, "Connect "+tt.c.Name, p.Subtitle)
			assert.Equal(t, tt.actions, p.Actions)
			if tt.target == "" {
				assert.Nil(t, p.Target)
			} else {
				require.NotNil(t, p.Target)
				assert.Equal(t, tt.target, p.Target.ID)
			}
			assert.Equal(t, tt.alert, p.Alert != nil)
			assert.Equal(t, tt.showBadge != "", p.ShowBadge)
			assert.Equal(t, tt.showBadge, p.Badge.Text)
			var rows [][]model.Action
			for _, r := range p.Rows {
				rows = append(rows, r.Actions)
			}
			assert.Equal(t, tt.rows, rows)
			if tt.rows != nil {
				assert.Equal(t, []string{"Connections", "About"}, p.Tabs)
				assert.Equal(t, "Your connections to Salesforce", p.TableLabel)
			} else {
				assert.Empty(t, p.Tabs)
			}
		})
	}
}

func TestPageAlertAndRows(t *testing.T) {
	p := model.NewPage(en, connector(t, "Slack", false, conn("c1", true, "error")), nil)
	require.NotNil(t, p.Alert)
	assert.Equal(t, "Connection error", p.Alert.Title)
	assert.Equal(t, "Your connection to Slack is inactive. Reconnect to continue using this integration.", p.Alert.Text)

	p = model.NewPage(en, connector(t, "Salesforce", true, conn("0123abcd", true, "active"), conn("9876fedc", true, "error")), nil)
	require.Len(t, p.Rows, 2)
	assert.Equal(t, "Connection 0123abcd", p.Rows[0].Name)
	assert.Empty(t, p.Rows[0].Details, "no date, no label: the name has the id")
	assert.Equal(t, "Installed", p.Rows[0].Badge.Text)
	assert.Equal(t, "Disconnected", p.Rows[1].Badge.Text)
	assert.Equal(t, "Remove…", model.Remove.MenuLabel(en))
	assert.Equal(t, "Reconnect", model.Reconnect.MenuLabel(en))
	assert.Equal(t, "Reconnect Demo user", model.Reconnect.RowLabel(en, "Demo user"))
	assert.Equal(t, "Settings of Demo user", model.Settings.RowLabel(en, "Demo user"))
	assert.Equal(t, "Remove Demo user", model.Remove.RowLabel(en, "Demo user"))
}

func TestPageMultipleWithoutSupport(t *testing.T) {
	// Two connections make a table even when the connector does not
	// (or no longer) support multiple connections.
	v := connector(t, "Slack", false)
	v.Connections = append(v.Connections,
		model.Connection{ID: "a1", Status: 2}, model.Connection{ID: "b2", Status: 2})
	p := model.NewPage(en, v, nil)
	assert.Equal(t, []model.Action{model.AddConnection}, p.Actions)
	assert.Len(t, p.Rows, 2)
	assert.False(t, p.ShowBadge)
}

func TestSections(t *testing.T) {
	c := model.Connector{Name: "Slack"}
	assert.Nil(t, c.Sections(en))
	c.About = "About text"
	assert.Equal(t, []model.Section{{Markdown: "About text", Large: true}}, c.Sections(en))
	c.Description = "Desc"
	assert.Equal(t, []model.Section{{Markdown: "Desc", Large: true}, {Heading: "About Slack", Markdown: "About text"}}, c.Sections(en))
	c.About = ""
	assert.Equal(t, []model.Section{{Markdown: "Desc", Large: true}}, c.Sections(en))
}

func TestSettingsHeaderAndFind(t *testing.T) {
	single := connector(t, "Slack", false, conn("c1", true, "active"))
	title, sub := model.SettingsHeader(en, single, single.Connections[0])
	assert.Equal(t, "Settings", title)
	assert.Equal(t, "Configure settings for Slack", sub)

	multi := connector(t, "Salesforce", true, conn("abcd99", true, "active"), conn("gone", false, "active"))
	_, sub = model.SettingsHeader(en, multi, multi.Connections[0])
	assert.Equal(t, "Configure settings for Connection abcd99", sub)

	found, ok := multi.FindConnection("abcd99")
	assert.True(t, ok)
	assert.Equal(t, "abcd99", found.ID)
	_, ok = multi.FindConnection("gone")
	assert.False(t, ok, "a removed connection has no settings page")
	_, ok = multi.FindConnection("nope")
	assert.False(t, ok)
}
