package seal_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/seal"
	"github.com/xkit-wasm/xkit/internal/sqlite"
	"github.com/xkit-wasm/xkit/internal/sqlite/sqlitetest"
)

// opener opens a database at path: modernc with transactions (xkitd), or
// without them, as the Worker's D1 runs the store.
type opener func(t *testing.T, path string) *sqlite.DB

var openers = map[string]opener{
	"transactions": func(t *testing.T, path string) *sqlite.DB {
		db, err := sqlite.Open(context.Background(), path)
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		return db
	},
	"no transactions (D1)": func(t *testing.T, path string) *sqlite.DB {
		raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
		require.NoError(t, err)
		db, err := sqlite.New(context.Background(), raw, sqlite.Options{NoTransactions: true, Batch: sqlitetest.Batch(raw, nil)})
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		return db
	},
}

const (
	plainToken  = "plain-access-token-7Hq2"
	plainKey    = "plain-api-key-Vn4x"
	plainSecret = "plain-client-secret-Lm3s"
)

// writePlain stores secrets the way a version without sealing did.
func writePlain(t *testing.T, db *sqlite.DB) (authID string) {
	ctx := context.Background()
	now := time.Now()
	require.NoError(t, db.UpsertConnector(ctx, &platform.Connector{Slug: "acme", Name: "Acme", Auth: platform.AuthAPIKey,
		CollectFields: []platform.CollectField{{Name: "api_key", Label: "API Key"}}}))
	require.NoError(t, db.UpsertConnector(ctx, &platform.Connector{Slug: "real", Name: "Real", Auth: platform.AuthOAuth2,
		OAuth2: &platform.OAuth2{AuthURL: "https://p/a", TokenURL: "https://p/t", ClientID: "cid", ClientSecret: plainSecret}}))
	u, err := db.EnsureUser(ctx, "u1")
	require.NoError(t, err)
	a := &platform.Authorization{ID: uuid.NewString(), Status: platform.StatusActive, State: uuid.NewString(),
		AccessToken: plainToken, RefreshToken: "plain-refresh", Fields: map[string]string{"api_key": plainKey}}
	_, err = db.StartAuthorization(ctx, u.ID, "acme", uuid.NewString(), a, now)
	require.NoError(t, err)
	require.NoError(t, db.ActivateAuthorization(ctx, a, nil, now))
	require.NoError(t, db.SetSetting(ctx, "secret_key", "xkit_sk_plain"))
	return a.ID
}

func inFiles(t *testing.T, path, needle string) bool {
	for _, f := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(f)
		if err == nil && bytes.Contains(data, []byte(needle)) {
			return true
		}
	}
	return false
}

// Rows stored in plain text by an older version are sealed when the store
// is opened with a key, and read back the same through it.
func TestOpenSealsPlainRows(t *testing.T) {
	for name, open := range openers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "x.db")
			db := open(t, path)
			id := writePlain(t, db)
			require.True(t, inFiles(t, path, plainKey), "the old version's rows are plain")

			key := seal.NewKey()
			_, err := seal.Open(ctx, db, db, ring(t, key))
			require.NoError(t, err)
			require.NoError(t, db.Close())
			for _, s := range []string{plainToken, plainKey, plainSecret, "plain-refresh", "xkit_sk_plain"} {
				assert.False(t, inFiles(t, path, s), "%s is sealed", s)
			}
			db = open(t, path)
			store, err := seal.Open(ctx, db, db, ring(t, key))
			require.NoError(t, err)
			a, err := store.FindAuthorization(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, plainToken, a.AccessToken)
			assert.Equal(t, plainKey, a.Fields["api_key"])
			c, err := store.FindConnector(ctx, "real")
			require.NoError(t, err)
			assert.Equal(t, plainSecret, c.OAuth2.ClientSecret)
			sk, err := store.Setting(ctx, "secret_key")
			require.NoError(t, err)
			assert.Equal(t, "xkit_sk_plain", sk)
		})
	}
}

// A database sealed with one key and opened with another is an error
// that names both keys, before anything is read or written.
func TestOpenWrongKey(t *testing.T) {
	ctx := context.Background()
	db := openers["transactions"](t, filepath.Join(t.TempDir(), "x.db"))
	writePlain(t, db)
	right, wrong := ring(t, seal.NewKey()), ring(t, seal.NewKey())
	_, err := seal.Open(ctx, db, db, right)
	require.NoError(t, err)
	_, err = seal.Open(ctx, db, db, wrong)
	require.ErrorIs(t, err, seal.ErrWrongKey)
	assert.ErrorContains(t, err, right.Current().ID())
	assert.ErrorContains(t, err, wrong.Current().ID())
	id, err := seal.StoredKeyID(ctx, db)
	require.NoError(t, err)
	assert.Equal(t, right.Current().ID(), id, "nothing changed")

	// The key-id setting lost, the values still say their key: an error
	// too, not a database re-sealed around garbage.
	require.NoError(t, db.SetSetting(ctx, seal.KeyIDSetting, ""))
	_, err = seal.Open(ctx, db, db, wrong)
	assert.ErrorIs(t, err, seal.ErrWrongKey)
}

