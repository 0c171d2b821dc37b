package server

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// statusOf maps platform error codes to HTTP: the one place that does.
var statusOf = map[string]int{
	platform.EINVALID:      http.StatusBadRequest,
	platform.EUNAUTHORIZED: http.StatusUnauthorized,
	platform.EFORBIDDEN:    http.StatusForbidden,
	platform.ENOTFOUND:     http.StatusNotFound,
	platform.ECONFLICT:     http.StatusConflict,
	platform.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	platform.EINTERNAL:     http.StatusInternalServerError,
}

func httpStatus(err error) int {
	if st, ok := statusOf[platform.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers {"error": message}; internal errors are logged and
// shown only as "Internal error.".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if platform.ErrorCode(err) == platform.EINTERNAL {
		s.logf("internal error: %s %s: %v", r.Method, r.URL.Path, err)
	}
	writeJSON(w, httpStatus(err), map[string]string{"error": platform.ErrorMessage(err)})
}

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Logger != nil {
		s.cfg.Logger.Printf(format, args...)
	}
}

// readJSON decodes a JSON object body into v. An empty body counts as {}.
func readJSON(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return platform.Errorf(platform.ETOOLARGE, "The request body is larger than %d KB.", maxBodyBytes>>10)
	} else if err != nil {
		return platform.Errorf(platform.EINVALID, "The request body could not be read.")
	}
	if strings.TrimSpace(string(body)) == "" {
		body = []byte("{}")
	}
	if trimmed := strings.TrimSpace(string(body)); trimmed[0] != '{' {
		return platform.Errorf(platform.EINVALID, "The request body must be a JSON object.")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return platform.Errorf(platform.EINVALID, "The field %q has the wrong type.", typeErr.Field)
		}
		return platform.Errorf(platform.EINVALID, "The request body is not valid JSON.")
	}
	return nil
}
