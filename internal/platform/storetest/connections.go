package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// listed returns the user's enabled connections to slug ("" every one) by
// id, each with the id of the authorization that counts.
func listed(t *testing.T, s platform.Store, u *platform.User, slug string) map[string]string {
	t.Helper()
	conns, err := s.ListConnections(ctx, u.ID, slug)
	require.NoError(t, err)
	out := map[string]string{}
	for _, c := range conns {
		assert.True(t, c.Enabled, "listed connection %s is enabled", c.ID)
		require.NotNil(t, c.Authorization, "listed connection %s has its authorization", c.ID)
		out[c.ID] = c.Authorization.ID
	}
	return out
}

// found is the user's connection id, enabled or not.
func found(t *testing.T, s platform.Store, u *platform.User, id string) *platform.Connection {
	t.Helper()
	c, err := s.FindConnection(ctx, u.ID, id)
	require.NoError(t, err)
	return c
}

var connectionCases = []testCase{
	{"starting stores a connection that is not enabled", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		a := awaiting("a1")
		conn, err := s.StartAuthorization(ctx, u.ID, "multi", "c1", a, now)
		require.NoError(t, err)
		assert.Equal(t, "c1", conn.ID)
		assert.Equal(t, u.ID, conn.UserID)
		assert.Equal(t, "multi", conn.ConnectorSlug)
		assert.False(t, conn.Enabled, "not enabled before an authorization is active")
		assert.Same(t, a, conn.Authorization, "the answer carries the attempt")
		assert.Equal(t, "c1", a.ConnectionID)
		assert.Equal(t, u.ID, a.UserID)
		assert.Equal(t, "multi", a.ConnectorSlug)
		assert.True(t, now.Equal(a.CreatedAt) && now.Equal(a.UpdatedAt), "times filled in: %v %v", a.CreatedAt, a.UpdatedAt)

		assert.Empty(t, listed(t, s, u, ""), "not listed")
		got := found(t, s, u, "c1")
		assert.False(t, got.Enabled)
		assert.True(t, now.Equal(got.CreatedAt), "created_at %v", got.CreatedAt)
		sameAuthorization(t, a, got.Authorization) // none counts yet: its newest
		stored, err := s.FindAuthorization(ctx, "a1")
		require.NoError(t, err)
		sameAuthorization(t, a, stored)
	}},
	{"activating enables the connection with that authorization", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		a := start(t, s, u, "multi", "c1", "a1", now.Add(-time.Minute))
		activate(t, s, a)
		conns, err := s.ListConnections(ctx, u.ID, "multi")
		require.NoError(t, err)
		require.Len(t, conns, 1)
		assert.True(t, conns[0].Enabled)
		assert.Equal(t, "c1", conns[0].ID)
		sameAuthorization(t, a, conns[0].Authorization)
		got := found(t, s, u, "c1")
		assert.True(t, got.Enabled)
		assert.True(t, now.Equal(got.UpdatedAt), "updated_at is the activation's: %v", got.UpdatedAt)
		sameAuthorization(t, a, got.Authorization)
	}},
	{"only an activated authorization counts", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		a1 := start(t, s, u, "multi", "c1", "a1", now.Add(-3*time.Minute))
		activate(t, s, a1)
		// A newer attempt on the same connection: the list keeps a1
		// while it waits and after it fails.
		a2 := start(t, s, u, "multi", "c1", "a2", now.Add(-2*time.Minute))
		assert.Equal(t, map[string]string{"c1": "a1"}, listed(t, s, u, ""), "while a2 waits")
		fail(t, s, a2, "access_denied")
		assert.Equal(t, map[string]string{"c1": "a1"}, listed(t, s, u, ""), "after a2 failed")
		sameAuthorization(t, a1, found(t, s, u, "c1").Authorization)
		// Saving a status, even active, does not make it count: only
		// ActivateAuthorization does.
		a3 := start(t, s, u, "multi", "c1", "a3", now.Add(-time.Minute))
		a3.Status, a3.UpdatedAt = platform.StatusActive, now
		require.NoError(t, s.UpdateAuthorization(ctx, a3))
		assert.Equal(t, map[string]string{"c1": "a1"}, listed(t, s, u, ""), "UpdateAuthorization changes no connection")
		activate(t, s, a3)
		assert.Equal(t, map[string]string{"c1": "a3"}, listed(t, s, u, ""), "a3 activated")
		sameAuthorization(t, a3, found(t, s, u, "c1").Authorization)
	}},
	{"the authorization that counts shows its own state", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		a := start(t, s, u, "single", "c1", "a1", now.Add(-time.Minute))
		activate(t, s, a)
		fail(t, s, a, "revoked") // its provider revoked it later
		conns, err := s.ListConnections(ctx, u.ID, "")
		require.NoError(t, err)
		require.Len(t, conns, 1, "still installed")
		sameAuthorization(t, a, conns[0].Authorization)
	}},
	{"a connection never activated stays out of lists", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		denied := start(t, s, u, "single", "c1", "a1", now.Add(-20*time.Minute))
		fail(t, s, denied, "access_denied")
		start(t, s, u, "multi", "c2", "a2", now.Add(-20*time.Minute)) // abandoned
		ids, err := s.ExpireAuthorizations(ctx, now.Add(-10*time.Minute), now, platform.ExpiredCode, "expired")
		require.NoError(t, err)
		assert.Equal(t, []string{"a2"}, ids)
		assert.Empty(t, listed(t, s, u, ""))
		c1, c2 := found(t, s, u, "c1"), found(t, s, u, "c2")
		assert.False(t, c1.Enabled)
		assert.False(t, c2.Enabled)
		sameAuthorization(t, denied, c1.Authorization)
		require.NotNil(t, c2.Authorization)
		assert.Equal(t, platform.StatusError, c2.Authorization.Status)
		assert.Equal(t, platform.ExpiredCode, c2.Authorization.ErrorCode)
	}},
	{"connections are listed oldest first, per user and connector", func(t *testing.T, s platform.Store) {
		u, other := seed(t, s, "u1"), user(t, s, "u2")
		for i, c := range []struct{ slug, id string }{{"multi", "m1"}, {"single", "s1"}, {"multi", "m2"}, {"key", "k1"}} {
			a := start(t, s, u, c.slug, c.id, "a-"+c.id, now.Add(time.Duration(i-10)*time.Minute))
			activate(t, s, a)
		}
		activate(t, s, start(t, s, other, "multi", "o1", "a-o1", now.Add(-time.Minute)))
		conns, err := s.ListConnections(ctx, u.ID, "")
		require.NoError(t, err)
		var ids []string
		for _, c := range conns {
			ids = append(ids, c.ID)
		}
		assert.Equal(t, []string{"m1", "s1", "m2", "k1"}, ids)
		assert.Equal(t, map[string]string{"m1": "a-m1", "m2": "a-m2"}, listed(t, s, u, "multi"))
		assert.Empty(t, listed(t, s, u, "nope"))
		assert.Equal(t, map[string]string{"o1": "a-o1"}, listed(t, s, other, ""))
		_, err = s.FindConnection(ctx, other.ID, "m1")
		code(t, platform.ENOTFOUND, err, "another user's connection")
		_, err = s.FindConnection(ctx, u.ID, "nope")
		code(t, platform.ENOTFOUND, err)
	}},
	{"an id of another user or connector is a conflict that writes nothing", func(t *testing.T, s platform.Store) {
		u, other := seed(t, s, "u1"), user(t, s, "u2")
		start(t, s, u, "multi", "c1", "a1", now)
		_, err := s.StartAuthorization(ctx, other.ID, "multi", "c1", awaiting("a2"), now)
		code(t, platform.ECONFLICT, err, "another user's id")
		_, err = s.StartAuthorization(ctx, u.ID, "single", "c1", awaiting("a3"), now)
		code(t, platform.ECONFLICT, err, "another connector's id")
		for _, id := range []string{"a2", "a3"} {
			_, err = s.FindAuthorization(ctx, id)
			code(t, platform.ENOTFOUND, err, "%s was not written", id)
		}
		_, err = s.StartAuthorization(ctx, u.ID, "nope", "c9", awaiting("a4"), now)
		code(t, platform.ENOTFOUND, err, "unknown connector")
		_, err = s.FindConnection(ctx, u.ID, "c9")
		code(t, platform.ENOTFOUND, err, "no connection for an unknown connector")
	}},
	{"activating disables the connections it is given", func(t *testing.T, s platform.Store) {
		u, other := seed(t, s, "u1"), user(t, s, "u2")
		old := start(t, s, u, "single", "old", "a-old", now.Add(-time.Hour))
		activate(t, s, old)
		theirs := start(t, s, other, "single", "theirs", "a-theirs", now.Add(-time.Hour))
		activate(t, s, theirs)
		raced := start(t, s, u, "single", "new", "a-new", now.Add(-time.Minute))
		activate(t, s, raced, "old", "theirs", "new", "old", "unknown")
		assert.Equal(t, map[string]string{"new": "a-new"}, listed(t, s, u, ""))
		assert.False(t, found(t, s, u, "old").Enabled)
		assert.Equal(t, map[string]string{"theirs": "a-theirs"}, listed(t, s, other, ""), "only the authorization's own user's")
	}},
	{"activating an unknown authorization is not found", func(t *testing.T, s platform.Store) {
		seed(t, s, "u1")
		a := awaiting("nope")
		a.Status = platform.StatusActive
		code(t, platform.ENOTFOUND, s.ActivateAuthorization(ctx, a, nil, now))
	}},
	{"disabling is all or nothing", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		for _, id := range []string{"c1", "c2"} {
			activate(t, s, start(t, s, u, "multi", id, "a-"+id, now.Add(-time.Hour)))
		}
		start(t, s, u, "multi", "pending", "a-pending", now)
		code(t, platform.ENOTFOUND, s.DisableConnections(ctx, u.ID, []string{"c1", "unknown"}, now))
		code(t, platform.ENOTFOUND, s.DisableConnections(ctx, u.ID, []string{"c1", "pending"}, now), "a connection never enabled")
		assert.Len(t, listed(t, s, u, ""), 2, "nothing disabled")
		require.NoError(t, s.DisableConnections(ctx, u.ID, []string{"c1", "c1"}, now))
		assert.Equal(t, map[string]string{"c2": "a-c2"}, listed(t, s, u, ""))
		got := found(t, s, u, "c1")
		assert.False(t, got.Enabled)
		assert.Equal(t, "a-c1", got.Authorization.ID, "a removed connection keeps the authorization that counted")
		code(t, platform.ENOTFOUND, s.DisableConnections(ctx, u.ID, []string{"c1"}, now), "already removed")
		require.NoError(t, s.DisableConnections(ctx, u.ID, nil, now), "nothing to disable")
	}},
	{"a removed connection comes back when a new authorization is activated", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		activate(t, s, start(t, s, u, "multi", "c1", "a1", now.Add(-time.Hour)))
		require.NoError(t, s.DisableConnections(ctx, u.ID, []string{"c1"}, now))
		again := start(t, s, u, "multi", "c1", "a2", now)
		assert.Empty(t, listed(t, s, u, ""), "still removed while the new one waits")
		assert.False(t, found(t, s, u, "c1").Enabled)
		activate(t, s, again)
		assert.Equal(t, map[string]string{"c1": "a2"}, listed(t, s, u, ""))
	}},
}
