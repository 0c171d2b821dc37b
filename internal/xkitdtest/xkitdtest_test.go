package xkitdtest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

func TestStart(t *testing.T) {
	for _, tls := range []bool{false, true} {
		p := xkitdtest.Start(t, xkitdtest.Options{TLS: tls, Origins: []string{"http://127.0.0.1:9"}})
		token := p.UserToken(t, "user-1")
		require.NotEmpty(t, token)

		get := func() int {
			req, _ := http.NewRequest(http.MethodGet, p.URL+"/api/platform_user/connectors", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := p.Client().Do(req)
			require.NoError(t, err)
			res.Body.Close()
			return res.StatusCode
		}
		require.Equal(t, http.StatusOK, get())
		require.Equal(t, 1, p.ExpireTokens(t))
		require.Equal(t, http.StatusUnauthorized, get())
	}
}
