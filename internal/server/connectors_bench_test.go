package server_test

import (
	"bytes"
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
			// One writer for every call, as a server's connection is: a
			// fresh httptest.ResponseRecorder per call would grow its body
			// buffer from nothing each time, which is the benchmark's cost,
			// not the handler's.
			w := &answer{header: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				w.reset()
				p.Handler.ServeHTTP(w, req)
				if w.status != http.StatusOK {
					b.Fatalf("%d: %s", w.status, w.body.String())
				}
			}
			b.SetBytes(int64(w.body.Len()))
		})
	}
}

// answer is a reusable http.ResponseWriter.
type answer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (a *answer) reset() {
	clear(a.header)
	a.status = 0
	a.body.Reset()
}

func (a *answer) Header() http.Header { return a.header }
func (a *answer) WriteHeader(code int) {
	if a.status == 0 {
		a.status = code
	}
}
func (a *answer) Write(p []byte) (int, error) {
	a.WriteHeader(http.StatusOK)
	return a.body.Write(p)
}
