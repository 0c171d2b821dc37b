package server

import (
	"net/http"

	"github.com/xkit-wasm/xkit/internal/platform"
)

func (s *Server) getPlatform(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"platform": s.views(r).platform()})
}

func (s *Server) listPublicConnectors(w http.ResponseWriter, r *http.Request) {
	cs, err := s.cfg.Store.ListConnectors(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.views(r)
	out := make([]*connectorJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, v.connector(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"connectors": out})
}

func (s *Server) getPublicConnector(w http.ResponseWriter, r *http.Request) {
	c, err := s.cfg.Store.FindConnector(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"connector": s.views(r).connector(c)})
}

// listConnectors (GET /connectors) is the public list plus the user's
// connections.
func (s *Server) listConnectors(w http.ResponseWriter, r *http.Request, userID int64) {
	cs, err := s.cfg.Store.ListConnectors(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	conns, err := s.cfg.Store.ListConnections(r.Context(), userID, "")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.writeConnectorList(w, s.views(r), cs, conns); err != nil {
		s.writeError(w, r, err)
	}
}

func (s *Server) getConnector(w http.ResponseWriter, r *http.Request, userID int64) {
	c, err := s.cfg.Store.FindConnector(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	conns, err := s.cfg.Store.ListConnections(r.Context(), userID, c.Slug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"connector": s.views(r).connectorFor(c, conns)})
}

// connectorsBySlug loads every connector once for rendering many
// connections.
func (s *Server) connectorsBySlug(r *http.Request) (map[string]*platform.Connector, error) {
	cs, err := s.cfg.Store.ListConnectors(r.Context())
	if err != nil {
		return nil, err
	}
	m := make(map[string]*platform.Connector, len(cs))
	for _, c := range cs {
		m[c.Slug] = c
	}
	return m, nil
}
