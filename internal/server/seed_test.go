package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/server"
	"github.com/xkit-wasm/xkit/internal/sqlite"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// A seeded connector with oauth2 uses that provider: the consent URL is the
// provider's, with state, PKCE and the exact redirect URI, and the callback
// exchanges the code at its token URL with the verifier.
func TestSeedFileRealProvider(t *testing.T) {
	var mu sync.Mutex
	challenges := map[string]string{} // code → challenge
	provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth/token" || r.ParseForm() != nil {
			http.Error(w, "bad request", 400)
			return
		}
		id, secret, _ := r.BasicAuth()
		if id == "" {
			id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		mu.Lock()
		challenge := challenges[r.PostForm.Get("code")]
		mu.Unlock()
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		if id != "cid" || secret != "csecret" || challenge != base64.RawURLEncoding.EncodeToString(sum[:]) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": "real-at", "token_type": "Bearer", "expires_in": 60})
	}))
	defer provider.Close()

	seed := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(seed, []byte(`{"connectors":[{
		"name":"Acme OAuth","slug":"acme-oauth","short_description":"Real provider","auth":"oauth2",
		"oauth2":{"auth_url":"`+provider.URL+`/oauth/authorize","token_url":"`+provider.URL+`/oauth/token",
		"client_id":"cid","client_secret":"csecret","scopes":["a","b"]}}]}`), 0o644))
	p := xkitdtest.Start(t, xkitdtest.Options{SeedFile: seed})
	tok := p.UserToken(t, "u1")

	r := call(t, p.Client(), "GET", p.URL+api+"/platform/connectors", "", nil)
	assert.Len(t, r.Body["connectors"], 5, "seeded after the defaults")

	_, auth := startConnection(t, p, tok, "acme-oauth")
	assert.Equal(t, "cid", obj(t, auth, "authorizer")["client_id"])
	b := popup(t, p, tok)
	res, err := b.NoRedirect.Get(auth["authorize_url"].(string))
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the start endpoint sends the popup to the provider")
	u, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, provider.URL+"/oauth/authorize", u.Scheme+"://"+u.Host+u.Path)
	q := u.Query()
	assert.Equal(t, p.URL+"/authorizations/oauth2/callback", q.Get("redirect_uri"))
	assert.Equal(t, "S256", q.Get("code_challenge_method"))
	assert.Equal(t, "a b", q.Get("scope"))
	assert.Equal(t, auth["state"], q.Get("state"))

	mu.Lock()
	challenges["the-code"] = q.Get("code_challenge")
	mu.Unlock()
	r = load(t, b, p.URL+"/authorizations/oauth2/callback?code=the-code&state="+url.QueryEscape(q.Get("state")))
	require.Equal(t, 200, r.Status)
	a := getAuthorization(t, p, tok, "acme-oauth", auth["id"].(string))
	assert.Equal(t, "active", a["status"])
	assert.Equal(t, "real-at", a["access_token"])
}

func TestSeedFileErrors(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer db.Close()
	for name, content := range map[string]string{
		"not json":       `{"connectors":`,
		"bad slug":       `{"connectors":[{"name":"X","slug":"Bad Slug"}]}`,
		"no name":        `{"connectors":[{"slug":"x"}]}`,
		"bad auth":       `{"connectors":[{"name":"X","slug":"x","auth":"magic"}]}`,
		"key, no fields": `{"connectors":[{"name":"X","slug":"x","auth":"api_key"}]}`,
	} {
		path := filepath.Join(t.TempDir(), "seed.json")
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
		_, err := server.LoadSeedFile(ctx, db, path, true)
		assert.Error(t, err, name)
	}
	cs, err := db.ListConnectors(ctx)
	require.NoError(t, err)
	assert.Empty(t, cs, "a bad seed file stores nothing")
	_, err = server.LoadSeedFile(ctx, db, "/does/not/exist.json", true)
	assert.Error(t, err)

	// Defaults go only into an empty database.
	require.NoError(t, server.SeedDefaults(ctx, db))
	require.NoError(t, server.SeedDefaults(ctx, db))
	cs, _ = db.ListConnectors(ctx)
	assert.Len(t, cs, 4)
	assert.True(t, strings.HasPrefix(cs[3].Slug, "acme"))
}
