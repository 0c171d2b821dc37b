package workertest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/workertest"
)

// TestWorkerStatic: the SDK's files from Workers static assets carry
// xkitd's headers (cmd/xkit-worker/build.sh writes them to _headers):
// public to every origin, content-hashed names immutable, the list of
// them checked on each use, the loader short-cached with a strong ETag
// and a 304 for If-None-Match; and both builds are there. The API beside
// them still refuses an origin that is not allowed.
func TestWorkerStatic(t *testing.T) {
	skipUnlessAsked(t)
	const good, evil = "http://good.test", "http://evil.test"
	w := workertest.Start(t, workertest.Options{Origins: []string{good}})
	get := func(path string, header ...string) reply {
		req, err := http.NewRequest("GET", w.URL+path, nil)
		require.NoError(t, err)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := client.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		raw, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return reply{Status: res.StatusCode, Header: res.Header, Raw: string(raw)}
	}

	r := get("/web/xkit-wasm.json", "Origin", evil)
	require.Equal(t, 200, r.Status, r.Raw)
	assert.Equal(t, "no-cache", r.Header.Get("Cache-Control"))
	var names map[string]string
	require.NoError(t, json.Unmarshal([]byte(r.Raw), &names))
	require.Regexp(t, `^xkit\.[0-9a-f]{16}\.wasm$`, names["xkit.wasm"])
	require.Regexp(t, `^xkit-sdk\.[0-9a-f]{16}\.wasm$`, names["xkit-sdk.wasm"])

	for _, path := range []string{"/web/" + names["xkit.wasm"], "/web/" + names["xkit-sdk.wasm"]} {
		r = get(path, "Origin", evil)
		assert.Equal(t, 200, r.Status, path)
		assert.Equal(t, "application/wasm", r.Header.Get("Content-Type"), path)
		assert.Equal(t, "public, max-age=31536000, immutable", r.Header.Get("Cache-Control"), path)
		assert.Equal(t, "*", r.Header.Get("Access-Control-Allow-Origin"), path)
	}
	for _, path := range []string{"/web/xkit.js", "/web/xkit.mjs", "/web/xkit-sdk.wasm", "/web/i18n/de.json"} {
		for _, origin := range []string{evil, good, ""} {
			r = get(path, "Origin", origin)
			require.Equal(t, 200, r.Status, "%s from %q", path, origin)
			assert.Equal(t, "*", r.Header.Get("Access-Control-Allow-Origin"), "%s from %q", path, origin)
			assert.Empty(t, r.Header.Get("Access-Control-Allow-Credentials"))
			assert.Equal(t, "cross-origin", r.Header.Get("Cross-Origin-Resource-Policy"))
			cache := "public, max-age=300"
			if path == "/web/xkit.js" || path == "/web/xkit.mjs" {
				cache = "no-cache" // they name the hashed files
			}
			assert.Equal(t, cache, r.Header.Get("Cache-Control"), path)
		}
		tag := r.Header.Get("ETag")
		assert.Regexp(t, regexp.MustCompile(`^"[^"]+"$`), tag, "a strong ETag for %s", path)
		r = get(path, "If-None-Match", tag, "Origin", evil)
		assert.Equal(t, 304, r.Status, path)
		assert.Empty(t, r.Raw)
		assert.Equal(t, "*", r.Header.Get("Access-Control-Allow-Origin"), "a 304 keeps CORS")
	}

	// The API is still for allowed origins only.
	tok := w.UserToken(t, "static-user")
	r = get("/api/platform_user/connections", "Origin", evil, "Authorization", "Bearer "+tok)
	assert.Empty(t, r.Header.Get("Access-Control-Allow-Origin"))
	r = get("/api/platform_user/connections", "Origin", good, "Authorization", "Bearer "+tok)
	assert.Equal(t, good, r.Header.Get("Access-Control-Allow-Origin"))
}
