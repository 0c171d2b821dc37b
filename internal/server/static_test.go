package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

func TestStatic(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	wasm := []byte("\x00asm\x01\x00\x00\x00 pretend module")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(wasm)
	zw.Close()
	write("index.html", []byte("<!doctype html><title>host page</title>"))
	write("web/xkit.wasm", wasm)
	write("web/xkit.wasm.gz", gz.Bytes())
	write("web/xkit.wasm.br", []byte("pretend brotli"))
	write("web/xkit.js", []byte("export {}"))
	write("web/xkit.mjs", []byte("export {}"))
	write("web/xkit-sri.json", []byte(`{}`))
	write("web/i18n/xkit.js", []byte("not a loader: only web/'s own are"))
	write("web/xkit.0123456789abcdef.wasm", wasm)
	write("web/xkit.0123456789abcdef.wasm.br", []byte("pretend brotli"))
	write("web/xkit.0123456789ABCDEF.wasm", wasm)
	write("web/xkit.0123456789abcdef.js", []byte("hashed"))
	write("web/xkit-wasm.json", []byte(`{"xkit.wasm":"xkit.0123456789abcdef.wasm"}`))
	write("secret.txt", []byte("not served"))

	p := xkitdtest.Start(t, xkitdtest.Options{WebDir: dir})
	get := func(path, accept string) (*http.Response, []byte) {
		res, body := rawGet(t, p, path, "Accept-Encoding", accept)
		return res, []byte(body)
	}

	tests := []struct {
		path, accept, status, contentType, encoding, body string
	}{
		{"/", "", "200", "text/html; charset=utf-8", "", "<!doctype html><title>host page</title>"},
		{"/web/xkit.wasm", "", "200", "application/wasm", "", string(wasm)},
		{"/web/xkit.wasm", "gzip", "200", "application/wasm", "gzip", gz.String()},
		{"/web/xkit.wasm", "gzip, deflate, br", "200", "application/wasm", "br", "pretend brotli"},
		{"/web/xkit.wasm", "br;q=0, gzip", "200", "application/wasm", "gzip", gz.String()},
		{"/web/xkit.js", "br, gzip", "200", "text/javascript; charset=utf-8", "", "export {}"},
		{"/web/../secret.txt", "", "404", "", "", ""},
		{"/web/missing.js", "", "404", "", "", ""},
		{"/secret.txt", "", "404", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path+" "+tt.accept, func(t *testing.T) {
			res, body := get(tt.path, tt.accept)
			assert.Equal(t, tt.status, res.Status[:3])
			if tt.status != "200" {
				assert.NotContains(t, string(body), "not served")
				return
			}
			assert.Equal(t, tt.contentType, res.Header.Get("Content-Type"))
			assert.Equal(t, tt.encoding, res.Header.Get("Content-Encoding"))
			assert.Equal(t, tt.body, string(body))
		})
	}

	// Content-hashed names (build.sh's) are kept for a year and never asked
	// for again, twins included; the files that name them (the loaders,
	// the lists) are checked on each use; other fixed names are kept 5
	// minutes.
	const immutable, short = "public, max-age=31536000, immutable", "public, max-age=300"
	caching := []struct{ path, accept, contentType, cache string }{
		{"/web/xkit.0123456789abcdef.wasm", "", "application/wasm", immutable},
		{"/web/xkit.0123456789abcdef.wasm", "br", "application/wasm", immutable},
		{"/web/xkit.0123456789abcdef.js", "", "text/javascript; charset=utf-8", immutable},
		{"/web/xkit.0123456789ABCDEF.wasm", "", "application/wasm", short},
		{"/web/xkit.wasm", "br", "application/wasm", short},
		{"/web/xkit-wasm.json", "", "application/json", "no-cache"},
		{"/web/xkit.js", "", "text/javascript; charset=utf-8", "no-cache"},
		{"/web/xkit.mjs", "", "text/javascript; charset=utf-8", "no-cache"},
		{"/web/xkit-sri.json", "", "application/json", "no-cache"},
		{"/web/i18n/xkit.js", "", "text/javascript; charset=utf-8", short},
		{"/", "", "text/html; charset=utf-8", "no-cache"},
	}
	for _, tt := range caching {
		t.Run("Cache-Control "+tt.path+" "+tt.accept, func(t *testing.T) {
			res, _ := get(tt.path, tt.accept)
			assert.Equal(t, 200, res.StatusCode)
			assert.Equal(t, tt.contentType, res.Header.Get("Content-Type"))
			assert.Equal(t, tt.cache, res.Header.Get("Cache-Control"))
		})
	}

	// Without index.html, / still answers a page.
	empty := xkitdtest.Start(t, xkitdtest.Options{WebDir: t.TempDir()})
	r := call(t, empty.Client(), "GET", empty.URL+"/", "", nil)
	assert.Equal(t, 200, r.Status)
	assert.Contains(t, r.Raw, "This is Xkit Local")
}

