package sqlite

import (
	"context"
	"time"
)

// RevokeTokens deletes the token with hash and every token of its family,
// in one statement (so also atomic on D1), and returns the deleted hashes.
// "family = hash" also catches what a session from before families (its
// own family "") minted: those name the session's hash.
func (d *DB) RevokeTokens(ctx context.Context, hash string) ([]string, error) {
	return d.column(ctx, `DELETE FROM tokens WHERE hash = ? OR family = ?
		OR (family != '' AND family = (SELECT family FROM tokens WHERE hash = ?)) RETURNING hash`, hash, hash, hash)
}

// DeleteExpiredTokens deletes every expired token.
func (d *DB) DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := d.tx(ctx, func(tx conn) error {
		var err error
		n, err = countRows(tx.QueryContext(ctx, `DELETE FROM tokens WHERE expires_at <= ? RETURNING 1`, millis(now)))
		return err
	})
	return n, err
}

// ExpireAuthorizations turns authorizations awaiting their callback since
// before createdBefore to error, in one statement.
func (d *DB) ExpireAuthorizations(ctx context.Context, createdBefore, now time.Time, code, message string) ([]string, error) {
	return d.column(ctx, `UPDATE authorizations SET status = 'error', error_code = ?, error_message = ?, updated_at = ?
		WHERE status = 'awaiting_callback' AND created_at < ? RETURNING id`,
		code, message, millis(now), millis(createdBefore))
}

// column runs a writing statement in a transaction and returns the first
// column of the rows it returns.
func (d *DB) column(ctx context.Context, query string, args ...any) ([]string, error) {
	var out []string
	err := d.tx(ctx, func(tx conn) error {
		out = nil
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}
