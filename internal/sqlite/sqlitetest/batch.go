// Package sqlitetest helps tests run the sqlite store the way the Worker
// runs it on D1: without transactions, every write of several rows as one
// atomic batch.
package sqlitetest

import (
	"context"
	"database/sql"

	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// Batch is a stand-in for D1's batch on raw: the statements in one
// transaction, all or nothing. Each batch is also appended to *seen when
// seen is not nil.
func Batch(raw *sql.DB, seen *[][]sqlite.Statement) func(context.Context, []sqlite.Statement) error {
	return func(ctx context.Context, stmts []sqlite.Statement) error {
		if seen != nil {
			*seen = append(*seen, stmts)
		}
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s.SQL, s.Args...); err != nil {
				tx.Rollback()
				return err
			}
		}
		return tx.Commit()
	}
}
