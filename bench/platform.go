package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/seal"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// xkitd is a platform running in this process on loopback https, with the
// bench's pages and the original bundles mounted under /bench/.
type xkitd struct {
	URL    string // https://127.0.0.1:PORT
	srv    *http.Server
	db     *sqlite.DB
	client *http.Client
	once   sync.Once
}

const (
	benchPK = "xkit_pk_bench"
	benchSK = "xkit_sk_bench"
	// benchUser has a connection to every tenth connector.
	benchUser = "bench-user"
)

// startXkitd seeds n connectors (xkitdtest.SeedConnectors) into a fresh
// database in dir and serves root (index.html, web/) plus pages at /bench/.
func startXkitd(ctx context.Context, dir, root string, n int, pages http.Handler) (*xkitd, error) {
	db, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("xkit-%d.db", n)))
	if err != nil {
		return nil, err
	}
	// Secrets sealed as xkitd seals them, so the bench measures what ships.
	ring, err := seal.ParseRing(seal.NewKey())
	var store platform.Store
	if err == nil {
		store, err = seal.Open(ctx, db, db, ring)
	}
	if err == nil {
		err = xkitdtest.SeedConnectors(ctx, store, n, benchUser)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("seed %d connectors: %w", n, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		db.Close()
		return nil, err
	}
	h := server.New(server.Config{Demo: true,
		Store: store, PublicURL: "https://" + ln.Addr().String(), WebDir: root,
		PublishableKey: benchPK, SecretKey: benchSK,
	})
	mux := http.NewServeMux()
	mux.Handle("/bench/", pages)
	mux.Handle("/", h)
	cert, err := server.SelfSignedCert("")
	if err != nil {
		ln.Close()
		db.Close()
		return nil, err
	}
	x := &xkitd{URL: "https://" + ln.Addr().String(), db: db, srv: &http.Server{
		Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		// Closing tabs resets connections mid-handshake; that is no news.
		ErrorLog: log.New(io.Discard, "", 0),
	}}
	x.srv.TLSConfig = tlsConfig(cert)
	go x.srv.ServeTLS(ln, "", "")
	x.client = insecureClient()
	return x, nil
}

func (x *xkitd) Close() {
	x.once.Do(x.close)
}

func (x *xkitd) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	x.srv.Shutdown(ctx)
	x.srv.Close()
	x.db.Close()
}

// token provisions the bench user as a host backend would and returns a
// fresh access token.
func (x *xkitd) token(ctx context.Context) (string, error) {
	body := `{"user":{"external_id":"` + benchUser + `"}}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, x.URL+"/api/platform/users", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(benchPK, benchSK)
	req.Header.Set("Content-Type", "application/json")
	res, err := x.client.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&out); err != nil || out.AccessToken == "" {
		return "", fmt.Errorf("provisioning: %s: %s", res.Status, data)
	}
	return out.AccessToken, nil
}
