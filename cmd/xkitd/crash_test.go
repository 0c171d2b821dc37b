package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
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
// be there with its authorization, every one whose authorization it then
// saved as active must be enabled, and every removal it answered 200 for
// must have stuck. The kill comes after a number of acknowledged writes,
// while writers are still sending.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	bin, err := xkitdproc.Build(filepath.Join("..", ".."), t.TempDir())
	require.NoError(t, err)
	dir := t.TempDir()
	db, seed := filepath.Join(dir, "xkit.db"), filepath.Join(dir, "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(crashSeed), 0o600))
	var acked writes // over every round
	for round := range 3 {
		p, err := xkitdproc.Start(xkitdproc.Options{Bin: bin, DB: db, Args: []string{"-seed", seed}})
		require.NoError(t, err, "round %d", round)
		w := writeUntilKilled(t, p, 150)
		t.Logf("round %d: %d connections, %d activations and %d removals acknowledged before kill -9",
			round, len(w.created), len(w.activated), len(w.removed))
		acked.created = append(acked.created, w.created...)
		acked.activated = append(acked.activated, w.activated...)
		acked.removed = append(acked.removed, w.removed...)
		acked.unsure = append(acked.unsure, w.unsure...)
		checkAfterCrash(t, db, acked)
	}
}

// crashSeed is an API-key connector of many connections: a writer
// finishes a connection's authorization with one request (the SDK's
// setAuthorizationFields), as a user saving a key in the popup does.
const crashSeed = `{"connectors":[{"slug":"keys","name":"Keys","auth":"api_key","supports_multiple_connections":true,
	"collect_fields":[{"name":"api_key","label":"API Key"}]}]}`

// writes are what xkitd answered: connections it created, connections
// whose authorization it saved as active (enabled), connections it
// removed, and activations or removals sent without an answer (either
// outcome is right).
type writes struct {
	created, activated, removed, unsure []string
}

// writeUntilKilled runs 8 writers against p, each creating a connection,
// activating it and removing every other one; after n acknowledged
// activations it kills p.
func writeUntilKilled(t *testing.T, p *xkitdproc.Process, n int) writes {
	token := provisionProc(t, p, "crash-user")
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		once sync.Once
		w    writes
	)
	killed := make(chan struct{})
	// record appends id to *list, or to unsure when err says the write got
	// no answer; it reports whether it was acknowledged.
	record := func(list *[]string, id string, err error) bool {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			w.unsure = append(w.unsure, id)
			return false
		}
		*list = append(*list, id)
		if list == &w.activated && len(w.activated) == n {
			once.Do(func() { p.Kill(); close(killed) })
		}
		return true
	}
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
					Connection struct {
						ID            string
						Authorization struct{ State string }
					} `json:"connection"`
				}
				if callProc(p, token, "POST", "/connections/keys", `{}`, &out) != nil {
					continue // the kill: unacknowledged
				}
				id := out.Connection.ID
				record(&w.created, id, nil)
				key := fmt.Sprintf(`{"state":%q,"api_key":"key-%d-%d"}`, out.Connection.Authorization.State, writer, i)
				if !record(&w.activated, id, callProc(p, token, "PUT", "/authorizations/keys", key, nil)) {
					continue
				}
				if (writer+i)%2 == 1 {
					continue
				}
				record(&w.removed, id, callProc(p, token, "DELETE", "/connection/"+id, "", nil))
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
	set := func(ids []string) map[string]bool {
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	gone, unsure := set(acked.removed), set(acked.unsure)
	lost := 0
	for _, id := range acked.created {
		if _, ok := enabled[id]; !ok {
			lost++
		}
	}
	require.Zero(t, lost, "acknowledged connections (with their authorization) missing, of %d", len(acked.created))
	for _, id := range acked.activated {
		if !unsure[id] {
			assert.Equal(t, !gone[id], enabled[id], "connection %s: enabled", id)
		}
	}
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
