package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// EnsureUser returns the user with externalID, creating it if needed.
func (d *DB) EnsureUser(ctx context.Context, externalID string) (*platform.User, error) {
	// One statement: the no-op update on conflict makes RETURNING give the
	// existing row, so two first requests of a user cannot race.
	u := &platform.User{ExternalID: externalID}
	var created int64
	err := d.tx(ctx, func(tx conn) error {
		return tx.QueryRowContext(ctx, `INSERT INTO users (external_id, created_at) VALUES (?, ?)
			ON CONFLICT (external_id) DO UPDATE SET external_id = excluded.external_id
			RETURNING id, created_at`, externalID, millis(time.Now())).Scan(&u.ID, &created)
	})
	if err != nil {
		return nil, err
	}
	u.CreatedAt = fromMillis(created)
	return u, nil
}

// CreateToken stores a token (only its hash).
func (d *DB) CreateToken(ctx context.Context, t *platform.Token) error {
	return d.tx(ctx, func(tx conn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO tokens (hash, kind, user_id, family, expires_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, t.Hash, string(t.Kind), t.UserID, t.Family, millis(t.ExpiresAt), millis(t.CreatedAt))
		return err
	})
}

var errBadToken = platform.Errorf(platform.EUNAUTHORIZED, "The token is invalid or has expired.")

// FindToken returns an unexpired token.
func (d *DB) FindToken(ctx context.Context, kind platform.TokenKind, hash string, now time.Time) (_ *platform.Token, err error) {
	defer storeError(&err)
	return scanToken(d.r.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens
		WHERE kind = ? AND hash = ? AND expires_at > ?`, string(kind), hash, millis(now)))
}

// ConsumeToken deletes and returns an unexpired token, so it works once.
func (d *DB) ConsumeToken(ctx context.Context, kind platform.TokenKind, hash string, now time.Time) (*platform.Token, error) {
	var t *platform.Token
	err := d.tx(ctx, func(tx conn) error {
		var err error
		t, err = scanToken(tx.QueryRowContext(ctx, `DELETE FROM tokens WHERE kind = ? AND hash = ? AND expires_at > ?
			RETURNING `+tokenColumns, string(kind), hash, millis(now)))
		return err
	})
	return t, err
}

// countRows counts and closes rows.
func countRows(rows *sql.Rows, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

const tokenColumns = `hash, kind, user_id, family, expires_at, created_at`

func scanToken(row *sql.Row) (*platform.Token, error) {
	var t platform.Token
	var kind string
	var exp, created int64
	if err := row.Scan(&t.Hash, &kind, &t.UserID, &t.Family, &exp, &created); errors.Is(err, sql.ErrNoRows) {
		return nil, errBadToken
	} else if err != nil {
		return nil, err
	}
	t.Kind, t.ExpiresAt, t.CreatedAt = platform.TokenKind(kind), fromMillis(exp), fromMillis(created)
	return &t, nil
}

// DeleteToken removes a token; a missing one is not an error.
func (d *DB) DeleteToken(ctx context.Context, kind platform.TokenKind, hash string) error {
	return d.tx(ctx, func(tx conn) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM tokens WHERE kind = ? AND hash = ?`, string(kind), hash)
		return err
	})
}

// ExpireTokens makes every live token of kind expire now, and drops tokens
// of that kind that had already expired.
func (d *DB) ExpireTokens(ctx context.Context, kind platform.TokenKind, now time.Time) (int, error) {
	// RETURNING counts the rows on every driver (D1's does not give
	// RowsAffected).
	var n int
	err := d.tx(ctx, func(tx conn) error {
		var err error
		n, err = countRows(tx.QueryContext(ctx, `UPDATE tokens SET expires_at = ? WHERE kind = ? AND expires_at > ?
			RETURNING 1`, millis(now), string(kind), millis(now)))
		return err
	})
	return n, err
}

// Setting returns a stored setting, "" when unset.
func (d *DB) Setting(ctx context.Context, key string) (_ string, err error) {
	defer storeError(&err)
	var v string
	err = d.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSetting stores a setting.
func (d *DB) SetSetting(ctx context.Context, key, value string) error {
	return d.tx(ctx, func(tx conn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
