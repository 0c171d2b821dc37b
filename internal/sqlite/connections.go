package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// connectionColumns are a connection's columns, on the alias c of the
// connections table.
const connectionColumns = `c.id, c.user_id, c.connector_slug, c.enabled, c.created_at, c.updated_at`

type scanner interface{ Scan(dest ...any) error }

// connectionRow is a connection being scanned: dest are the destinations
// of connectionColumns, connection what they make.
type connectionRow struct {
	c                platform.Connection
	created, updated int64
}

func (r *connectionRow) dest() []any {
	return []any{&r.c.ID, &r.c.UserID, &r.c.ConnectorSlug, &r.c.Enabled, &r.created, &r.updated}
}

func (r *connectionRow) connection() *platform.Connection {
	r.c.CreatedAt, r.c.UpdatedAt = fromMillis(r.created), fromMillis(r.updated)
	return &r.c
}

func scanConnection(s scanner) (*platform.Connection, error) {
	var r connectionRow
	if err := s.Scan(r.dest()...); err != nil {
		return nil, err
	}
	return r.connection(), nil
}

// scanConnectionAuthorization scans connectionColumns followed by
// authorizationColumns; the authorization goes through scanAuthorization,
// as in every other authorization query.
func scanConnectionAuthorization(s scanner) (*platform.Connection, error) {
	var r connectionRow
	a, err := scanAuthorization(prefixed{s, r.dest()})
	if err != nil {
		return nil, err
	}
	c := r.connection()
	c.Authorization = a
	return c, nil
}

// prefixed scans a row into prefix, then into the destinations Scan is
// given: two scan helpers share one row.
type prefixed struct {
	s      scanner
	prefix []any
}

func (p prefixed) Scan(dest ...any) error { return p.s.Scan(slices.Concat(p.prefix, dest)...) }

// withCountingAuthorization joins each connection c with the authorization
// that counts for it, a (connections.authorization_id: see platform's
// connect.go for which one that is).
const withCountingAuthorization = ` FROM connections c JOIN authorizations a ON a.id = c.authorization_id `

// ListConnections returns the user's enabled connections, oldest first.
func (d *DB) ListConnections(ctx context.Context, userID int64, slug string) (_ []*platform.Connection, err error) {
	defer storeError(&err)
	return listConnections(ctx, d.r, userID, slug)
}

