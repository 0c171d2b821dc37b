package server_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// grepDB reports which of the database's files (the db, its -wal and
// -shm, as `grep -a` would read them) hold needle.
func grepDB(t *testing.T, dbPath, needle string) []string {
	t.Helper()
	require.NotEmpty(t, needle)
	var found []string
	for _, f := range []string{dbPath, dbPath + "-wal", dbPath + "-shm"} {
		data, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		if bytes.Contains(data, []byte(needle)) {
			found = append(found, filepath.Base(f))
		}
	}
	return found
}

// Issue 12, finding 5: provider tokens, refresh tokens, API keys, PKCE
// verifiers and client secrets were readable with `strings xkit.db`. After
// an API-key save, an OAuth connection, a seeded client secret and a
// stored key pair, none of them is in any of the database's files, while
// what is not secret (the authorization's state) is: the files were read.
func TestSecretsNotInDatabaseFiles(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "seed.json")
	const clientSecret = "client-secret-Zq8Wf3Lk9Pd2"
	require.NoError(t, os.WriteFile(seed, []byte(`{"connectors":[{"name":"Real","slug":"real","auth":"oauth2",
		"oauth2":{"auth_url":"https://provider.example/authorize","token_url":"https://provider.example/token",
		"client_id":"cid","client_secret":"`+clientSecret+`"}}]}`), 0o644))
	p := xkitdtest.Start(t, xkitdtest.Options{SeedFile: seed})
	ctx := context.Background()
	tok := p.UserToken(t, "u1")
	_, storedSecretKey, _, err := server.EnsureKeys(ctx, p.Store, "", "")
	require.NoError(t, err)

	// An API key typed into the popup's page, and one saved by the SDK.
	const pageKey, sdkKey = "sk-live-page-4f9a8b7c6d5e", "sk-live-sdk-1a2b3c4d5e6f"
	_, acme := startConnection(t, p, tok, "acme-api")
	b := popup(t, p, tok)
	require.Equal(t, 200, load(t, b, acme["authorize_url"].(string)).Status)
	r := call(t, b.Client, "POST", p.URL+"/authorizations/acme-api/fields", "", map[string]any{"state": acme["state"], "api_key": pageKey})
	require.Equal(t, 200, r.Status, r.Raw)
	_, acme2 := startConnection(t, p, tok, "acme-api")
	r = call(t, p.Client(), "PUT", p.URL+api+"/authorizations/acme-api", tok, map[string]any{"state": acme2["state"], "api_key": sdkKey})
	require.Equal(t, 200, r.Status, r.Raw)

	// An OAuth connection (access and refresh token) and one awaiting its
	// callback (PKCE verifier).
	_, gh := startConnection(t, p, tok, "github")
	require.Equal(t, 200, load(t, b, b.Consent(t, gh["authorize_url"].(string), "allow")).Status)
	active, err := p.Store.FindAuthorization(ctx, gh["id"].(string))
	require.NoError(t, err)
	_, waiting := startConnection(t, p, tok, "real")
	pending, err := p.Store.FindAuthorization(ctx, waiting["id"].(string))
	require.NoError(t, err)

	secrets := map[string]string{
		"API key (page)": pageKey, "API key (SDK)": sdkKey,
		"access token": active.AccessToken, "refresh token": active.RefreshToken,
		"PKCE verifier": pending.PKCEVerifier, "client secret": clientSecret, "secret key": storedSecretKey,
	}
	check := func(when string) {
		for name, secret := range secrets {
			require.NotEmpty(t, secret, name)
			assert.Empty(t, grepDB(t, p.DBPath, secret), "%s %s", name, when)
		}
		assert.NotEmpty(t, grepDB(t, p.DBPath, acme["state"].(string)), "the files hold the rows (%s)", when)
	}
	check("in the live database (WAL not checkpointed)")
	p.Server.Close()
	require.NoError(t, p.DB.Close()) // checkpoints the WAL into the db file
	check("after the database closed")
}
