// Command xkitd is a local Xkit-compatible platform: the platform user API
// the Xkit SDK talks to, its authorization pages, a demo OAuth2 provider and
// the status socket, on one SQLite file.
//
//	xkitd [-addr 127.0.0.1:8080] [-public-url URL] [-db xkit.db] [-tls] [-seed connectors.json]
//	      [-name NAME] [-website URL] [-login-redirect-url URL] [-demo[=false]]
//	      [-authorization-ttl 10m] [-test-hooks] [-web DIR] [-quiet]
//	xkitd keys [-db xkit.db]                     the provisioning key pair
//	xkitd keys rotate-encryption [-db xkit.db]   a new encryption key (xkitd stopped)
//	xkitd demo-provider [-addr 127.0.0.1:9090] -client-id ID -redirect-uri URL ...
//	                                             the demo OAuth provider as a process of its own
//
// Environment: XKIT_PUBLISHABLE_KEY and XKIT_SECRET_KEY (the provisioning
// key pair; without them xkitd keeps a generated pair in the database),
// XKIT_WEB_ORIGINS (comma-separated web origins allowed besides its own),
// XKIT_PUBLIC_URL (as -public-url), XKIT_AUTHORIZATION_TTL (as
// -authorization-ttl), XKIT_PLATFORM_NAME, XKIT_WEBSITE,
// XKIT_LOGIN_REDIRECT_URL and XKIT_DEMO (as -name, -website,
// -login-redirect-url and -demo), XKIT_ENCRYPTION_KEY (base64 32 bytes;
// "NEW,OLD" while rotating; without it xkitd keeps a key in a 0600 file
// beside the database).
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/server"
)

func main() {
	var err error
	switch {
	case len(os.Args) > 1 && os.Args[1] == "keys":
		err = keys(os.Args[2:])
	case len(os.Args) > 1 && os.Args[1] == "demo-provider":
		err = demoProvider(os.Args[2:])
	default:
		err = run()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "xkitd:", err)
		os.Exit(1)
	}
}

