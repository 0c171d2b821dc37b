package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

const connectionColumns = `id, user_id, connector_slug, enabled, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanConnection(s scanner) (*platform.Connection, error) {
	var c platform.Connection
	var created, updated int64
	if err := s.Scan(&c.ID, &c.UserID, &c.ConnectorSlug, &c.Enabled, &created, &updated); err != nil {
		return nil, err
	}
	c.CreatedAt, c.UpdatedAt = fromMillis(created), fromMillis(updated)
	return &c, nil
}

// ListConnections returns the user's enabled connections, oldest first.
func (d *DB) ListConnections(ctx context.Context, userID int64, slug string) ([]*platform.Connection, error) {
	return listConnections(ctx, d.db, userID, slug)
}

func listConnections(ctx context.Context, q conn, userID int64, slug string) ([]*platform.Connection, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+connectionColumns+` FROM connections
		WHERE user_id = ? AND enabled = 1 AND (? = '' OR connector_slug = ?) ORDER BY seq`, userID, slug, slug)
	if err != nil {
		return nil, err
	}
	var out []*platform.Connection
	for rows.Next() {
		c, err := scanConnection(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range out {
		if c.Authorization, err = newestAuthorization(ctx, q, c.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindConnection returns the user's connection by id, enabled or not.
func (d *DB) FindConnection(ctx context.Context, userID int64, id string) (*platform.Connection, error) {
	c, err := scanConnection(d.db.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM connections
		WHERE id = ? AND user_id = ?`, id, userID))
	if err != nil {
		return nil, notFound(err, "Connection %q not found.", id)
	}
	if c.Authorization, err = newestAuthorization(ctx, d.db, c.ID); err != nil {
		return nil, err
	}
	return c, nil
}

// Authorize enables a connection and attaches the new authorization a.
func (d *DB) Authorize(ctx context.Context, userID int64, slug, connID string, a *platform.Authorization, now time.Time) (*platform.Connection, error) {
	var out *platform.Connection
	err := d.tx(ctx, func(tx conn) error {
		var multi bool
		if c, err := findConnectorTx(ctx, tx, slug); err != nil {
			return err
		} else {
			multi = c.SupportsMultipleConnections
		}
		if !multi {
			existing, err := listConnections(ctx, tx, userID, slug)
			if err != nil {
				return err
			}
			if len(existing) > 0 {
				connID = existing[len(existing)-1].ID
			}
		}
		// One statement creates the connection or enables the user's own;
		// an id of another user or connector updates nothing and returns
		// no row.
		var err error
		out, err = scanConnection(tx.QueryRowContext(ctx, `INSERT INTO connections
			(id, user_id, connector_slug, enabled, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET enabled = 1, updated_at = excluded.updated_at
			WHERE connections.user_id = excluded.user_id AND connections.connector_slug = excluded.connector_slug
			RETURNING `+connectionColumns, connID, userID, slug, millis(now), millis(now)))
		if errors.Is(err, sql.ErrNoRows) {
			return platform.Errorf(platform.ECONFLICT, "Connection id %q is already in use.", connID)
		} else if err != nil {
			return err
		}
		a.ConnectionID, a.UserID, a.ConnectorSlug = connID, userID, slug
		a.CreatedAt, a.UpdatedAt = now, now
		if err := insertAuthorization(ctx, tx, a); err != nil {
			return err
		}
		out.Authorization = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DisableConnections disables the given enabled connections of the user;
// ENOTFOUND when one of them is not an enabled connection of the user.
func (d *DB) DisableConnections(ctx context.Context, userID int64, ids []string, now time.Time) error {
	seen := map[string]bool{}
	var distinct []any
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			distinct = append(distinct, id)
		}
	}
	if len(distinct) == 0 {
		return nil
	}
	in := "(?" + strings.Repeat(", ?", len(distinct)-1) + ")"
	return d.tx(ctx, func(tx conn) error {
		// All or nothing in one statement: it updates only when every id is
		// an enabled connection of the user.
		args := append(append([]any{millis(now), userID}, distinct...), userID)
		args = append(append(args, distinct...), len(distinct))
		n, err := countRows(tx.QueryContext(ctx, `UPDATE connections SET enabled = 0, updated_at = ?
			WHERE user_id = ? AND enabled = 1 AND id IN `+in+`
			AND (SELECT COUNT(*) FROM connections WHERE user_id = ? AND enabled = 1 AND id IN `+in+`) = ?
			RETURNING 1`, args...))
		if err != nil || n == len(distinct) {
			return err
		}
		for _, id := range distinct {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM connections WHERE id = ? AND user_id = ? AND enabled = 1`,
				id, userID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return platform.Errorf(platform.ENOTFOUND, "Connection %q not found.", id)
			} else if err != nil {
				return err
			}
		}
		return platform.Errorf(platform.ENOTFOUND, "A connection changed meanwhile; try again.")
	})
}

// CRMMapping returns the stored mapping JSON of a connection ("" unset).
func (d *DB) CRMMapping(ctx context.Context, connID string) (string, error) {
	var m string
	err := d.db.QueryRowContext(ctx, `SELECT mapping FROM crm_mappings WHERE connection_id = ?`, connID).Scan(&m)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return m, err
}

// SetCRMMapping stores the mapping JSON of a connection.
func (d *DB) SetCRMMapping(ctx context.Context, connID, mapping string) error {
	return d.tx(ctx, func(tx conn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO crm_mappings (connection_id, mapping, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (connection_id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
			connID, mapping, millis(time.Now()))
		return err
	})
}
