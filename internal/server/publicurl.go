package server

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The platform's public URL is configuration (xkitd -public-url,
// XKIT_PUBLIC_URL), never the Host header: a page that DNS-rebinds its own
// name to 127.0.0.1 reaches xkitd with "Host: evil.example", and an origin
// built from that header would make the page xkitd's own origin (CORS with
// credentials, /demo/token, redirect URIs). Requests for any other host get
// 421 before a handler runs.

// ParsePublicURL checks a public URL and returns its origin
// (scheme://host[:port], lowercase, without a default port): http or https,
// a host, and no path, query, fragment or user info.
func ParsePublicURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSuffix(strings.TrimSpace(raw), "/"))
	switch {
	case err != nil:
		return "", fmt.Errorf("public URL %q: %v", raw, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("public URL %q: the scheme must be http or https", raw)
	case u.Host == "" || u.Hostname() == "":
		return "", fmt.Errorf("public URL %q: a host is required", raw)
	case u.User != nil || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return "", fmt.Errorf("public URL %q: only scheme://host[:port], with no path, query or user", raw)
	}
	return u.Scheme + "://" + normalHost(u.Scheme, u.Host), nil
}

// DefaultPublicURL is the public URL of a server listening on addr (a
// listener's address): 127.0.0.1 for an unspecified host (":8080",
// "0.0.0.0:8080"), the port left out when it is the scheme's default.
func DefaultPublicURL(addr string, tls bool) string {
	scheme := "http"
	if tls {
		scheme = "https"
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, ""
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	hp := host
	if strings.Contains(host, ":") {
		hp = "[" + host + "]"
	}
	if port != "" {
		hp += ":" + port
	}
	return scheme + "://" + normalHost(scheme, hp)
}

// normalHost lowercases host[:port] and drops the scheme's default port, as
// browsers do in Origin headers.
func normalHost(scheme, hostport string) string {
	h := strings.ToLower(hostport)
	if scheme == "https" {
		return strings.TrimSuffix(h, ":443")
	}
	return strings.TrimSuffix(h, ":80")
}

// loopbackNames are the names of this machine that no other site can make
// a browser send as Host: with a loopback public URL, each of them (same
// scheme and port) is the platform too, so the demo works on localhost and
// on 127.0.0.1.
var loopbackNames = []string{"127.0.0.1", "localhost", "[::1]"}

// ownOrigins maps each Host the platform answers (normalised) to its
// origin: the public URL's, plus the loopback aliases of a loopback one.
func ownOrigins(public string) map[string]string {
	u, err := url.Parse(public)
	if err != nil || u.Host == "" {
		return nil
	}
	out := map[string]string{u.Host: public}
	host, port := u.Hostname(), u.Port()
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	for _, name := range loopbackNames {
		if name != host {
			continue
		}
		for _, alias := range loopbackNames {
			hp := alias
			if port != "" {
				hp += ":" + port
			}
			out[hp] = u.Scheme + "://" + hp
		}
	}
	return out
}

// ownOrigin is the platform's origin for r: the public URL, or the
// loopback alias r came in on. checkHost has refused every other Host.
func (s *Server) ownOrigin(r *http.Request) string {
	if o, ok := s.hosts[normalHost(s.scheme(), r.Host)]; ok {
		return o
	}
	return s.publicURL
}

func (s *Server) scheme() string {
	if strings.HasPrefix(s.publicURL, "https://") {
		return "https"
	}
	return "http"
}

// checkHost answers 421 to a request for a host that is not the
// platform's: a DNS-rebound name, or a proxy sending the wrong Host.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.publicURL == "" {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{
				"error": "The platform's public URL is not configured (xkitd -public-url, XKIT_PUBLIC_URL)."})
			return
		}
		if _, ok := s.hosts[normalHost(s.scheme(), r.Host)]; !ok {
			writeJSON(w, http.StatusMisdirectedRequest, map[string]string{
				"error": "This platform answers at " + s.publicURL + " only (see -public-url, XKIT_PUBLIC_URL)."})
			return
		}
		next.ServeHTTP(w, r)
	})
}
