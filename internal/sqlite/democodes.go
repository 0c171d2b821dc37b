package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// PutDemoCode stores a demo provider code until expires, and drops codes
// that have expired (one transaction or batch).
func (d *DB) PutDemoCode(ctx context.Context, code, grant string, expires, now time.Time) error {
	return d.tx(ctx, func(tx conn) error {
		return d.atomic(ctx, tx,
			Statement{SQL: `DELETE FROM demo_codes WHERE expires_at <= ?`, Args: []any{millis(now)}},
			Statement{SQL: `INSERT INTO demo_codes (code, grant_json, expires_at) VALUES (?, ?, ?)`,
				Args: []any{code, grant, millis(expires)}})
	})
}

// TakeDemoCode deletes and returns an unexpired code's grant in one
// statement, so a code works once on every driver.
func (d *DB) TakeDemoCode(ctx context.Context, code string, now time.Time) (string, error) {
	var grant string
	err := d.tx(ctx, func(tx conn) error {
		err := tx.QueryRowContext(ctx, `DELETE FROM demo_codes WHERE code = ? AND expires_at > ? RETURNING grant_json`,
			code, millis(now)).Scan(&grant)
		if errors.Is(err, sql.ErrNoRows) {
			return platform.Errorf(platform.ENOTFOUND, "The code is unknown, used or expired.")
		}
		return err
	})
	return grant, err
}
