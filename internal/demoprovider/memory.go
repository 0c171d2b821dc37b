package demoprovider

import (
	"context"
	"sync"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// MemoryCodes keeps codes and refresh tokens in memory: for a provider
// process of its own, whose grants may end with it.
type MemoryCodes struct {
	mu sync.Mutex
	m  map[string]memoryGrant
}

type memoryGrant struct {
	grant   string
	expires time.Time
}

// NewMemoryCodes returns an empty MemoryCodes.
func NewMemoryCodes() *MemoryCodes { return &MemoryCodes{m: map[string]memoryGrant{}} }

// PutDemoCode keeps grant under key until expires, and forgets what has
// expired.
func (m *MemoryCodes) PutDemoCode(_ context.Context, key, grant string, expires, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, g := range m.m {
		if !g.expires.After(now) {
			delete(m.m, k)
		}
	}
	m.m[key] = memoryGrant{grant, expires}
	return nil
}

// TakeDemoCode removes and returns key's grant, if it has not expired.
func (m *MemoryCodes) TakeDemoCode(_ context.Context, key string, now time.Time) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	g, ok := m.m[key]
	delete(m.m, key)
	if !ok || !g.expires.After(now) {
		return "", platform.Errorf(platform.ENOTFOUND, "The code is unknown, used or expired.")
	}
	return g.grant, nil
}
