package demoprovider

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xkit-wasm/xkit/internal/oauthclient"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// token (POST /token) serves the authorization_code grant (a code and its
// PKCE verifier) and the refresh_token grant (a refresh token, which is
// spent and replaced), for a client that authenticates with its secret in
// the Authorization header (RFC 6749 section 2.3.1) or in the body.
func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		tokenError(w, http.StatusBadRequest, "invalid_request", "The form could not be read.")
		return
	}
	f := r.PostForm
	id, secret := f.Get("client_id"), f.Get("client_secret")
	if u, pw, ok := r.BasicAuth(); ok {
		id, _ = url.QueryUnescape(u)
		secret, _ = url.QueryUnescape(pw)
	}
	c := p.cfg.Clients(r, id)
	if c == nil || subtle.ConstantTimeCompare([]byte(secret), []byte(c.Secret)) != 1 {
		tokenError(w, http.StatusUnauthorized, "invalid_client", "Unknown client or wrong secret.")
		return
	}
	var g grant
	switch f.Get("grant_type") {
	case "authorization_code":
		if !p.take(w, r, key("code", f.Get("code")), &g) {
			return
		}
		switch {
		case g.ClientID != c.ID || g.RedirectURI != f.Get("redirect_uri"):
			tokenError(w, http.StatusBadRequest, "invalid_grant", "The code was issued to another client or redirect URI.")
			return
		case oauthclient.Challenge(f.Get("code_verifier")) != g.Challenge:
			tokenError(w, http.StatusBadRequest, "invalid_grant", "The PKCE code_verifier does not match the code_challenge.")
			return
		}
	case "refresh_token":
		if !p.take(w, r, key("refresh", f.Get("refresh_token")), &g) {
			return
		}
		if g.ClientID != c.ID {
			tokenError(w, http.StatusBadRequest, "invalid_grant", "The refresh token was issued to another client.")
			return
		}
	default:
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type", "Use authorization_code or refresh_token.")
		return
	}
	now := p.cfg.Now()
	refresh := "demo_rt_" + randomString(24)
	kept, _ := json.Marshal(grant{ClientID: c.ID, Scope: g.Scope})
	if err := p.cfg.Codes.PutDemoCode(r.Context(), key("refresh", refresh), string(kept), now.Add(refreshTokenTTL), now); err != nil {
		tokenError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The tokens could not be stored.")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token":  p.accessToken(c, g.Scope, f.Get("grant_type"), now),
		"refresh_token": refresh,
		"token_type":    "Bearer",
		"expires_in":    int(p.cfg.TokenTTL / time.Second),
		"scope":         g.Scope,
		"display_label": "Demo user (" + c.Account + ")",
	})
}

// take spends a code or refresh token: single use, even when the rest of
// the request turns out wrong.
func (p *Provider) take(w http.ResponseWriter, r *http.Request, k string, g *grant) bool {
	raw, err := p.cfg.Codes.TakeDemoCode(r.Context(), k, p.cfg.Now())
	if err == nil {
		err = json.Unmarshal([]byte(raw), g)
	}
	switch {
	case platform.ErrorCode(err) == platform.ENOTFOUND:
		tokenError(w, http.StatusBadRequest, "invalid_grant", "The code or refresh token is unknown, used or expired.")
	case err != nil:
		tokenError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The grant could not be read.")
	}
	return err == nil
}

// The access tokens carry what they grant, signed with the client's
// secret, so userinfo can check one without storing it.
type claims struct {
	Client  string `json:"c"`
	Scope   string `json:"s"`
	Grant   string `json:"g"` // the grant type that issued it
	Expires int64  `json:"x"` // Unix seconds
	Nonce   string `json:"n"`
}

const accessPrefix = "demo_at_"

func (p *Provider) accessToken(c *Client, scope, grantType string, now time.Time) string {
	body, _ := json.Marshal(claims{Client: c.ID, Scope: scope, Grant: grantType,
		Expires: now.Add(p.cfg.TokenTTL).Unix(), Nonce: randomString(9)})
	payload := base64.RawURLEncoding.EncodeToString(body)
	return accessPrefix + payload + "." + sign(c.Secret, payload)
}

func sign(secret, payload string) string {
	m := hmac.New(sha256.New, []byte("demoprovider access token\x00"+secret))
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// userinfo (GET /userinfo, Authorization: Bearer) describes the demo
// account an access token reaches: what an app does with the token the
// platform hands it (getConnectionToken).
func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	payload, sig, _ := strings.Cut(strings.TrimPrefix(token, accessPrefix), ".")
	var cl claims
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err == nil {
		err = json.Unmarshal(raw, &cl)
	}
	var c *Client
	if ok && err == nil {
		c = p.cfg.Clients(r, cl.Client)
	}
	if c == nil || !hmac.Equal([]byte(sig), []byte(sign(c.Secret, payload))) || p.cfg.Now().Unix() >= cl.Expires {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token",
			"error_description": "The access token is unknown or expired."})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"sub": "demo-user", "name": "Demo user (" + c.Account + ")", "client_id": c.ID,
		"scope": cl.Scope, "grant_type": cl.Grant, "expires_at": strconv.FormatInt(cl.Expires, 10),
	})
}

func tokenError(w http.ResponseWriter, status int, code, desc string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="demo provider"`)
	}
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, _ := json.Marshal(v)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if status == http.StatusServiceUnavailable {
		h.Set("Retry-After", "1")
	}
	w.WriteHeader(status)
	w.Write(body)
}

// randomString returns n random bytes, base64url.
func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
