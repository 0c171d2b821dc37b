package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// conn is what both *sql.DB and *sql.Tx offer.
type conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tx runs fn as this process's one write at a time, in a transaction
// committed when fn returns nil. Every write of the store goes through it.
//
// Taking turns in Go, in the order writes came, is what keeps SQLite's
// lock out of the way: with several connections writing at once, all but
// one wait in SQLite's busy handler, which sleeps and polls, and under
// load some gave up with SQLITE_BUSY. A write that waits longer than
// turnWait, or that the database refuses, returns EUNAVAILABLE.
//
// Without transactions (D1, whose API cannot BEGIN) fn runs its statements
// straight on the database, and the store writes so that this is safe:
// every write that touches several rows sends them as one atomic batch
// (atomic: StartAuthorization, ActivateAuthorization, UpsertConnector,
// PutDemoCode, migrations), and the others are single statements
// (upserts, RETURNING, all-or-nothing WHERE clauses). Reads inside fn see
// other requests' writes between statements (no isolation):
// StartAuthorization re-checks ownership inside its batch.
func (d *DB) tx(ctx context.Context, fn func(q conn) error) (err error) {
	defer storeError(&err)
	done, err := d.takeTurn(ctx)
	if err != nil {
		return err
	}
	defer done()
	if d.opts.NoTransactions {
		return fn(d.ws.on(nil))
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	// Still our turn after the transaction: the writer connection is free
	// to prepare what the transaction ran for the first time.
	defer d.ws.prepareSeen(context.WithoutCancel(ctx))
	if err := fn(d.ws.on(tx)); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

var errBusy = &platform.Error{Code: platform.EUNAVAILABLE, Message: "The platform is busy. Try again in a moment."}

// takeTurn waits until no other write of this process runs (at most
// turnWait) and returns the func that ends the turn. Waiting writers get
// their turn in the order they asked (a channel's senders queue FIFO;
// database/sql hands a freed connection to a random waiter).
func (d *DB) takeTurn(ctx context.Context) (func(), error) {
	done := func() { <-d.turn }
	select {
	case d.turn <- struct{}{}:
		return done, nil
	default:
	}
	t := time.NewTimer(d.turnWait)
	defer t.Stop()
	select {
	case d.turn <- struct{}{}:
		return done, nil
	case <-t.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// atomic runs stmts so that all or none of them take effect: on q, the
// transaction of tx, or, without transactions, as one D1 batch.
func (d *DB) atomic(ctx context.Context, q conn, stmts ...Statement) error {
	if d.opts.NoTransactions {
		return d.opts.Batch(ctx, stmts)
	}
	for _, st := range stmts {
		if _, err := q.ExecContext(ctx, st.SQL, st.Args...); err != nil {
			return err
		}
	}
	return nil
}

// storeError turns what the driver reported into a platform error, the
// one place that does: platform errors pass, a busy or locked database
// and every other failure of the database become EUNAVAILABLE (a 503 with
// Retry-After, never a 500), with the driver's error kept as the cause
// for the log. Store methods defer it on their named error.
func storeError(errp *error) {
	err := *errp
	var pe *platform.Error
	switch {
	case err == nil || errors.As(err, &pe):
	case busy(err):
		*errp = &platform.Error{Code: platform.EUNAVAILABLE, Message: errBusy.Message, Err: err}
	default:
		*errp = &platform.Error{Code: platform.EUNAVAILABLE,
			Message: "The platform could not read or save this just now. Try again in a moment.", Err: err}
	}
}

// busy reports SQLITE_BUSY or SQLITE_LOCKED: from modernc.org/sqlite by
// its result code, from D1 by its message.
func busy(err error) bool {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		code := coded.Code() & 0xff // the primary code of an extended one
		return code == 5 || code == 6
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "D1 DB is overloaded")
}
