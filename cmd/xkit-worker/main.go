//go:build js && wasm

// Command xkit-worker is the Xkit-compatible platform of cmd/xkitd on
// Cloudflare Workers: the same internal/server handler, served by
// github.com/syumai/workers, storing in D1 (the DB binding) through the same
// internal/sqlite store. Build it with `./build.sh worker`, run it with
// `npx wrangler dev --local` in this folder (see README).
//
// What differs from xkitd, and why:
//   - no status socket: /socket/websocket answers 501 and the SDK polls the
//     authorization (a Worker instance lives for one request);
//   - D1 has no transactions over its API: see internal/sqlite's tx for
//     what holds;
//   - static files (web/, and index.html, the demo page) come from Workers
//     static assets (wrangler.toml [assets]), not from the Go handler; /
//     runs the Worker first, which serves the demo page from the ASSETS
//     binding on a demo platform only;
//   - OAuth providers' token endpoints are reached with fetch() (fetch.go).
//
// Configuration, from Worker variables and secrets (wrangler.toml [vars],
// .dev.vars locally, `wrangler secret put` deployed):
//
//	XKIT_ENCRYPTION_KEY    required secret: base64 32 bytes (openssl rand -base64 32),
//	                       "NEW,OLD" while rotating; unset, every request answers 503
//	XKIT_PUBLIC_URL        where browsers reach the Worker; unset: the request's URL,
//	                       which on Cloudflare is always one of the Worker's routes
//	XKIT_PUBLISHABLE_KEY, XKIT_SECRET_KEY  provisioning key pair (secrets);
//	                       unset: a pair generated once and kept (sealed) in D1
//	XKIT_WEB_ORIGINS       comma-separated web origins allowed besides the Worker's own
//	XKIT_PLATFORM_NAME     the platform's name (default "Xkit Local")
//	XKIT_WEBSITE           the platform's website (default the public URL)
//	XKIT_LOGIN_REDIRECT_URL where the SDK sends signed-out pages (default XKIT_WEBSITE)
//	XKIT_SEED              seed JSON (as xkitd -seed; may hold OAuth client secrets: a secret)
//	XKIT_AUTHORIZATION_TTL how long an authorization may wait for its callback (default 10m)
//	XKIT_DEMO              "1": a demo platform: the demo page at /, its sign-in (every
//	                       visitor the same user), the built-in demo provider and connectors
//	XKIT_TEST_HOOKS        "1": the /test/ endpoints (tests only)
//	XKIT_QUIET             "1": no request log (errors are still logged)
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/xkit-wasm/xkit/internal/d1"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/seal"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// The bindings' names in wrangler.toml.
const (
	d1Binding     = "DB"
	assetsBinding = "ASSETS"
)

func main() {
	// The shim starts a fresh instance for every request, so this runs per
	// request: open D1, migrate (a version check once applied), seed, keys.
	store, cfg, err := setup(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "xkit-worker:", err)
		workers.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]string{"error": "The platform could not start: " + err.Error()})
		}))
		return
	}
	cfg.Store = store
	var assets http.Handler
	if cfg.Demo {
		assets = demoPage(cloudflare.GetBinding(assetsBinding))
	}
	workers.Serve(adapt(cfg, assets))
}

// errNoKey is why a Worker without XKIT_ENCRYPTION_KEY serves nothing. A
// key it made itself would have to live in D1 (or KV) next to what it
// seals, open to everyone who can read or export the database; a Worker
// secret is kept by Cloudflare apart from D1, encrypted, and reaches only
// the Worker. So there is no key but the secret, and no plain text either.
var errNoKey = errors.New("XKIT_ENCRYPTION_KEY is not set. Secrets (provider tokens, API keys, client secrets) " +
	"are stored only encrypted: run `openssl rand -base64 32 | npx wrangler secret put XKIT_ENCRYPTION_KEY` " +
	"(locally: XKIT_ENCRYPTION_KEY=... in .dev.vars) and keep a copy of the key")

