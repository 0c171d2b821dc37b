package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// Token prefixes tell the kinds apart when a person looks at one.
var tokenPrefix = map[platform.TokenKind]string{
	platform.TokenAccess:  "xat_",
	platform.TokenSession: "xst_",
	platform.TokenOneTime: "ott_",
}

// randomString returns n random bytes, base64url without padding.
func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is what the store keeps instead of a token.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// issue makes and stores a new token of kind for user in family (the
// session it descends from; "" for none, and then a session begins its
// own). Now and then it also sweeps (sweep.go).
func (s *Server) issue(ctx context.Context, kind platform.TokenKind, userID int64, ttl time.Duration, family string) (string, time.Time, error) {
	s.sweep(ctx)
	token := tokenPrefix[kind] + randomString(32)
	now := s.cfg.Now()
	t := &platform.Token{Hash: hashToken(token), Kind: kind, UserID: userID, Family: family,
		ExpiresAt: now.Add(ttl), CreatedAt: now}
	if kind == platform.TokenSession && family == "" {
		t.Family = t.Hash
	}
	if err := s.cfg.Store.CreateToken(ctx, t); err != nil {
		return "", time.Time{}, err
	}
	return token, t.ExpiresAt, nil
}

// familyOf is the family that tokens minted from t join: t's own, or t's
// hash for a session from before families were kept.
func familyOf(t *platform.Token) string {
	if t.Family == "" && t.Kind == platform.TokenSession {
		return t.Hash
	}
	return t.Family
}

var errNoToken = platform.Errorf(platform.EUNAUTHORIZED, "An access token is required (Authorization: Bearer ...).")

func bearerToken(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// authenticate turns an access token into its stored record.
func (s *Server) authenticate(ctx context.Context, token string) (*platform.Token, error) {
	if token == "" {
		return nil, errNoToken
	}
	return s.cfg.Store.FindToken(ctx, platform.TokenAccess, hashToken(token), s.cfg.Now())
}

// userHandler is a handler for a request with a valid access token.
type userHandler func(w http.ResponseWriter, r *http.Request, userID int64)

type tokenKey struct{}

// user guards h with the bearer access token: 401 without a valid one.
// The token's record is in the request's context (bearerOf).
func (s *Server) user(h userHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t, err := s.authenticate(r.Context(), bearerToken(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), tokenKey{}, t)), t.UserID)
	}
}

// bearerOf is the access token a user handler was called with.
func bearerOf(r *http.Request) *platform.Token {
	t, _ := r.Context().Value(tokenKey{}).(*platform.Token)
	return t
}

// sessionFromCookie returns the cookie session of the request.
func (s *Server) sessionFromCookie(r *http.Request) (*platform.Token, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, platform.Errorf(platform.EUNAUTHORIZED, "There is no session. Log in first.")
	}
	t, err := s.cfg.Store.FindToken(r.Context(), platform.TokenSession, hashToken(c.Value), s.cfg.Now())
	if platform.ErrorCode(err) == platform.EUNAUTHORIZED {
		return nil, platform.Errorf(platform.EUNAUTHORIZED, "The session has expired. Log in again.")
	}
	return t, err
}

// startSession stores a new cookie session for user in family ("": a
// family of its own) and sets its cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID int64, family string) error {
	if old, err := r.Cookie(sessionCookie); err == nil && old.Value != "" {
		if err := s.cfg.Store.DeleteToken(r.Context(), platform.TokenSession, hashToken(old.Value)); err != nil {
			return err
		}
	}
	token, expires, err := s.issue(r.Context(), platform.TokenSession, userID, s.cfg.SessionTTL, family)
	if err != nil {
		return err
	}
	http.SetCookie(w, s.cookie(token, expires))
	return nil
}

// cookie is the session cookie: HttpOnly always; under TLS Secure and
// SameSite=None so a host page on another site can use it with
// credentials: include; else Lax (loopback ports are one site anyway).
func (s *Server) cookie(value string, expires time.Time) *http.Cookie {
	c := &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if s.cfg.TLS {
		c.Secure, c.SameSite = true, http.SameSiteNoneMode
	}
	if value == "" {
		c.MaxAge = -1
	} else {
		c.Expires = expires
	}
	return c
}
