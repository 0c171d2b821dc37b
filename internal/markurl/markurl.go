// Package markurl says which connector logo URLs (mark_url) may reach an
// <img src>: https: and http: URLs, and data: images of the raster types
// browsers decode without running anything (png, jpeg, gif, webp). Never
// javascript:, never data:image/svg+xml (a document with scripts of its
// own when opened), never anything else. The platform refuses the others
// when a connector is seeded and the catalog drops them, so a bad row
// in an older database is harmless too.
//
// It imports nothing: the browser build (wasm/catalog) uses it too.
package markurl

// Allowed reports whether u is a logo URL the catalog may show.
//
// Nothing here is inlined (build.sh turns inlining off for wasm/...; this
// package is outside it): the inlined copies cost the wasm 1.4 KB brotli.
//
//go:noinline
func Allowed(u string) bool {
	switch {
	case hasPrefixFold(u, "https://"), hasPrefixFold(u, "http://"):
		return len(u) > len("https://") && !hasSpace(u)
	case hasPrefixFold(u, "data:image/"):
		rest := u[len("data:image/"):]
		for _, t := range []string{"png", "jpeg", "gif", "webp"} {
			if hasPrefixFold(rest, t) && len(rest) > len(t) && (rest[len(t)] == ';' || rest[len(t)] == ',') {
				return true
			}
		}
	}
	return false
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case (strings.ToLower
// would link Unicode's case tables into the wasm).
//
//go:noinline
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// hasSpace catches URLs a browser would read differently than this check
// (a control character or space inside).
//
//go:noinline
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return true
		}
	}
	return false
}
