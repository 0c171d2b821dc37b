package server

import (
	"testing"

	"github.com/xkit-wasm/xkit/internal/htmlpage/htmltest"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// Every value the popup's pages show stays inert in each context it
// reaches: text, attributes, and strings inside <script> (html/template
// did this before; internal/htmlpage's functions do it now, and this is
// what shows it). The values come from seeds (connector names, fields,
// instructions), providers (error messages), the configuration (names,
// the website) and requests (the opener origin, once allowed; state).
func TestPagesKeepHostileValuesInert(t *testing.T) {
	pages := map[string]func(v string) string{
		"loading: opener origin": func(v string) string { return loadingHTML(v, "") },
		"loading: error":         func(v string) string { return loadingHTML("https://host.example", v) },
		"result: name":           func(v string) string { return resultHTML(v, "", []string{"https://host.example"}) },
		"result: error, origins": func(v string) string { return resultHTML("Acme", v, []string{v, "https://host.example"}) },
		"fields": func(v string) string {
			return fieldsHTML(&platform.Connector{Name: v, Slug: v, CollectInstructions: v,
				CollectFields: []platform.CollectField{{Name: v, Label: v, Suffix: v}, {Name: "api_key", Label: "Key"}}}, v)
		},
		"index": func(v string) string { return indexHTML(v, "https://acme.example/?q="+v) },
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) { htmltest.Inert(t, page) })
	}
}
