package sqlite

import (
	"context"
	"encoding/json"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// Rewriting stored secrets, for internal/seal: sealing the plain rows of an
// older database and re-sealing them under a new key. Each method visits
// every row (in pages, by primary key) and writes back the rows fn changed,
// each with one UPDATE that applies only if the row still holds what was
// read, so a request writing the same row meanwhile (it writes sealed
// values itself) wins and nothing is lost, on D1 too.

const rewritePage = 200

// RewriteAuthorizationSecrets visits every authorization with its ID and
// its secret columns as stored: PKCEVerifier, AccessToken, RefreshToken,
// Fields.
func (d *DB) RewriteAuthorizationSecrets(ctx context.Context, fn func(a *platform.Authorization) (bool, error)) error {
	type row struct {
		seq    int64
		a      platform.Authorization
		fields string
	}
	var after int64
	for {
		var page []row
		rows, err := d.db.QueryContext(ctx, `SELECT seq, id, pkce_verifier, access_token, refresh_token, fields
			FROM authorizations WHERE seq > ? ORDER BY seq LIMIT ?`, after, rewritePage)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.seq, &r.a.ID, &r.a.PKCEVerifier, &r.a.AccessToken, &r.a.RefreshToken, &r.fields); err != nil {
				rows.Close()
				return err
			}
			page = append(page, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range page {
			after = r.seq
			was := r.a
			if err := json.Unmarshal([]byte(r.fields), &r.a.Fields); err != nil {
				return err
			}
			changed, err := fn(&r.a)
			if err != nil {
				return err
			} else if !changed {
				continue
			}
			fields, err := json.Marshal(nonNil(r.a.Fields))
			if err != nil {
				return err
			}
			if err := d.tx(ctx, func(q conn) error {
				_, err := q.ExecContext(ctx, `UPDATE authorizations SET pkce_verifier = ?, access_token = ?,
					refresh_token = ?, fields = ? WHERE id = ? AND pkce_verifier = ? AND access_token = ?
					AND refresh_token = ? AND fields = ?`, r.a.PKCEVerifier, r.a.AccessToken, r.a.RefreshToken,
					string(fields), r.a.ID, was.PKCEVerifier, was.AccessToken, was.RefreshToken, r.fields)
				return err
			}); err != nil {
				return err
			}
		}
		if len(page) < rewritePage {
			return nil
		}
	}
}

// RewriteConnectors visits every connector definition (no validation: a
// definition stored by an older version is rewritten as it is).
func (d *DB) RewriteConnectors(ctx context.Context, fn func(c *platform.Connector) (bool, error)) error {
	// The version moves with each rewritten definition, so no process keeps
	// serving the connectors it decoded before (connectorSet).
	return d.rewriteText(ctx, `SELECT slug, definition FROM connectors`,
		`UPDATE connectors SET definition = ? WHERE slug = ? AND definition = ?`, bumpConnectorsVersion,
		func(_ string, def *string) (bool, error) {
			var c platform.Connector
			if err := json.Unmarshal([]byte(*def), &c); err != nil {
				return false, err
			}
			changed, err := fn(&c)
			if err != nil || !changed {
				return false, err
			}
			b, err := json.Marshal(&c)
			*def = string(b)
			return true, err
		})
}

// RewriteSettings visits every setting.
func (d *DB) RewriteSettings(ctx context.Context, fn func(key string, value *string) (bool, error)) error {
	return d.rewriteText(ctx, `SELECT key, value FROM settings`,
		`UPDATE settings SET value = ? WHERE key = ? AND value = ?`, Statement{}, fn)
}

// rewriteText runs fn over the (key, value) rows of list and stores the
// changed values with update (value, key, old value), each with also (when
// its SQL is not "") in the same transaction or batch. These tables are
// small (connectors, settings): one read of all rows.
func (d *DB) rewriteText(ctx context.Context, list, update string, also Statement, fn func(key string, value *string) (bool, error)) error {
	rows, err := d.db.QueryContext(ctx, list)
	if err != nil {
		return err
	}
	var keys, values []string
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return err
		}
		keys, values = append(keys, k), append(values, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i, k := range keys {
		v := values[i]
		if changed, err := fn(k, &v); err != nil {
			return err
		} else if changed {
			stmts := []Statement{{SQL: update, Args: []any{v, k, values[i]}}}
			if also.SQL != "" {
				stmts = append(stmts, also)
			}
			if err := d.tx(ctx, func(q conn) error { return d.atomic(ctx, q, stmts...) }); err != nil {
				return err
			}
		}
	}
	return nil
}
