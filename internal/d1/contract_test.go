//go:build js && wasm

package d1_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/d1"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/platform/storetest"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// TestContract runs the platform.Store contract on D1: the sqlite store
// without transactions (every write of several rows one D1 batch) over the
// Worker's DB binding. It runs inside workerd only, where the binding is:
// internal/workertest's TestStoreContractOnD1 builds this test (go test
// -c) and runs it in a Worker under wrangler dev. The sealed store is left
// to the native runs (both SQLite modes): it only changes values, which
// D1 stores like any others.
func TestContract(t *testing.T) {
	ctx := context.Background()
	db, batch, err := d1.Open("DB")
	require.NoError(t, err)
	// fresh is the migrated store with no rows: D1 cannot be made anew per
	// case, so every table is emptied (in one batch), and the connectors'
	// version moves on so no kept list survives.
	fresh := func(t *testing.T) *sqlite.DB {
		s, err := sqlite.New(ctx, db, sqlite.Options{NoTransactions: true, Batch: batch})
		require.NoError(t, err)
		var empty []sqlite.Statement
		for _, table := range []string{"crm_mappings", "authorizations", "connections", "tokens", "users",
			"connectors", "settings", "demo_codes"} {
			empty = append(empty, sqlite.Statement{SQL: "DELETE FROM " + table})
		}
		empty = append(empty, sqlite.Statement{SQL: "UPDATE connectors_version SET version = version + 1"})
		require.NoError(t, batch(ctx, empty))
		return s
	}
	storetest.Run(t, func(t *testing.T) platform.Store { return fresh(t) })
}
