package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
)

func TestSearch(t *testing.T) {
	var all []model.Connector
	for _, n := range []string{"Slack", "GitHub", "Salesforce", "Acme API", "HubSpot", "Zendesk Sell"} {
		all = append(all, connector(t, n, false))
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"Slack", "GitHub", "Salesforce", "Acme API", "HubSpot", "Zendesk Sell"}},
		{"   ", []string{"Slack", "GitHub", "Salesforce", "Acme API", "HubSpot", "Zendesk Sell"}},
		{"slack", []string{"Slack"}},
		{"SLA", []string{"Slack"}},
		{"hub", []string{"GitHub", "HubSpot"}},
		{" api ", []string{"Acme API"}},
		{"sfrc", []string{"Salesforce"}},
		{"sl", []string{"Slack", "Salesforce", "Zendesk Sell"}}, // substring first, then fuzzy: tightest span first
		{"sel", []string{"Zendesk Sell"}},                       // Salesforce has no l after its e
		{"ghub", []string{"GitHub"}},
		{"zs", []string{"Zendesk Sell"}},
		{"z s", []string{"Zendesk Sell"}}, // spaces in the query are not letters to find
		{"xyz", nil},
		{"kcals", nil}, // order matters
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			assert.Equal(t, tt.want, names(model.Search(all, tt.query)))
		})
	}
}

func TestSearchUnicode(t *testing.T) {
	all := []model.Connector{connector(t, "Ärzte Café", false), connector(t, "Cafe", false)}
	assert.Equal(t, []string{"Ärzte Café"}, names(model.Search(all, "CAFÉ")))
	assert.Equal(t, []string{"Ärzte Café"}, names(model.Search(all, "äc")))
}
