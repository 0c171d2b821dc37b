package route

import "strings"

// Kind is a router type: where the catalog keeps its path.
type Kind string

// The router types of xkit-catalog.js.
const (
	Browser Kind = "browser" // location.pathname, history.pushState
	Hash    Kind = "hash"    // location.hash ("#/connectors/slack")
	Memory  Kind = "memory"  // nothing in the address bar; see MemoryHistory
)

// ParseKind reads a routerType option; anything unknown is Browser, the
// original's default.
func ParseKind(s string) Kind {
	switch k := Kind(s); k {
	case Hash, Memory:
		return k
	}
	return Browser
}

// Router turns app paths into Locations and back. Make one with New.
type Router struct {
	Kind       Kind
	Root       string // normalized rootPath: "/" or "/a/b" (no trailing slash)
	Connectors string // Root joined with connectorsPath: "/connectors", "/a/b/connectors", or Root
}

// New applies the defaults ("/" and "/connectors") to empty options and
// normalizes slashes, so "integrations/" and "/integrations" mean the same.
// A connectorsPath of "/" puts connector pages right under rootPath.
func New(kind Kind, rootPath, connectorsPath string) Router {
	if rootPath == "" {
		rootPath = "/"
	}
	if connectorsPath == "" {
		connectorsPath = "/connectors"
	}
	root := clean(rootPath)
	return Router{Kind: kind, Root: root, Connectors: join(root, clean(connectorsPath))}
}

// AppPath picks the app path out of window.location for this router type:
// the pathname (browser) or the hash without "#" (hash; empty is "/").
// Memory routers keep their path in a MemoryHistory, so AppPath gives "".
func (r Router) AppPath(pathname, hash string) string {
	switch r.Kind {
	case Hash:
		h := strings.TrimPrefix(hash, "#")
		if h == "" {
			return "/"
		}
		return h
	case Memory:
		return ""
	}
	return pathname
}

// FixHash is what xkit-catalog.js's hash history did to the address when
// it started: a hash path without its leading slash ("", "#", "#foo") gets
// one ("#/", "#/foo"). fix is false when hash is fine as it is.
func FixHash(hash string) (fixed string, fix bool) {
	h := strings.TrimPrefix(hash, "#")
	if strings.HasPrefix(h, "/") {
		return hash, false
	}
	return "#/" + h, true
}

// Href is what an <a href> holds for an app path: the path itself, or
// "#"+path for the hash router. Memory links are intercepted by the DOM
// layer; their href is the path, as react-router's was.
func (r Router) Href(path string) string {
	if r.Kind == Hash {
		return "#" + path
	}
	return path
}

// ShouldRenderDefault is renderCatalogDefault's rule: render when no
// data-path was given, when the router is memory, or when the page's
// pathname is under rootPath.
func ShouldRenderDefault(rootPath string, kind Kind, pathname string) bool {
	if rootPath == "" || kind == Memory {
		return true
	}
	_, ok := under(clean(pathname), clean(rootPath))
	return ok
}

// clean gives a path one leading slash, no trailing slash (except "/"),
// no query or fragment, and no empty segments.
func clean(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	var b strings.Builder
	for _, seg := range strings.Split(p, "/") {
		if seg != "" {
			b.WriteByte('/')
			b.WriteString(seg)
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

func join(a, b string) string {
	switch {
	case b == "/":
		return a
	case a == "/":
		return b
	}
	return a + b
}

// under reports whether p is base or below it, and returns the rest of p
// after base ("" or "/..."). "/appx" is not under "/app".
func under(p, base string) (rest string, ok bool) {
	if base == "/" {
		if p == "/" {
			return "", true
		}
		return p, true
	}
	if p == base {
		return "", true
	}
	if strings.HasPrefix(p, base+"/") {
		return p[len(base):], true
	}
	return "", false
}
