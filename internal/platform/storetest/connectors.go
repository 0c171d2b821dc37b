package storetest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// full is a connector with every field set.
var full = &platform.Connector{
	Slug: "real", Name: "Real App", ShortDescription: "Short.", Description: "**Long.**", About: "About it.",
	MarkURL: "https://logos.test/real.png", SupportsMultipleConnections: true, Auth: platform.AuthOAuth2,
	OAuth2: &platform.OAuth2{AuthURL: "https://real.test/authorize", TokenURL: "https://real.test/token",
		ClientID: "client-id", ClientSecret: "client-secret", Scopes: []string{"read", "write"}},
}

func slugs(cs []*platform.Connector) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Slug)
	}
	return out
}

var connectorCases = []testCase{
	{"connectors are listed in the order they were added", func(t *testing.T, s platform.Store) {
		cs, err := s.ListConnectors(ctx)
		require.NoError(t, err)
		assert.Empty(t, cs, "an empty store")
		for _, c := range []*platform.Connector{multi, full, apiKey, single} {
			require.NoError(t, s.UpsertConnector(ctx, c))
		}
		cs, err = s.ListConnectors(ctx)
		require.NoError(t, err)
		assert.Equal(t, []string{"multi", "real", "key", "single"}, slugs(cs))
	}},
	{"a connector reads back with every field", func(t *testing.T, s platform.Store) {
		require.NoError(t, s.UpsertConnector(ctx, full))
		require.NoError(t, s.UpsertConnector(ctx, apiKey))
		got, err := s.FindConnector(ctx, "real")
		require.NoError(t, err)
		assert.Equal(t, full, got)
		cs, err := s.ListConnectors(ctx)
		require.NoError(t, err)
		require.Len(t, cs, 2)
		assert.Equal(t, full, cs[0])
		assert.Equal(t, apiKey, cs[1])
		assert.Equal(t, "client-secret", full.OAuth2.ClientSecret, "the caller's connector is left alone")
	}},
	{"upserting a slug again replaces it in place", func(t *testing.T, s platform.Store) {
		for _, c := range []*platform.Connector{single, multi} {
			require.NoError(t, s.UpsertConnector(ctx, c))
		}
		// Read first, so a store that keeps what it read must see the change.
		_, err := s.ListConnectors(ctx)
		require.NoError(t, err)
		renamed := *single
		renamed.Name, renamed.SupportsMultipleConnections = "Renamed", true
		require.NoError(t, s.UpsertConnector(ctx, &renamed))
		got, err := s.FindConnector(ctx, "single")
		require.NoError(t, err)
		assert.Equal(t, &renamed, got)
		cs, err := s.ListConnectors(ctx)
		require.NoError(t, err)
		assert.Equal(t, []string{"single", "multi"}, slugs(cs), "its place is kept")
		assert.Equal(t, "Renamed", cs[0].Name)
	}},
	{"a connector that is not valid is refused", func(t *testing.T, s platform.Store) {
		for _, c := range []*platform.Connector{
			{Slug: "Bad Slug", Name: "x", Auth: platform.AuthOAuth2},
			{Slug: "x", Auth: platform.AuthOAuth2},
			{Slug: "x", Name: "x", Auth: "magic"},
			{Slug: "x", Name: "x", Auth: platform.AuthAPIKey},
			{Slug: "x", Name: "x", Auth: platform.AuthOAuth2, MarkURL: "javascript:alert(1)"},
		} {
			code(t, platform.EINVALID, s.UpsertConnector(ctx, c), "%+v", c)
		}
		cs, err := s.ListConnectors(ctx)
		require.NoError(t, err)
		assert.Empty(t, cs)
	}},
	{"an unknown connector is not found", func(t *testing.T, s platform.Store) {
		require.NoError(t, s.UpsertConnector(ctx, single))
		_, err := s.FindConnector(ctx, "nope")
		code(t, platform.ENOTFOUND, err)
	}},
}
