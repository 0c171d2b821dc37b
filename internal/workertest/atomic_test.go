package workertest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/workertest"
)

// TestAtomicWritesOnD1: on D1 a connection and its new authorization are
// written as one batch. With a trigger that refuses every new
// authorization, creating a connection and reconnecting a removed one
// both fail with a 503 and Retry-After, and leave nothing half-written:
// no new connection, the removed one still removed. (Activating is one
// batch too: TestStoreContractOnD1.)
func TestAtomicWritesOnD1(t *testing.T) {
	skipUnlessAsked(t)
	w := workertest.Start(t, workertest.Options{})
	tw := target{URL: w.URL, UserToken: w.UserToken}
	tok := w.UserToken(t, "atomic-user")
	b := popup(t, w, tok)
	removedID := b.Connect(t, tok, "salesforce", "")["id"].(string)
	require.Equal(t, 200, call(t, "DELETE", w.URL+api+"/connection/"+removedID, tok, nil).Status)
	// Two wrangler runs (each takes seconds): the trigger goes in with the
	// first look, out with the second.
	const state = `SELECT c.id, c.enabled, c.updated_at, (SELECT COUNT(*) FROM authorizations a
		WHERE a.connection_id = c.id) AS authorizations FROM connections c ORDER BY c.seq`
	before := w.SQL(t, `CREATE TRIGGER refuse_authorizations BEFORE INSERT ON authorizations
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END; `+state)
	require.Len(t, before, 1)

	for _, body := range []map[string]any{{}, {"id": removedID}} {
		r := call(t, "POST", w.URL+api+"/connections/salesforce", tok, body)
		assert.Equal(t, 503, r.Status, r.Raw)
		assert.Equal(t, "1", r.Header.Get("Retry-After"))
		assert.NotEmpty(t, r.Body["error"])
		assert.NotContains(t, r.Raw, "SQLITE", "the cause stays in the log")
	}
	assert.Empty(t, connectionIDs(t, tw, tok))
	assert.Equal(t, before, w.SQL(t, `DROP TRIGGER refuse_authorizations; `+state), "nothing half-written")

	_, auth := b.Start(t, tok, "salesforce", removedID)
	status, page := b.Decide(t, auth, "allow")
	require.Equal(t, 200, status, page)
	assert.Len(t, connectionIDs(t, tw, tok), 1, "the reconnect works once nothing refuses it")
}
