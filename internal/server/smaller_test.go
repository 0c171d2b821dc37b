package server_test

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// Issue 12, smaller items.

// mark_url reached the catalog's <img src> whatever its scheme. A seed may
// now give only https:, http:, raster data: images or a platform path, and
// the error names the connector and the field.
func TestSeedMarkURLChecked(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer db.Close()
	seed := func(mark string) error {
		path := filepath.Join(t.TempDir(), "seed.json")
		require.NoError(t, os.WriteFile(path, []byte(`{"connectors":[{"name":"Evil","slug":"evil","mark_url":`+quoteJSON(mark)+`}]}`), 0o644))
		_, err := server.LoadSeedFile(ctx, db, path, true)
		return err
	}
	for _, bad := range []string{"javascript:alert(document.cookie)", "data:image/svg+xml,<svg onload=alert(1)>",
		"data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "//evil.example/x.png"} {
		err := seed(bad)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), `"evil"`, "names the connector")
		assert.Contains(t, err.Error(), "mark_url", "names the field")
	}
	cs, err := db.ListConnectors(ctx)
	require.NoError(t, err)
	assert.Empty(t, cs, "nothing stored")
	for _, good := range []string{"https://cdn.example/evil.png", "http://127.0.0.1/x.png", "data:image/png;base64,iVBORw0KGgo=", "/logos/evil.svg", ""} {
		assert.NoError(t, seed(good), good)
	}
}

// A bad mark_url stored before seeds were checked is not served: the
// connector gets the platform's own logo.
func TestStoredBadMarkURLNotServed(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	raw, err := sql.Open("sqlite", "file:"+p.DBPath+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	defer raw.Close()
	_, err = raw.Exec(`UPDATE connectors SET definition = json_set(definition, '$.mark_url', 'javascript:alert(1)') WHERE slug = 'slack'`)
	require.NoError(t, err)
	r := call(t, p.Client(), "GET", p.URL+api+"/platform/connectors/slack", "", nil)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, p.URL+"/logos/slack.svg", obj(t, r.Body, "connector")["mark_url"])
}

func quoteJSON(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// GET /socket/websocket answered 426 and 400 in text/plain (coder/websocket's
// own answers); every error of the platform is JSON {"error"}.
func TestSocketEndpointErrorsAreJSON(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	for name, h := range map[string][]string{
		"not an upgrade": nil,
		"bad version":    {"Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Version", "8", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
		"no key":         {"Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Version", "13"},
	} {
		r := call(t, p.Client(), "GET", p.URL+"/socket/websocket?vsn=2.0.0&token="+p.UserToken(t, "u1"), "", nil, h...)
		assert.Contains(t, []int{http.StatusUpgradeRequired, http.StatusBadRequest}, r.Status, name)
		assert.Equal(t, "application/json; charset=utf-8", r.Header.Get("Content-Type"), name)
		assert.NotEmpty(t, r.Body["error"], name)
	}
}

// failingStore fails one call the way a broken disk would.
type failingStore struct{ platform.Store }

func (failingStore) ListConnectors(context.Context) ([]*platform.Connector, error) {
	return nil, errors.New("disk on fire")
}

// -quiet silenced every log line, internal errors and panics too. Quiet
// now drops only the request lines.
func TestQuietStillLogsErrors(t *testing.T) {
	var logs syncBuffer
	s := server.New(server.Config{Store: failingStore{}, PublicURL: "http://127.0.0.1:9", Logger: log.New(&logs, "", 0), Quiet: true})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1:9"+api+"/platform/connectors", nil))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Contains(t, rec.Body.String(), `"Internal error."`, "the detail is not shown")
	out := logs.String()
	assert.Contains(t, out, "internal error: GET /api/platform_user/platform/connectors: disk on fire")
	assert.NotContains(t, out, " 500 ", "no request line")
}

// Expired tokens were never deleted: a row per provisioning, forever.
// The sweep keeps the table bounded: 10,000 provisions a second apart
// with 15-minute tokens leave at most 16 minutes of them.
func TestSweepBoundsTokens(t *testing.T) {
	clk := &clock{now: time.Now()}
	srv, dbPath := startWith(t, server.Config{Demo: true, Now: clk.Now})
	h := srv.Config.Handler
	provision := func(externalID string) int {
		req := httptest.NewRequest("POST", srv.URL+"/api/platform/users", strings.NewReader(`{"user":{"external_id":"`+externalID+`"}}`))
		req.SetBasicAuth("pk", "sk")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	raw, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	defer raw.Close()
	rows := func() int {
		var n int
		require.NoError(t, raw.QueryRow(`SELECT COUNT(*) FROM tokens`).Scan(&n))
		return n
	}
	const provisions, step = 10_000, time.Second
	bound := int((15*time.Minute+time.Minute)/step) + 1 // token lifetime + sweep period
	most := 0
	for i := range provisions {
		require.Equal(t, 200, provision("churn-"+string(rune('a'+i%26))), "provision %d", i)
		clk.Advance(step)
		if i%250 == 0 {
			most = max(most, rows())
		}
	}
	most = max(most, rows())
	t.Logf("%d provisions: at most %d token rows (bound %d)", provisions, most, bound)
	assert.LessOrEqual(t, most, bound)
	assert.Greater(t, most, bound/2, "the live tokens are all there")
}
