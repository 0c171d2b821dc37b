package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/sqlite"
	"github.com/xkit-wasm/xkit/internal/sqlite/sqlitetest"
)

type opener func(t *testing.T) (*sqlite.DB, string)

// openNoTx opens the store the way the Worker uses D1: no transactions,
// writes of several rows as one batch (a stand-in for D1's), here on a
// modernc *sql.DB, so the D1 code path runs in the native tests too.
func openNoTx(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	require.NoError(t, err)
	db, err := sqlite.New(context.Background(), raw, sqlite.Options{NoTransactions: true, Batch: sqlitetest.Batch(raw, nil)})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db, path
}

// bothModes runs a store test with transactions (modernc, xkitd) and
// without (the D1 path of the Worker).
func bothModes(t *testing.T, test func(*testing.T, opener)) {
	t.Run("transactions", func(t *testing.T) { test(t, open) })
	t.Run("no-transactions", func(t *testing.T) { test(t, openNoTx) })
}

func TestMigrationsWithoutTransactions(t *testing.T) {
	ctx := context.Background()
	db, path := openNoTx(t)
	v, err := db.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, newestMigration, v)
	require.NoError(t, db.Close())
	// The same file opened by xkitd's Open is already up to date.
	again, err := sqlite.Open(ctx, path)
	require.NoError(t, err)
	defer again.Close()
	v, err = again.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, newestMigration, v)
}

func TestMigrationsBatch(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	defer raw.Close()
	var batches [][]sqlite.Statement
	batch := sqlitetest.Batch(raw, &batches)
	db, err := sqlite.New(ctx, raw, sqlite.Options{NoTransactions: true, Batch: batch})
	require.NoError(t, err)
	require.Len(t, batches, migrations, "one batch per migration")
	assert.Contains(t, batches[0][len(batches[0])-1].SQL, "INSERT INTO schema_migrations")
	for _, st := range batches[0] {
		assert.NotContains(t, st.SQL, ";", "one statement each")
		assert.NotContains(t, st.SQL, "--", "comments dropped")
	}
	_, err = sqlite.New(ctx, raw, sqlite.Options{NoTransactions: true, Batch: batch})
	require.NoError(t, err)
	assert.Len(t, batches, migrations, "nothing to apply the second time")
	v, err := db.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, newestMigration, v)
}

// TestWritesAreAtomic: when the last statement of a write of several rows
// fails (a trigger refuses it), nothing of that write is left, with
// transactions and with batches (D1). The failure is EUNAVAILABLE.
func TestWritesAreAtomic(t *testing.T) {
	bothModes(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		db, path := open(t)
		require.NoError(t, db.UpsertConnector(ctx, slack))
		u, err := db.EnsureUser(ctx, "u1")
		require.NoError(t, err)
		raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
		require.NoError(t, err)
		defer raw.Close()
		refuse := func(table string) {
			_, err := raw.Exec(`CREATE TRIGGER refuse_` + table + ` BEFORE INSERT ON ` + table +
				` BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
			require.NoError(t, err)
		}

		refuse("authorizations")
		a := &platform.Authorization{ID: "a1", Status: platform.StatusAwaitingCallback, State: "s1"}
		_, err = db.StartAuthorization(ctx, u.ID, "slack", "c1", a, time.Now())
		assert.Equal(t, platform.EUNAVAILABLE, platform.ErrorCode(err), "%v", err)
		_, err = db.FindConnection(ctx, u.ID, "c1")
		assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err), "no connection without its authorization")

		now := time.Now()
		_, err = raw.Exec(`INSERT INTO demo_codes (code, grant_json, expires_at) VALUES ('old', '{}', ?)`,
			now.Add(-time.Minute).UnixMilli())
		require.NoError(t, err)
		refuse("demo_codes")
		assert.Error(t, db.PutDemoCode(ctx, "new", "{}", now.Add(time.Minute), now))
		var old int
		require.NoError(t, raw.QueryRow(`SELECT COUNT(*) FROM demo_codes WHERE code = 'old'`).Scan(&old))
		assert.Equal(t, 1, old, "the expired code's deletion went back with the failed insert")

		_, err = raw.Exec(`CREATE TRIGGER refuse_version BEFORE UPDATE ON connectors_version
			BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
		require.NoError(t, err)
		github := &platform.Connector{Slug: "github", Name: "GitHub", Auth: platform.AuthOAuth2}
		assert.Error(t, db.UpsertConnector(ctx, github))
		_, err = db.FindConnector(ctx, "github")
		assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err), "no connector change without its version")
	})
}
