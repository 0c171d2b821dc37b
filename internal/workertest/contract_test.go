package workertest_test

import (
	"testing"

	"github.com/xkit-wasm/xkit/internal/workertest"
)

// TestStoreContractOnD1 runs the platform.Store contract
// (internal/platform/storetest) on D1 inside workerd: internal/d1's
// TestContract, the sqlite store without transactions over a D1 binding.
// Each case shows here as a subtest.
func TestStoreContractOnD1(t *testing.T) {
	skipUnlessAsked(t)
	workertest.RunGoTest(t, "./internal/d1")
}
