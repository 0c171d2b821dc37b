// Command xkitd is a local Xkit-compatible platform: the platform user API
// the Xkit SDK talks to, its authorization pages, a demo OAuth2 provider and
// the status socket, on one SQLite file.
//
//	xkitd -addr 127.0.0.1:8080 -db xkit.db [-tls] [-seed connectors.json] [-test-hooks] [-web DIR]
//
// Environment: XKIT_PUBLISHABLE_KEY and XKIT_SECRET_KEY (the provisioning
// key pair; without them xkitd keeps a generated pair in the database),
// XKIT_WEB_ORIGINS (comma-separated web origins allowed besides its own).
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

	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "xkitd:", err)
		os.Exit(1)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	dbPath := flag.String("db", "xkit.db", "SQLite database file")
	useTLS := flag.Bool("tls", false, "serve https with a self-signed certificate for localhost and 127.0.0.1")
	seed := flag.String("seed", "", "JSON file of connectors to create or replace")
	hooks := flag.Bool("test-hooks", false, "enable /test/... endpoints (never in production)")
	webDir := flag.String("web", ".", "directory with index.html and web/ to serve")
	quiet := flag.Bool("quiet", false, "do not log requests")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := server.SeedDefaults(ctx, db); err != nil {
		return fmt.Errorf("seed defaults: %w", err)
	}
	if *seed != "" {
		n, err := server.LoadSeedFile(ctx, db, *seed)
		if err != nil {
			return err
		}
		fmt.Printf("xkitd seeded %d connectors from %s\n", n, *seed)
	}
	pk, sk, created, err := server.EnsureKeys(ctx, db, os.Getenv("XKIT_PUBLISHABLE_KEY"), os.Getenv("XKIT_SECRET_KEY"))
	if err != nil {
		return fmt.Errorf("key pair: %w", err)
	}
	if os.Getenv("XKIT_PUBLISHABLE_KEY") == "" || os.Getenv("XKIT_SECRET_KEY") == "" {
		verb := "stored in"
		if created {
			verb = "created in"
		}
		fmt.Printf("xkitd key pair (%s %s):\n  XKIT_PUBLISHABLE_KEY=%s\n  XKIT_SECRET_KEY=%s\n", verb, *dbPath, pk, sk)
	}

	var logger *log.Logger
	if !*quiet {
		logger = log.New(os.Stderr, "xkitd ", log.LstdFlags)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// The demo page's sign-in mints users without a key: loopback only.
	tcp, _ := ln.Addr().(*net.TCPAddr)
	handler := server.New(server.Config{
		DemoLogin:      tcp != nil && tcp.IP.IsLoopback(),
		Store:          db,
		TLS:            *useTLS,
		Origins:        server.ParseOrigins(os.Getenv("XKIT_WEB_ORIGINS")),
		PublishableKey: pk,
		SecretKey:      sk,
		TestHooks:      *hooks,
		WebDir:         *webDir,
		Logger:         logger,
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
