package server

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// demoProvider is a tiny OAuth2 provider (authorization code + PKCE S256)
// so the whole flow works offline: /demo-oauth/authorize shows a consent
// page with Allow and Deny, /demo-oauth/token trades a code for tokens.
// Codes live in the store (so they survive a Worker's per-request
// instances) for 60 s and work once.
type demoProvider struct {
	now    func() time.Time
	origin func(*http.Request) string
	store  platform.Store
}

type demoGrant struct {
	ClientID    string `json:"client_id"`
	RedirectURI string `json:"redirect_uri"`
	Challenge   string `json:"challenge"`
	Scope       string `json:"scope"`
}

func newDemoProvider(now func() time.Time, origin func(*http.Request) string, store platform.Store) *demoProvider {
	return &demoProvider{now: now, origin: origin, store: store}
}

// demoRequest is a validated authorization request.
type demoRequest struct {
	ClientID, RedirectURI, State, Scope, Challenge, App string
}

// parseAuthorize validates the authorization request in q. The redirect
// URI must be exactly xkitd's callback on the origin the page is served at.
func parseAuthorize(q url.Values, origin string) (*demoRequest, string) {
	req := &demoRequest{
		ClientID: q.Get("client_id"), RedirectURI: q.Get("redirect_uri"), State: q.Get("state"),
		Scope: q.Get("scope"), Challenge: q.Get("code_challenge"),
	}
	switch {
	case q.Get("response_type") != "code":
		return nil, "response_type must be code."
	case !strings.HasPrefix(req.ClientID, demoClientPrefix):
		return nil, "Unknown client_id."
	case req.RedirectURI != origin+callbackPath:
		return nil, "redirect_uri does not match the registered redirect URI."
	case req.State == "":
		return nil, "state is required."
	case req.Challenge == "" || q.Get("code_challenge_method") != "S256":
		return nil, "PKCE is required: code_challenge with code_challenge_method S256."
	}
	req.App = strings.TrimPrefix(req.ClientID, demoClientPrefix)
	return req, ""
}

// consentPage (GET /demo-oauth/authorize) asks the user to allow access.
func (d *demoProvider) consentPage(w http.ResponseWriter, r *http.Request) {
	req, problem := parseAuthorize(r.URL.Query(), d.origin(r))
	if problem != "" {
		renderPage(w, http.StatusBadRequest, demoErrorTmpl, map[string]any{"Message": problem})
		return
	}
	renderPage(w, http.StatusOK, consentTmpl, map[string]any{"Req": req, "Query": r.URL.RawQuery})
}

// decide (POST /demo-oauth/authorize) sends the browser back to the
// client with a code (Allow) or error=access_denied (Deny).
func (d *demoProvider) decide(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		renderPage(w, http.StatusBadRequest, demoErrorTmpl, map[string]any{"Message": "The form could not be read."})
		return
	}
	req, problem := parseAuthorize(r.PostForm, d.origin(r))
	if problem != "" {
		renderPage(w, http.StatusBadRequest, demoErrorTmpl, map[string]any{"Message": problem})
		return
	}
	back := url.Values{"state": {req.State}}
	if r.PostForm.Get("decision") == "allow" {
		code := "demo_code_" + randomString(24)
		grant, _ := json.Marshal(demoGrant{ClientID: req.ClientID, RedirectURI: req.RedirectURI,
			Challenge: req.Challenge, Scope: req.Scope})
		now := d.now()
		if err := d.store.PutDemoCode(r.Context(), code, string(grant), now.Add(60*time.Second), now); err != nil {
			renderPage(w, httpStatus(err), demoErrorTmpl, map[string]any{"Message": "The code could not be stored. Try again in a moment."})
			return
		}
		back.Set("code", code)
	} else {
		back.Set("error", "access_denied")
		back.Set("error_description", "The user denied access.")
	}
	http.Redirect(w, r, req.RedirectURI+"?"+back.Encode(), http.StatusSeeOther)
}

// token (POST /demo-oauth/token) trades a code and its PKCE verifier for
// tokens.
func (d *demoProvider) token(w http.ResponseWriter, r *http.Request) {
	fail := func(code, desc string) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": code, "error_description": desc})
	}
	if err := r.ParseForm(); err != nil {
		fail("invalid_request", "The form could not be read.")
		return
	}
	f := r.PostForm
	clientID, secret := f.Get("client_id"), f.Get("client_secret")
	if id, sec, ok := r.BasicAuth(); ok {
		clientID, secret = id, sec
	}
	if f.Get("grant_type") != "authorization_code" {
		fail("unsupported_grant_type", "Only authorization_code is supported.")
		return
	}
	if !strings.HasPrefix(clientID, demoClientPrefix) || secret != demoClientSecret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client", "error_description": "Unknown client."})
		return
	}
	// Single use, even when the rest is wrong.
	raw, err := d.store.TakeDemoCode(r.Context(), f.Get("code"), d.now())
	var g demoGrant
	if err == nil {
		err = json.Unmarshal([]byte(raw), &g)
	}
	sum := sha256.Sum256([]byte(f.Get("code_verifier")))
	switch {
	case platform.ErrorCode(err) == platform.ENOTFOUND:
		fail("invalid_grant", "The code is unknown, used or expired.")
	case err != nil:
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "temporarily_unavailable", "error_description": "The code could not be read."})
	case g.ClientID != clientID || g.RedirectURI != f.Get("redirect_uri"):
		fail("invalid_grant", "The code was issued to another client or redirect URI.")
	case base64.RawURLEncoding.EncodeToString(sum[:]) != g.Challenge:
		fail("invalid_grant", "The PKCE code_verifier does not match the code_challenge.")
	default:
		writeJSON(w, http.StatusOK, map[string]any{
			"access_token":  "demo_at_" + randomString(24),
			"refresh_token": "demo_rt_" + randomString(24),
			"token_type":    "Bearer",
			"expires_in":    3600,
			"scope":         g.Scope,
			"display_label": "Demo user (" + strings.TrimPrefix(clientID, demoClientPrefix) + ")",
		})
	}
}

// transport serves the demo provider's token endpoint in process, for the
// server's own exchange.
func (d *demoProvider) transport() http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		rec := httptest.NewRecorder()
		if r.URL.Path == "/demo-oauth/token" && r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(rec, r.Body, maxBodyBytes)
			d.token(rec, r)
		} else {
			writeJSON(rec, http.StatusNotFound, map[string]string{"error": "not_found"})
		}
		return rec.Result(), nil
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
