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
)

type opener func(t *testing.T) (*sqlite.DB, string)

// openNoTx opens the store the way the Worker uses D1: no transactions
// (and migrations statement by statement, Batch unset), here on a modernc
// *sql.DB, so the D1 code path runs in the native tests too.
func openNoTx(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	require.NoError(t, err)
	db, err := sqlite.New(context.Background(), raw, sqlite.Options{NoTransactions: true})
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

func TestDemoCodes(t *testing.T) {
	bothModes(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		db, _ := open(t)
		now := time.Now()
		require.NoError(t, db.PutDemoCode(ctx, "c1", `{"a":1}`, now.Add(time.Minute), now))
		require.NoError(t, db.PutDemoCode(ctx, "old", `{}`, now.Add(time.Second), now))
		_, err := db.TakeDemoCode(ctx, "old", now.Add(2*time.Second))
		assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err), "expired")
		g, err := db.TakeDemoCode(ctx, "c1", now)
		require.NoError(t, err)
		assert.Equal(t, `{"a":1}`, g)
		_, err = db.TakeDemoCode(ctx, "c1", now)
		assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err), "a code works once")
	})
}

func TestMigrationsWithoutTransactions(t *testing.T) {
	ctx := context.Background()
	db, path := openNoTx(t)
	v, err := db.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, migrations(t), v)
	require.NoError(t, db.Close())
	// The same file opened by xkitd's Open is already up to date.
	again, err := sqlite.Open(ctx, path)
	require.NoError(t, err)
	defer again.Close()
	v, err = again.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, migrations(t), v)
}

func TestMigrationsBatch(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	defer raw.Close()
	var batches [][]string
	// A stand-in for D1's batch: all statements in one transaction.
	batch := func(ctx context.Context, stmts []string) error {
		batches = append(batches, stmts)
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				tx.Rollback()
				return err
			}
		}
		return tx.Commit()
	}
	db, err := sqlite.New(ctx, raw, sqlite.Options{NoTransactions: true, Batch: batch})
	require.NoError(t, err)
	require.Len(t, batches, migrations(t), "one batch per migration")
	assert.Contains(t, batches[0][len(batches[0])-1], "INSERT INTO schema_migrations")
	for _, st := range batches[0] {
		assert.NotContains(t, st, ";", "one statement each")
		assert.NotContains(t, st, "--", "comments dropped")
	}
	_, err = sqlite.New(ctx, raw, sqlite.Options{NoTransactions: true, Batch: batch})
	require.NoError(t, err)
	assert.Len(t, batches, migrations(t), "nothing to apply the second time")
	v, err := db.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, migrations(t), v)
}
