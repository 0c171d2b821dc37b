package server

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

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
	http.ServeContent(w, r, rel, fst.ModTime(), f)
}

// cacheControl: a content-hashed file (build.sh's xkit.<16 hex>.wasm) never
// changes under its name, so browsers keep it for a year without asking
// again, which also keeps V8's compiled code for it; everything else is
// checked on each use.
func cacheControl(name string) string {
	parts := strings.Split(path.Base(name), ".")
	if len(parts) == 3 && parts[2] == "wasm" && len(parts[1]) == 16 &&
		strings.Trim(parts[1], "0123456789abcdef") == "" {
		return "public, max-age=31536000, immutable"
	}
	return "no-cache"
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