// listConnections is one query: each connection comes with the
// authorization that counts. Every enabled connection has one
// (ActivateAuthorization sets both at once).
func listConnections(ctx context.Context, q conn, userID int64, slug string) ([]*platform.Connection, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+connectionColumns+`, `+authorizationColumns+withCountingAuthorization+`
		WHERE c.user_id = ? AND c.enabled = 1 AND (? = '' OR c.connector_slug = ?) ORDER BY c.seq`, userID, slug, slug)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*platform.Connection
	for rows.Next() {
		c, err := scanConnectionAuthorization(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindConnection returns the user's connection by id, enabled or not, with
// the authorization that counts, or its newest when none ever did.
func (d *DB) FindConnection(ctx context.Context, userID int64, id string) (_ *platform.Connection, err error) {
	defer storeError(&err)
	var r connectionRow
	var counting sql.NullString
	err = d.r.QueryRowContext(ctx, `SELECT `+connectionColumns+`, c.authorization_id FROM connections c
		WHERE c.id = ? AND c.user_id = ?`, id, userID).Scan(append(r.dest(), &counting)...)
	if err != nil {
		return nil, notFound(err, "Connection %q not found.", id)
	}
	c := r.connection()
	if counting.Valid {
		c.Authorization, err = scanAuthorization(d.r.QueryRowContext(ctx,
			`SELECT `+authorizationColumns+authorizationFrom+`WHERE a.id = ?`, counting.String))
	} else {
		c.Authorization, err = newestAuthorization(ctx, d.r, c.ID)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// StartAuthorization stores a new authorization of connection connID,
// creating the connection (not enabled) when it is new: one transaction,
// and on D1 the two rows in one batch.
func (d *DB) StartAuthorization(ctx context.Context, userID int64, slug, connID string, a *platform.Authorization, now time.Time) (*platform.Connection, error) {
	var out *platform.Connection
	err := d.tx(ctx, func(tx conn) error {
		if _, err := findConnectorTx(ctx, tx, slug); err != nil {
			return err
		}
		var err error
		if out, err = ownConnection(ctx, tx, userID, slug, connID); err != nil {
			return err
		} else if out == nil {
			out = &platform.Connection{ID: connID, UserID: userID, ConnectorSlug: slug, CreatedAt: now, UpdatedAt: now}
		}
		a.ConnectionID, a.UserID, a.ConnectorSlug = connID, userID, slug
		a.CreatedAt, a.UpdatedAt = now, now
		insert, err := insertAuthorization(a)
		if err != nil {
			return err
		}
		// The insert of the connection does nothing for an existing id;
		// the authorization's connection_id is looked up by owner, so for
		// an id of another user or connector it fails, and nothing is
		// written.
		err = d.atomic(ctx, tx, Statement{
			SQL: `INSERT INTO connections (id, user_id, connector_slug, enabled, created_at, updated_at)
				VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
			Args: []any{connID, userID, slug, millis(now), millis(now)},
		}, insert)
		if err != nil {
			// Without isolation (D1) the id may have been taken meanwhile.
			if _, err2 := ownConnection(ctx, tx, userID, slug, connID); err2 != nil {
				return err2
			}
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

// ActivateAuthorization saves a, enables its connection with a as the
// authorization that counts, and disables the user's enabled connections
// among disable: one transaction, and on D1 one batch.
func (d *DB) ActivateAuthorization(ctx context.Context, a *platform.Authorization, disable []string, now time.Time) error {
	update, err := updateAuthorization(a)
	if err != nil {
		return err
	}
	return d.tx(ctx, func(tx conn) error {
		// The owner from the database, not from a: only the connections of
		// the authorization's own user are ever disabled.
		var connID string
		var userID int64
		err := tx.QueryRowContext(ctx, `SELECT c.id, c.user_id`+authorizationFrom+`WHERE a.id = ?`, a.ID).Scan(&connID, &userID)
		if err != nil {
			return notFound(err, "Authorization %q not found.", a.ID)
		}
		stmts := []Statement{update, {
			SQL:  `UPDATE connections SET enabled = 1, authorization_id = ?, updated_at = ? WHERE id = ?`,
			Args: []any{a.ID, millis(now), connID},
		}}
		others := slices.DeleteFunc(distinct(disable), func(id any) bool { return id == connID })
		if len(others) > 0 {
			stmts = append(stmts, Statement{
				SQL:  `UPDATE connections SET enabled = 0, updated_at = ? WHERE user_id = ? AND enabled = 1 AND id IN ` + placeholders(len(others)),
				Args: append([]any{millis(now), userID}, others...),
			})
		}
		return d.atomic(ctx, tx, stmts...)
	})
}

// ownConnection returns the connection with id if it is the user's
// connection to slug, nil if there is none with that id, and ECONFLICT if
// the id belongs to another user or connector.
func ownConnection(ctx context.Context, q conn, userID int64, slug, id string) (*platform.Connection, error) {
	c, err := scanConnection(q.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM connections c WHERE c.id = ?`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, err
	case c.UserID != userID || c.ConnectorSlug != slug:
		return nil, platform.Errorf(platform.ECONFLICT, "Connection id %q is already in use.", id)
	}
	return c, nil
}

// DisableConnections disables the given enabled connections of the user;
// ENOTFOUND when one of them is not an enabled connection of the user.
func (d *DB) DisableConnections(ctx context.Context, userID int64, ids []string, now time.Time) error {
	unique := distinct(ids)
	if len(unique) == 0 {
		return nil
	}
	in := placeholders(len(unique))
	return d.tx(ctx, func(tx conn) error {
		// All or nothing in one statement: it updates only when every id is
		// an enabled connection of the user.
		args := append(append([]any{millis(now), userID}, unique...), userID)
		args = append(append(args, unique...), len(unique))
		n, err := countRows(tx.QueryContext(ctx, `UPDATE connections SET enabled = 0, updated_at = ?
			WHERE user_id = ? AND enabled = 1 AND id IN `+in+`
			AND (SELECT COUNT(*) FROM connections WHERE user_id = ? AND enabled = 1 AND id IN `+in+`) = ?
			RETURNING 1`, args...))
		if err != nil || n == len(unique) {
			return err
		}
		for _, id := range unique {
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

// distinct returns ids without repeats, as SQL arguments.
func distinct(ids []string) []any {
	seen := map[string]bool{}
	var out []any
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// placeholders is "(?, ?, ...)" for n arguments (n > 0).
func placeholders(n int) string { return "(?" + strings.Repeat(", ?", n-1) + ")" }

// CRMMapping returns the stored mapping JSON of a connection ("" unset).
func (d *DB) CRMMapping(ctx context.Context, connID string) (_ string, err error) {
	defer storeError(&err)
	var m string
	err = d.r.QueryRowContext(ctx, `SELECT mapping FROM crm_mappings WHERE connection_id = ?`, connID).Scan(&m)
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