func setup(ctx context.Context) (platform.Store, server.Config, error) {
	var cfg server.Config
	keys := env("XKIT_ENCRYPTION_KEY")
	if keys == "" {
		return nil, cfg, errNoKey
	}
	ring, err := seal.ParseRing(keys)
	if err != nil {
		return nil, cfg, fmt.Errorf("XKIT_ENCRYPTION_KEY: %w", err)
	}
	ttl := platform.DefaultAuthorizationTTL
	if v := env("XKIT_AUTHORIZATION_TTL"); v != "" {
		if ttl, err = time.ParseDuration(v); err != nil || ttl <= 0 {
			return nil, cfg, fmt.Errorf("XKIT_AUTHORIZATION_TTL=%q is not a positive duration (like 10m)", v)
		}
	}
	public := env("XKIT_PUBLIC_URL")
	if public != "" {
		if public, err = server.ParsePublicURL(public); err != nil {
			return nil, cfg, fmt.Errorf("XKIT_PUBLIC_URL: %w", err)
		}
	}
	links := map[string]string{}
	for _, name := range []string{"XKIT_WEBSITE", "XKIT_LOGIN_REDIRECT_URL"} {
		if v := env(name); v != "" {
			if links[name], err = server.ParseLink(v); err != nil {
				return nil, cfg, fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	demo := env("XKIT_DEMO") == "1"
	db, batch, err := d1.Open(d1Binding)
	if err != nil {
		return nil, cfg, err
	}
	raw, err := sqlite.New(ctx, db, sqlite.Options{NoTransactions: true, Batch: batch})
	if err != nil {
		return nil, cfg, err
	}
	// Up to date, one settings query; else it seals the plain rows of an
	// older version (or re-seals under the new key of "NEW,OLD").
	store, err := seal.Open(ctx, raw, raw, ring)
	if err != nil {
		return nil, cfg, err
	}
	if demo {
		if err := server.SeedDefaults(ctx, store); err != nil {
			return nil, cfg, fmt.Errorf("seed defaults: %w", err)
		}
	}
	if seed := env("XKIT_SEED"); seed != "" {
		if err := loadSeedOnce(ctx, store, seed, demo); err != nil {
			return nil, cfg, err
		}
	}
	pk, sk, _, err := server.EnsureKeys(ctx, store, env("XKIT_PUBLISHABLE_KEY"), env("XKIT_SECRET_KEY"))
	if err != nil {
		return nil, cfg, fmt.Errorf("key pair: %w", err)
	}
	cfg = server.Config{
		PublicURL:        public,
		PublishableKey:   pk,
		SecretKey:        sk,
		Origins:          server.ParseOrigins(env("XKIT_WEB_ORIGINS")),
		AuthorizationTTL: ttl,
		Name:             env("XKIT_PLATFORM_NAME"),
		Website:          links["XKIT_WEBSITE"],
		LoginRedirectURL: links["XKIT_LOGIN_REDIRECT_URL"],
		Demo:             demo,
		HTTPDo:           fetchDo(js.Global()),
		TestHooks:        env("XKIT_TEST_HOOKS") == "1",
		Logger:           log.New(os.Stderr, "xkit-worker ", 0),
		Quiet:            env("XKIT_QUIET") == "1",
	}
	return store, cfg, nil
}

// loadSeedOnce applies XKIT_SEED when it (or XKIT_DEMO, which changes what
// it may hold) changed since it was last applied (the hash is kept in
// settings), not on every request.
func loadSeedOnce(ctx context.Context, store platform.Store, seed string, demo bool) error {
	sum := sha256.Sum256([]byte(seed + "\x00demo=" + strconv.FormatBool(demo)))
	hash := hex.EncodeToString(sum[:])
	if old, err := store.Setting(ctx, "worker_seed_sha256"); err != nil || old == hash {
		return err
	}
	if _, err := server.LoadSeed(ctx, store, []byte(seed), "XKIT_SEED", demo); err != nil {
		return err
	}
	return store.SetSetting(ctx, "worker_seed_sha256", hash)
}

// adapt builds the server on the first request, when the scheme the Worker
// is reached at is known (https deployed, http under wrangler dev), and
// turns the Workers request into what a net/http server would hand over.
// demo, when not nil, serves the demo page at / (and /index.html).
func adapt(cfg server.Config, demo http.Handler) http.Handler {
	var once sync.Once
	var h http.Handler
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		https := r.URL.Scheme == "https"
		once.Do(func() {
			cfg.TLS = https // Secure, SameSite=None session cookies
			if cfg.PublicURL == "" {
				// Cloudflare runs the Worker only for its routes, so the
				// request URL's host is one of them (under wrangler dev it
				// is whatever Host a client sends: set XKIT_PUBLIC_URL).
				cfg.PublicURL = r.URL.Scheme + "://" + r.URL.Host
			}
			h = server.New(cfg)
		})
		if https {
			r.TLS = &tls.ConnectionState{}
		}
		if r.Body == nil {
			r.Body = http.NoBody
		}
		if r.Host == "" {
			r.Host = r.URL.Host
		}
		if demo != nil && (r.URL.Path == "/" || r.URL.Path == "/index.html") && r.Method == http.MethodGet {
			demo.ServeHTTP(w, r) // before the URL loses its host: the asset is fetched by URL
			return
		}
		r.RemoteAddr = r.Header.Get("CF-Connecting-IP")
		r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/1.1", 1, 1
		r.TransferEncoding = nil
		// A server request's URL is the path and query only.
		r.URL = &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
		r.RequestURI = r.URL.RequestURI()
		// Whole answers, written once: the shim turns every Write into a
		// stream chunk and stalls on an empty one, and our answers are
		// small.
		buf := &bufferedWriter{header: w.Header()}
		h.ServeHTTP(buf, r)
		if buf.status == 0 {
			buf.status = http.StatusOK
		}
		w.Header().Set("Content-Length", strconv.Itoa(buf.body.Len()))
		w.WriteHeader(buf.status)
		if buf.body.Len() > 0 {
			w.Write(buf.body.Bytes())
		} else if raw, ok := w.(rawBodyWriter); ok {
			// No body at all (a redirect after a POST): an empty stream
			// hangs the request in workerd, a null body does not.
			raw.WriteRawJSBody(js.Null())
		}
	})
}

// demoPage serves the demo page from the static assets (the ASSETS
// binding) of a demo platform. wrangler.toml runs the Worker first for /
// and /index.html, so a platform that is not a demo never shows it.
func demoPage(assets js.Value) http.Handler {
	do := fetchDo(assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, r.URL.String(), nil)
		if err == nil {
			req.Header = r.Header.Clone()
			var res *http.Response
			if res, err = do(req); err == nil {
				body, _ := io.ReadAll(res.Body)
				// fetch() has decoded the body: no Content-Encoding.
				for _, k := range []string{"Content-Type", "Cache-Control", "ETag", "Last-Modified", "Location"} {
					if v := res.Header.Get(k); v != "" {
						w.Header().Set(k, v)
					}
				}
				w.WriteHeader(res.StatusCode)
				if len(body) > 0 {
					w.Write(body)
				} else if raw, ok := w.(rawBodyWriter); ok {
					raw.WriteRawJSBody(js.Null()) // a 304: an empty stream would hang
				}
				return
			}
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(map[string]string{"error": "The demo page could not be read: " + err.Error()})
	})
}

// rawBodyWriter is the shim's way to hand a JS body over as is.
type rawBodyWriter interface{ WriteRawJSBody(body js.Value) }

// bufferedWriter keeps a handler's whole answer.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

// env reads a Worker variable or secret ("" when unset).
func env(name string) string {
	v := cloudflare.GetBinding(name)
	if v.IsUndefined() || v.IsNull() {
		return ""
	}
	return strings.TrimSpace(v.String())
}
