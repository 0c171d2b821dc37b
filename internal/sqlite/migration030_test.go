package sqlite_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// TestMigrationHidesGhosts: migration 030 brings a database of an earlier
// version under the rule that a connection is enabled only once an
// authorization of it turned active. Rows are written as that version
// wrote them (every connection enabled at its start, the newest
// authorization shown); after the migration a connection whose
// authorizations never turned active (none holds an access token) is
// gone from lists, and each other one shows the newest that turned active.
func TestMigrationHidesGhosts(t *testing.T) {
	ctx := context.Background()
	db, path := open(t)
	require.NoError(t, db.UpsertConnector(ctx, slack))
	u, err := db.EnsureUser(ctx, "u1")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	raw, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	defer raw.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		_, err := raw.Exec(q, args...)
		require.NoError(t, err, q)
	}
	exec(`DELETE FROM schema_migrations WHERE version = 30`)
	exec(`ALTER TABLE connections DROP COLUMN authorization_id`)
	conn := func(id string, auths ...[2]string) { // [id, access token] oldest first
		exec(`INSERT INTO connections (id, user_id, connector_slug, enabled, created_at, updated_at)
			VALUES (?, ?, 'slack', 1, 1, 1)`, id, u.ID)
		for _, a := range auths {
			status := "error"
			if a[1] != "" {
				status = "active"
			}
			exec(`INSERT INTO authorizations (id, connection_id, status, state, access_token, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, 1, 1)`, a[0], id, status, "state-"+a[0], a[1])
		}
	}
	conn("denied", [2]string{"d1", ""})                                   // a ghost: denied install
	conn("repaired", [2]string{"r1", "tok-1"}, [2]string{"r2", "tok-2"})  // reconnected
	conn("reconnect-failed", [2]string{"f1", "tok"}, [2]string{"f2", ""}) // a failed reconnect
	conn("broken", [2]string{"b1", "sealed:v1:k:x"})                      // active once, then broken
	exec(`UPDATE authorizations SET status = 'error' WHERE id = 'b1'`)
	require.NoError(t, raw.Close())

	db, err = sqlite.Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	conns, err := db.ListConnections(ctx, u.ID, "")
	require.NoError(t, err)
	got := map[string]string{}
	for _, c := range conns {
		got[c.ID] = c.Authorization.ID + " " + string(c.Authorization.Status)
	}
	assert.Equal(t, map[string]string{"repaired": "r2 active", "reconnect-failed": "f1 active", "broken": "b1 error"}, got)
	ghost, err := db.FindConnection(ctx, u.ID, "denied")
	require.NoError(t, err)
	assert.False(t, ghost.Enabled, "the ghost is kept, not enabled")
	assert.Equal(t, platform.StatusError, ghost.Authorization.Status)
}
