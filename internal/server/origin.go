package server

import (
	"net/http"
	"path"
	"strings"
)

// allowedOrigin reports whether a page of origin may use the platform with
// the user's credentials: xkitd's own pages and the configured origins.
func (s *Server) allowedOrigin(r *http.Request, origin string) bool {
	origin = strings.ToLower(strings.TrimSuffix(origin, "/"))
	if origin == "" || origin == "null" {
		return false
	}
	if origin == s.ownOrigin(r) {
		return true
	}
	for _, o := range s.cfg.Origins {
		if strings.ToLower(strings.TrimSuffix(o, "/")) == origin {
			return true
		}
	}
	return false
}

// allowedOrigins lists every origin a page of xkitd may post messages to.
func (s *Server) allowedOrigins(r *http.Request) []string {
	return append([]string{s.ownOrigin(r)}, s.cfg.Origins...)
}

var safeMethods = map[string]bool{http.MethodGet: true, http.MethodHead: true, http.MethodOptions: true}

// checkOrigin is CORS with credentials for allowed origins only. A request
// from any other origin gets no CORS headers (so the browser hides the
// answer) and, when it would change something, 403 before any handler runs.
// The SDK's own files under /web/ are the exception: public, for every
// origin (servePublic).
func (s *Server) checkOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if publicFile(r) {
			servePublic(w, r, next)
			return
		}
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Add("Vary", "Origin")
		allowed := s.allowedOrigin(r, origin)
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		switch {
		case !allowed && (preflight || !safeMethods[r.Method]):
			writeJSON(w, http.StatusForbidden, map[string]string{"error": "Requests from origin " + origin + " are not allowed."})
			return
		case !allowed:
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
		if preflight {
			answerPreflight(w, r, "GET, POST, PUT, DELETE, OPTIONS", "Accept, Authorization, Content-Type, Xkit-Js-Version", "600")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// answerPreflight answers a CORS preflight with 204: the methods and
// headers allowed, for maxAge seconds.
func answerPreflight(w http.ResponseWriter, r *http.Request, methods, headers, maxAge string) {
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", methods)
	h.Set("Access-Control-Allow-Headers", headers)
	h.Set("Access-Control-Max-Age", maxAge)
	if r.Header.Get("Access-Control-Request-Private-Network") == "true" {
		// Chromium asks before a page reaches a loopback server.
		h.Set("Access-Control-Allow-Private-Network", "true")
	}
	w.WriteHeader(http.StatusNoContent)
}

// publicFile reports whether r reads the SDK's files (/web/, after the
// path is cleaned, as the mux will): public code, like a CDN's, that any
// page may load. Only reads: anything else there is an API request like
// any other.
func publicFile(r *http.Request) bool {
	p := path.Clean(r.URL.Path)
	return strings.HasPrefix(p, "/web/") && safeMethods[r.Method]
}

// servePublic answers every request, with an Origin or without, the same
// way: CORS for anyone without credentials (Access-Control-Allow-Origin:
// *) and Cross-Origin-Resource-Policy: cross-origin (pages with COEP), so
// a copy the browser cached from a <script> tag also serves a CORS fetch,
// and no Vary: Origin. A preflight (a page's fetch with headers of its
// own) is answered here, as the mux routes only GET.
func servePublic(w http.ResponseWriter, r *http.Request, next http.Handler) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		next.ServeHTTP(w, r)
		return
	}
	answerPreflight(w, r, "GET, HEAD", "*", "86400")
}

// ParseOrigins reads XKIT_WEB_ORIGINS: a comma-separated list of origins,
// blanks and trailing slashes ignored.
func ParseOrigins(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, strings.TrimSuffix(o, "/"))
		}
	}
	return out
}
