// Package demoprovider is a small OAuth 2.0 provider for trying the
// platform without a real one: the authorization code grant with PKCE
// S256, refresh tokens (rotated on every use), a consent page with Allow
// and Deny, and a userinfo endpoint that accepts the access tokens it
// issued. No real account is involved.
//
// It runs two ways. Built into the platform (internal/server, when the
// platform is a demo) at /demo-oauth/..., for the demo connectors: every
// connector is a client "xkit-demo-{slug}", and codes and refresh tokens
// live in the platform's store, so a Cloudflare Worker's per-request
// instances share them. And as a process of its own (`xkitd
// demo-provider`, cmd/xkitd): an external provider with one registered
// client, which the platform reaches over HTTP like any real provider,
// through an ordinary oauth2 connector.
//
//	p := demoprovider.New(demoprovider.Config{Clients: demoprovider.One(client), Codes: demoprovider.NewMemoryCodes()})
//	mux := http.NewServeMux()
//	p.Register(mux) // GET/POST /authorize, POST /token, GET /userinfo
package demoprovider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"
)

// Client is one registered OAuth client.
type Client struct {
	ID     string
	Secret string
	// Name is the app that asks for access, shown on the consent page.
	Name string
	// Account names the demo account the client gets, in the consent page
	// and the token's display_label ("Demo user (Account)").
	Account string
	// RedirectURIs are the redirect URIs the client registered; a request
	// must name one exactly.
	RedirectURIs []string
}

// Codes keeps single-use grants until they expire: authorization codes
// and refresh tokens. platform.Store has these methods; MemoryCodes is one
// for a provider of its own. Take of a key that is unknown, used or
// expired answers a platform.ENOTFOUND error.
type Codes interface {
	PutDemoCode(ctx context.Context, key, grant string, expires, now time.Time) error
	TakeDemoCode(ctx context.Context, key string, now time.Time) (string, error)
}

// Config is what a Provider needs.
type Config struct {
	// Prefix is the path the endpoints live under: "/demo-oauth" inside the
	// platform, "" on a server of its own.
	Prefix string
	// Clients finds the client with id for a request (nil: none). The
	// request is there for a provider that derives its clients from it.
	Clients func(r *http.Request, id string) *Client
	Codes   Codes
	// Note is a line under the consent page's question.
	Note string
	// TokenTTL is how long an access token works (default 1 h).
	TokenTTL time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Lifetimes of what the provider issues.
const (
	codeTTL         = 60 * time.Second
	refreshTokenTTL = 30 * 24 * time.Hour
)

// Provider is the demo OAuth 2.0 provider's handlers.
type Provider struct{ cfg Config }

// New returns a Provider for cfg.
func New(cfg Config) *Provider {
	if cfg.TokenTTL <= 0 {
		cfg.TokenTTL = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Provider{cfg: cfg}
}

// Register adds the provider's endpoints to mux under Config.Prefix.
func (p *Provider) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET "+p.cfg.Prefix+"/authorize", p.consentPage)
	mux.HandleFunc("POST "+p.cfg.Prefix+"/authorize", p.decide)
	mux.HandleFunc("POST "+p.cfg.Prefix+"/token", p.token)
	mux.HandleFunc("GET "+p.cfg.Prefix+"/userinfo", p.userinfo)
}

// Token serves one token request in process, without a network: the
// built-in provider's token endpoint for the platform's own client.
func (p *Provider) Token(r *http.Request) *http.Response { return serveInProcess(p.token, r) }

// One is Config.Clients for a provider with one registered client.
func One(c *Client) func(*http.Request, string) *Client {
	return func(_ *http.Request, id string) *Client {
		if id == c.ID {
			return c
		}
		return nil
	}
}

// key is what the store keeps instead of a code or refresh token: its
// SHA-256, so whoever reads the database cannot spend them.
func key(kind, secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return kind + ":" + hex.EncodeToString(sum[:])
}
