package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// setAuthorizationFields (PUT /authorizations/{slug}, body {"state", ...
// fields}) completes the user's API-key authorization: every collect field
// is required; the first becomes the connection's access token. This is the
// SDK's setAuthorizationFields, authorized by the user's bearer token; the
// platform's own API-key page saves through saveFields instead.
func (s *Server) setAuthorizationFields(w http.ResponseWriter, r *http.Request, userID int64) {
	var body map[string]json.RawMessage
	if err := readJSON(r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx := r.Context()
	c, err := s.cfg.Store.FindConnector(ctx, r.PathValue("slug"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var state string
	if json.Unmarshal(body["state"], &state) != nil || state == "" {
		s.writeError(w, r, platform.Errorf(platform.EINVALID, "state is required."))
		return
	}
	a, err := s.cfg.Store.FindAuthorizationByState(ctx, state)
	switch {
	case err != nil && platform.ErrorCode(err) != platform.ENOTFOUND:
		s.writeError(w, r, err)
		return
	case err != nil || a.UserID != userID || a.ConnectorSlug != c.Slug:
		s.writeError(w, r, platform.Errorf(platform.ENOTFOUND, "No %s authorization is waiting for this state.", c.Name))
		return
	case c.Auth != platform.AuthAPIKey:
		s.writeError(w, r, platform.Errorf(platform.EINVALID, "%s does not collect fields.", c.Name))
		return
	}
	if a.ExpireIfStale(s.cfg.Now(), s.cfg.AuthorizationTTL) {
		if err := s.saveStatus(ctx, a); err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeError(w, r, platform.Errorf(platform.ECONFLICT, "%s", a.ErrorMessage))
		return
	}
	if a.Status != platform.StatusAwaitingCallback {
		s.writeError(w, r, platform.Errorf(platform.ECONFLICT, "This authorization is already %s.", a.Status))
		return
	}
	if err := s.completeFields(ctx, c, a, body); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"authorization": s.views(r).authorization(a, c)})
}

// saveFields (POST /authorizations/{slug}/fields, body {"state", ...
// fields}) is the API-key page's submit: like setAuthorizationFields, for
// the browser that started the authorization (its flow cookie) instead of
// a bearer token.
func (s *Server) saveFields(w http.ResponseWriter, r *http.Request) {
	var body map[string]json.RawMessage
	if err := readJSON(r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	var state string
	json.Unmarshal(body["state"], &state)
	c, a, p := s.boundFields(r, state)
	if p != nil {
		writeJSON(w, p.status, map[string]string{"error": p.msg})
		return
	}
	if err := s.completeFields(r.Context(), c, a, body); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.SetCookie(w, s.flowCookie(c, a, "")) // spent
	writeJSON(w, http.StatusOK, map[string]any{"authorization": map[string]string{"id": a.ID, "status": string(a.Status)}})
}

// completeFields makes a active with the collect fields of c from body
// (each one required, a string), saves it and tells the socket.
func (s *Server) completeFields(ctx context.Context, c *platform.Connector, a *platform.Authorization, body map[string]json.RawMessage) error {
	fields := make(map[string]string, len(c.CollectFields))
	for _, f := range c.CollectFields {
		var v string
		label := f.Label // what the person filling the form sees, not the field's name
		if label == "" {
			label = f.Name
		}
		raw, ok := body[f.Name]
		if ok && json.Unmarshal(raw, &v) != nil {
			return platform.Errorf(platform.EINVALID, "%s must be a string.", label)
		}
		if v = strings.TrimSpace(v); v == "" {
			return platform.Errorf(platform.EINVALID, "%s is required.", label)
		}
		fields[f.Name] = v
	}
	first := fields[c.CollectFields[0].Name]
	a.Fields, a.AccessToken = fields, first
	a.Status, a.ErrorCode, a.ErrorMessage = platform.StatusActive, "", ""
	a.DisplayLabel = c.CollectFields[0].Label + " ending in " + lastN(first, 4)
	return s.saveStatus(ctx, a)
}

func lastN(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[len(r)-n:])
	}
	return s
}

// getAuthorization (GET /authorizations/{slug}/{id}) reads the user's
// authorization.
func (s *Server) getAuthorization(w http.ResponseWriter, r *http.Request, userID int64) {
	a, err := s.cfg.Store.FindAuthorization(r.Context(), r.PathValue("id"))
	if err == nil && (a.UserID != userID || a.ConnectorSlug != r.PathValue("slug")) {
		err = platform.Errorf(platform.ENOTFOUND, "Authorization %q not found.", r.PathValue("id"))
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := s.cfg.Store.FindConnector(r.Context(), a.ConnectorSlug)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// A client polling a stale authorization learns it has expired now,
	// not at the next sweep.
	if a.ExpireIfStale(s.cfg.Now(), s.cfg.AuthorizationTTL) {
		if err := s.saveStatus(r.Context(), a); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"authorization": s.views(r).authorization(a, c)})
}
