//go:build js

package bridge

import (
	"strings"
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/fold"
)

// host is the core's window onto the page.
type host struct{}

// Warn prints a deprecation or recoverable problem like xkit.js does.
func (host) Warn(msg string) {
	js.Global().Get("console").Call("warn", "Xkit:", msg)
}

// Navigate sends the page elsewhere: the default token callback goes to the
// platform's login_redirect_url.
func (host) Navigate(url string) {
	if loc := js.Global().Get("location"); loc.Type() == js.TypeObject {
		loc.Set("href", url)
	}
}

// Scheme picks the scheme for talking to domain. Xkit platforms are https;
// a loopback development host (localhost, 127.0.0.1, [::1], any port)
// follows the page instead, so a demo served over plain http works.
// pageScheme is location.protocol with or without its colon. web/xkit.js
// applies the same rule for the url it shows before the wasm is ready.
func Scheme(domain, pageScheme string) string {
	if isLoopback(domain) && strings.TrimSuffix(pageScheme, ":") == "http" {
		return "http"
	}
	return "https"
}

func isLoopback(domain string) bool {
	host := fold.Lower(domain)
	if strings.HasPrefix(host, "[") { // [::1] or [::1]:8080
		end := strings.IndexByte(host, ']')
		return end > 0 && host[1:end] == "::1"
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return host == "localhost" || host == "127.0.0.1"
}
