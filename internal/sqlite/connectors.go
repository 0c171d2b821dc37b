package sqlite

import (
	"context"
	"encoding/json"
	"slices"

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
		return d.atomic(ctx, tx, Statement{
			SQL: `INSERT INTO connectors (slug, position, definition)
				VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM connectors), ?)
				ON CONFLICT (slug) DO UPDATE SET definition = excluded.definition`,
			Args: []any{c.Slug, string(def)},
		}, bumpConnectorsVersion)
	})
}

// bumpConnectorsVersion goes with every change of connectors, in the same
// transaction or batch (see migrations/020_connectors_version.sql).
var bumpConnectorsVersion = Statement{SQL: `UPDATE connectors_version SET version = version + 1`}

// connectorSet is the decoded connector list at one connectors_version.
// It is shared: nobody modifies it or the connectors in it.
type connectorSet struct {
	version int64
	list    []*platform.Connector
	bySlug  map[string]*platform.Connector
}

// ListConnectors returns every connector in the order they were added.
// The connectors are shared with other callers: read them, never modify.
func (d *DB) ListConnectors(ctx context.Context) (_ []*platform.Connector, err error) {
	defer storeError(&err)
	set, err := d.connectorSet(ctx)
	if err != nil {
		return nil, err
	}
	return slices.Clone(set.list), nil
}

// connectorSet returns the kept set while connectors_version says it is
// current (one small query), else loads, decodes and keeps a new one (the
// version comes in the same query, so a cold start, as every Worker
// request is, costs what it did before the cache).
func (d *DB) connectorSet(ctx context.Context) (*connectorSet, error) {
	if set := d.currentConnectors(ctx); set != nil {
		return set, nil
	}
	rows, err := d.r.QueryContext(ctx, `SELECT (SELECT version FROM connectors_version), definition
		FROM connectors ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := &connectorSet{bySlug: map[string]*platform.Connector{}}
	for rows.Next() {
		var def string
		if err := rows.Scan(&set.version, &def); err != nil {
			return nil, err
		}
		c, err := decodeConnector(def)
		if err != nil {
			return nil, err
		}
		set.list = append(set.list, c)
		set.bySlug[c.Slug] = c
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(set.list) > 0 {
		d.connectors.Store(set)
	}
	return set, nil
}

// currentConnectors returns the kept set if connectors have not changed
// since it was loaded, else nil.
func (d *DB) currentConnectors(ctx context.Context) *connectorSet {
	set := d.connectors.Load()
	if set == nil {
		return nil
	}
	var v int64
	if err := d.r.QueryRowContext(ctx, `SELECT version FROM connectors_version`).Scan(&v); err != nil || v != set.version {
		return nil
	}
	return set
}

// FindConnector returns the connector with slug: from the kept set when it
// is current, else with one query for that connector.
func (d *DB) FindConnector(ctx context.Context, slug string) (_ *platform.Connector, err error) {
	defer storeError(&err)
	if set := d.currentConnectors(ctx); set != nil {
		if c, ok := set.bySlug[slug]; ok {
			return c, nil
		}
		return nil, platform.Errorf(platform.ENOTFOUND, "Connector %q not found.", slug)
	}
	return findConnectorTx(ctx, d.r, slug)
}

func findConnectorTx(ctx context.Context, tx conn, slug string) (*platform.Connector, error) {
	var def string
	if err := tx.QueryRowContext(ctx, `SELECT definition FROM connectors WHERE slug = ?`, slug).Scan(&def); err != nil {
		return nil, notFound(err, "Connector %q not found.", slug)
	}
	return decodeConnector(def)
}

// decodeConnector is the one way a stored definition becomes a Connector.
func decodeConnector(def string) (*platform.Connector, error) {
	var c platform.Connector
	if err := json.Unmarshal([]byte(def), &c); err != nil {
		return nil, err
	}
	return &c, nil
}
