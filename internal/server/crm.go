package server

import (
	"encoding/json"
	"net/http"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// The CRM calls of spec section 2. xkitd's connectors have no CRM objects,
// so these answer empty lists and keep whatever mapping is saved.

func (s *Server) enabledConnection(w http.ResponseWriter, r *http.Request, userID int64) (*platform.Connection, bool) {
	_, conn, err := s.connectionByID(r, userID)
	if err == nil && !conn.Enabled {
		err = platform.Errorf(platform.ENOTFOUND, "Connection %q is not installed: it was removed, or never completed.", conn.ID)
	}
	if err != nil {
		s.writeError(w, r, err)
		return nil, false
	}
	return conn, true
}

func (s *Server) crmSetup(w http.ResponseWriter, r *http.Request, userID int64) {
	var body map[string]json.RawMessage
	if err := readJSON(r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, ok := s.enabledConnection(w, r, userID); ok {
		writeJSON(w, http.StatusOK, map[string]any{"objects": []any{}})
	}
}

func (s *Server) listAPIObjects(w http.ResponseWriter, r *http.Request, userID int64) {
	if _, ok := s.enabledConnection(w, r, userID); ok {
		writeJSON(w, http.StatusOK, map[string]any{"api_objects": []any{}})
	}
}

func (s *Server) getAPIObject(w http.ResponseWriter, r *http.Request, userID int64) {
	if _, ok := s.enabledConnection(w, r, userID); ok {
		s.writeError(w, r, platform.Errorf(platform.ENOTFOUND, "API object %q not found.", r.PathValue("slug")))
	}
}

func (s *Server) getCRMMapping(w http.ResponseWriter, r *http.Request, userID int64) {
	conn, ok := s.enabledConnection(w, r, userID)
	if !ok {
		return
	}
	m, err := s.cfg.Store.CRMMapping(r.Context(), conn.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if m == "" {
		m = `{"objects":[],"mapping":[]}`
	}
	writeJSON(w, http.StatusOK, json.RawMessage(m))
}

func (s *Server) saveCRMMapping(w http.ResponseWriter, r *http.Request, userID int64) {
	var body struct {
		Objects json.RawMessage `json:"objects"`
		Mapping json.RawMessage `json:"mapping"`
	}
	if err := readJSON(r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	if body.Objects == nil || body.Mapping == nil {
		s.writeError(w, r, platform.Errorf(platform.EINVALID, "objects and mapping are required."))
		return
	}
	conn, ok := s.enabledConnection(w, r, userID)
	if !ok {
		return
	}
	m, _ := json.Marshal(map[string]json.RawMessage{"objects": body.Objects, "mapping": body.Mapping})
	if err := s.cfg.Store.SetCRMMapping(r.Context(), conn.ID, string(m)); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, json.RawMessage(m))
}