// "NEW,OLD" re-seals every secret with NEW; then NEW alone opens them and
// OLD alone is the wrong key.
func TestOpenRotates(t *testing.T) {
	for name, open := range openers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := open(t, filepath.Join(t.TempDir(), "x.db"))
			id := writePlain(t, db)
			oldKey, newKey := seal.NewKey(), seal.NewKey()
			_, err := seal.Open(ctx, db, db, ring(t, oldKey))
			require.NoError(t, err)
			_, err = seal.Open(ctx, db, db, ring(t, newKey, oldKey))
			require.NoError(t, err)
			store, err := seal.Open(ctx, db, db, ring(t, newKey))
			require.NoError(t, err)
			a, err := store.FindAuthorization(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, plainToken, a.AccessToken)
			c, err := store.FindConnector(ctx, "real")
			require.NoError(t, err)
			assert.Equal(t, plainSecret, c.OAuth2.ClientSecret)
			_, err = seal.Open(ctx, db, db, ring(t, oldKey))
			assert.ErrorIs(t, err, seal.ErrWrongKey)
		})
	}
}

// The decorator works on copies: what a caller hands it stays plain, what
// it hands back is plain, and StartAuthorization fills in the caller's
// authorization as the bare store does.
func TestStoreLeavesCallersValues(t *testing.T) {
	ctx := context.Background()
	db := openers["transactions"](t, filepath.Join(t.TempDir(), "x.db"))
	store, err := seal.Open(ctx, db, db, ring(t, seal.NewKey()))
	require.NoError(t, err)
	c := &platform.Connector{Slug: "real", Name: "Real", Auth: platform.AuthOAuth2,
		OAuth2: &platform.OAuth2{AuthURL: "https://p/a", TokenURL: "https://p/t", ClientID: "cid", ClientSecret: "cs"}}
	require.NoError(t, store.UpsertConnector(ctx, c))
	assert.Equal(t, "cs", c.OAuth2.ClientSecret)
	u, err := db.EnsureUser(ctx, "u1")
	require.NoError(t, err)
	a := &platform.Authorization{ID: uuid.NewString(), Status: platform.StatusAwaitingCallback, State: uuid.NewString(),
		PKCEVerifier: "verifier", Fields: map[string]string{"k": "v"}}
	conn, err := store.StartAuthorization(ctx, u.ID, "real", uuid.NewString(), a, time.Now())
	require.NoError(t, err)
	require.NoError(t, store.ActivateAuthorization(ctx, a, nil, time.Now()))
	assert.Equal(t, "verifier", a.PKCEVerifier)
	assert.Equal(t, "v", a.Fields["k"])
	assert.Equal(t, conn.ID, a.ConnectionID)
	assert.Equal(t, u.ID, a.UserID)
	assert.Same(t, a, conn.Authorization)
	bare, err := db.FindAuthorization(ctx, a.ID)
	require.NoError(t, err)
	assert.NotEqual(t, "verifier", bare.PKCEVerifier, "stored sealed")
	assert.NotEqual(t, "v", bare.Fields["k"])
	conns, err := store.ListConnections(ctx, u.ID, "")
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, "verifier", conns[0].Authorization.PKCEVerifier)
}

// An unchanged connector comes out as the same opened value while the
// inner store keeps handing out the same one (the server keeps a list's
// JSON by its pointers), and a changed one as a new value.
func TestStoreKeepsOpenedConnectors(t *testing.T) {
	ctx := context.Background()
	db := openers["transactions"](t, filepath.Join(t.TempDir(), "x.db"))
	store, err := seal.Open(ctx, db, db, ring(t, seal.NewKey()))
	require.NoError(t, err)
	real := func(secret string) *platform.Connector {
		return &platform.Connector{Slug: "real", Name: "Real", Auth: platform.AuthOAuth2,
			OAuth2: &platform.OAuth2{AuthURL: "https://p/a", TokenURL: "https://p/t", ClientID: "cid", ClientSecret: secret}}
	}
	require.NoError(t, store.UpsertConnector(ctx, real("cs1")))
	first, err := store.ListConnectors(ctx)
	require.NoError(t, err)
	again, err := store.ListConnectors(ctx)
	require.NoError(t, err)
	require.Len(t, again, 1)
	assert.Same(t, first[0], again[0])
	found, err := store.FindConnector(ctx, "real")
	require.NoError(t, err)
	assert.Same(t, first[0], found)
	assert.Equal(t, "cs1", found.OAuth2.ClientSecret)

	require.NoError(t, store.UpsertConnector(ctx, real("cs2")))
	changed, err := store.ListConnectors(ctx)
	require.NoError(t, err)
	assert.NotSame(t, first[0], changed[0])
	assert.Equal(t, "cs2", changed[0].OAuth2.ClientSecret)
}
