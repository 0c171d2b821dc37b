package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// BenchmarkWrite is the write side of the load mix, one after another:
// create a connection (StartAuthorization), activate it as a finished flow
// does, and remove it, to a single-connection and a multi-connection
// connector in turn.
func BenchmarkWrite(b *testing.B) {
	ctx := context.Background()
	d, err := Open(ctx, b.TempDir()+"/x.db")
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	for _, c := range []*platform.Connector{
		{Slug: "one", Name: "One", Auth: platform.AuthOAuth2},
		{Slug: "many", Name: "Many", Auth: platform.AuthOAuth2, SupportsMultipleConnections: true},
	} {
		if err := d.UpsertConnector(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	u, err := d.EnsureUser(ctx, "u")
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		id := fmt.Sprint("c", i)
		a := &platform.Authorization{ID: "a" + id, Status: platform.StatusAwaitingCallback, State: "s" + id}
		slug := []string{"one", "many"}[i%2]
		c, err := d.StartAuthorization(ctx, u.ID, slug, id, a, time.Now())
		if err != nil {
			b.Fatal(err)
		}
		if err := d.ActivateAuthorization(ctx, a, nil, time.Now()); err != nil {
			b.Fatal(err)
		}
		if err := d.DisableConnections(ctx, u.ID, []string{c.ID}, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
