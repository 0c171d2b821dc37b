package sqlite_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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

func TestTokens(t *testing.T) { bothModes(t, testTokens) }

func testTokens(t *testing.T, open opener) {
	ctx := context.Background()
	db, _ := open(t)
	u, err := db.EnsureUser(ctx, "ext-1")
	require.NoError(t, err)
	same, err := db.EnsureUser(ctx, "ext-1")
	require.NoError(t, err)
	assert.Equal(t, u.ID, same.ID)

	now := time.Now()
	require.NoError(t, db.CreateToken(ctx, &platform.Token{Hash: "h1", Kind: platform.TokenOneTime, UserID: u.ID, ExpiresAt: now.Add(time.Minute), CreatedAt: now}))
	_, err = db.FindToken(ctx, platform.TokenAccess, "h1", now)
	assert.Equal(t, platform.EUNAUTHORIZED, platform.ErrorCode(err), "kinds do not mix")
	_, err = db.ConsumeToken(ctx, platform.TokenOneTime, "h1", now.Add(2*time.Minute))
	assert.Equal(t, platform.EUNAUTHORIZED, platform.ErrorCode(err), "expired")
	tok, err := db.ConsumeToken(ctx, platform.TokenOneTime, "h1", now)
	require.NoError(t, err)
	assert.Equal(t, u.ID, tok.UserID)
	_, err = db.ConsumeToken(ctx, platform.TokenOneTime, "h1", now)
	assert.Equal(t, platform.EUNAUTHORIZED, platform.ErrorCode(err), "single use")

	require.NoError(t, db.CreateToken(ctx, &platform.Token{Hash: "a1", Kind: platform.TokenAccess, UserID: u.ID, ExpiresAt: now.Add(time.Hour), CreatedAt: now}))
	require.NoError(t, db.CreateToken(ctx, &platform.Token{Hash: "s1", Kind: platform.TokenSession, UserID: u.ID, ExpiresAt: now.Add(time.Hour), CreatedAt: now}))
	n, err := db.ExpireTokens(ctx, platform.TokenAccess, now)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	_, err = db.FindToken(ctx, platform.TokenAccess, "a1", now)
	assert.Error(t, err)
	_, err = db.FindToken(ctx, platform.TokenSession, "s1", now)
	assert.NoError(t, err, "sessions survive")

	// Foreign keys are on: a token for no user is refused.
	err = db.CreateToken(ctx, &platform.Token{Hash: "x", Kind: platform.TokenAccess, UserID: 999, ExpiresAt: now, CreatedAt: now})
	assert.Error(t, err)
}

func TestAuthorize(t *testing.T) { bothModes(t, testAuthorize) }

func testAuthorize(t *testing.T, open opener) {
	ctx := context.Background()
	db, _ := open(t)
	require.NoError(t, db.UpsertConnector(ctx, slack))
	multi := &platform.Connector{Slug: "sf", Name: "SF", Auth: platform.AuthOAuth2, SupportsMultipleConnections: true}
	require.NoError(t, db.UpsertConnector(ctx, multi))
	u1, _ := db.EnsureUser(ctx, "u1")
	u2, _ := db.EnsureUser(ctx, "u2")
	now := time.Now()
	auth := func(id string) *platform.Authorization {
		return &platform.Authorization{ID: id, Status: platform.StatusAwaitingCallback, State: "state-" + id}
	}

	c, err := db.Authorize(ctx, u1.ID, "slack", "c1", auth("a1"), now)
	require.NoError(t, err)
	assert.Equal(t, "c1", c.ID)
	c, err = db.Authorize(ctx, u1.ID, "slack", "c2", auth("a2"), now)
	require.NoError(t, err)
	assert.Equal(t, "c1", c.ID, "single-connection connector reuses the enabled connection")
	assert.Equal(t, "a2", c.Authorization.ID)

	_, err = db.Authorize(ctx, u1.ID, "sf", "s1", auth("a3"), now)
	require.NoError(t, err)
	_, err = db.Authorize(ctx, u1.ID, "sf", "s2", auth("a4"), now)
	require.NoError(t, err)
	list, err := db.ListConnections(ctx, u1.ID, "sf")
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "a4", list[1].Authorization.ID)

	_, err = db.Authorize(ctx, u2.ID, "sf", "s1", auth("a5"), now)
	assert.Equal(t, platform.ECONFLICT, platform.ErrorCode(err), "another user's id")
	_, err = db.Authorize(ctx, u1.ID, "sf", "c1", auth("a6"), now)
	assert.Equal(t, platform.ECONFLICT, platform.ErrorCode(err), "another connector's id")
	_, err = db.FindAuthorization(ctx, "a5")
	assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err), "the failed call left nothing")

	_, err = db.Authorize(ctx, u1.ID, "nope", "z", auth("a7"), now)
	assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err))

	// Disabling is all or nothing.
	err = db.DisableConnections(ctx, u1.ID, []string{"s1", "unknown"}, now)
	assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(err))
	list, _ = db.ListConnections(ctx, u1.ID, "sf")
	assert.Len(t, list, 2)
	require.NoError(t, db.DisableConnections(ctx, u1.ID, []string{"s1"}, now))
	list, _ = db.ListConnections(ctx, u1.ID, "sf")
	assert.Len(t, list, 1)
	got, err := db.FindConnection(ctx, u1.ID, "s1")
	require.NoError(t, err)
	assert.False(t, got.Enabled)

	a, err := db.FindAuthorizationByState(ctx, "state-a2")
	require.NoError(t, err)
	a.Status, a.AccessToken, a.Fields = platform.StatusActive, "tok", map[string]string{"k": "v"}
	require.NoError(t, db.UpdateAuthorization(ctx, a))
	a, err = db.FindAuthorization(ctx, "a2")
	require.NoError(t, err)
	assert.Equal(t, platform.StatusActive, a.Status)
	assert.Equal(t, "tok", a.AccessToken)
	assert.Equal(t, map[string]string{"k": "v"}, a.Fields)
	assert.Equal(t, u1.ID, a.UserID)
	assert.Equal(t, "slack", a.ConnectorSlug)
}

func TestConnectorValidation(t *testing.T) {
	db, _ := open(t)
	for _, c := range []*platform.Connector{
		{Slug: "Bad Slug", Name: "x", Auth: platform.AuthOAuth2},
		{Slug: "x", Auth: platform.AuthOAuth2},
		{Slug: "x", Name: "x", Auth: "magic"},
		{Slug: "x", Name: "x", Auth: platform.AuthAPIKey},
	} {
		assert.Equal(t, platform.EINVALID, platform.ErrorCode(db.UpsertConnector(context.Background(), c)), c.Slug)
	}
}