// rawGet GETs path from p with the headers (name, value pairs; "" values
// are left out) as they are: the client's transport neither adds nor
// undoes Accept-Encoding.
func rawGet(t *testing.T, p *xkitdtest.Platform, path string, header ...string) (*http.Response, string) {
	t.Helper()
	tr := p.Client().Transport.(*http.Transport).Clone()
	tr.DisableCompression = true
	req, err := http.NewRequest("GET", p.URL+path, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] != "" {
			req.Header.Set(header[i], header[i+1])
		}
	}
	res, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

// The SDK's files carry a strong ETag from their content (each encoding
// its own) and answer If-None-Match with 304, hashed names or not.
func TestStaticETag(t *testing.T) {
	dir := t.TempDir()
	web := filepath.Join(dir, "web")
	require.NoError(t, os.MkdirAll(web, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(web, "xkit.js"), []byte("loader v1"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(web, "xkit.js.br"), []byte("brotli v1"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(web, "xkit.0123456789abcdef.wasm"), []byte("\x00asm hashed"), 0o644))
	p := xkitdtest.Start(t, xkitdtest.Options{WebDir: dir})
	get := func(path, accept, ifNoneMatch string) (*http.Response, string) {
		return rawGet(t, p, path, "Accept-Encoding", accept, "If-None-Match", ifNoneMatch)
	}

	res, _ := get("/web/xkit.js", "", "")
	plain := res.Header.Get("ETag")
	assert.Regexp(t, `^"[0-9a-f]{32}"$`, plain, "a strong ETag (no W/)")
	res, _ = get("/web/xkit.js", "br", "")
	br := res.Header.Get("ETag")
	assert.Equal(t, "br", res.Header.Get("Content-Encoding"))
	assert.NotEqual(t, plain, br, "each encoding has its own ETag")

	for _, tt := range []struct{ path, accept, tag string }{
		{"/web/xkit.js", "", plain}, {"/web/xkit.js", "br", br},
	} {
		res, body := get(tt.path, tt.accept, tt.tag)
		assert.Equal(t, 304, res.StatusCode, "%s %s", tt.path, tt.accept)
		assert.Empty(t, body)
		assert.Equal(t, tt.tag, res.Header.Get("ETag"))
		assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
		assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"), "a 304 keeps CORS")
	}
	res, body := get("/web/xkit.js", "", br)
	assert.Equal(t, 200, res.StatusCode, "the br twin's ETag does not match the plain file")
	assert.Equal(t, "loader v1", body)

	res, _ = get("/web/xkit.0123456789abcdef.wasm", "", "")
	hashed := res.Header.Get("ETag")
	require.NotEmpty(t, hashed)
	res, _ = get("/web/xkit.0123456789abcdef.wasm", "", hashed)
	assert.Equal(t, 304, res.StatusCode)

	// A new build: new content, new ETag, the old one gets the new file.
	time.Sleep(10 * time.Millisecond) // a later modification time on coarse clocks
	require.NoError(t, os.WriteFile(filepath.Join(web, "xkit.js"), []byte("loader v2, longer"), 0o644))
	res, body = get("/web/xkit.js", "", plain)
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "loader v2, longer", body)
	assert.NotEqual(t, plain, res.Header.Get("ETag"))
}

// /web/ is public code: every origin may read it (Access-Control-Allow-
// Origin: *, no credentials, no Vary: Origin, also without an Origin
// header, so a copy cached from a <script> tag serves a CORS fetch), while
// the API beside it still refuses an origin that is not allowed; writes
// under /web/, and paths that leave it, get the API's rules.
func TestStaticIsPublic(t *testing.T) {
	const good, evil = "https://good.test", "https://evil.test"
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "web"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "web", "xkit.js"), []byte("loader"), 0o644))
	p := xkitdtest.Start(t, xkitdtest.Options{WebDir: dir, Origins: []string{good}})
	c := p.Client()
	tok := p.UserToken(t, "u1")

	for _, origin := range []string{evil, good, ""} {
		h := []string{}
		if origin != "" {
			h = append(h, "Origin", origin)
		}
		r := call(t, c, "GET", p.URL+"/web/xkit.js", "", nil, h...)
		assert.Equal(t, 200, r.Status, "origin %q", origin)
		assert.Equal(t, "loader", r.Raw)
		assert.Equal(t, "*", r.Header.Get("Access-Control-Allow-Origin"), "origin %q", origin)
		assert.Empty(t, r.Header.Get("Access-Control-Allow-Credentials"), "origin %q", origin)
		assert.Equal(t, "cross-origin", r.Header.Get("Cross-Origin-Resource-Policy"))
		assert.NotContains(t, r.Header.Values("Vary"), "Origin")
		r = call(t, c, "GET", p.URL+"/web/missing.js", "", nil, h...)
		assert.Equal(t, 404, r.Status)
		assert.Equal(t, "*", r.Header.Get("Access-Control-Allow-Origin"), "a 404 is readable too")
	}
	// A preflight for a fetch with headers of its own.
	r := call(t, c, "OPTIONS", p.URL+"/web/xkit.js", "", nil, "Origin", evil,
		"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-custom")
	assert.Equal(t, 204, r.Status)
	assert.Equal(t, "*", r.Header.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "GET, HEAD", r.Header.Get("Access-Control-Allow-Methods"))

	// The API still refuses evil: its reads come without CORS headers (the
	// browser hides them), its writes and preflights are refused.
	r = call(t, c, "GET", p.URL+api+"/connections", tok, nil, "Origin", evil)
	assert.Empty(t, r.Header.Get("Access-Control-Allow-Origin"))
	r = call(t, c, "OPTIONS", p.URL+api+"/connections", "", nil, "Origin", evil, "Access-Control-Request-Method", "GET")
	assert.Equal(t, 403, r.Status)
	assert.Empty(t, r.Header.Get("Access-Control-Allow-Origin"))
	r = call(t, c, "GET", p.URL+api+"/connections", tok, nil, "Origin", good)
	assert.Equal(t, good, r.Header.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "true", r.Header.Get("Access-Control-Allow-Credentials"))

	// A path through /web/ to the API, and a write under /web/, are the
	// API's: no CORS for evil, writes refused before any handler.
	noRedirect := *c
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, path := range []string{"/web/../api/platform_user/connections", "/web/%2e%2e/api/platform_user/connections"} {
		r = call(t, &noRedirect, "GET", p.URL+path, tok, nil, "Origin", evil)
		assert.Empty(t, r.Header.Get("Access-Control-Allow-Origin"), path)
		assert.NotContains(t, r.Raw, `"connections"`, path)
	}
	r = call(t, c, "POST", p.URL+"/web/../api/platform_user/connections/github", tok, map[string]any{}, "Origin", evil)
	assert.Equal(t, 403, r.Status, r.Raw)
	r = call(t, c, "POST", p.URL+"/web/xkit.js", tok, map[string]any{}, "Origin", evil)
	assert.Equal(t, 403, r.Status, r.Raw)
	assert.Empty(t, r.Header.Get("Access-Control-Allow-Origin"))
}
