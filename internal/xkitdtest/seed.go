package xkitdtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xkit-wasm/xkit/internal/platform"
	"github.com/xkit-wasm/xkit/internal/server"
)

// ConnectedEvery is how often SeedConnectors connects the user: to every
// tenth connector, so listConnectors carries connections as a real user's
// would.
const ConnectedEvery = 10

// SeedConnectors stores Connectors(n) and gives the user externalID an
// active connection to every ConnectedEvery-th of them, for benchmarks.
func SeedConnectors(ctx context.Context, store platform.Store, n int, externalID string) error {
	cs := Connectors(n)
	for _, c := range cs {
		if err := store.UpsertConnector(ctx, c); err != nil {
			return err
		}
	}
	u, err := store.EnsureUser(ctx, externalID)
	if err != nil {
		return err
	}
	now := time.Now()
	for i := 0; i < len(cs); i += ConnectedEvery {
		a := &platform.Authorization{
			ID: uuid.NewString(), ConnectorSlug: cs[i].Slug, Status: platform.StatusActive,
			DisplayLabel: "seeded", State: uuid.NewString(), AccessToken: "seeded-token",
			CreatedAt: now, UpdatedAt: now,
		}
		if _, err := platform.StartAuthorization(ctx, store, u.ID, cs[i], uuid.NewString(), a, now); err != nil {
			return err
		}
		if err := platform.SaveAuthorization(ctx, store, a, now); err != nil {
			return err
		}
	}
	return nil
}

// StartSeeded starts a platform holding SeedConnectors(n, externalID), for
// benchmarks.
func StartSeeded(tb testing.TB, n int, externalID string) *Platform {
	tb.Helper()
	p := Start(tb, Options{})
	if err := SeedConnectors(context.Background(), p.Store, n, externalID); err != nil {
		tb.Fatal(err)
	}
	return p
}

// Connectors returns n connectors: xkitd's defaults, then made-up apps
// with distinct names.
func Connectors(n int) []*platform.Connector {
	cs := server.DefaultConnectors()
	if n < len(cs) {
		return cs[:n]
	}
	for i := len(cs); i < n; i++ {
		name := ConnectorName(i)
		cs = append(cs, &platform.Connector{
			Slug: strings.ToLower(strings.ReplaceAll(name, " ", "-")), Name: name, Auth: platform.AuthOAuth2,
			ShortDescription: "Sync records and events between your account and " + name + ".",
			Description:      "Connect **" + name + "** to keep its data in step.\n\nUses the demo OAuth provider built into xkitd.",
			About:            name + " is a made-up app.",
		})
	}
	return cs
}

// Made-up names: 40 × 26 two-word names, then numbered. Only one name in
// 16 holds a "q" (the QNames), so a search for "q" keeps a few.
var (
	firstWords = []string{"Acme", "Blue", "Cloud", "Data", "Echo", "Flow", "Giga", "Hyper", "Ion", "Jet",
		"Kite", "Lumen", "Metro", "Nova", "Orbit", "Pixel", "Rapid", "Solar", "Terra", "Ultra",
		"Vector", "Wave", "Xeno", "Yield", "Zen", "Amber", "Bright", "Cobalt", "Delta", "Ember",
		"Fable", "Granite", "Harbor", "Indigo", "Juniper", "Kinetic", "Lattice", "Maple", "Nimbus", "Onyx"}
	secondWords = []string{"CRM", "Mail", "Chat", "Docs", "Sheets", "Pay", "Desk", "Track", "Base", "Hub",
		"Forms", "Cal", "Drive", "Notes", "Ads", "Shop", "Ledger", "Survey", "Deploy", "Metrics",
		"Tickets", "Wiki", "Books", "Voice", "Sign", "Sales"}
	qWords = []string{"Quill", "Quartz", "Quest", "Quota"}
)

// ConnectorName is the i-th made-up connector's name.
func ConnectorName(i int) string {
	if i%16 == 5 {
		return fmt.Sprintf("%s %s %d", qWords[i/16%len(qWords)], secondWords[i%len(secondWords)], i)
	}
	f, s := firstWords[i%len(firstWords)], secondWords[i/len(firstWords)%len(secondWords)]
	if i < len(firstWords)*len(secondWords) {
		return f + " " + s
	}
	return fmt.Sprintf("%s %s %d", f, s, i)
}
