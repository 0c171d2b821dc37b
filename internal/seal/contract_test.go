package seal_test

import (
	"path/filepath"
	"testing"

	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/platform/storetest"
	"github.com/xkit-wasm/xkit/internal/seal"
)

// TestContract: the sealed store keeps the platform.Store contract over
// the SQLite store in both its modes: what it seals on the way in reads
// back opened, and it changes nothing else.
func TestContract(t *testing.T) {
	for name, open := range openers {
		t.Run(name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) platform.Store {
				return seal.Wrap(open(t, filepath.Join(t.TempDir(), "x.db")), ring(t, seal.NewKey()))
			})
		})
	}
}
