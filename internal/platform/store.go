package platform

import (
	"context"
	"time"
)

// Store keeps the platform's state. Every write happens in one transaction
// (on Cloudflare D1, which has none, in one atomic batch: see
// internal/sqlite's tx); lookups of missing things return an ENOTFOUND
// *Error, and a store that cannot serve right now (busy, failing) returns
// EUNAVAILABLE.
type Store interface {
	// EnsureUser returns the user with externalID, creating it if needed.
	EnsureUser(ctx context.Context, externalID string) (*User, error)

	CreateToken(ctx context.Context, t *Token) error
	// FindToken returns an unexpired token; EUNAUTHORIZED otherwise.
	FindToken(ctx context.Context, kind TokenKind, hash string, now time.Time) (*Token, error)
	// ConsumeToken deletes and returns an unexpired token; EUNAUTHORIZED otherwise.
	ConsumeToken(ctx context.Context, kind TokenKind, hash string, now time.Time) (*Token, error)
	DeleteToken(ctx context.Context, kind TokenKind, hash string) error
	// ExpireTokens makes every unexpired token of kind expire now; it
	// returns how many there were.
	ExpireTokens(ctx context.Context, kind TokenKind, now time.Time) (int, error)
	// RevokeTokens deletes the token with hash and, when it has a Family,
	// every token of that family (logout); it returns the deleted hashes.
	RevokeTokens(ctx context.Context, hash string) ([]string, error)
	// DeleteExpiredTokens deletes every expired token and returns how many.
	DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error)

	// UpsertConnector creates or replaces a connector by slug.
	UpsertConnector(ctx context.Context, c *Connector) error
	ListConnectors(ctx context.Context) ([]*Connector, error)
	FindConnector(ctx context.Context, slug string) (*Connector, error)

	// ListConnections returns the user's enabled connections, oldest first,
	// each with the authorization that counts (the newest of its
	// authorizations that turned active); slug "" means every connector.
	ListConnections(ctx context.Context, userID int64, slug string) ([]*Connection, error)
	// FindConnection returns the user's connection by id, enabled or not,
	// with the authorization that counts; a connection none of whose
	// authorizations ever turned active carries its newest one (it is not
	// enabled, so it shows as not installed).
	FindConnection(ctx context.Context, userID int64, id string) (*Connection, error)
	// StartAuthorization stores a, a new authorization of the user's
	// connection connID to connector slug, and creates that connection,
	// not enabled, when there is none with that id: one atomic write. It
	// changes nothing of an existing connection (see
	// ActivateAuthorization). An id owned by another user or connector is
	// ECONFLICT, an unknown connector ENOTFOUND. a.ConnectionID, UserID,
	// ConnectorSlug, CreatedAt and UpdatedAt are filled in; the connection
	// returned is as stored, with a as its Authorization (the attempt a
	// flow follows, not yet the one that counts).
	StartAuthorization(ctx context.Context, userID int64, slug, connID string, a *Authorization, now time.Time) (*Connection, error)
	// ActivateAuthorization saves a like UpdateAuthorization and, in the
	// same atomic write, enables a's connection and makes a the
	// authorization that counts for it; the user's connections in disable
	// that are enabled are disabled in that write too. ENOTFOUND when a
	// does not exist. Package platform's SaveAuthorization decides what to
	// pass.
	ActivateAuthorization(ctx context.Context, a *Authorization, disable []string, now time.Time) error
	// DisableConnections disables the given enabled connections of the
	// user, all or none: ENOTFOUND when one of them is not one.
	DisableConnections(ctx context.Context, userID int64, ids []string, now time.Time) error

	FindAuthorization(ctx context.Context, id string) (*Authorization, error)
	FindAuthorizationByState(ctx context.Context, state string) (*Authorization, error)
	// UpdateAuthorization saves a's status, error, label, tokens and fields;
	// its connection stays as it is, whatever a's status.
	UpdateAuthorization(ctx context.Context, a *Authorization) error
	// SetFlowNonce keeps the hash of the nonce that binds an authorization
	// awaiting its callback to one browser (its flow cookie); ENOTFOUND
	// when the authorization is not awaiting its callback.
	SetFlowNonce(ctx context.Context, authID, hash string) error
	// FlowNonce returns that hash ("" when none was set).
	FlowNonce(ctx context.Context, authID string) (string, error)
	// ExpireAuthorizations turns every authorization created before
	// createdBefore and still awaiting its callback to error with code and
	// message; it returns their ids.
	ExpireAuthorizations(ctx context.Context, createdBefore, now time.Time, code, message string) ([]string, error)

	// Setting returns a stored setting, "" when unset.
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error

	// CRMMapping returns the stored mapping JSON of a connection ("" unset).
	CRMMapping(ctx context.Context, connID string) (string, error)
	SetCRMMapping(ctx context.Context, connID, mapping string) error

	// PutDemoCode keeps an authorization code of the demo OAuth2 provider
	// (grant is its JSON) until expires. Stored, not in memory, because on
	// Cloudflare Workers each request may run in a fresh instance.
	PutDemoCode(ctx context.Context, code, grant string, expires, now time.Time) error
	// TakeDemoCode deletes and returns an unexpired code's grant, so it
	// works once; ENOTFOUND otherwise.
	TakeDemoCode(ctx context.Context, code string, now time.Time) (string, error)
}
