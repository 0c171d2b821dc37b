package server_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// What a seed's oauth2 must be: a client id, and endpoints the client
// secret and the user's tokens may travel to (https, or http on this
// machine); and on a platform that is not a demo, an oauth2 connector must
// name its provider. Each refusal says what to write.
func TestSeedProviders(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer db.Close()
	oauth2 := func(fields string) string {
		return `{"connectors":[{"name":"CRM","slug":"crm","auth":"oauth2","oauth2":{` + fields + `}}]}`
	}
	const good = `"auth_url":"https://crm.example/oauth/authorize","token_url":"https://crm.example/oauth/token","client_id":"id","client_secret":"s"`
	for _, c := range []struct {
		name, seed string
		demo       bool
		says       string // "" when the seed is fine
	}{
		{"https provider", oauth2(good), false, ""},
		{"local http provider", oauth2(`"auth_url":"http://127.0.0.1:9090/authorize","token_url":"http://localhost:9090/token","client_id":"id"`), false, ""},
		{"http to another host", oauth2(`"auth_url":"https://crm.example/a","token_url":"http://crm.example/token","client_id":"id"`), false,
			`oauth2.token_url must be an https URL (http only on localhost), not "http://crm.example/token"`},
		{"javascript: consent URL", oauth2(`"auth_url":"javascript:alert(1)","token_url":"https://crm.example/t","client_id":"id"`), false,
			"oauth2.auth_url must be an https URL"},
		{"relative URL", oauth2(`"auth_url":"/authorize","token_url":"https://crm.example/t","client_id":"id"`), false,
			"oauth2.auth_url must be an https URL"},
		{"no client id", oauth2(`"auth_url":"https://crm.example/a","token_url":"https://crm.example/t"`), false,
			"oauth2.client_id is required"},
		{"oauth2 on an API-key connector", `{"connectors":[{"name":"K","slug":"k","auth":"api_key",
			"collect_fields":[{"name":"api_key","label":"Key"}],"oauth2":{` + good + `}}]}`, false, `oauth2 is for auth "oauth2" only`},
		{"no provider, no demo", `{"connectors":[{"name":"CRM","slug":"crm","auth":"oauth2"}]}`, false,
			`connector "crm" names no OAuth2 provider: give it "oauth2": {auth_url, token_url, client_id, client_secret, scopes}`},
		{"no provider on a demo platform", `{"connectors":[{"name":"CRM","slug":"crm","auth":"oauth2"}]}`, true, ""},
		{"no auth, no fields: oauth2, so a provider", `{"connectors":[{"name":"CRM","slug":"crm"}]}`, false, "names no OAuth2 provider"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := server.LoadSeed(ctx, db, []byte(c.seed), "seed.json", c.demo)
			if c.says == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.says)
			assert.Contains(t, err.Error(), "seed.json")
		})
	}
}
