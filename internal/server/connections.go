package server

import (
	"net/http"
	"net/url"

	"github.com/google/uuid"
	"github.com/xkit-wasm/xkit/internal/oauthclient"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// listConnections (GET /connections[?slug=]) lists enabled connections.
func (s *Server) listConnections(w http.ResponseWriter, r *http.Request, userID int64) {
	slug := r.URL.Query().Get("slug")
	if slug != "" {
		if _, err := s.cfg.Store.FindConnector(r.Context(), slug); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	conns, err := s.cfg.Store.ListConnections(r.Context(), userID, slug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	byslug, err := s.connectorsBySlug(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.views(r)
	out := make([]*connectionJSON, 0, len(conns))
	for _, c := range conns {
		out = append(out, v.connection(c, byslug[c.ConnectorSlug]))
	}
	writeJSON(w, http.StatusOK, map[string]any{"connections": out})
}

// newestConnection returns the user's newest enabled connection to slug.
func (s *Server) newestConnection(r *http.Request, userID int64, slug string) (*platform.Connector, *platform.Connection, error) {
	c, err := s.cfg.Store.FindConnector(r.Context(), slug)
	if err != nil {
		return nil, nil, err
	}
	conns, err := s.cfg.Store.ListConnections(r.Context(), userID, slug)
	if err != nil {
		return nil, nil, err
	}
	if len(conns) == 0 {
		return nil, nil, platform.Errorf(platform.ENOTFOUND, "There is no connection to %s.", c.Name)
	}
	return c, conns[len(conns)-1], nil
}

func (s *Server) getConnectionBySlug(w http.ResponseWriter, r *http.Request, userID int64) {
	c, conn, err := s.newestConnection(r, userID, r.PathValue("slug"))
	if err == nil {
		err = s.freshToken(r.Context(), c, conn)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"connection": s.views(r).connection(conn, c)})
}

// connectionByID returns the user's connection (enabled or not) and its
// connector.
func (s *Server) connectionByID(r *http.Request, userID int64) (*platform.Connector, *platform.Connection, error) {
	conn, err := s.cfg.Store.FindConnection(r.Context(), userID, r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	c, err := s.cfg.Store.FindConnector(r.Context(), conn.ConnectorSlug)
	if err != nil {
		return nil, nil, err
	}
	return c, conn, nil
}

func (s *Server) getConnectionByID(w http.ResponseWriter, r *http.Request, userID int64) {
	c, conn, err := s.connectionByID(r, userID)
	if err == nil {
		err = s.freshToken(r.Context(), c, conn)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"connection": s.views(r).connection(conn, c)})
}

// createConnection (POST /connections/{slug}, body {"id"}) starts a
// connection, or re-authorizes the one with that id (reconnect): either
// way with a fresh authorization awaiting the provider's callback. The
// connection is enabled only when that authorization turns active.
func (s *Server) createConnection(w http.ResponseWriter, r *http.Request, userID int64) {
	var body struct {
		ID *string `json:"id"`
	}
	if err := readJSON(r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := s.cfg.Store.FindConnector(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	connID := uuid.NewString()
	if body.ID != nil {
		id, err := uuid.Parse(*body.ID)
		if err != nil {
			s.writeError(w, r, platform.Errorf(platform.EINVALID, "The connection id %q is not a UUID.", *body.ID))
			return
		}
		connID = id.String()
	}
	a, err := s.newAuthorization(r, c)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// Nothing the user sees changes before the authorization is active
	// (platform.StartAuthorization): the answer shows the connection as
	// stored, with the new authorization for the flow to follow.
	conn, err := platform.StartAuthorization(r.Context(), s.cfg.Store, userID, c, connID, a, s.cfg.Now())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.hub.Publish(a.ID, string(a.Status))
	writeJSON(w, http.StatusOK, map[string]any{"connection": s.views(r).connection(conn, c)})
}

// newAuthorization prepares an authorization awaiting its callback. Its
// authorize_url is the platform's start endpoint (flow.go), which binds it
// to the browser that opens it and then goes on to the provider's consent
// page (OAuth2, with state and PKCE) or the API-key page.
func (s *Server) newAuthorization(r *http.Request, c *platform.Connector) (*platform.Authorization, error) {
	origin := s.ownOrigin(r)
	if c.Auth == platform.AuthOAuth2 && c.OAuth2 == nil && s.demo == nil {
		return nil, errNoProvider(c)
	}
	a := &platform.Authorization{
		ID:     uuid.NewString(),
		Status: platform.StatusAwaitingCallback,
		State:  randomString(24),
	}
	a.AuthorizeURL = origin + "/authorizations/" + c.Slug + "/start?state=" + url.QueryEscape(a.State)
	if c.Auth != platform.AuthAPIKey {
		a.RedirectURI = origin + callbackPath
		a.PKCEVerifier = oauthclient.NewVerifier()
	}
	return a, nil
}

// removeConnectionBySlug (DELETE /connections/{slug}) disables the user's
// connections to the connector and answers the newest of them.
func (s *Server) removeConnectionBySlug(w http.ResponseWriter, r *http.Request, userID int64) {
	c, conn, err := s.newestConnection(r, userID, r.PathValue("slug"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	conns, err := s.cfg.Store.ListConnections(r.Context(), userID, c.Slug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ids := make([]string, 0, len(conns))
	for _, cn := range conns {
		ids = append(ids, cn.ID)
	}
	if err := s.cfg.Store.DisableConnections(r.Context(), userID, ids, s.cfg.Now()); err != nil {
		s.writeError(w, r, err)
		return
	}
	conn.Enabled = false
	writeJSON(w, http.StatusOK, map[string]any{"connection": s.views(r).connection(conn, c)})
}

// removeConnectionByID (DELETE /connection/{id}) disables one connection.
func (s *Server) removeConnectionByID(w http.ResponseWriter, r *http.Request, userID int64) {
	c, conn, err := s.connectionByID(r, userID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if !conn.Enabled {
		s.writeError(w, r, platform.Errorf(platform.ENOTFOUND, "Connection %q is not installed: it was removed, or never completed.", conn.ID))
		return
	}
	if err := s.cfg.Store.DisableConnections(r.Context(), userID, []string{conn.ID}, s.cfg.Now()); err != nil {
		s.writeError(w, r, err)
		return
	}
	conn.Enabled = false
	writeJSON(w, http.StatusOK, map[string]any{"connection": s.views(r).connection(conn, c)})
}
