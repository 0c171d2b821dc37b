package platform_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// The rules of connect.go, on the SQLite store (any store keeping the
// storetest contract behaves the same).

var (
	ctx    = context.Background()
	now    = time.UnixMilli(1_800_000_000_000).UTC()
	single = &platform.Connector{Slug: "single", Name: "Single", Auth: platform.AuthOAuth2}
	multi  = &platform.Connector{Slug: "multi", Name: "Multi", Auth: platform.AuthOAuth2, SupportsMultipleConnections: true}
)

func setup(t *testing.T) (platform.Store, *platform.User) {
	t.Helper()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	for _, c := range []*platform.Connector{single, multi} {
		require.NoError(t, db.UpsertConnector(ctx, c))
	}
	u, err := db.EnsureUser(ctx, "u1")
	require.NoError(t, err)
	return db, u
}

// begin starts authorization id of connection connID to c, as
// POST /connections/{slug} does, and returns the connection the flow follows.
func begin(t *testing.T, s platform.Store, u *platform.User, c *platform.Connector, connID, id string) (*platform.Connection, *platform.Authorization) {
	t.Helper()
	a := &platform.Authorization{ID: id, Status: platform.StatusAwaitingCallback, State: "state-" + id}
	conn, err := platform.StartAuthorization(ctx, s, u.ID, c, connID, a, now)
	require.NoError(t, err)
	require.Same(t, a, conn.Authorization, "the flow follows the new authorization")
	return conn, a
}

// end saves the flow's outcome as the callback does.
func end(t *testing.T, s platform.Store, a *platform.Authorization, status platform.Status) {
	t.Helper()
	a.Status = status
	if status == platform.StatusActive {
		a.AccessToken = "token-" + a.ID
	} else {
		a.ErrorCode, a.ErrorMessage = "access_denied", "Denied."
	}
	require.NoError(t, platform.SaveAuthorization(ctx, s, a, now))
}

// shown is what lists show: connection id → the authorization that counts
// and its status.
func shown(t *testing.T, s platform.Store, u *platform.User) map[string]string {
	t.Helper()
	conns, err := s.ListConnections(ctx, u.ID, "")
	require.NoError(t, err)
	out := map[string]string{}
	for _, c := range conns {
		out[c.ID] = c.Authorization.ID + " " + string(c.Authorization.Status)
	}
	return out
}

func TestConnectionEnabledWhenAuthorizationActive(t *testing.T) {
	for _, c := range []*platform.Connector{single, multi} {
		t.Run(c.Slug, func(t *testing.T) {
			s, u := setup(t)
			conn, a := begin(t, s, u, c, "c1", "a1")
			assert.False(t, conn.Enabled)
			assert.Empty(t, shown(t, s, u), "nothing shows while the flow runs")
			end(t, s, a, platform.StatusActive)
			assert.Equal(t, map[string]string{"c1": "a1 active"}, shown(t, s, u))
		})
	}
}

func TestFailedFirstAuthorizationLeavesNothing(t *testing.T) {
	for _, c := range []*platform.Connector{single, multi} {
		t.Run(c.Slug, func(t *testing.T) {
			s, u := setup(t)
			_, a := begin(t, s, u, c, "c1", "a1")
			end(t, s, a, platform.StatusError)
			assert.Empty(t, shown(t, s, u))
			got, err := s.FindConnection(ctx, u.ID, "c1")
			require.NoError(t, err)
			assert.False(t, got.Enabled, "kept for the flow, not enabled")
			assert.Equal(t, platform.StatusError, got.Authorization.Status)
		})
	}
}

func TestFailedReconnectKeepsPreviousState(t *testing.T) {
	for _, c := range []*platform.Connector{single, multi} {
		t.Run(c.Slug, func(t *testing.T) {
			s, u := setup(t)
			_, a1 := begin(t, s, u, c, "c1", "a1")
			end(t, s, a1, platform.StatusActive)
			before := shown(t, s, u)
			conn, a2 := begin(t, s, u, c, "c1", "a2")
			assert.True(t, conn.Enabled, "the connection being reconnected stays enabled")
			assert.Equal(t, before, shown(t, s, u), "while the reconnect runs")
			end(t, s, a2, platform.StatusError)
			assert.Equal(t, before, shown(t, s, u), "after it failed")
			_, a3 := begin(t, s, u, c, "c1", "a3")
			end(t, s, a3, platform.StatusActive)
			assert.Equal(t, map[string]string{"c1": "a3 active"}, shown(t, s, u), "a reconnect that works replaces it")
		})
	}
}

// A connector without multiple connections: starting with another id
// reuses the user's enabled connection (addConnection of an installed
// one is a reconnect); a multi-connection connector keeps the id given.
func TestStartReusesTheOneConnection(t *testing.T) {
	s, u := setup(t)
	_, a := begin(t, s, u, single, "s1", "a1")
	end(t, s, a, platform.StatusActive)
	conn, _ := begin(t, s, u, single, "s2", "a2")
	assert.Equal(t, "s1", conn.ID)
	_, a = begin(t, s, u, multi, "m1", "a3")
	end(t, s, a, platform.StatusActive)
	conn, _ = begin(t, s, u, multi, "m2", "a4")
	assert.Equal(t, "m2", conn.ID)
}

// Two installs of a single-connection connector that ran at once (two
// tabs, before either was enabled) end with one enabled connection: the
// one activated last.
func TestRacedInstallsLeaveOneConnection(t *testing.T) {
	s, u := setup(t)
	_, first := begin(t, s, u, single, "s1", "a1")
	_, second := begin(t, s, u, single, "s2", "a2")
	end(t, s, first, platform.StatusActive)
	end(t, s, second, platform.StatusActive)
	assert.Equal(t, map[string]string{"s2": "a2 active"}, shown(t, s, u))
	_, a3 := begin(t, s, u, multi, "m1", "a3")
	_, a4 := begin(t, s, u, multi, "m2", "a4")
	end(t, s, a3, platform.StatusActive)
	end(t, s, a4, platform.StatusActive)
	assert.Equal(t, map[string]string{"s2": "a2 active", "m1": "a3 active", "m2": "a4 active"}, shown(t, s, u),
		"several connections of a multi-connection connector")
}
