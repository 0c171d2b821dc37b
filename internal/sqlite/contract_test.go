package sqlite_test

import (
	"testing"

	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/platform/storetest"
)

// TestContract: the SQLite store keeps the platform.Store contract, with
// transactions (xkitd) and without, every write of several rows as one
// batch (the Worker's D1 path). D1 itself runs the same cases inside
// workerd: internal/workertest's TestStoreContractOnD1.
func TestContract(t *testing.T) {
	bothModes(t, func(t *testing.T, open opener) {
		storetest.Run(t, func(t *testing.T) platform.Store {
			db, _ := open(t)
			return db
		})
	})
}
