package server

import (
	"fmt"
	"hash/fnv"
	"html"
	"net/http"
	"strings"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// Brand-ish colours of the seeded connectors; others get one from a palette.
var logoColors = map[string]string{
	"slack":      "#4A154B",
	"github":     "#24292F",
	"salesforce": "#00A1E0",
	"acme-api":   "#E8590C",
}

var palette = []string{"#0B7285", "#5F3DC4", "#2B8A3E", "#C92A2A", "#1864AB", "#862E9C", "#E67700"}

// logo (GET /logos/{slug}.svg) draws a connector's mark: its initial on a
// rounded tile. Inline SVG, so the demo needs no outside URL.
func (s *Server) logo(w http.ResponseWriter, r *http.Request) {
	slug, ok := strings.CutSuffix(r.PathValue("file"), ".svg")
	if !ok || !platform.ValidSlug(slug) {
		s.writeError(w, r, platform.Errorf(platform.ENOTFOUND, "No logo %q.", r.PathValue("file")))
		return
	}
	c, err := s.cfg.Store.FindConnector(r.Context(), slug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	color, ok := logoColors[slug]
	if !ok {
		h := fnv.New32a()
		h.Write([]byte(slug))
		color = palette[h.Sum32()%uint32(len(palette))]
	}
	initial := strings.ToUpper(string([]rune(c.Name)[:1]))
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	// A host page's catalog shows it in an <img>; with COEP the page
	// needs the platform to say so (as for /web/).
	w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" aria-label="%s">`+
		`<rect width="64" height="64" rx="14" fill="%s"/>`+
		`<text x="32" y="43" font-family="Helvetica,Arial,sans-serif" font-size="30" font-weight="700" text-anchor="middle" fill="#fff">%s</text></svg>`,
		html.EscapeString(c.Name), color, html.EscapeString(initial))
}