func run() error {
	defaultTTL, err := envDuration("XKIT_AUTHORIZATION_TTL", platform.DefaultAuthorizationTTL)
	if err != nil {
		return err
	}
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	publicURL := flag.String("public-url", os.Getenv("XKIT_PUBLIC_URL"),
		"where browsers reach xkitd, scheme://host[:port] (default from -addr and -tls; env XKIT_PUBLIC_URL)")
	dbPath := flag.String("db", "xkit.db", "SQLite database file")
	useTLS := flag.Bool("tls", false, "serve https with a self-signed certificate for localhost and 127.0.0.1")
	seed := flag.String("seed", "", "JSON file of connectors to create or replace")
	ttl := flag.Duration("authorization-ttl", defaultTTL,
		"how long an authorization may wait for its callback (env XKIT_AUTHORIZATION_TTL)")
	hooks := flag.Bool("test-hooks", false, "enable /test/... endpoints (never in production)")
	webDir := flag.String("web", ".", "directory with index.html (the demo page) and web/ (the SDK) to serve")
	name := flag.String("name", os.Getenv("XKIT_PLATFORM_NAME"),
		"the platform's name, shown by the catalog and the consent page (default \""+server.DefaultName+"\"; env XKIT_PLATFORM_NAME)")
	website := flag.String("website", os.Getenv("XKIT_WEBSITE"),
		"the platform's website, an http(s) URL (default the public URL; env XKIT_WEBSITE)")
	loginRedirect := flag.String("login-redirect-url", os.Getenv("XKIT_LOGIN_REDIRECT_URL"),
		"where the SDK sends signed-out pages: your app's sign-in page (default the demo page, or -website; env XKIT_LOGIN_REDIRECT_URL)")
	demo, err := envBool("XKIT_DEMO")
	if err != nil {
		return err
	}
	flag.BoolFunc("demo", "a demo platform: the demo page at /, its sign-in, the built-in demo OAuth provider and "+
		"its connectors (default on when listening on loopback only; env XKIT_DEMO=1 or 0)", func(v string) error {
		b, err := strconv.ParseBool(v)
		demo = &b
		return err
	})
	quiet := flag.Bool("quiet", false, "do not log requests (errors are still logged)")
	flag.Parse()
	if *ttl <= 0 {
		return fmt.Errorf("-authorization-ttl must be positive, not %s", *ttl)
	}
	if *publicURL != "" {
		u, err := server.ParsePublicURL(*publicURL)
		if err != nil {
			return err
		}
		*publicURL = u
	}
	for _, link := range []struct {
		v    *string
		what string
	}{{website, "-website"}, {loginRedirect, "-login-redirect-url"}} {
		if *link.v == "" {
			continue
		}
		if *link.v, err = server.ParseLink(*link.v); err != nil {
			return fmt.Errorf("%s: %w", link.what, err)
		}
	}
	// The listener first: whether it is loopback decides the demo's default.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	tcp, _ := ln.Addr().(*net.TCPAddr)
	loopback := tcp != nil && tcp.IP.IsLoopback()
	if demo == nil {
		demo = &loopback
	}
	if *demo && !loopback {
		fmt.Println("xkitd is a demo platform on a non-loopback address: everyone who opens its page " +
			"signs in as the same demo user (turn it off with -demo=false)")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	db, store, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if *demo {
		if err := server.SeedDefaults(ctx, store); err != nil {
			return fmt.Errorf("seed defaults: %w", err)
		}
	}
	if *seed != "" {
		n, err := server.LoadSeedFile(ctx, store, *seed, *demo)
		if err != nil {
			return err
		}
		fmt.Printf("xkitd seeded %d connectors from %s\n", n, *seed)
	}
	pk, sk, created, err := server.EnsureKeys(ctx, store, os.Getenv("XKIT_PUBLISHABLE_KEY"), os.Getenv("XKIT_SECRET_KEY"))
	if err != nil {
		return fmt.Errorf("key pair: %w", err)
	}
	switch {
	case created: // the one time the secret key is printed by itself
		fmt.Printf("xkitd key pair (created in %s; shown this once, `xkitd keys -db %s` shows it again):\n"+
			"  XKIT_PUBLISHABLE_KEY=%s\n  XKIT_SECRET_KEY=%s\n", *dbPath, *dbPath, pk, sk)
	case os.Getenv("XKIT_SECRET_KEY") == "":
		fmt.Printf("xkitd key pair: kept in %s (`xkitd keys -db %s` shows it)\n", *dbPath, *dbPath)
	}

	logger := log.New(os.Stderr, "xkitd ", log.LstdFlags)
	if *publicURL == "" {
		*publicURL = server.DefaultPublicURL(ln.Addr().String(), *useTLS)
	}
	handler := server.New(server.Config{
		Name:             *name,
		Website:          *website,
		LoginRedirectURL: *loginRedirect,
		Demo:             *demo,
		Store:            store,
		PublicURL:        *publicURL,
		TLS:              *useTLS,
		Origins:          server.ParseOrigins(os.Getenv("XKIT_WEB_ORIGINS")),
		PublishableKey:   pk,
		SecretKey:        sk,
		TestHooks:        *hooks,
		WebDir:           *webDir,
		AuthorizationTTL: *ttl,
		Logger:           logger,
		Quiet:            *quiet,
	})

	// Requests (and so open sockets, which Shutdown does not wait for) live
	// in baseCtx; shutting down cancels it so sockets close too.
	baseCtx, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          logger,
		BaseContext:       func(net.Listener) context.Context { return baseCtx },
	}
	srv.RegisterOnShutdown(cancelBase)
	scheme := "http"
	if *useTLS {
		cert, err := server.SelfSignedCert(*name)
		if err != nil {
			return fmt.Errorf("certificate: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, srv.TLSConfig)
		scheme = "https"
	}
	if *hooks {
		fmt.Println("xkitd test hooks are ON")
	}
	fmt.Printf("xkitd public URL %s\n", handler.PublicURL())
	fmt.Printf("xkitd listening on %s://%s\n", scheme, ln.Addr())

	// Graceful: stop accepting, let requests in flight finish, then close
	// the database (deferred) so WAL is checkpointed.
	if err := serve(ctx, srv, ln); err != nil {
		return err
	}
	fmt.Println("xkitd stopped")
	return nil
}

// envBool reads a boolean from the environment: nil when unset.
func envBool(name string) (*bool, error) {
	v := os.Getenv(name)
	if v == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil, fmt.Errorf("%s=%q is not 1 or 0", name, v)
	}
	return &b, nil
}

// envDuration reads a duration from the environment (def when unset).
func envDuration(name string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a duration (like 10m or 90s)", name, v)
	}
	return d, nil
}
