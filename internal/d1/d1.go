//go:build js && wasm

// Package d1 opens a Cloudflare D1 binding of the running Worker for
// internal/sqlite: a *sql.DB through github.com/syumai/workers' d1 driver,
// and the batch func the store needs without transactions. It runs inside
// workerd only (syumai/workers reads the Worker's runtime context when it
// loads): cmd/xkit-worker uses it, and so does the store contract's run on
// D1 (internal/workertest's TestStoreContractOnD1).
//
//	db, batch, err := d1.Open("DB")
//	store, err := sqlite.New(ctx, db, sqlite.Options{NoTransactions: true, Batch: batch})
package d1

import (
	"context"
	"database/sql"
	"fmt"
	"syscall/js"

	"github.com/syumai/workers/cloudflare"
	cfd1 "github.com/syumai/workers/cloudflare/d1"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// Open opens the D1 binding name through database/sql (the d1 driver) and
// returns a batch func for the store's writes of several rows and its
// migrations: D1's batch() runs its statements as one transaction, which
// the driver does not expose.
func Open(name string) (*sql.DB, func(context.Context, []sqlite.Statement) error, error) {
	c, err := cfd1.OpenConnector(name)
	if err != nil {
		return nil, nil, fmt.Errorf("D1 binding %q: %w (see wrangler.toml [[d1_databases]])", name, err)
	}
	binding := cloudflare.GetBinding(name)
	batch := func(ctx context.Context, stmts []sqlite.Statement) error {
		var pending js.Value
		// prepare throws on a statement D1 cannot parse: an error, not a panic.
		if err := jsinterop.Catch(func() {
			prepared := make([]any, len(stmts))
			for i, s := range stmts {
				prepared[i] = binding.Call("prepare", s.SQL).Call("bind", s.Args...)
			}
			pending = binding.Call("batch", js.ValueOf(prepared))
		}); err != nil {
			return err
		}
		_, err := jsinterop.Await(ctx, pending)
		return err
	}
	return sql.OpenDB(c), batch, nil
}
