package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/xkit-wasm/xkit/internal/platform"
)

const authorizationColumns = `a.id, a.connection_id, c.user_id, c.connector_slug, a.status, a.error_code, a.error_message,
	a.display_label, a.state, a.pkce_verifier, a.redirect_uri, a.authorize_url, a.access_token, a.refresh_token,
	a.token_expiry, a.fields, a.created_at, a.updated_at`

const authorizationFrom = ` FROM authorizations a JOIN connections c ON c.id = a.connection_id `

func scanAuthorization(s scanner) (*platform.Authorization, error) {
	var a platform.Authorization
	var status, fields string
	var expiry, created, updated int64
	err := s.Scan(&a.ID, &a.ConnectionID, &a.UserID, &a.ConnectorSlug, &status, &a.ErrorCode, &a.ErrorMessage,
		&a.DisplayLabel, &a.State, &a.PKCEVerifier, &a.RedirectURI, &a.AuthorizeURL, &a.AccessToken, &a.RefreshToken,
		&expiry, &fields, &created, &updated)
	if err != nil {
		return nil, err
	}
	a.Status = platform.Status(status)
	a.TokenExpiry, a.CreatedAt, a.UpdatedAt = fromMillis(expiry), fromMillis(created), fromMillis(updated)
	if err := json.Unmarshal([]byte(fields), &a.Fields); err != nil {
		return nil, err
	}
	return &a, nil
}

func newestAuthorization(ctx context.Context, q conn, connID string) (*platform.Authorization, error) {
	a, err := scanAuthorization(q.QueryRowContext(ctx, `SELECT `+authorizationColumns+authorizationFrom+`
		WHERE a.connection_id = ? ORDER BY a.seq DESC LIMIT 1`, connID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return a, err
}

// insertAuthorization is the statement that stores a new authorization.
// Its connection_id is looked up by owner: a connection of another user or
// connector gives NULL, and the insert fails.
func insertAuthorization(a *platform.Authorization) (Statement, error) {
	fields, err := json.Marshal(nonNil(a.Fields))
	if err != nil {
		return Statement{}, err
	}
	return Statement{SQL: `INSERT INTO authorizations (id, connection_id, status, error_code, error_message,
		display_label, state, pkce_verifier, redirect_uri, authorize_url, access_token, refresh_token, token_expiry,
		fields, created_at, updated_at) VALUES (?,
		(SELECT id FROM connections WHERE id = ? AND user_id = ? AND connector_slug = ?),
		?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		Args: []any{a.ID, a.ConnectionID, a.UserID, a.ConnectorSlug, string(a.Status), a.ErrorCode, a.ErrorMessage,
			a.DisplayLabel, a.State, a.PKCEVerifier, a.RedirectURI, a.AuthorizeURL, a.AccessToken, a.RefreshToken,
			millis(a.TokenExpiry), string(fields), millis(a.CreatedAt), millis(a.UpdatedAt)},
	}, nil
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// FindAuthorization returns an authorization by id.
func (d *DB) FindAuthorization(ctx context.Context, id string) (_ *platform.Authorization, err error) {
	defer storeError(&err)
	a, err := scanAuthorization(d.r.QueryRowContext(ctx, `SELECT `+authorizationColumns+authorizationFrom+`WHERE a.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "Authorization %q not found.", id)
	}
	return a, nil
}

// FindAuthorizationByState returns the authorization a provider round trip
// belongs to.
func (d *DB) FindAuthorizationByState(ctx context.Context, state string) (_ *platform.Authorization, err error) {
	defer storeError(&err)
	a, err := scanAuthorization(d.r.QueryRowContext(ctx, `SELECT `+authorizationColumns+authorizationFrom+`WHERE a.state = ?`, state))
	if err != nil {
		return nil, notFound(err, "No authorization is waiting for this state.")
	}
	return a, nil
}

// UpdateAuthorization saves what a round trip changes.
func (d *DB) UpdateAuthorization(ctx context.Context, a *platform.Authorization) error {
	update, err := updateAuthorization(a)
	if err != nil {
		return err
	}
	return d.tx(ctx, func(tx conn) error {
		n, err := countRows(tx.QueryContext(ctx, update.SQL+` RETURNING 1`, update.Args...))
		if err != nil {
			return err
		} else if n == 0 {
			return platform.Errorf(platform.ENOTFOUND, "Authorization %q not found.", a.ID)
		}
		return nil
	})
}

// updateAuthorization is the statement that saves what a round trip
// changes of a.
func updateAuthorization(a *platform.Authorization) (Statement, error) {
	fields, err := json.Marshal(nonNil(a.Fields))
	if err != nil {
		return Statement{}, err
	}
	return Statement{SQL: `UPDATE authorizations SET status = ?, error_code = ?, error_message = ?,
		display_label = ?, access_token = ?, refresh_token = ?, token_expiry = ?, fields = ?, updated_at = ?
		WHERE id = ?`, Args: []any{string(a.Status), a.ErrorCode, a.ErrorMessage, a.DisplayLabel, a.AccessToken,
		a.RefreshToken, millis(a.TokenExpiry), string(fields), millis(a.UpdatedAt), a.ID}}, nil
}
