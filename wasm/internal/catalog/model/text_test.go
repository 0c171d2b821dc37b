package model_test

import (
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

func TestTitle(t *testing.T) {
	p := &model.Platform{Name: "Mock"}
	assert.Equal(t, "Mock Integrations", model.Title(en, "", p))
	assert.Equal(t, "My apps", model.Title(en, "My apps", p))
	assert.Equal(t, "Loading…", model.Title(en, "", nil))
}

func TestFooters(t *testing.T) {
	p := model.Platform{Name: "Mock", Website: "https://mock.example"}
	assert.Equal(t, model.Footer{ShowBack: true, BackText: "Back to Mock", BackHref: "https://mock.example", ShowBranding: true},
		model.IndexFooter(en, p, false))
	assert.Equal(t, model.Footer{ShowBranding: true}, model.IndexFooter(en, p, true), "no back link when the title is hidden")

	p.RemoveBranding = true
	f := model.IndexFooter(en, p, false)
	assert.True(t, f.ShowBack)
	assert.False(t, f.ShowBranding)

	p.Website = ""
	assert.False(t, model.IndexFooter(en, p, false).Visible(), "no website and no branding: no footer")

	assert.Equal(t, model.Footer{ShowBack: true, BackText: "Back to Catalog"}, model.DetailFooter(en, &p))
	assert.True(t, model.DetailFooter(en, &model.Platform{}).ShowBranding)
	assert.Equal(t, model.Footer{ShowBack: true, BackText: "Back to Catalog"}, model.DetailFooter(en, nil), "platform unknown: no branding yet")
}

func TestToasts(t *testing.T) {
	assert.Equal(t, model.Toast{Intent: model.Success, Text: "Installed Slack"}, model.Installed(en, "Slack"))
	assert.Equal(t, model.Toast{Intent: model.Success, Text: "Removed Slack"}, model.Removed(en, "Slack"))
	assert.Equal(t, model.Toast{Intent: model.Success, Text: "Reconnected to Slack"}, model.Reconnected(en, "Slack"))
	assert.Equal(t, model.Toast{Intent: model.Danger, Text: "Could not load the integrations. It does not exist, or it was removed."},
		model.Failed(en, i18n.LoadConnectorsFailed, "", model.Reason(en, &xkit.APIError{StatusCode: 404})))
	assert.Equal(t, "Could not remove Slack. boom", model.Failed(en, i18n.RemoveFailed, "Slack", "boom").Text)
	assert.Equal(t, model.Toast{Intent: model.Danger, Text: "Cancelled authorization"}, model.ActionFailed(en, "", "", "access_denied", ""))
}

func TestReason(t *testing.T) {
	assert.Equal(t, "Check your connection and try again.", model.Reason(en, errors.New("Failed to fetch")))
	assert.Equal(t, "Check your connection and try again.", model.Reason(en, &xkit.APIError{}))
	assert.Equal(t, "It does not exist, or it was removed.", model.Reason(en, &xkit.APIError{StatusCode: 404}))
	assert.Equal(t, "You are not signed in.", model.Reason(en, &xkit.APIError{StatusCode: 401}))
	assert.Equal(t, "The server answered with status 503.", model.Reason(en, &xkit.APIError{StatusCode: 503}))
}

func TestFriendlyError(t *testing.T) {
	tests := []struct{ errorCode, code, message, detail, want string }{
		{"access_denied", "denied", "whatever", "The user denied access.", "Cancelled authorization"},
		{"", "", "access_denied", "", "Cancelled authorization"},
		{"server_error", "provider_error", "", "", "We encountered an unexpected error during installation"},
		{"invalid_scope", "provider_error", "", "", "We encountered an unexpected error during installation"},
		{"temporarily_unavailable", "", "", "", "Server is temporarily overloaded, please try again in a moment"},
		{"", "popup_blocked", "Failed to open the authorization window.", "", "Your browser blocked the sign-in window. Allow pop-ups for this page and try again."},
		{"", "cancelled", "Installation cancelled.", "", "Installation cancelled: the sign-in window was closed before it finished."},
		{"", "denied", "", "", "Cancelled authorization: access was not granted."},
		{"", "provider_error", "", "", "The service reported a problem while connecting. Please try again."},
		{"", "network", "Connection failed. Network error.", "", "Could not reach the server. Check your connection and try again."},
		{"", "timeout", "", "", "Connecting took too long. Please try again."},
		{"", "aborted", "", "", "Installation was interrupted. Please try again."},
		{"", "unauthorized", "Unauthorized.", "", "You are not signed in. Sign in and try again."},
		{"test_broken", "provider_error", "Broken by a test hook.", "Broken by a test hook.", "Connection failed: Broken by a test hook."},
		{"", "", "", "", "Connection failed. Please try again."},
		{"toString", "constructor", "constructor", "", "Connection failed. Please try again."}, // no prototype surprises
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, model.FriendlyError(en, tt.errorCode, tt.code, tt.message, tt.detail), "%+v", tt)
	}
}

// TestWordsFollowTheMessages: the model's words are the messages it is
// given, not English.
func TestWordsFollowTheMessages(t *testing.T) {
	b, err := os.ReadFile("../i18n/messages/de.json")
	require.NoError(t, err)
	de, problems := i18n.Parse("de", string(b))
	require.Empty(t, problems)
	assert.Equal(t, "Slack installiert", model.Installed(de, "Slack").Text)
	assert.Equal(t, "Integrationen von Mock", model.Title(de, "", &model.Platform{Name: "Mock"}))
	badge, _ := model.BadgeFor(de, []model.Connection{{ID: "a", Status: xkit.StatusConnected}, {ID: "b", Status: xkit.StatusConnected}})
	assert.Equal(t, "2 installiert", badge.Text)
	p := model.NewPage(de, connector(t, "Slack", false, conn("c1", true, "error")), nil)
	require.NotNil(t, p.Alert)
	assert.Equal(t, "Verbindungsfehler", p.Alert.Title)
	assert.Equal(t, "Neu verbinden", model.Reconnect.Label(de))
	assert.Equal(t, "Autorisierung abgebrochen", model.FriendlyError(de, "access_denied", "denied", "", ""))
}

// TestRowsCanBeToldApart: rows are named by their account label and the
// date they were added; rows that still read the same show their id.
func TestRowsCanBeToldApart(t *testing.T) {
	m := *en
	m.Date = func(s string) string { return "day " + s[:10] }
	row := func(id, label, created string) string {
		return `{"id":"` + id + `","enabled":true,"created_at":"` + created + `","authorization":{"status":"active","display_label":"` + label + `"}}`
	}
	p := model.NewPage(&m, connector(t, "Salesforce", true,
		row("aaaa1111-x", "Demo user", "2026-03-12T14:03:00Z"),
		row("bbbb2222-x", "Demo user", "2026-03-12T14:03:30Z"),
		row("cccc3333-x", "Demo user", "2026-03-14T09:00:00Z"),
		row("dddd4444-x", "Other user", "2026-03-12T14:03:00Z"),
	), nil)
	require.Len(t, p.Rows, 4)
	var got [][]string
	for _, r := range p.Rows {
		got = append(got, append([]string{r.Name}, r.Details...))
	}
	assert.Equal(t, [][]string{
		{"Demo user", "Added day 2026-03-12", "ID aaaa1111"},
		{"Demo user", "Added day 2026-03-12", "ID bbbb2222"},
		{"Demo user", "Added day 2026-03-14"},
		{"Other user", "Added day 2026-03-12"},
	}, got)
}
