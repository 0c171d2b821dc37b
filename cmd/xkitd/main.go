// Command xkitd is a local Xkit-compatible platform: the platform user API
// the Xkit SDK talks to, its authorization pages, a demo OAuth2 provider and
// the status socket, on one SQLite file.
//
//	xkitd [-addr 127.0.0.1:8080] [-public-url URL] [-db xkit.db] [-tls] [-seed connectors.json]
//	      [-authorization-ttl 10m] [-test-hooks] [-web DIR] [-quiet]
//	xkitd keys [-db xkit.db]                     the provisioning key pair
//	xkitd keys rotate-encryption [-db xkit.db]   a new encryption key (xkitd stopped)
//
// Environment: XKIT_PUBLISHABLE_KEY and XKIT_SECRET_KEY (the provisioning
// key pair; without them xkitd keeps a generated pair in the database),
// XKIT_WEB_ORIGINS (comma-separated web origins allowed besides its own),
// XKIT_PUBLIC_URL (as -public-url), XKIT_AUTHORIZATION_TTL (as
// -authorization-ttl), XKIT_ENCRYPTION_KEY (base64 32 bytes; "NEW,OLD"
// while rotating; without it xkitd keeps a key in a 0600 file beside the
// database).
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/server"
)

func main() {
	var err error
	if len(os.Args) > 1 && os.Args[1] == "keys" {
		err = keys(os.Args[2:])
	} else {
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
	webDir := flag.String("web", ".", "directory with index.html and web/ to serve")
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

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	db, store, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := server.SeedDefaults(ctx, store); err != nil {
		return fmt.Errorf("seed defaults: %w", err)
	}
	if *seed != "" {
		n, err := server.LoadSeedFile(ctx, store, *seed)
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
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if *publicURL == "" {
		*publicURL = server.DefaultPublicURL(ln.Addr().String(), *useTLS)
	}
	// The demo page's sign-in mints users without a key: loopback only.
	tcp, _ := ln.Addr().(*net.TCPAddr)
	handler := server.New(server.Config{
		DemoLogin:        tcp != nil && tcp.IP.IsLoopback(),
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
		cert, err := server.SelfSignedCert()
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

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Graceful: stop accepting, let requests in flight finish, then close
	// the database (deferred) so WAL is checkpointed.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Println("xkitd stopped")
	return nil
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
