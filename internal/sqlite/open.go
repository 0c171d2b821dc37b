//go:build !js

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// readConns is how many connections serve reads at once. Reads are CPU
// work in this process (modernc.org/sqlite is Go), so a few per core keep
// the cores busy; idle ones stay open, as opening one reads the schema.
const readConns = 8

// Open opens (creating if needed) the SQLite file at path with
// modernc.org/sqlite and migrates it to the newest schema version: WAL,
// foreign keys, one connection for writes (they take turns, see tx) and a
// pool of query-only connections for reads. Not on js: there D1 comes
// through New.
func Open(ctx context.Context, path string) (*DB, error) { return open(ctx, path, busyTimeout) }

// busyTimeout is how long SQLite waits for a lock that a writer of another
// process holds, in milliseconds (writes of this process take turns in Go
// and never meet there).
const busyTimeout = 5000

// open is Open with another busy timeout (tests).
func open(ctx context.Context, path string, busyMS int) (*DB, error) {
	// IMMEDIATE: a write transaction takes the write lock at BEGIN.
	w, err := openPool(path, 1, busyMS, "_txlock=immediate")
	if err != nil {
		return nil, err
	}
	// The writer creates the file and turns WAL on before any reader opens.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r, err := openPool(path, readConns, busyMS, "_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, err
	}
	d, err := newDB(ctx, r, w, Options{})
	if err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	return d, nil
}

// openPool opens path with the common pragmas plus extra (a query string)
// and keeps up to n connections open.
func openPool(path string, n, busyMS int, extra string) (*sql.DB, error) {
	more, err := url.ParseQuery(extra)
	if err != nil {
		return nil, err
	}
	q := url.Values{"_pragma": {"foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)",
		fmt.Sprintf("busy_timeout(%d)", busyMS)}}
	for k, vs := range more {
		q[k] = append(q[k], vs...)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	return db, nil
}
