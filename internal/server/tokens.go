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

// sessionFromCookie returns the cookie session of the request. A browser
// may send two session cookies, the partitioned one and one xkitd set
// before it partitioned them (sessionCookies): the first that is a live
// session wins.
func (s *Server) sessionFromCookie(r *http.Request) (*platform.Token, error) {
	var err error = platform.Errorf(platform.EUNAUTHORIZED, "There is no session. Log in first.")
	for _, value := range sessionCookies(r) {
		var t *platform.Token
		t, err = s.cfg.Store.FindToken(r.Context(), platform.TokenSession, hashToken(value), s.cfg.Now())
		if err == nil {
			return t, nil
		}
		if platform.ErrorCode(err) == platform.EUNAUTHORIZED {
			err = platform.Errorf(platform.EUNAUTHORIZED, "The session has expired. Log in again.")
		} else {
			return nil, err
		}
	}
	return nil, err
}

// sessionCookies are the values of the request's session cookies.
func sessionCookies(r *http.Request) []string {
	var out []string
	for _, c := range r.CookiesNamed(sessionCookie) {
		if c.Value != "" {
			out = append(out, c.Value)
		}
	}
	return out
}

// startSession stores a new cookie session for user in family ("": a
// family of its own) and sets its cookie, in place of the sessions the
// request's cookies held.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID int64, family string) error {
	for _, old := range sessionCookies(r) {
		if err := s.cfg.Store.DeleteToken(r.Context(), platform.TokenSession, hashToken(old)); err != nil {
			return err
		}
	}
	token, expires, err := s.issue(r.Context(), platform.TokenSession, userID, s.cfg.SessionTTL, family)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token, expires)
	return nil
}

// setSessionCookie sets the session cookie, or with value "" deletes it.
//
// It is HttpOnly always. Under TLS it is Secure, SameSite=None so a host
// page on another site can use it with credentials: include, and
// Partitioned (CHIPS): kept per top-level site, so a browser that blocks
// third-party cookies still keeps it for the host page's site (and a page
// on another site never sees it). Without TLS it is Lax (loopback ports
// are one site anyway; Partitioned needs Secure). A cookie xkitd set
// before it partitioned them is not deleted here (a browser that ignores
// Partitioned would take the deletion for this cookie's); its session
// ends with the next login or logout of that browser (startSession,
// deleteSession).
func (s *Server) setSessionCookie(w http.ResponseWriter, value string, expires time.Time) {
	c := &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if s.cfg.TLS {
		c.Secure, c.SameSite, c.Partitioned = true, http.SameSiteNoneMode, true
	}
	if value == "" {
		c.MaxAge = -1
	} else {
		c.Expires = expires
	}
	http.SetCookie(w, c)
}
