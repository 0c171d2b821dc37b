package sqlite

import (
	"context"
	"encoding/json"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// UpsertConnector creates or replaces a connector; a new one goes last.
func (d *DB) UpsertConnector(ctx context.Context, c *platform.Connector) error {
	if err := c.Validate(); err != nil {
		return err
	}
	def, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return d.tx(ctx, func(tx conn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO connectors (slug, position, definition)
			VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM connectors), ?)
			ON CONFLICT (slug) DO UPDATE SET definition = excluded.definition`, c.Slug, string(def))
		return err
	})
}

// ListConnectors returns every connector in the order they were added.
func (d *DB) ListConnectors(ctx context.Context) ([]*platform.Connector, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT definition FROM connectors ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*platform.Connector
	for rows.Next() {
		var def string
		if err := rows.Scan(&def); err != nil {
			return nil, err
		}
		var c platform.Connector
		if err := json.Unmarshal([]byte(def), &c); err != nil {
			return nil, err
		}
		out = append(out, &c)
	}
	return out, rows.Err()
}

// FindConnector returns the connector with slug.
func (d *DB) FindConnector(ctx context.Context, slug string) (*platform.Connector, error) {
	var def string
	err := d.db.QueryRowContext(ctx, `SELECT definition FROM connectors WHERE slug = ?`, slug).Scan(&def)
	if err != nil {
		return nil, notFound(err, "Connector %q not found.", slug)
	}
	var c platform.Connector
	if err := json.Unmarshal([]byte(def), &c); err != nil {
		return nil, err
	}
	return &c, nil
}
