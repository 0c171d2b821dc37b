package sqlite_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

func open(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := sqlite.Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db, path
}

var slack = &platform.Connector{Slug: "slack", Name: "Slack", Auth: platform.AuthOAuth2}

// The migration files: how many, and the newest number (numbers have gaps:
// branches number their migrations apart).
var migrations, newestMigration = countMigrations()

func countMigrations() (n, newest int) {
	files, _ := filepath.Glob("migrations/*.sql")
	for _, f := range files {
		num, _, _ := strings.Cut(filepath.Base(f), "_")
		if v, err := strconv.Atoi(num); err == nil {
			n, newest = n+1, max(newest, v)
		}
	}
	return n, newest
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	db, path := open(t)
	v, err := db.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, newestMigration, v)
	require.NoError(t, db.UpsertConnector(ctx, slack))
	require.NoError(t, db.SetSetting(ctx, "k", "v"))
	require.NoError(t, db.Close())

	for range 2 {
		again, err := sqlite.Open(ctx, path)
		require.NoError(t, err)
		v, err := again.SchemaVersion(ctx)
		require.NoError(t, err)
		assert.Equal(t, newestMigration, v)
		cs, err := again.ListConnectors(ctx)
		require.NoError(t, err)
		assert.Len(t, cs, 1, "data survives reopening")
		s, err := again.Setting(ctx, "k")
		require.NoError(t, err)
		assert.Equal(t, "v", s)
		require.NoError(t, again.Close())
	}
}
