package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// reads runs queries on the read pool through statements prepared once per
// query text and kept: modernc.org/sqlite otherwise parses the SQL on every
// call, a fifth of GET /connectors. It is a conn, so helpers that also run
// inside tx take either.
type reads struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func newReads(db *sql.DB) *reads { return &reads{db: db, stmts: map[string]*sql.Stmt{}} }

// stmt returns the kept statement of query, preparing it the first time.
func (r *reads) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.stmts[query]; ok {
		return s, nil
	}
	s, err := r.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	r.stmts[query] = s
	return s, nil
}

func (r *reads) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := r.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (r *reads) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := r.stmt(ctx, query)
	if err != nil {
		// The same query unprepared carries the error in its Row.
		return r.db.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

// ExecContext is for the conn interface only: reads do not write.
func (r *reads) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.db.ExecContext(ctx, query, args...)
}

func (r *reads) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.stmts {
		s.Close()
	}
	clear(r.stmts)
}
