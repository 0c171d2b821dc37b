package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
)

func TestTitle(t *testing.T) {
	p := &model.Platform{Name: "Mock"}
	assert.Equal(t, "Mock Integrations", model.Title("", p))
	assert.Equal(t, "My apps", model.Title("My apps", p))
	assert.Equal(t, "Loading...", model.Title("", nil))
}

func TestFooters(t *testing.T) {
	p := model.Platform{Name: "Mock", Website: "https://mock.example"}
	assert.Equal(t, model.Footer{ShowBack: true, BackText: "Back to Mock", BackHref: "https://mock.example", ShowBranding: true},
		model.IndexFooter(p, false))
	assert.Equal(t, model.Footer{ShowBranding: true}, model.IndexFooter(p, true), "no back link when the title is hidden")

	p.RemoveBranding = true
	f := model.IndexFooter(p, false)
	assert.True(t, f.ShowBack)
	assert.False(t, f.ShowBranding)

	p.Website = ""
	assert.False(t, model.IndexFooter(p, false).Visible(), "no website and no branding: no footer")

	assert.Equal(t, model.Footer{ShowBack: true, BackText: "Back to Catalog"}, model.DetailFooter(p))
	assert.True(t, model.DetailFooter(model.Platform{}).ShowBranding)
}

func TestToasts(t *testing.T) {
	assert.Equal(t, model.Toast{Intent: model.Success, Text: "Installed Slack"}, model.Installed("Slack"))
	assert.Equal(t, model.Toast{Intent: model.Success, Text: "Removed Slack"}, model.Removed("Slack"))
	assert.Equal(t, model.Toast{Intent: model.Success, Text: "Reconnected to Slack"}, model.Reconnected("Slack"))
	assert.Equal(t, model.Toast{Intent: model.Danger, Text: "Error while loading connectors: Not Found"},
		model.LoadFailed(model.WhatConnectors, "Not Found"))
	assert.Equal(t, "Error while saving settings: boom", model.SaveFailed("boom").Text)
	assert.Equal(t, model.Toast{Intent: model.Danger, Text: "Cancelled authorization"}, model.ActionFailed("", "access_denied"))
}

func TestFriendlyError(t *testing.T) {
	tests := []struct{ code, message, want string }{
		{"access_denied", "whatever", "Cancelled authorization"},
		{"", "access_denied", "Cancelled authorization"},
		{"server_error", "", "We encountered an unexpected error during installation"},
		{"invalid_scope", "", "We encountered an unexpected error during installation"},
		{"temporarily_unavailable", "", "Server is temporarily overloaded, please try again in a moment"},
		{"popup_blocked", "Failed to open the authorization window.", "Your browser blocked the sign-in window. Allow pop-ups for this page and try again."},
		{"cancelled", "Installation cancelled.", "Installation cancelled: the sign-in window was closed before it finished."},
		{"denied", "", "Cancelled authorization: access was not granted."},
		{"provider_error", "", "The service reported a problem while connecting. Please try again."},
		{"network", "Connection failed. Network error.", "Could not reach the server. Check your connection and try again."},
		{"timeout", "", "Connecting took too long. Please try again."},
		{"aborted", "", "Installation was interrupted. Please try again."},
		{"test_broken", "Broken by a test hook.", "Broken by a test hook."},
		{"", "Unauthorized.", "Unauthorized."},
		{"", "", "We encountered an unexpected error during installation"},
		{"toString", "constructor", "constructor"}, // no prototype surprises
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, model.FriendlyError(tt.code, tt.message), "%q %q", tt.code, tt.message)
	}
}
