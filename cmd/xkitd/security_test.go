package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var pair = []string{"XKIT_PUBLISHABLE_KEY=pk_t", "XKIT_SECRET_KEY=sk_t"}

// api calls xkitd's platform user API; token "" provisions with the pair.
func api(t *testing.T, method, url, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token == "" {
		req.SetBasicAuth("pk_t", "sk_t")
	} else {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// saveAPIKey provisions a user and saves an API key for acme-api, as the
// SDK's setAuthorizationFields does; it returns the user's token.
func saveAPIKey(t *testing.T, url, key string) string {
	t.Helper()
	_, out := api(t, "POST", url+"/api/platform/users", "", map[string]any{"user": map[string]string{"external_id": "u1"}})
	tok, _ := out["access_token"].(string)
	require.NotEmpty(t, tok, "%v", out)
	status, out := api(t, "POST", url+"/api/platform_user/connections/acme-api", tok, map[string]any{})
	require.Equal(t, 200, status, "%v", out)
	state := out["connection"].(map[string]any)["authorization"].(map[string]any)["state"]
	status, out = api(t, "PUT", url+"/api/platform_user/authorizations/acme-api", tok, map[string]any{"state": state, "api_key": key})
	require.Equal(t, 200, status, "%v", out)
	return tok
}

// storedKey reads the API key back through the API.
func storedKey(t *testing.T, url, tok string) string {
	t.Helper()
	status, out := api(t, "GET", url+"/api/platform_user/connections/acme-api", tok, nil)
	require.Equal(t, 200, status, "%v", out)
	return out["connection"].(map[string]any)["authorization"].(map[string]any)["access_token"].(string)
}

// grepA is `grep -a needle db db-wal db-shm`: the files that hold it.
func grepA(t *testing.T, db, needle string) []string {
	var found []string
	for _, f := range []string{db, db + "-wal", db + "-shm"} {
		if data, err := os.ReadFile(f); err == nil && bytes.Contains(data, []byte(needle)) {
			found = append(found, filepath.Base(f))
		}
	}
	return found
}

// fails runs xkitd expecting it to stop at once with an error; it returns
// what it printed.
func fails(t *testing.T, bin string, env []string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "xkitd should have refused to start:\n%s", out)
	return string(out)
}

// Issue 12, finding 5, at the level of the binary: a key file beside the
// database (0600, announced once), the API key in none of the database's
// files while xkitd runs and after it stops, the key pair sealed too, a
// wrong or missing key refused at start, and rotation.
func TestEncryptionAtRest(t *testing.T) {
	bin := build(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "xkit.db")
	const apiKey = "sk-live-binary-9c8b7a6f5e4d"

	p, url := start(t, bin, pair, "-addr", "127.0.0.1:0", "-db", db, "-quiet")
	out := strings.Join(p.seen, "\n")
	assert.Contains(t, out, "created the encryption key file "+db+".key")
	st, err := os.Stat(db + ".key")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	tok := saveAPIKey(t, url, apiKey)
	assert.Empty(t, grepA(t, db, apiKey), "running: WAL not checkpointed")
	assert.NotEmpty(t, grepA(t, db, "acme-api"), "the files were read")
	p.stop(t)
	assert.Empty(t, grepA(t, db, apiKey), "stopped")

	// The same key file: the key reads back; nothing announced again.
	p, url = start(t, bin, pair, "-addr", "127.0.0.1:0", "-db", db, "-quiet")
	assert.NotContains(t, strings.Join(p.seen, "\n"), "created the encryption key file")
	assert.Equal(t, apiKey, storedKey(t, url, tok))
	p.stop(t)

	// A wrong key: a clear error, nothing served.
	out = fails(t, bin, append(pair, "XKIT_ENCRYPTION_KEY=d3JvbmcgZW5jcnlwdGlvbiBrZXkgb2YgMzIgYnl0ZXM="), "-addr", "127.0.0.1:0", "-db", db)
	assert.Contains(t, out, "wrong encryption key")
	assert.NotContains(t, out, "listening")
	// A key file others may read: refused, with the fix.
	require.NoError(t, os.Chmod(db+".key", 0o644))
	out = fails(t, bin, pair, "-addr", "127.0.0.1:0", "-db", db)
	assert.Contains(t, out, "chmod 600 "+db+".key")
	require.NoError(t, os.Chmod(db+".key", 0o600))
	// A lost key file: an error, not a new key that opens nothing.
	keyFile, err := os.ReadFile(db + ".key")
	require.NoError(t, err)
	require.NoError(t, os.Remove(db+".key"))
	out = fails(t, bin, pair, "-addr", "127.0.0.1:0", "-db", db)
	assert.Contains(t, out, db+".key is missing")
	_, err = os.Stat(db + ".key")
	assert.True(t, os.IsNotExist(err), "no new key file was made")
	require.NoError(t, os.WriteFile(db+".key", keyFile, 0o600))

	// Rotation: a new key in the file, the secrets re-sealed with it.
	rot, err := exec.Command(bin, "keys", "rotate-encryption", "-db", db).CombinedOutput()
	require.NoError(t, err, "%s", rot)
	assert.Contains(t, string(rot), "sealed the secrets of "+db+" with the new encryption key")
	rotated, err := os.ReadFile(db + ".key")
	require.NoError(t, err)
	assert.NotEqual(t, keyFile, rotated)
	assert.Len(t, strings.Fields(string(rotated)), 1, "the old key is gone from the file")
	p, url = start(t, bin, pair, "-addr", "127.0.0.1:0", "-db", db, "-quiet")
	assert.Equal(t, apiKey, storedKey(t, url, tok), "readable with the new key")
	p.stop(t)
	require.NoError(t, os.WriteFile(db+".key", keyFile, 0o600))
	out = fails(t, bin, pair, "-addr", "127.0.0.1:0", "-db", db)
	assert.Contains(t, out, "wrong encryption key", "the old key no longer opens them")
}

// A database of an older xkitd, with secrets in plain text, is sealed on
// its first start with a key, and its data reads back the same.
func TestPlainRowsMigrated(t *testing.T) {
	bin := build(t)
	db := filepath.Join(t.TempDir(), "old.db")
	const apiKey = "sk-plain-from-before-3e2d"
	ctx := context.Background()
	old, err := sqlite.Open(ctx, db)
	require.NoError(t, err)
	require.NoError(t, old.UpsertConnector(ctx, &platform.Connector{Slug: "acme-api", Name: "Acme API", Auth: platform.AuthAPIKey,
		CollectFields: []platform.CollectField{{Name: "api_key", Label: "API Key"}}}))
	u, err := old.EnsureUser(ctx, "u1")
	require.NoError(t, err)
	a := &platform.Authorization{ID: uuid.NewString(), Status: platform.StatusActive, State: uuid.NewString(),
		AccessToken: apiKey, Fields: map[string]string{"api_key": apiKey}}
	_, err = old.StartAuthorization(ctx, u.ID, "acme-api", uuid.NewString(), a, time.Now())
	require.NoError(t, err)
	require.NoError(t, old.ActivateAuthorization(ctx, a, nil, time.Now()))
	require.NoError(t, old.Close())
	require.NotEmpty(t, grepA(t, db, apiKey), "plain before")

	p, url := start(t, bin, pair, "-addr", "127.0.0.1:0", "-db", db, "-quiet")
	_, out := api(t, "POST", url+"/api/platform/users", "", map[string]any{"user": map[string]string{"external_id": "u1"}})
	assert.Equal(t, apiKey, storedKey(t, url, out["access_token"].(string)))
	p.stop(t)
	assert.Empty(t, grepA(t, db, apiKey), "sealed after")
}

// Issue 12, smaller item: -quiet silenced internal errors too. Now it
// silences the request lines only. A row the store cannot read is a 503
// (never a 500) whose cause reaches the log.
func TestQuietKeepsErrors(t *testing.T) {
	bin := build(t)
	db := filepath.Join(t.TempDir(), "xkit.db")
	p, url := start(t, bin, pair, "-addr", "127.0.0.1:0", "-db", db, "-quiet")
	raw, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	defer raw.Close()
	_, err = raw.Exec(`UPDATE connectors SET definition = 'not json' WHERE slug = 'slack'`) // a damaged row
	require.NoError(t, err)
	status, out := api(t, "GET", url+"/api/platform_user/platform/connectors", "none", nil)
	assert.Equal(t, 503, status)
	assert.Equal(t, "The platform could not read or save this just now. Try again in a moment.", out["error"])
	p.stop(t)
	logged := p.stderr.String()
	assert.Contains(t, logged, "unavailable error: GET /api/platform_user/platform/connectors")
	assert.Contains(t, logged, "invalid character", "the cause is logged")
	assert.NotContains(t, logged, "GET /api/platform_user/platform/connectors 503", "no request line")
}
