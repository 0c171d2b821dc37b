package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/xkit-wasm/xkit/internal/htmlpage"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// index (GET /) serves the demo page, WebDir/index.html, on a demo
// platform, and otherwise a short note of what the platform is.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	if s.demo != nil && s.cfg.WebDir != "" {
		p := filepath.Join(s.cfg.WebDir, "index.html")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeFile(w, r, p)
			return
		}
	}
	htmlpage.Write(w, http.StatusOK, s.id.name, indexHTML(s.id.name, s.id.website))
}

// encodings are the precompressed twins, best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// webAsset (GET /web/{path...}) serves the built SDK from WebDir/web: .wasm
// as application/wasm, and the .br or .gz twin of a file when the client
// accepts that encoding.
func (s *Server) webAsset(w http.ResponseWriter, r *http.Request) {
	rel := path.Clean("/" + r.PathValue("path"))
	if s.cfg.WebDir == "" || rel == "/" || strings.Contains(rel, "\x00") {
		s.writeError(w, r, platform.Errorf(platform.ENOTFOUND, "Not found: %s", r.URL.Path))
		return
	}
	file := filepath.Join(s.cfg.WebDir, "web", filepath.FromSlash(rel))
	st, err := os.Stat(file)
	if err != nil || st.IsDir() {
		s.writeError(w, r, platform.Errorf(platform.ENOTFOUND, "Not found: %s", r.URL.Path))
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType(rel))
	h.Set("Cache-Control", cacheControl(rel))
	h.Add("Vary", "Accept-Encoding")
	serve := file
	accept := r.Header.Get("Accept-Encoding")
	for _, e := range encodings {
		if !acceptsEncoding(accept, e.name) {
			continue
		}
		if twin, err := os.Stat(file + e.ext); err == nil && !twin.IsDir() {
			h.Set("Content-Encoding", e.name)
			serve = file + e.ext
			break
		}
	}
	f, err := os.Open(serve)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer f.Close()
	fst, err := f.Stat()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	tag, err := s.etags.of(serve, fst, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// ServeContent answers If-None-Match with 304 from this.
	h.Set("ETag", tag)
	http.ServeContent(w, r, rel, fst.ModTime(), f)
}

// The Cache-Control of the SDK's files.
const (
	// cacheHashed: a content-hashed name never changes its bytes, so
	// browsers keep it for a year without asking again, which also keeps
	// V8's compiled code for the wasm.
	cacheHashed = "public, max-age=31536000, immutable"
	// cacheShort: another fixed name (an unhashed wasm or language file,
	// the type declarations) is used for 5 minutes, then asked for again
	// with its ETag (a 304 when unchanged).
	cacheShort = "public, max-age=300"
	// cacheNaming: the files that name hashed files (the loaders, which
	// have the names built in, and the lists of names and SRI hashes) are
	// checked on each use, a 304 when unchanged: build.sh deletes the
	// previous build's hashed files, so a loader kept for minutes after a
	// deploy would ask for a wasm that is gone.
	cacheNaming = "no-cache"
)

// naming lists the files cacheNaming applies to.
var naming = map[string]bool{"xkit.js": true, "xkit.mjs": true, "xkit-wasm.json": true, "xkit-sri.json": true}

// cacheControl is the Cache-Control of a file of web/ by its name: a
// content-hashed name (build.sh's xkit.<16 hex>.wasm) is immutable, the
// files that name those are checked on each use, the rest is short-cached.
func cacheControl(name string) string {
	base := path.Base(name)
	switch {
	case hashedName(base):
		return cacheHashed
	case naming[base] && path.Dir(path.Clean("/"+name)) == "/":
		return cacheNaming
	}
	return cacheShort
}

// hashedName reports whether base is name.<16 lowercase hex>.ext.
func hashedName(base string) bool {
	parts := strings.Split(base, ".")
	return len(parts) == 3 && parts[0] != "" && parts[2] != "" && len(parts[1]) == 16 &&
		strings.Trim(parts[1], "0123456789abcdef") == ""
}

// etagCache keeps each served file's strong ETag (the start of its
// SHA-256), computed once per file version (its size and modification
// time), so a request does not hash a 3 MB wasm.
type etagCache struct {
	mu   sync.Mutex
	tags map[string]etagEntry // by file path
}

type etagEntry struct {
	size    int64
	modTime time.Time
	tag     string
}

// of returns the ETag of file (open as f, with stat st) and leaves f at
// its start.
func (c *etagCache) of(file string, st os.FileInfo, f io.ReadSeeker) (string, error) {
	c.mu.Lock()
	e, ok := c.tags[file]
	c.mu.Unlock()
	if ok && e.size == st.Size() && e.modTime.Equal(st.ModTime()) {
		return e.tag, nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag := `"` + hex.EncodeToString(sum.Sum(nil)[:16]) + `"`
	c.mu.Lock()
	if c.tags == nil {
		c.tags = map[string]etagEntry{}
	}
	c.tags[file] = etagEntry{st.Size(), st.ModTime(), tag}
	c.mu.Unlock()
	return tag, nil
}

func contentType(name string) string {
	switch ext := path.Ext(name); ext {
	case ".wasm":
		return "application/wasm"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

// acceptsEncoding reports whether an Accept-Encoding header allows enc
// (q=0 refuses it).
func acceptsEncoding(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		return params != "q=0" && params != "q=0.0" && params != "q=0.00" && params != "q=0.000"
	}
	return false
}
