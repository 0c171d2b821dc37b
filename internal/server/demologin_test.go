package server_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/server"
)

func TestDemoToken(t *testing.T) {
	t.Run("off unless asked for", func(t *testing.T) {
		srv, _ := startWith(t, server.Config{})
		r := call(t, srv.Client(), http.MethodPost, srv.URL+"/demo/token", "", nil, "Origin", srv.URL)
		assert.Equal(t, http.StatusNotFound, r.Status)
	})
	srv, _ := startWith(t, server.Config{Demo: true})
	t.Run("own page gets a working token", func(t *testing.T) {
		r := call(t, srv.Client(), http.MethodPost, srv.URL+"/demo/token", "", nil, "Origin", srv.URL)
		require.Equal(t, http.StatusOK, r.Status, r.Raw)
		token, _ := r.Body["access_token"].(string)
		require.NotEmpty(t, token)
		s := call(t, srv.Client(), http.MethodGet, srv.URL+api+"/connections", token, nil)
		assert.Equal(t, http.StatusOK, s.Status, s.Raw)
	})
	for name, origin := range map[string]string{"no origin": "", "another site": "https://evil.example"} {
		t.Run(name+" is refused", func(t *testing.T) {
			r := call(t, srv.Client(), http.MethodPost, srv.URL+"/demo/token", "", nil, "Origin", origin)
			assert.Equal(t, http.StatusForbidden, r.Status)
			assert.NotEmpty(t, r.Body["error"])
		})
	}
}
