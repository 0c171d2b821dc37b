package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/xkit-wasm/xkit/internal/demoprovider"
	"github.com/xkit-wasm/xkit/internal/server"
)

// demoProvider is `xkitd demo-provider`: the demo OAuth provider
// (internal/demoprovider) as a process of its own, on its own port, with
// one registered client. A platform reaches it over HTTP like any real
// provider, through an ordinary oauth2 connector of a seed file; so the
// whole OAuth round trip (consent, code exchange, refresh) runs offline
// through the same code a real provider goes through. Its grants live in
// memory and end with it.
func demoProvider(args []string) error {
	fs := flag.NewFlagSet("xkitd demo-provider", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:9090", "address to listen on (port 0 picks a free one)")
	clientID := fs.String("client-id", "", "the client id the platform's connector uses (required)")
	secret := fs.String("client-secret", "", "the client's secret (default env XKIT_DEMO_CLIENT_SECRET; "+
		"when neither is set, one is made and printed)")
	redirects := fs.String("redirect-uri", "", "the redirect URI to accept: the platform's "+
		"PUBLIC_URL/authorizations/oauth2/callback (required; comma-separated for several)")
	clientName := fs.String("client-name", server.DefaultName, "the app the consent page says wants access")
	account := fs.String("account", "demo", "the name of the demo account it grants")
	ttl := fs.Duration("token-ttl", time.Hour, "how long an access token works")
	if err := fs.Parse(args); err != nil {
		return err
	}
	client := &demoprovider.Client{ID: *clientID, Secret: *secret, Name: *clientName, Account: *account}
	if client.Secret == "" {
		client.Secret = os.Getenv("XKIT_DEMO_CLIENT_SECRET")
	}
	for _, u := range strings.Split(*redirects, ",") {
		if u = strings.TrimSpace(u); u != "" {
			client.RedirectURIs = append(client.RedirectURIs, u)
		}
	}
	if client.ID == "" || len(client.RedirectURIs) == 0 {
		return errors.New("demo-provider: -client-id and -redirect-uri are required")
	}
	made := client.Secret == ""
	if made {
		b := make([]byte, 24)
		rand.Read(b)
		client.Secret = "demo_secret_" + base64.RawURLEncoding.EncodeToString(b)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	origin := server.DefaultPublicURL(ln.Addr().String(), false)
	mux := http.NewServeMux()
	demoprovider.New(demoprovider.Config{
		Clients:  demoprovider.One(client),
		Codes:    demoprovider.NewMemoryCodes(),
		Note:     "This is xkitd's demo OAuth provider, running on its own. No real account is involved.",
		TokenTTL: *ttl,
	}).Register(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(map[string]string{"error": "Not found: " + r.URL.Path})
	})

	fmt.Printf("xkitd demo provider listening on %s\n", origin)
	fmt.Printf("  oauth2 for the platform's seed: {\"auth_url\": %q, \"token_url\": %q, \"client_id\": %q, \"client_secret\": ...}\n",
		origin+"/authorize", origin+"/token", client.ID)
	if made {
		fmt.Printf("  client secret (made now, lives as long as this process): %s\n", client.Secret)
	}
	fmt.Printf("  userinfo (what a token reaches): GET %s/userinfo with Authorization: Bearer TOKEN\n", origin)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return serve(ctx, &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}, ln)
}
