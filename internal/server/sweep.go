package server

import (
	"context"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// sweep deletes expired tokens and sessions (every provisioning and every
// refresh adds a row; without it they stay forever) and turns stale
// authorizations (awaiting their callback past AuthorizationTTL) to error,
// telling their sockets. It runs from issue, at most once per SweepEvery
// in a process: no timer, so it works the same on a Worker, whose
// instances live for one request (there it runs on every issued token, one
// indexed DELETE and one indexed UPDATE). A failed sweep is logged and
// tried again next time; it never fails the request.
func (s *Server) sweep(ctx context.Context) {
	now := s.cfg.Now()
	last := s.lastSweep.Load()
	if now.UnixMilli()-last < s.cfg.SweepEvery.Milliseconds() || !s.lastSweep.CompareAndSwap(last, now.UnixMilli()) {
		return
	}
	if _, err := s.cfg.Store.DeleteExpiredTokens(ctx, now); err != nil {
		s.logf("sweep: expired tokens: %v", err)
	}
	if _, err := s.expireAuthorizations(ctx, now.Add(-s.cfg.AuthorizationTTL), now); err != nil {
		s.logf("sweep: stale authorizations: %v", err)
	}
}

// expireAuthorizations turns the authorizations awaiting their callback
// since before createdBefore to error (platform.ExpiredCode) and tells
// their sockets.
func (s *Server) expireAuthorizations(ctx context.Context, createdBefore, now time.Time) ([]string, error) {
	ttl := s.cfg.AuthorizationTTL
	ids, err := s.cfg.Store.ExpireAuthorizations(ctx, createdBefore, now, platform.ExpiredCode, platform.ExpiredMessage(ttl))
	for _, id := range ids {
		s.hub.Publish(id, string(platform.StatusError))
	}
	return ids, err
}
