//go:build !js

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Open opens (creating if needed) the SQLite file at path with
// modernc.org/sqlite (WAL, foreign keys, a busy timeout) and migrates it to
// the newest schema version. Not on js: there D1 comes through New.
func Open(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// IMMEDIATE: a write transaction takes the write lock at BEGIN, so two
	// writers wait for each other instead of failing on lock upgrade.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	d, err := New(ctx, db, Options{})
	if err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}
