package server_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/seal"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

const api = "/api/platform_user"

// reply is a decoded answer.
type reply struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    string
}

// call sends a request; body is marshalled unless it is a string (sent as
// is). token "" sends no Authorization header.
func call(t *testing.T, c *http.Client, method, url, token string, body any, headers ...string) reply {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" { // what a DNS-rebound name makes a browser send
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	r := reply{Status: res.StatusCode, Header: res.Header, Raw: string(data)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		require.NoError(t, json.Unmarshal(data, &r.Body), "body %s", data)
	}
	return r
}

// obj walks nested JSON objects by key.
func obj(t *testing.T, v any, keys ...string) map[string]any {
	t.Helper()
	for _, k := range keys {
		m, ok := v.(map[string]any)
		require.True(t, ok, "not an object at %q: %v", k, v)
		v = m[k]
	}
	m, ok := v.(map[string]any)
	require.True(t, ok, "not an object: %v", v)
	return m
}

// counts returns the number of rows of each table, read through a second
// connection to the platform's database file.
func counts(t *testing.T, dbPath string) map[string]int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	defer db.Close()
	out := map[string]int{}
	for _, table := range []string{"users", "tokens", "connectors", "connections", "authorizations", "crm_mappings"} {
		var n int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM `+table).Scan(&n))
		out[table] = n
	}
	var enabled int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM connections WHERE enabled = 1`).Scan(&enabled))
	out["enabled"] = enabled
	var active int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM authorizations WHERE status != 'awaiting_callback'`).Scan(&active))
	out["completed"] = active
	return out
}

// clock is a settable time source.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// startWith runs a server with a custom config (the harness fixes its
// own); cfg.Store is filled in.
func startWith(t *testing.T, cfg server.Config) (*httptest.Server, string) {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "xkit.db")
	db, err := sqlite.Open(context.Background(), dbPath)
	require.NoError(t, err)
	ring, err := seal.ParseRing(seal.NewKey())
	require.NoError(t, err)
	store, err := seal.Open(context.Background(), db, db, ring)
	require.NoError(t, err)
	require.NoError(t, server.SeedDefaults(context.Background(), store))
	cfg.Store = store
	if cfg.PublishableKey == "" {
		cfg.PublishableKey, cfg.SecretKey = "pk", "sk"
	}
	srv := httptest.NewUnstartedServer(nil)
	if cfg.PublicURL == "" {
		cfg.PublicURL = "http://" + srv.Listener.Addr().String()
	}
	srv.Config.Handler = server.New(cfg)
	srv.Start()
	t.Cleanup(func() { srv.Close(); db.Close() })
	return srv, dbPath
}

// provision returns an access token for externalID on a startWith server.
func provision(t *testing.T, srv *httptest.Server, externalID string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/platform/users",
		strings.NewReader(`{"user":{"external_id":"`+externalID+`"}}`))
	req.SetBasicAuth("pk", "sk")
	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	require.NotEmpty(t, out.AccessToken)
	return out.AccessToken
}

// sessionCookie returns the xkit_session cookie a reply set, or nil.
func sessionCookie(r reply) *http.Cookie {
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "xkit_session" {
			return c
		}
	}
	return nil
}

func serverConfig(hooks bool) server.Config { return server.Config{TestHooks: hooks, Demo: true} }
