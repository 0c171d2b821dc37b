package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// serve runs srv on ln until it fails or ctx ends (SIGINT, SIGTERM), then
// shuts it down gracefully: no new connections, and the requests in flight
// finish (10 s at most).
func serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
