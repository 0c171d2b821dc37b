package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/platform"
)

var authorizationCases = []testCase{
	{"an authorization is found by id and by state", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		a := start(t, s, u, "key", "c1", "a1", now)
		for what, find := range map[string]func() (*platform.Authorization, error){
			"id":    func() (*platform.Authorization, error) { return s.FindAuthorization(ctx, "a1") },
			"state": func() (*platform.Authorization, error) { return s.FindAuthorizationByState(ctx, "state-a1") },
		} {
			got, err := find()
			require.NoError(t, err, "by %s", what)
			sameAuthorization(t, a, got)
		}
		_, err := s.FindAuthorization(ctx, "nope")
		code(t, platform.ENOTFOUND, err)
		_, err = s.FindAuthorizationByState(ctx, "nope")
		code(t, platform.ENOTFOUND, err)
	}},
	{"an update saves what a flow changes", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		a := start(t, s, u, "key", "c1", "a1", now.Add(-time.Minute))
		caller := map[string]string{"api_key": "secret-key", "region": "eu"}
		a.Status, a.DisplayLabel, a.AccessToken, a.RefreshToken = platform.StatusRetrievingTokens, "API Key ending in -key", "secret-key", "refresh"
		a.Fields, a.TokenExpiry, a.UpdatedAt = caller, now.Add(time.Hour), now
		require.NoError(t, s.UpdateAuthorization(ctx, a))
		got, err := s.FindAuthorization(ctx, "a1")
		require.NoError(t, err)
		sameAuthorization(t, a, got)
		assert.Equal(t, "secret-key", caller["api_key"], "the caller's fields are left alone")

		a.Status, a.ErrorCode, a.ErrorMessage, a.AccessToken = platform.StatusError, "token_exchange_failed", "No.", ""
		require.NoError(t, s.UpdateAuthorization(ctx, a))
		got, err = s.FindAuthorization(ctx, "a1")
		require.NoError(t, err)
		sameAuthorization(t, a, got)

		missing := awaiting("nope")
		code(t, platform.ENOTFOUND, s.UpdateAuthorization(ctx, missing))
	}},
	{"a flow nonce is kept only while awaiting the callback", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		a := start(t, s, u, "multi", "c1", "a1", now)
		h, err := s.FlowNonce(ctx, "a1")
		require.NoError(t, err)
		assert.Empty(t, h, "none set yet")
		require.NoError(t, s.SetFlowNonce(ctx, "a1", "hash-1"))
		h, err = s.FlowNonce(ctx, "a1")
		require.NoError(t, err)
		assert.Equal(t, "hash-1", h)
		fail(t, s, a, "access_denied")
		code(t, platform.ENOTFOUND, s.SetFlowNonce(ctx, "a1", "hash-2"), "not awaiting any more")
		h, err = s.FlowNonce(ctx, "a1")
		require.NoError(t, err)
		assert.Equal(t, "hash-1", h)
		code(t, platform.ENOTFOUND, s.SetFlowNonce(ctx, "nope", "hash"))
		_, err = s.FlowNonce(ctx, "nope")
		code(t, platform.ENOTFOUND, err)
	}},
	{"expiring turns stale awaiting authorizations to error", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		stale := start(t, s, u, "multi", "c1", "stale", now.Add(-11*time.Minute))
		edge := start(t, s, u, "multi", "c2", "edge", now.Add(-10*time.Minute))
		fresh := start(t, s, u, "multi", "c3", "fresh", now.Add(-time.Minute))
		done := start(t, s, u, "multi", "c4", "done", now.Add(-time.Hour))
		activate(t, s, done)
		ids, err := s.ExpireAuthorizations(ctx, now.Add(-10*time.Minute), now, platform.ExpiredCode, "It expired.")
		require.NoError(t, err)
		assert.Equal(t, []string{"stale"}, ids, "created before the cut-off and awaiting")
		stale.Status, stale.ErrorCode, stale.ErrorMessage, stale.UpdatedAt = platform.StatusError, platform.ExpiredCode, "It expired.", now
		for _, want := range []*platform.Authorization{stale, edge, fresh, done} {
			got, err := s.FindAuthorization(ctx, want.ID)
			require.NoError(t, err)
			sameAuthorization(t, want, got)
		}
		assert.Equal(t, map[string]string{"c4": "done"}, listed(t, s, u, ""), "connections as they were")
		ids, err = s.ExpireAuthorizations(ctx, now.Add(-10*time.Minute), now, platform.ExpiredCode, "It expired.")
		require.NoError(t, err)
		assert.Empty(t, ids, "once")
	}},
}

var settingCases = []testCase{
	{"settings are kept by key", func(t *testing.T, s platform.Store) {
		v, err := s.Setting(ctx, "k")
		require.NoError(t, err)
		assert.Empty(t, v, "unset")
		require.NoError(t, s.SetSetting(ctx, "k", "v1"))
		require.NoError(t, s.SetSetting(ctx, "other", "o"))
		require.NoError(t, s.SetSetting(ctx, "k", "v2"))
		for key, want := range map[string]string{"k": "v2", "other": "o"} {
			v, err := s.Setting(ctx, key)
			require.NoError(t, err)
			assert.Equal(t, want, v, key)
		}
	}},
	{"a CRM mapping is kept per connection", func(t *testing.T, s platform.Store) {
		u := seed(t, s, "u1")
		activate(t, s, start(t, s, u, "multi", "c1", "a1", now))
		m, err := s.CRMMapping(ctx, "c1")
		require.NoError(t, err)
		assert.Empty(t, m, "unset")
		require.NoError(t, s.SetCRMMapping(ctx, "c1", `{"a":1}`))
		require.NoError(t, s.SetCRMMapping(ctx, "c1", `{"a":2}`))
		m, err = s.CRMMapping(ctx, "c1")
		require.NoError(t, err)
		assert.JSONEq(t, `{"a":2}`, m)
	}},
	{"a demo code works once, until it expires", func(t *testing.T, s platform.Store) {
		require.NoError(t, s.PutDemoCode(ctx, "c1", `{"a":1}`, now.Add(time.Minute), now))
		require.NoError(t, s.PutDemoCode(ctx, "old", `{}`, now.Add(time.Second), now))
		_, err := s.TakeDemoCode(ctx, "old", now.Add(2*time.Second))
		code(t, platform.ENOTFOUND, err, "expired")
		g, err := s.TakeDemoCode(ctx, "c1", now)
		require.NoError(t, err)
		assert.Equal(t, `{"a":1}`, g)
		_, err = s.TakeDemoCode(ctx, "c1", now)
		code(t, platform.ENOTFOUND, err, "a code works once")
		_, err = s.TakeDemoCode(ctx, "nope", now)
		code(t, platform.ENOTFOUND, err)
	}},
}
