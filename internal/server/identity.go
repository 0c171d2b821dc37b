package server

import (
	"fmt"
	"net/url"
	"strings"
)

// DefaultName is the platform's name when Config.Name is empty.
const DefaultName = "Xkit Local"

// identity is how the platform presents itself: GET /platform, the
// catalog's title ("{name} Integrations") and footer, the demo provider's
// consent page, the index page.
type identity struct {
	name, slug, website, loginRedirect string
}

func newIdentity(cfg Config, logf func(string, ...any)) identity {
	id := identity{name: strings.TrimSpace(cfg.Name)}
	if id.name == "" {
		id.name = DefaultName
	}
	id.slug = slugOf(id.name)
	for _, f := range []struct {
		v    *string
		raw  string
		what string
	}{{&id.website, cfg.Website, "website"}, {&id.loginRedirect, cfg.LoginRedirectURL, "login redirect URL"}} {
		if f.raw == "" {
			continue
		}
		u, err := ParseLink(f.raw)
		if err != nil {
			logf("the %s is left out: %v", f.what, err)
			continue
		}
		*f.v = u
	}
	return id
}

// ParseLink checks a URL the platform hands to browsers as a link (its
// website, where the SDK sends signed-out pages): an absolute http or
// https URL with a host and no user info. A javascript: or data: URL there
// would run in a host page that follows it.
func ParseLink(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", fmt.Errorf("%q is not a URL", raw)
	case u.Scheme != "https" && u.Scheme != "http":
		return "", fmt.Errorf("%q: the scheme must be https or http", raw)
	case u.Host == "" || u.Hostname() == "":
		return "", fmt.Errorf("%q: a host is required", raw)
	case u.User != nil:
		return "", fmt.Errorf("%q: no user info", raw)
	}
	return u.String(), nil
}

// slugOf is a name in lowercase ASCII letters and digits joined by dashes:
// "Xkit Local" → "xkit-local".
func slugOf(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "xkit"
	}
	return b.String()
}
