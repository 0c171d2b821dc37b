package xkitdtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/xkit-wasm/xkit/internal/demoprovider"
)

// Provider is an external OAuth provider for tests: the demo provider
// (internal/demoprovider) on an httptest server of its own, with one
// client and its grants in memory. `xkitd demo-provider` is the same as a
// process.
//
//	prov := xkitdtest.StartProvider(t, "Xkit Local")
//	p := xkitdtest.Start(t, xkitdtest.Options{NoDemo: true,
//		Connectors: []map[string]any{prov.Connector("crm", "Demo CRM")}})
//	prov.Allow(p.CallbackURL())
type Provider struct {
	URL          string // http://127.0.0.1:PORT
	ClientID     string
	ClientSecret string
	srv          *httptest.Server
	client       *demoprovider.Client
	current      atomic.Pointer[demoprovider.Provider]
	failing      atomic.Bool
}

// StartProvider runs a provider whose client is named clientName on its
// consent page; it accepts any redirect URI added with Allow.
func StartProvider(t testing.TB, clientName string) *Provider {
	t.Helper()
	p := &Provider{ClientID: "xkit-test-client", ClientSecret: "provider-secret-" + t.Name()}
	p.client = &demoprovider.Client{ID: p.ClientID, Secret: p.ClientSecret, Name: clientName, Account: "crm"}
	p.Forget()
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p.failing.Load() && r.URL.Path == "/token" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]string{"error": "temporarily_unavailable"})
			return
		}
		mux := http.NewServeMux()
		p.current.Load().Register(mux)
		mux.ServeHTTP(w, r)
	}))
	p.URL = p.srv.URL
	t.Cleanup(p.srv.Close)
	return p
}

// Allow registers a redirect URI: the platform's
// PUBLIC_URL/authorizations/oauth2/callback.
func (p *Provider) Allow(redirectURI string) {
	p.client.RedirectURIs = append(p.client.RedirectURIs, redirectURI)
}

// Forget starts the provider over: every code and refresh token it issued
// is unknown from now on (as when a user revokes the app's access).
func (p *Provider) Forget() {
	p.current.Store(demoprovider.New(demoprovider.Config{
		Clients: demoprovider.One(p.client), Codes: demoprovider.NewMemoryCodes(), Note: "test provider",
	}))
}

// Failing makes the token endpoint answer 503 temporarily_unavailable (on)
// or work again (off).
func (p *Provider) Failing(on bool) { p.failing.Store(on) }

// Connector is a seed connector (JSON) for this provider.
func (p *Provider) Connector(slug, name string) map[string]any {
	return map[string]any{
		"slug": slug, "name": name, "short_description": name + " through an external provider", "auth": "oauth2",
		"oauth2": map[string]any{"auth_url": p.URL + "/authorize", "token_url": p.URL + "/token",
			"client_id": p.ClientID, "client_secret": p.ClientSecret, "scopes": []string{"read", "write"}},
	}
}

// Userinfo asks the provider what an access token reaches: status 200 and
// the answer's members, or 401.
func (p *Provider) Userinfo(t testing.TB, accessToken string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.URL+"/userinfo", nil)
	req.Header.Set("Authorization", "Bearer "+accessToken)
	res, err := p.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("xkitdtest: userinfo: %v", err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}
