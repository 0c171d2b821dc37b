package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// Logout's revocation: a session and what it minted go; a session from
// before families (family "") takes what names it; others stay.
func TestRevokeTokens(t *testing.T) {
	bothModes(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		db, _ := open(t)
		u, err := db.EnsureUser(ctx, "u1")
		require.NoError(t, err)
		now := time.Now()
		add := func(hash string, kind platform.TokenKind, family string) {
			require.NoError(t, db.CreateToken(ctx, &platform.Token{Hash: hash, Kind: kind, UserID: u.ID, Family: family,
				ExpiresAt: now.Add(time.Hour), CreatedAt: now}))
		}
		add("s1", platform.TokenSession, "s1")
		add("a1", platform.TokenAccess, "s1")
		add("p1", platform.TokenSession, "s1") // the popup's session
		add("legacy", platform.TokenSession, "")
		add("a2", platform.TokenAccess, "legacy")
		add("other", platform.TokenSession, "other")
		add("provisioned", platform.TokenAccess, "")

		got, err := db.RevokeTokens(ctx, "a1") // by a minted token: its family
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"s1", "a1", "p1"}, got)
		got, err = db.RevokeTokens(ctx, "legacy")
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"legacy", "a2"}, got)
		got, err = db.RevokeTokens(ctx, "provisioned")
		require.NoError(t, err)
		assert.Equal(t, []string{"provisioned"}, got, "a token of no family goes alone")
		_, err = db.FindToken(ctx, platform.TokenSession, "other", now)
		assert.NoError(t, err, "another session stays")
		got, err = db.RevokeTokens(ctx, "unknown")
		require.NoError(t, err)
		assert.Empty(t, got)
	})
}

func TestSweepQueries(t *testing.T) {
	bothModes(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		db, _ := open(t)
		require.NoError(t, db.UpsertConnector(ctx, slack))
		u, err := db.EnsureUser(ctx, "u1")
		require.NoError(t, err)
		now := time.Now()
		for i, exp := range []time.Duration{-time.Minute, 0, time.Minute} {
			require.NoError(t, db.CreateToken(ctx, &platform.Token{Hash: string(rune('a' + i)), Kind: platform.TokenAccess,
				UserID: u.ID, ExpiresAt: now.Add(exp), CreatedAt: now}))
		}
		n, err := db.DeleteExpiredTokens(ctx, now)
		require.NoError(t, err)
		assert.Equal(t, 2, n, "expired at or before now")

		authorize := func(status platform.Status, created time.Time) string {
			a := &platform.Authorization{ID: uuid.NewString(), Status: status, State: uuid.NewString()}
			_, err := db.StartAuthorization(ctx, u.ID, "slack", uuid.NewString(), a, created)
			require.NoError(t, err)
			return a.ID
		}
		stale := authorize(platform.StatusAwaitingCallback, now.Add(-11*time.Minute))
		fresh := authorize(platform.StatusAwaitingCallback, now.Add(-time.Minute))
		done := authorize(platform.StatusActive, now.Add(-time.Hour))
		ids, err := db.ExpireAuthorizations(ctx, now.Add(-10*time.Minute), now, platform.ExpiredCode, "expired")
		require.NoError(t, err)
		assert.Equal(t, []string{stale}, ids)
		for id, want := range map[string]platform.Status{stale: platform.StatusError, fresh: platform.StatusAwaitingCallback, done: platform.StatusActive} {
			a, err := db.FindAuthorization(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, want, a.Status)
		}

		require.NoError(t, db.SetFlowNonce(ctx, fresh, "h1"))
		h, err := db.FlowNonce(ctx, fresh)
		require.NoError(t, err)
		assert.Equal(t, "h1", h)
		assert.Equal(t, platform.ENOTFOUND, platform.ErrorCode(db.SetFlowNonce(ctx, stale, "h2")), "only while awaiting")
	})
}
