package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/platform"
)

var tokenCases = []testCase{
	{"a user is made once per external id", func(t *testing.T, s platform.Store) {
		u := user(t, s, "ext-1")
		assert.NotZero(t, u.ID)
		assert.Equal(t, "ext-1", u.ExternalID)
		again := user(t, s, "ext-1")
		assert.Equal(t, u.ID, again.ID)
		other := user(t, s, "ext-2")
		assert.NotEqual(t, u.ID, other.ID)
	}},
	{"a token is found by kind and hash until it expires", func(t *testing.T, s platform.Store) {
		u := user(t, s, "u1")
		tok := &platform.Token{Hash: "h1", Kind: platform.TokenAccess, UserID: u.ID, Family: "fam",
			ExpiresAt: now.Add(time.Minute), CreatedAt: now}
		require.NoError(t, s.CreateToken(ctx, tok))
		got, err := s.FindToken(ctx, platform.TokenAccess, "h1", now)
		require.NoError(t, err)
		assert.Equal(t, tok.Hash, got.Hash)
		assert.Equal(t, tok.Kind, got.Kind)
		assert.Equal(t, u.ID, got.UserID)
		assert.Equal(t, "fam", got.Family)
		assert.True(t, tok.ExpiresAt.Equal(got.ExpiresAt), "expires_at %v", got.ExpiresAt)
		assert.True(t, tok.CreatedAt.Equal(got.CreatedAt), "created_at %v", got.CreatedAt)
		_, err = s.FindToken(ctx, platform.TokenSession, "h1", now)
		code(t, platform.EUNAUTHORIZED, err, "kinds do not mix")
		_, err = s.FindToken(ctx, platform.TokenAccess, "h1", now.Add(time.Minute))
		code(t, platform.EUNAUTHORIZED, err, "expired at its expiry")
		_, err = s.FindToken(ctx, platform.TokenAccess, "nope", now)
		code(t, platform.EUNAUTHORIZED, err, "unknown")
	}},
	{"a one-time token is consumed once", func(t *testing.T, s platform.Store) {
		u := user(t, s, "u1")
		require.NoError(t, s.CreateToken(ctx, &platform.Token{Hash: "ott", Kind: platform.TokenOneTime, UserID: u.ID,
			ExpiresAt: now.Add(time.Minute), CreatedAt: now}))
		_, err := s.ConsumeToken(ctx, platform.TokenOneTime, "ott", now.Add(2*time.Minute))
		code(t, platform.EUNAUTHORIZED, err, "expired")
		tok, err := s.ConsumeToken(ctx, platform.TokenOneTime, "ott", now)
		require.NoError(t, err)
		assert.Equal(t, u.ID, tok.UserID)
		_, err = s.ConsumeToken(ctx, platform.TokenOneTime, "ott", now)
		code(t, platform.EUNAUTHORIZED, err, "single use")
	}},
	{"a token of no user is refused", func(t *testing.T, s platform.Store) {
		err := s.CreateToken(ctx, &platform.Token{Hash: "x", Kind: platform.TokenAccess, UserID: 999_999,
			ExpiresAt: now.Add(time.Minute), CreatedAt: now})
		assert.Error(t, err)
		_, err = s.FindToken(ctx, platform.TokenAccess, "x", now)
		code(t, platform.EUNAUTHORIZED, err)
	}},
	{"delete, expire by kind, delete expired", func(t *testing.T, s platform.Store) {
		u := user(t, s, "u1")
		for _, tok := range []*platform.Token{
			{Hash: "a1", Kind: platform.TokenAccess, ExpiresAt: now.Add(time.Hour)},
			{Hash: "a2", Kind: platform.TokenAccess, ExpiresAt: now.Add(time.Hour)},
			{Hash: "s1", Kind: platform.TokenSession, ExpiresAt: now.Add(time.Hour)},
			{Hash: "old", Kind: platform.TokenSession, ExpiresAt: now.Add(-time.Minute)},
			{Hash: "edge", Kind: platform.TokenSession, ExpiresAt: now},
		} {
			tok.UserID, tok.CreatedAt = u.ID, now.Add(-time.Hour)
			require.NoError(t, s.CreateToken(ctx, tok))
		}
		require.NoError(t, s.DeleteToken(ctx, platform.TokenAccess, "a2"))
		_, err := s.FindToken(ctx, platform.TokenAccess, "a2", now)
		code(t, platform.EUNAUTHORIZED, err, "deleted")
		n, err := s.ExpireTokens(ctx, platform.TokenAccess, now)
		require.NoError(t, err)
		assert.Equal(t, 1, n, "one unexpired access token")
		_, err = s.FindToken(ctx, platform.TokenAccess, "a1", now)
		code(t, platform.EUNAUTHORIZED, err, "expired by kind")
		_, err = s.FindToken(ctx, platform.TokenSession, "s1", now)
		assert.NoError(t, err, "sessions survive ExpireTokens of access tokens")
		n, err = s.DeleteExpiredTokens(ctx, now)
		require.NoError(t, err)
		assert.Equal(t, 3, n, "a1 (expired now), old, edge (expiring at now)")
		_, err = s.FindToken(ctx, platform.TokenSession, "s1", now)
		assert.NoError(t, err, "an unexpired session survives the sweep")
	}},
	{"revoking a session revokes its family", func(t *testing.T, s platform.Store) {
		u := user(t, s, "u1")
		for _, tok := range []*platform.Token{
			{Hash: "sess", Kind: platform.TokenSession, Family: "sess"},
			{Hash: "at", Kind: platform.TokenAccess, Family: "sess"},
			{Hash: "ott", Kind: platform.TokenOneTime, Family: "sess"},
			{Hash: "legacy", Kind: platform.TokenAccess, Family: ""},
			{Hash: "other", Kind: platform.TokenSession, Family: "other"},
			{Hash: "other-at", Kind: platform.TokenAccess, Family: "other"},
		} {
			tok.UserID, tok.ExpiresAt, tok.CreatedAt = u.ID, now.Add(time.Hour), now
			require.NoError(t, s.CreateToken(ctx, tok))
		}
		gone, err := s.RevokeTokens(ctx, "at")
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"sess", "at", "ott"}, gone, "the whole family, from any member")
		for kind, hash := range map[platform.TokenKind]string{platform.TokenAccess: "legacy", platform.TokenSession: "other"} {
			_, err := s.FindToken(ctx, kind, hash, now)
			assert.NoError(t, err, "%s survives", hash)
		}
		gone, err = s.RevokeTokens(ctx, "nope")
		require.NoError(t, err)
		assert.Empty(t, gone)
	}},
}
