// Package oauthclient is the platform's OAuth 2.0 client for the providers
// its connectors name: the authorization URL with PKCE (RFC 7636), and the
// token endpoint's authorization_code and refresh_token grants (RFC 6749
// sections 4.1.3 and 6).
//
//	cfg := &oauthclient.Config{ClientID: id, ClientSecret: secret, AuthURL: a, TokenURL: t,
//		RedirectURL: callback, Do: do}
//	verifier := oauthclient.NewVerifier()
//	consent := cfg.AuthCodeURL(state, verifier)   // send the browser here
//	tok, err := cfg.Exchange(ctx, code, verifier) // on the callback
//	tok, err = cfg.Refresh(ctx, tok.RefreshToken) // when tok.Expiry has passed
//
// It replaces golang.org/x/oauth2, which the platform used before and whose
// behaviour it keeps (client authentication tried in the Authorization
// header, then in the body; JSON or form answers; expires_in as a number or
// a string; an answer's "error" member is an error even with status 200).
// The reason is size: x/oauth2 sends through an *http.Client, and any
// (*http.Client).Do links net/http's whole client (Transport, HTTP/2, the
// dialer and crypto/tls's handshake) into the Cloudflare Worker, where
// requests go through fetch() anyway: 0.9 MB of its 3 MB gzip budget. Here
// a request goes through Config.Do, a plain func: http.Client.Do on xkitd
// (NativeDo), the Workers fetch() on the Worker.
package oauthclient

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Doer sends one HTTP request and returns the provider's answer, whatever
// its status. It must not follow redirects.
type Doer func(*http.Request) (*http.Response, error)

// AuthStyle is where the client's credentials go in a token request.
type AuthStyle int

const (
	// AuthStyleAuto tries HTTP basic authentication first and, when the
	// provider answers with an error, the request body (what x/oauth2 did:
	// some providers accept only one of them).
	AuthStyleAuto AuthStyle = iota
	// AuthStyleInHeader is HTTP basic authentication (RFC 6749 section 2.3.1).
	AuthStyleInHeader
	// AuthStyleInParams puts client_id and client_secret in the body.
	AuthStyleInParams
)

// Config is one OAuth 2.0 client of one provider.
type Config struct {
	ClientID     string
	ClientSecret string
	AuthURL      string // the provider's authorization endpoint
	TokenURL     string // the provider's token endpoint
	RedirectURL  string // the platform's callback, as registered with the provider
	Scopes       []string
	AuthStyle    AuthStyle
	// Do sends token requests; nil fails them.
	Do Doer
	// Now is the clock Token.Expiry is computed on (default time.Now).
	Now func() time.Time
}

// Token is what the token endpoint granted.
type Token struct {
	AccessToken  string
	TokenType    string
	RefreshToken string
	// Expiry is when the access token stops working; zero when the
	// provider did not say.
	Expiry time.Time
	// Extra holds the answer's other members that are strings or numbers
	// (scope, a provider's display_label, ...), as text.
	Extra map[string]string
}

// NewVerifier returns a PKCE code verifier: 32 random bytes, base64url
// (43 characters, as RFC 7636 section 4.1 recommends).
func NewVerifier() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Challenge is the S256 code challenge of a verifier (RFC 7636 section 4.2).
func Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// AuthCodeURL is the provider's consent page for one authorization: the
// authorization endpoint with response_type=code, the client, the
// redirect URI, the scopes, state, and the S256 challenge of verifier.
func (c *Config) AuthCodeURL(state, verifier string) string {
	v := url.Values{
		"response_type":         {"code"},
		"client_id":             {c.ClientID},
		"state":                 {state},
		"code_challenge":        {Challenge(verifier)},
		"code_challenge_method": {"S256"},
	}
	if c.RedirectURL != "" {
		v.Set("redirect_uri", c.RedirectURL)
	}
	if len(c.Scopes) > 0 {
		v.Set("scope", strings.Join(c.Scopes, " "))
	}
	sep := "?"
	if strings.Contains(c.AuthURL, "?") {
		sep = "&"
	}
	return c.AuthURL + sep + v.Encode()
}

// Exchange trades an authorization code and its PKCE verifier for tokens.
func (c *Config) Exchange(ctx context.Context, code, verifier string) (*Token, error) {
	v := url.Values{"grant_type": {"authorization_code"}, "code": {code}}
	if c.RedirectURL != "" {
		v.Set("redirect_uri", c.RedirectURL)
	}
	if verifier != "" {
		v.Set("code_verifier", verifier)
	}
	return c.token(ctx, v)
}

// Refresh gets a new access token with a refresh token. A provider that
// sends no new refresh token leaves the old one in the answer.
func (c *Config) Refresh(ctx context.Context, refreshToken string) (*Token, error) {
	t, err := c.token(ctx, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}})
	if err == nil && t.RefreshToken == "" {
		t.RefreshToken = refreshToken
	}
	return t, err
}

func (c *Config) token(ctx context.Context, v url.Values) (*Token, error) {
	if c.AuthStyle != AuthStyleAuto {
		return c.post(ctx, v, c.AuthStyle)
	}
	t, err := c.post(ctx, v, AuthStyleInHeader)
	if e, ok := err.(*Error); ok && e.StatusCode < 500 {
		// The provider answered and refused: maybe it wants the
		// credentials in the body. Nothing was spent, since a provider
		// checks the client before the code.
		return c.post(ctx, v, AuthStyleInParams)
	}
	return t, err
}

// post sends one token request with the client's credentials where style
// says.
func (c *Config) post(ctx context.Context, v url.Values, style AuthStyle) (*Token, error) {
	if c.Do == nil {
		return nil, errNoDoer
	}
	if style == AuthStyleInParams {
		v = cloneValues(v)
		v.Set("client_id", c.ClientID)
		if c.ClientSecret != "" {
			v.Set("client_secret", c.ClientSecret)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.TokenURL, strings.NewReader(v.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if style == AuthStyleInHeader {
		// Form-encoded first, as RFC 6749 section 2.3.1 says.
		req.SetBasicAuth(url.QueryEscape(c.ClientID), url.QueryEscape(c.ClientSecret))
	}
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return readToken(res, now())
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v)+2)
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
