// Package storetest is the contract every platform.Store keeps: one suite
// of cases that each implementation runs, so a store is judged by what it
// does, not by how (SQLite with and without transactions, the sealed
// store, D1 inside workerd, a future Postgres).
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) platform.Store { return openFresh(t) })
//	}
//
// Each case asks open for a store of its own that is empty (migrated, no
// rows) and uses only the platform.Store interface. Cases run one after
// another, never in parallel, so a store that can only be emptied (D1) can
// serve them all. The platform's rules (which connection is enabled, which
// authorization counts) are decided by package platform, not by stores:
// these cases check that a store writes and reads what it is told,
// atomically, and nothing more.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// Opener returns an empty store for one case.
type Opener func(t *testing.T) platform.Store

// group is a named set of cases.
type group struct {
	name  string
	cases []testCase
}

type testCase struct {
	name string
	run  func(t *testing.T, s platform.Store)
}

// groups is the whole contract, by the part of the Store it is about.
func groups() []group {
	return []group{
		{"users_and_tokens", tokenCases},
		{"connectors", connectorCases},
		{"connections", connectionCases},
		{"authorizations", authorizationCases},
		{"settings_and_codes", settingCases},
	}
}

// Run runs every case of the contract on stores from open.
func Run(t *testing.T, open Opener) {
	for _, g := range groups() {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) { c.run(t, open(t)) })
			}
		})
	}
}

// Count is how many cases Run runs.
func Count() int {
	n := 0
	for _, g := range groups() {
		n += len(g.cases)
	}
	return n
}

var ctx = context.Background()

// now is the cases' clock: a fixed instant in whole milliseconds, the
// precision stores keep times at.
var now = time.UnixMilli(1_800_000_000_000).UTC()

// Connectors the cases store: one connection per user, several, and an
// API-key connector with an OAuth2 definition's every field elsewhere.
var (
	single = &platform.Connector{Slug: "single", Name: "Single", Auth: platform.AuthOAuth2,
		ShortDescription: "One connection per user."}
	multi = &platform.Connector{Slug: "multi", Name: "Multi", Auth: platform.AuthOAuth2,
		SupportsMultipleConnections: true}
	apiKey = &platform.Connector{Slug: "key", Name: "Key", Auth: platform.AuthAPIKey,
		CollectFields: []platform.CollectField{{Name: "api_key", Label: "API Key", Suffix: ".example"}}}
)

// seed stores the cases' connectors and returns a user.
func seed(t *testing.T, s platform.Store, externalID string) *platform.User {
	t.Helper()
	for _, c := range []*platform.Connector{single, multi, apiKey} {
		require.NoError(t, s.UpsertConnector(ctx, c))
	}
	return user(t, s, externalID)
}

func user(t *testing.T, s platform.Store, externalID string) *platform.User {
	t.Helper()
	u, err := s.EnsureUser(ctx, externalID)
	require.NoError(t, err)
	return u
}

// awaiting is a new authorization awaiting its callback, named id.
func awaiting(id string) *platform.Authorization {
	return &platform.Authorization{ID: id, Status: platform.StatusAwaitingCallback, State: "state-" + id,
		PKCEVerifier: "verifier-" + id, RedirectURI: "https://platform.test/callback",
		AuthorizeURL: "https://platform.test/start?state=state-" + id}
}

// start stores authorization id for the user's connection connID to slug
// at when.
func start(t *testing.T, s platform.Store, u *platform.User, slug, connID, id string, when time.Time) *platform.Authorization {
	t.Helper()
	a := awaiting(id)
	_, err := s.StartAuthorization(ctx, u.ID, slug, connID, a, when)
	require.NoError(t, err)
	return a
}

// activate turns a active with tokens, as a finished flow does, and
// disables disable.
func activate(t *testing.T, s platform.Store, a *platform.Authorization, disable ...string) {
	t.Helper()
	a.Status, a.AccessToken, a.RefreshToken, a.DisplayLabel = platform.StatusActive, "at-"+a.ID, "rt-"+a.ID, "label "+a.ID
	a.TokenExpiry, a.UpdatedAt = now.Add(time.Hour), now
	require.NoError(t, s.ActivateAuthorization(ctx, a, disable, now))
}

// fail turns a to error, as a denied or expired flow does.
func fail(t *testing.T, s platform.Store, a *platform.Authorization, code string) {
	t.Helper()
	a.Status, a.ErrorCode, a.ErrorMessage, a.UpdatedAt = platform.StatusError, code, "failed: "+code, now
	require.NoError(t, s.UpdateAuthorization(ctx, a))
}

// code requires err to be a platform error with the code.
func code(t *testing.T, want string, err error, msgAndArgs ...any) {
	t.Helper()
	assert.Equal(t, want, platform.ErrorCode(err), append(msgAndArgs, err)...)
}

// sameAuthorization requires got to be what was stored as want.
func sameAuthorization(t *testing.T, want, got *platform.Authorization) {
	t.Helper()
	require.NotNil(t, got, "authorization %s", want.ID)
	assert.Equal(t, want.ID, got.ID)
	assert.Equal(t, want.ConnectionID, got.ConnectionID, "connection of %s", want.ID)
	assert.Equal(t, want.UserID, got.UserID, "user of %s", want.ID)
	assert.Equal(t, want.ConnectorSlug, got.ConnectorSlug, "connector of %s", want.ID)
	assert.Equal(t, want.Status, got.Status, "status of %s", want.ID)
	assert.Equal(t, want.ErrorCode, got.ErrorCode, "error_code of %s", want.ID)
	assert.Equal(t, want.ErrorMessage, got.ErrorMessage, "error_message of %s", want.ID)
	assert.Equal(t, want.DisplayLabel, got.DisplayLabel, "label of %s", want.ID)
	assert.Equal(t, want.State, got.State, "state of %s", want.ID)
	assert.Equal(t, want.PKCEVerifier, got.PKCEVerifier, "verifier of %s", want.ID)
	assert.Equal(t, want.RedirectURI, got.RedirectURI, "redirect_uri of %s", want.ID)
	assert.Equal(t, want.AuthorizeURL, got.AuthorizeURL, "authorize_url of %s", want.ID)
	assert.Equal(t, want.AccessToken, got.AccessToken, "access token of %s", want.ID)
	assert.Equal(t, want.RefreshToken, got.RefreshToken, "refresh token of %s", want.ID)
	assert.True(t, want.TokenExpiry.Equal(got.TokenExpiry), "token expiry of %s: %v, want %v", want.ID, got.TokenExpiry, want.TokenExpiry)
	assert.True(t, want.CreatedAt.Equal(got.CreatedAt), "created_at of %s: %v, want %v", want.ID, got.CreatedAt, want.CreatedAt)
	assert.True(t, want.UpdatedAt.Equal(got.UpdatedAt), "updated_at of %s: %v, want %v", want.ID, got.UpdatedAt, want.UpdatedAt)
	if len(want.Fields) == 0 {
		assert.Empty(t, got.Fields, "fields of %s", want.ID)
	} else {
		assert.Equal(t, want.Fields, got.Fields, "fields of %s", want.ID)
	}
}
