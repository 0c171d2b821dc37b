package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// DefaultConnectors are seeded into an empty database: three OAuth2
// connectors on the demo provider (salesforce allows many connections) and
// one API-key connector.
func DefaultConnectors() []*platform.Connector {
	return []*platform.Connector{
		{
			Slug: "slack", Name: "Slack", Auth: platform.AuthOAuth2,
			ShortDescription: "Send notifications to your team's Slack channels.",
			Description:      "Post **messages** and alerts to the channels you choose.\n\nUses the demo OAuth provider built into xkitd.",
			About:            "Slack is where work happens: channels, messages and huddles for teams.",
		},
		{
			Slug: "github", Name: "GitHub", Auth: platform.AuthOAuth2,
			ShortDescription: "Sync issues and pull requests from your repositories.",
			Description:      "Keep **issues** and **pull requests** in sync.\n\nUses the demo OAuth provider built into xkitd.",
			About:            "GitHub hosts code, issues and reviews for millions of developers.",
		},
		{
			Slug: "salesforce", Name: "Salesforce", Auth: platform.AuthOAuth2, SupportsMultipleConnections: true,
			ShortDescription: "Connect one or more Salesforce orgs.",
			Description:      "Read **accounts**, **contacts** and **opportunities** from each org you connect.\n\nUses the demo OAuth provider built into xkitd.",
			About:            "Salesforce is a customer relationship management platform.",
		},
		{
			Slug: "acme-api", Name: "Acme API", Auth: platform.AuthAPIKey,
			ShortDescription:    "Connect with an Acme API key.",
			Description:         "Paste an **API key** to connect. Any non-empty key works here.",
			About:               "Acme makes everything, and has an API for it.",
			CollectFields:       []platform.CollectField{{Name: "api_key", Label: "API Key"}},
			CollectInstructions: "Find your API key in the Acme dashboard under Settings, API.",
		},
	}
}

// SeedDefaults stores DefaultConnectors when the store has no connectors:
// for a demo platform (they use its demo provider).
func SeedDefaults(ctx context.Context, store platform.Store) error {
	cs, err := store.ListConnectors(ctx)
	if err != nil || len(cs) > 0 {
		return err
	}
	for _, c := range DefaultConnectors() {
		if err := store.UpsertConnector(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// LoadSeedFile creates or replaces the connectors of a seed file:
// {"connectors":[{name, slug, short_description, mark_url, description,
// about, supports_multiple_connections, auth, collect_fields?,
// collect_instructions?, oauth2?}]} (README documents each field). An
// oauth2 connector uses the provider its oauth2 names; on a demo platform
// (demo true) one without uses the built-in demo provider, and otherwise
// it is refused.
func LoadSeedFile(ctx context.Context, store platform.Store, path string, demo bool) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return LoadSeed(ctx, store, data, path, demo)
}

// LoadSeed is LoadSeedFile for seed JSON in hand (the Worker reads it from
// an environment secret); name is for messages.
func LoadSeed(ctx context.Context, store platform.Store, data []byte, name string, demo bool) (int, error) {
	var seed struct {
		Connectors []*platform.Connector `json:"connectors"`
	}
	if err := json.Unmarshal(data, &seed); err != nil {
		return 0, fmt.Errorf("seed %s: %w", name, err)
	}
	for _, c := range seed.Connectors {
		if c.Auth == "" {
			c.Auth = platform.AuthOAuth2
			if len(c.CollectFields) > 0 {
				c.Auth = platform.AuthAPIKey
			}
		}
		if err := c.Validate(); err != nil {
			return 0, fmt.Errorf("seed %s: %s", name, platform.ErrorMessage(err))
		}
		if c.Auth == platform.AuthOAuth2 && c.OAuth2 == nil && !demo {
			return 0, fmt.Errorf("seed %s: connector %q names no OAuth2 provider: give it \"oauth2\": "+
				"{auth_url, token_url, client_id, client_secret, scopes} (only a demo platform, XKIT_DEMO=1, "+
				"has the built-in demo provider)", name, c.Slug)
		}
	}
	for _, c := range seed.Connectors {
		if err := store.UpsertConnector(ctx, c); err != nil {
			return 0, err
		}
	}
	return len(seed.Connectors), nil
}
