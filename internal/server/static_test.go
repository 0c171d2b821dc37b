package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

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
	write("web/xkit.0123456789abcdef.wasm", wasm)
	write("web/xkit.0123456789abcdef.wasm.br", []byte("pretend brotli"))
	write("web/xkit.0123456789ABCDEF.wasm", wasm)
	write("web/xkit-wasm.json", []byte(`{"xkit.wasm":"xkit.0123456789abcdef.wasm"}`))
	write("secret.txt", []byte("not served"))

	p := xkitdtest.Start(t, xkitdtest.Options{WebDir: dir})
	// The client's transport must not add or undo Accept-Encoding.
	tr := p.Client().Transport.(*http.Transport).Clone()
	tr.DisableCompression = true
	c := &http.Client{Transport: tr}
	get := func(path, accept string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", p.URL+path, nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		res, err := c.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, body
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
	// for again, twins included; the list of them, and everything else, is
	// checked on each use.
	caching := []struct{ path, accept, contentType, cache string }{
		{"/web/xkit.0123456789abcdef.wasm", "", "application/wasm", "public, max-age=31536000, immutable"},
		{"/web/xkit.0123456789abcdef.wasm", "br", "application/wasm", "public, max-age=31536000, immutable"},
		{"/web/xkit.0123456789ABCDEF.wasm", "", "application/wasm", "no-cache"},
		{"/web/xkit.wasm", "br", "application/wasm", "no-cache"},
		{"/web/xkit-wasm.json", "", "application/json", "no-cache"},
		{"/web/xkit.js", "", "text/javascript; charset=utf-8", "no-cache"},
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
