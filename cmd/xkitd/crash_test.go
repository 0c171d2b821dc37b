package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdproc"
)

// TestCrashKeepsAcknowledgedWrites kills xkitd with SIGKILL in the middle
// of a write load, three times on the same database: each time the file
// must pass integrity_check, every connection xkitd answered 200 for must
// be there with its authorization, and every removal it answered 200 for
// must have stuck. The kill comes after a number of acknowledged writes,
// while writers are still sending.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	bin, err := xkitdproc.Build(filepath.Join("..", ".."), t.TempDir())
	require.NoError(t, err)
	db := filepath.Join(t.TempDir(), "xkit.db")
	var acked writes // over every round
	for round := range 3 {
		p, err := xkitdproc.Start(xkitdproc.Options{Bin: bin, DB: db})
		require.NoError(t, err, "round %d", round)
		w := writeUntilKilled(t, p, 150)
		t.Logf("round %d: %d connections and %d removals acknowledged before kill -9", round, len(w.created), len(w.removed))
		acked.created = append(acked.created, w.created...)
		acked.removed = append(acked.removed, w.removed...)
		acked.unsure = append(acked.unsure, w.unsure...)
		checkAfterCrash(t, db, acked)
	}
}

// writes are what xkitd answered: connections it created, connections it
// removed, and removals sent without an answer (either outcome is right).
type writes struct {
	created, removed, unsure []string
}

// writeUntilKilled runs 8 writers against p, each creating a connection
// and removing every other one it created; after n acknowledged creations
// it kills p.
func writeUntilKilled(t *testing.T, p *xkitdproc.Process, n int) writes {
	token := provisionProc(t, p, "crash-user")
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		once sync.Once
		w    writes
	)
	killed := make(chan struct{})
	for writer := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-killed:
					return
				default:
				}
				var out struct {
					Connection struct{ ID string } `json:"connection"`
				}
				if callProc(p, token, "POST", "/connections/salesforce", `{}`, &out) != nil {
					continue // the kill: unacknowledged
				}
				id := out.Connection.ID
				mu.Lock()
				w.created = append(w.created, id)
				if len(w.created) == n {
					once.Do(func() { p.Kill(); close(killed) })
				}
				mu.Unlock()
				if (writer+i)%2 == 1 {
					continue
				}
				err := callProc(p, token, "DELETE", "/connection/"+id, "", nil)
				mu.Lock()
				if err == nil {
					w.removed = append(w.removed, id)
				} else {
					w.unsure = append(w.unsure, id)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return w
}

// checkAfterCrash opens the file as the next xkitd would (recovering the
// WAL) and checks it against what was acknowledged.
func checkAfterCrash(t *testing.T, path string, acked writes) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	defer db.Close()
	var check string
	require.NoError(t, db.QueryRow(`PRAGMA integrity_check`).Scan(&check))
	require.Equal(t, "ok", check)
	enabled := map[string]bool{}
	rows, err := db.Query(`SELECT id, enabled FROM connections c
		WHERE EXISTS (SELECT 1 FROM authorizations a WHERE a.connection_id = c.id)`)
	require.NoError(t, err)
	for rows.Next() {
		var id string
		var on bool
		require.NoError(t, rows.Scan(&id, &on))
		enabled[id] = on
	}
	require.NoError(t, rows.Err())
	rows.Close()
	gone, unsure := map[string]bool{}, map[string]bool{}
	for _, id := range acked.removed {
		gone[id] = true
	}
	for _, id := range acked.unsure {
		unsure[id] = true
	}
	lost := 0
	for _, id := range acked.created {
		on, ok := enabled[id]
		if !ok {
			lost++
		} else if !unsure[id] {
			assert.Equal(t, !gone[id], on, "connection %s: enabled", id)
		}
	}
	require.Zero(t, lost, "acknowledged connections (with their authorization) missing, of %d", len(acked.created))
}

func provisionProc(t *testing.T, p *xkitdproc.Process, externalID string) string {
	t.Helper()
	req, _ := http.NewRequest("POST", p.URL+"/api/platform/users", bytes.NewReader(
		fmt.Appendf(nil, `{"user":{"external_id":%q}}`, externalID)))
	req.SetBasicAuth(xkitdproc.PublishableKey, xkitdproc.SecretKey)
	var out struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, doProc(req, &out))
	return out.AccessToken
}

// callProc calls the platform user API; any answer but 200 is an error.
func callProc(p *xkitdproc.Process, token, method, path, body string, out any) error {
	req, err := http.NewRequestWithContext(context.Background(), method, p.URL+"/api/platform_user"+path, bytes.NewReader([]byte(body)))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return doProc(req, out)
}

func doProc(req *http.Request, out any) error {
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", res.Status, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}
