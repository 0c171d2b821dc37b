package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// openImpatient opens a store whose SQLite connections never wait for a
// lock (busy_timeout 0): two writers that met inside SQLite would fail at
// once with SQLITE_BUSY.
func openImpatient(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.db")
	d, err := open(context.Background(), path, 0)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	require.NoError(t, d.UpsertConnector(context.Background(), &platform.Connector{
		Slug: "sf", Name: "SF", Auth: platform.AuthOAuth2, SupportsMultipleConnections: true}))
	return d, path
}

// TestWritesTakeTurns: 64 users create and remove connections at the same
// moment; writes queue in Go, so none of them meets another in SQLite.
func TestWritesTakeTurns(t *testing.T) {
	d, _ := openImpatient(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64*10)
	start := make(chan struct{})
	for u := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user, err := d.EnsureUser(ctx, fmt.Sprint("user-", u))
			if err != nil {
				errs <- err
				return
			}
			<-start
			for i := range 5 {
				id := fmt.Sprintf("c-%d-%d", u, i)
				a := &platform.Authorization{ID: "a-" + id, Status: platform.StatusAwaitingCallback, State: "s-" + id}
				if _, err := d.StartAuthorization(ctx, user.ID, "sf", id, a, time.Now()); err != nil {
					errs <- err
				}
				if err := d.ActivateAuthorization(ctx, a, nil, time.Now()); err != nil {
					errs <- err
				}
				if err := d.DisableConnections(ctx, user.ID, []string{id}, time.Now()); err != nil {
					errs <- err
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a write failed: %v", err)
	}
}

// TestWaitingTooLongIsUnavailable: a write that cannot get its turn in
// time is EUNAVAILABLE with a message a person can act on; reads do not
// wait for writes.
func TestWaitingTooLongIsUnavailable(t *testing.T) {
	d, _ := openImpatient(t)
	ctx := context.Background()
	d.turnWait = time.Millisecond
	d.turn <- struct{}{} // a write that does not end
	_, err := d.EnsureUser(ctx, "u")
	assert.Equal(t, platform.EUNAVAILABLE, platform.ErrorCode(err))
	assert.Equal(t, "The platform is busy. Try again in a moment.", platform.ErrorMessage(err))
	cs, err := d.ListConnectors(ctx)
	require.NoError(t, err, "reads go on")
	assert.Len(t, cs, 1)
	<-d.turn
	_, err = d.EnsureUser(ctx, "u")
	assert.NoError(t, err)
}

// TestLockedByAnotherProcess: a writer outside this store (another
// process on the file) holds the lock past the busy timeout; the write is
// EUNAVAILABLE, never SQLITE_BUSY, and the driver's error stays as the
// cause for the log.
func TestLockedByAnotherProcess(t *testing.T) {
	d, path := openImpatient(t)
	ctx := context.Background()
	other, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	defer other.Close()
	c, err := other.Conn(ctx)
	require.NoError(t, err)
	defer c.Close()
	_, err = c.ExecContext(ctx, "BEGIN IMMEDIATE")
	require.NoError(t, err)

	_, err = d.EnsureUser(ctx, "u")
	assert.Equal(t, platform.EUNAVAILABLE, platform.ErrorCode(err))
	assert.Equal(t, "The platform is busy. Try again in a moment.", platform.ErrorMessage(err))
	assert.ErrorContains(t, err, "SQLITE_BUSY", "the cause, for the log")
	_, err = d.FindConnector(ctx, "sf")
	assert.NoError(t, err, "reads go on")

	_, err = c.ExecContext(ctx, "ROLLBACK")
	require.NoError(t, err)
	_, err = d.EnsureUser(ctx, "u")
	assert.NoError(t, err)
}
