package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

// BenchmarkListConnectors is GET /api/platform_user/connectors for a user
// with a connection to every tenth connector, through the real handler and
// SQLite (no network).
func BenchmarkListConnectors(b *testing.B) {
	for _, n := range []int{200, 1000} {
		b.Run(fmt.Sprint(n, "-connectors"), func(b *testing.B) {
			p := xkitdtest.StartSeeded(b, n, "bench")
			req := httptest.NewRequest(http.MethodGet, p.URL+api+"/connectors", nil)
			req.Header.Set("Authorization", "Bearer "+p.UserToken(b, "bench"))
			req.Header.Set("Accept", "application/json")
			var size int
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				p.Handler.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%d: %s", w.Code, w.Body)
				}
				size = w.Body.Len()
			}
			b.SetBytes(int64(size))
		})
	}
}
