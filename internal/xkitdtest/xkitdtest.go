// Package xkitdtest starts a real xkitd for tests of other packages: the
// real handler on httptest, a fresh seeded SQLite database in t.TempDir(),
// test hooks on. The server stops when the test ends.
//
//	p := xkitdtest.Start(t, xkitdtest.Options{Origins: []string{pageOrigin}})
//	token := p.UserToken(t, "user-1")
//	p.ExpireTokens(t)
package xkitdtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/seal"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// Options choose how the platform runs.
type Options struct {
	// TLS serves https (cookies Secure, SameSite=None) with httptest's
	// certificate; Client trusts it.
	TLS bool
	// Origins are allowed web origins besides the platform's own.
	Origins []string
	// WebDir is served at / and /web/ ("" serves none).
	WebDir string
	// SeedFile, when set, is loaded after the default connectors.
	SeedFile string
	// Connectors, when set, are seeded after SeedFile (seed file JSON
	// objects, as Provider.Connector makes).
	Connectors []map[string]any
	// AccessTTL overrides the access token lifetime (default 15 min).
	AccessTTL time.Duration
	// NoDemo runs a platform that is not a demo: no demo provider, no
	// default connectors, no demo sign-in (server.Config.Demo false).
	NoDemo bool
	// Configure, when set, changes the server's Config last.
	Configure func(*server.Config)
}

// Platform is a running xkitd.
type Platform struct {
	URL    string // "http://127.0.0.1:PORT" (https with TLS)
	Domain string // "127.0.0.1:PORT"
	// Keys for provisioning (basic auth on POST /api/platform/users).
	PublishableKey, SecretKey string
	Server                    *httptest.Server
	Handler                   *server.Server
	// Store is what the handler uses: DB with its secrets sealed with
	// EncryptionKey (internal/seal). DB is the bare database.
	Store         platform.Store
	DB            *sqlite.DB
	DBPath        string
	EncryptionKey string
}

// Start runs xkitd until the test ends: a demo platform (the demo provider
// and its default connectors) unless Options.NoDemo.
func Start(t testing.TB, o Options) *Platform {
	t.Helper()
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "xkit.db")
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatalf("xkitdtest: open db: %v", err)
	}
	// Secrets sealed as xkitd seals them, with a key of this run.
	p := &Platform{PublishableKey: "xkit_pk_test", SecretKey: "xkit_sk_test", DB: db, DBPath: dbPath,
		EncryptionKey: seal.NewKey()}
	ring, err := seal.ParseRing(p.EncryptionKey)
	if err == nil {
		p.Store, err = seal.Open(ctx, db, db, ring)
	}
	if err != nil {
		t.Fatalf("xkitdtest: seal: %v", err)
	}
	if !o.NoDemo {
		if err := server.SeedDefaults(ctx, p.Store); err != nil {
			t.Fatalf("xkitdtest: seed: %v", err)
		}
	}
	if o.SeedFile != "" {
		if _, err := server.LoadSeedFile(ctx, p.Store, o.SeedFile, !o.NoDemo); err != nil {
			t.Fatalf("xkitdtest: seed file: %v", err)
		}
	}
	if o.Connectors != nil {
		seed, _ := json.Marshal(map[string]any{"connectors": o.Connectors})
		if _, err := server.LoadSeed(ctx, p.Store, seed, "Options.Connectors", !o.NoDemo); err != nil {
			t.Fatalf("xkitdtest: connectors: %v", err)
		}
	}
	// The listener first: its address is the platform's public URL.
	p.Server = httptest.NewUnstartedServer(nil)
	p.Domain = p.Server.Listener.Addr().String()
	p.URL = "http://" + p.Domain
	if o.TLS {
		p.URL = "https://" + p.Domain
	}
	cfg := server.Config{
		Store:          p.Store,
		PublicURL:      p.URL,
		TLS:            o.TLS,
		Origins:        o.Origins,
		PublishableKey: p.PublishableKey,
		SecretKey:      p.SecretKey,
		TestHooks:      true,
		Demo:           !o.NoDemo,
		WebDir:         o.WebDir,
		AccessTTL:      o.AccessTTL,
	}
	if o.Configure != nil {
		o.Configure(&cfg)
	}
	p.Handler = server.New(cfg)
	p.Server.Config.Handler = p.Handler
	if o.TLS {
		p.Server.StartTLS()
	} else {
		p.Server.Start()
	}
	t.Cleanup(func() {
		p.Server.CloseClientConnections()
		p.Server.Close()
		db.Close()
	})
	return p
}

// CallbackURL is the redirect URI to register with an OAuth provider.
func (p *Platform) CallbackURL() string { return p.URL + "/authorizations/oauth2/callback" }

// Client returns an *http.Client that trusts the server (TLS), without a
// cookie jar.
func (p *Platform) Client() *http.Client {
	c := p.Server.Client()
	return &http.Client{Transport: c.Transport, Timeout: 30 * time.Second}
}

// UserToken provisions the user with externalID (as a host backend would)
// and returns a fresh access token for it.
func (p *Platform) UserToken(t testing.TB, externalID string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"user": map[string]string{"external_id": externalID}})
	req, err := http.NewRequest(http.MethodPost, p.URL+"/api/platform/users", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("xkitdtest: %v", err)
	}
	req.SetBasicAuth(p.PublishableKey, p.SecretKey)
	req.Header.Set("Content-Type", "application/json")
	var out struct {
		AccessToken string `json:"access_token"`
	}
	p.do(t, req, &out)
	if out.AccessToken == "" {
		t.Fatalf("xkitdtest: provisioning returned no access token")
	}
	return out.AccessToken
}

// ExpireTokens makes every access token issued so far stop working (401);
// cookie sessions stay valid.
func (p *Platform) ExpireTokens(t testing.TB) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.URL+"/test/expire-tokens", nil)
	var out struct {
		Expired int `json:"expired"`
	}
	p.do(t, req, &out)
	return out.Expired
}

// BreakAuthorization puts authorization id in status "error" (error_code
// "test_broken") and pushes the change to the socket.
func (p *Platform) BreakAuthorization(t testing.TB, id string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.URL+"/test/authorizations/"+id+"/break", nil)
	p.do(t, req, nil)
}

func (p *Platform) do(t testing.TB, req *http.Request, out any) {
	t.Helper()
	res, err := p.Client().Do(req)
	if err != nil {
		t.Fatalf("xkitdtest: %s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("xkitdtest: %s %s: %s: %s", req.Method, req.URL.Path, res.Status, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("xkitdtest: %s %s: %v", req.Method, req.URL.Path, err)
		}
	}
}
