// Package platform holds the domain of xkitd, the local Xkit-compatible
// platform: connectors a user can connect to, the user's connections, the
// authorization behind each connection, and the tokens that let a browser
// act for a user. Storage lives in package sqlite, HTTP in package server.
package platform

import (
	"net/netip"
	"net/url"
	"time"

	"github.com/xkit-wasm/xkit/internal/markurl"
)

// Platform is the public description of this Xkit platform.
type Platform struct {
	Name             string `json:"name"`
	Slug             string `json:"slug"`
	Website          string `json:"website"`
	LoginRedirectURL string `json:"login_redirect_url"`
	RemoveBranding   bool   `json:"remove_branding"`
	// StatusSocket says whether the platform serves the status socket
	// (/socket/websocket); without it clients poll the authorization.
	// Ours: the original xkit.js ignores it.
	StatusSocket bool `json:"status_socket"`
}

// User is a platform user, known to the host application by ExternalID.
type User struct {
	ID         int64
	ExternalID string
	CreatedAt  time.Time
}

// Ways a connector authorizes.
const (
	AuthOAuth2 = "oauth2"
	AuthAPIKey = "api_key"
)

// CollectField is one field an API-key connector asks the user for.
type CollectField struct {
	Name   string `json:"name"`
	Label  string `json:"label"`
	Suffix string `json:"suffix,omitempty"`
}

// OAuth2 points a connector at a real OAuth2 provider. A connector without
// it uses xkitd's built-in demo provider.
type OAuth2 struct {
	AuthURL      string   `json:"auth_url"`
	TokenURL     string   `json:"token_url"`
	ClientID     string   `json:"client_id"`
	ClientSecret string   `json:"client_secret"`
	Scopes       []string `json:"scopes,omitempty"`
}

// Connector is an app users can connect to.
type Connector struct {
	Slug                        string         `json:"slug"`
	Name                        string         `json:"name"`
	ShortDescription            string         `json:"short_description"`
	Description                 string         `json:"description,omitempty"`
	About                       string         `json:"about,omitempty"`
	MarkURL                     string         `json:"mark_url,omitempty"` // empty: xkitd's own logo
	SupportsMultipleConnections bool           `json:"supports_multiple_connections"`
	Auth                        string         `json:"auth"`
	CollectFields               []CollectField `json:"collect_fields,omitempty"`
	CollectInstructions         string         `json:"collect_instructions,omitempty"`
	OAuth2                      *OAuth2        `json:"oauth2,omitempty"`
}

// Validate reports what is wrong with a connector definition.
func (c *Connector) Validate() error {
	switch {
	case !ValidSlug(c.Slug):
		return Errorf(EINVALID, "Connector slug %q must be lowercase letters, digits and dashes.", c.Slug)
	case c.Name == "":
		return Errorf(EINVALID, "Connector %q needs a name.", c.Slug)
	case c.Auth != AuthOAuth2 && c.Auth != AuthAPIKey:
		return Errorf(EINVALID, "Connector %q: auth must be %q or %q.", c.Slug, AuthOAuth2, AuthAPIKey)
	case c.Auth == AuthAPIKey && len(c.CollectFields) == 0:
		return Errorf(EINVALID, "Connector %q: an API-key connector needs collect_fields.", c.Slug)
	case !validMark(c.MarkURL):
		shown := c.MarkURL
		if len(shown) > 40 {
			shown = shown[:40] + "…"
		}
		return Errorf(EINVALID, "Connector %q: mark_url must be an https:, http: or data:image/(png|jpeg|gif|webp) URL "+
			"or a path on the platform, not %q.", c.Slug, shown)
	}
	for _, f := range c.CollectFields {
		if f.Name == "" || f.Name == "state" {
			return Errorf(EINVALID, "Connector %q: collect field name %q is not allowed.", c.Slug, f.Name)
		}
	}
	if p := c.OAuth2; p != nil {
		if c.Auth != AuthOAuth2 {
			return Errorf(EINVALID, "Connector %q: oauth2 is for auth %q only.", c.Slug, AuthOAuth2)
		}
		if p.ClientID == "" {
			return Errorf(EINVALID, "Connector %q: oauth2.client_id is required.", c.Slug)
		}
		for _, u := range []struct{ name, url string }{{"auth_url", p.AuthURL}, {"token_url", p.TokenURL}} {
			if !providerURL(u.url) {
				return Errorf(EINVALID, "Connector %q: oauth2.%s must be an https URL (http only on localhost), not %q.",
					c.Slug, u.name, u.url)
			}
		}
	}
	return nil
}

// providerURL reports whether u may be an OAuth provider's endpoint: https,
// or http on this machine (a provider in a local process). The client
// secret and the user's tokens travel to the token URL, so plain http to
// another host would hand them to the network.
func providerURL(u string) bool {
	v, err := url.Parse(u)
	if err != nil || v.Host == "" || v.User != nil || v.Fragment != "" {
		return false
	}
	if v.Scheme == "https" {
		return true
	}
	if v.Scheme != "http" {
		return false
	}
	host := v.Hostname()
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// validMark reports whether a connector's mark_url may be stored: empty
// (the platform's own logo), a path on the platform, or what
// markurl.Allowed lets reach an <img src>.
func validMark(u string) bool {
	return u == "" || len(u) > 1 && u[0] == '/' && u[1] != '/' && u[1] != '\\' || markurl.Allowed(u)
}

// ValidSlug reports whether s is a usable slug: lowercase ASCII letters,
// digits and dashes, starting with a letter or digit.
func ValidSlug(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Connection is one user's link to a connector.
type Connection struct {
	ID            string
	UserID        int64
	ConnectorSlug string
	Enabled       bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// Authorization is the one that counts: the newest that turned active
	// (see connect.go); nil when none did and the connection has none.
	Authorization *Authorization
}

// Status of an authorization.
type Status string

const (
	StatusAwaitingCallback Status = "awaiting_callback"
	StatusRetrievingTokens Status = "retrieving_tokens"
	StatusActive           Status = "active"
	StatusError            Status = "error"
)

// Authorization is one attempt to authorize a connection; a reconnect
// makes a new one.
type Authorization struct {
	ID            string
	ConnectionID  string
	UserID        int64
	ConnectorSlug string
	Status        Status
	ErrorCode     string
	ErrorMessage  string
	DisplayLabel  string
	State         string // random, names the attempt in the provider round trip
	PKCEVerifier  string
	RedirectURI   string
	AuthorizeURL  string
	AccessToken   string
	RefreshToken  string
	TokenExpiry   time.Time
	Fields        map[string]string // collected API-key fields
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TokenKind tells the three kinds of user tokens apart.
type TokenKind string

const (
	TokenAccess  TokenKind = "access"  // bearer token for the API, short-lived
	TokenSession TokenKind = "session" // cookie session, long-lived
	TokenOneTime TokenKind = "ott"     // logs the popup in, single use
)

// Token is a stored user token. Only the SHA-256 of its secret is kept.
type Token struct {
	Hash   string
	Kind   TokenKind
	UserID int64
	// Family is the hash of the cookie session a token descends from (a
	// session's own hash for a session that began one); "" for tokens the
	// host backend provisioned. Logout revokes a whole family.
	Family    string
	ExpiresAt time.Time
	CreatedAt time.Time
}
