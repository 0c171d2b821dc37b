package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// stmts keeps statements prepared once per query text on one *sql.DB:
// modernc.org/sqlite otherwise parses the SQL on every call, a fifth of
// GET /connectors and a quarter of a write. on gives the conn that uses
// them, on the pool or inside a transaction.
//
// The writer pool has one connection, which its transaction holds: a
// query first seen inside a transaction runs unprepared and is prepared
// when the transaction has ended (prepareSeen), never while it runs.
type stmts struct {
	db   *sql.DB
	mu   sync.Mutex
	kept map[string]*sql.Stmt
	seen map[string]bool // in a transaction, not prepared yet
}

func newStmts(db *sql.DB) *stmts {
	return &stmts{db: db, kept: map[string]*sql.Stmt{}, seen: map[string]bool{}}
}

func (s *stmts) lookup(query string) *sql.Stmt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.kept[query]
}

// prepare returns the kept statement of query, preparing it the first
// time (on a free connection of the pool).
func (s *stmts) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := s.lookup(query); st != nil {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.kept[query]; ok { // prepared meanwhile by another caller
		st.Close()
		return old, nil
	}
	s.kept[query] = st
	return st, nil
}

// prepareSeen prepares the queries transactions ran unprepared; tx calls
// it after its transaction, while no other write can take the connection.
func (s *stmts) prepareSeen(ctx context.Context) {
	s.mu.Lock()
	queries := make([]string, 0, len(s.seen))
	for q := range s.seen {
		queries = append(queries, q)
	}
	clear(s.seen)
	s.mu.Unlock()
	for _, q := range queries {
		s.prepare(ctx, q) // a failure leaves the query unprepared
	}
}

func (s *stmts) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.kept {
		st.Close()
	}
	clear(s.kept)
}

// on returns a conn whose queries use the kept statements: on the pool
// when tx is nil, else inside tx.
func (s *stmts) on(tx *sql.Tx) conn { return preparedConn{s, tx} }

type preparedConn struct {
	s  *stmts
	tx *sql.Tx
}

// stmt is the statement to run query with, or nil to run it unprepared.
func (p preparedConn) stmt(ctx context.Context, query string) *sql.Stmt {
	if p.tx == nil {
		st, _ := p.s.prepare(ctx, query)
		return st
	}
	if st := p.s.lookup(query); st != nil {
		return p.tx.StmtContext(ctx, st)
	}
	p.s.mu.Lock()
	p.s.seen[query] = true
	p.s.mu.Unlock()
	return nil
}

// unprepared is the pool or the transaction.
func (p preparedConn) unprepared() conn {
	if p.tx != nil {
		return p.tx
	}
	return p.s.db
}

func (p preparedConn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.unprepared().QueryContext(ctx, query, args...)
}

func (p preparedConn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.unprepared().QueryRowContext(ctx, query, args...)
}

func (p preparedConn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return p.unprepared().ExecContext(ctx, query, args...)
}
