package server_test

import (
	"bytes"
	"context"
	"errors"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// busyStore is the real store whose connection writes fail as the sqlite
// store reports a database that stayed locked.
type busyStore struct{ platform.Store }

var errBusyDB = &platform.Error{Code: platform.EUNAVAILABLE, Message: "The platform is busy. Try again in a moment.",
	Err: errors.New("database is locked (5) (SQLITE_BUSY)")}

func (busyStore) StartAuthorization(context.Context, int64, string, string, *platform.Authorization, time.Time) (*platform.Connection, error) {
	return nil, errBusyDB
}

func (busyStore) DisableConnections(context.Context, int64, []string, time.Time) error {
	return errBusyDB
}

// TestUnavailableIs503: a store that cannot write answers 503 with
// Retry-After and the store's message, never a 500; the driver's error
// goes to the log only.
func TestUnavailableIs503(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, server.SeedDefaults(ctx, db))
	var logs bytes.Buffer
	srv := httptest.NewUnstartedServer(nil)
	srv.Config.Handler = server.New(server.Config{Demo: true, Store: busyStore{db}, PublishableKey: "pk", SecretKey: "sk",
		PublicURL: "http://" + srv.Listener.Addr().String(), Logger: log.New(&logs, "", 0)})
	srv.Start()
	defer srv.Close()
	tok := provision(t, srv, "u1")
	// A connection to remove, written past the failing store.
	u, err := db.EnsureUser(ctx, "u1")
	require.NoError(t, err)
	a := &platform.Authorization{ID: "a1", Status: platform.StatusActive, State: "s1"}
	_, err = db.StartAuthorization(ctx, u.ID, "github", "4d1f7e0e-1111-4c8e-9d55-2f0c1a3b5e77", a, time.Now())
	require.NoError(t, err)
	require.NoError(t, db.ActivateAuthorization(ctx, a, nil, time.Now()))

	for _, req := range []struct{ method, path string }{
		{"POST", "/connections/slack"},
		{"DELETE", "/connection/4d1f7e0e-1111-4c8e-9d55-2f0c1a3b5e77"},
		{"DELETE", "/connections/github"},
	} {
		t.Run(req.method+" "+req.path, func(t *testing.T) {
			r := call(t, srv.Client(), req.method, srv.URL+api+req.path, tok, map[string]any{})
			assert.Equal(t, http.StatusServiceUnavailable, r.Status, r.Raw)
			assert.Equal(t, "1", r.Header.Get("Retry-After"))
			assert.Equal(t, "The platform is busy. Try again in a moment.", r.Body["error"])
			assert.NotContains(t, r.Raw, "SQLITE")
		})
	}
	assert.Contains(t, logs.String(), "unavailable error: POST /api/platform_user/connections/slack")
	assert.Contains(t, logs.String(), "SQLITE_BUSY", "the cause is logged")
}
