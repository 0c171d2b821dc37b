package server

import (
	"net/http"
	"strings"

	"github.com/xkit-wasm/xkit/internal/demoprovider"
)

// The built-in demo OAuth provider (internal/demoprovider), on a demo
// platform only (Config.Demo): the provider of every oauth2 connector
// that names none. Each such connector is its own client, and its codes
// and refresh tokens live in the platform's store, so every instance of a
// Worker shares them.
const (
	demoPrefix       = "/demo-oauth"
	demoClientPrefix = "xkit-demo-"
	demoClientSecret = "xkit-demo-secret"
)

func (s *Server) newDemo() *demoprovider.Provider {
	return demoprovider.New(demoprovider.Config{
		Prefix:  demoPrefix,
		Clients: s.demoClient,
		Codes:   s.cfg.Store,
		Note:    "This demo provider is built into " + s.id.name + " for trying it out. No real account is involved.",
		Now:     s.cfg.Now,
	})
}

// demoClient is the client of connector slug for id "xkit-demo-{slug}":
// it redirects to the platform's callback on the origin of the request.
func (s *Server) demoClient(r *http.Request, id string) *demoprovider.Client {
	slug, ok := strings.CutPrefix(id, demoClientPrefix)
	if !ok || slug == "" {
		return nil
	}
	return &demoprovider.Client{ID: id, Secret: demoClientSecret, Name: s.id.name, Account: slug,
		RedirectURIs: []string{s.ownOrigin(r) + callbackPath}}
}

// demoDo sends the platform's token requests to the built-in provider in
// process: no network, no certificate.
func (s *Server) demoDo(r *http.Request) (*http.Response, error) { return s.demo.Token(r), nil }
