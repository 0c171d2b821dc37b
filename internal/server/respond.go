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
	platform.EUNAVAILABLE:  http.StatusServiceUnavailable,
	platform.EINTERNAL:     http.StatusInternalServerError,
}

// setRetryAfter tells a client when to try a 503 again: the platform was
// busy or its storage failed, and a moment later the same request may
// work.
func setRetryAfter(w http.ResponseWriter, status int) {
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
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
	setRetryAfter(w, status)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers {"error": message}; internal and unavailable errors are logged with their cause, which users
// never see.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	s.logFailure(r, err)
	writeJSON(w, httpStatus(err), map[string]string{"error": platform.ErrorMessage(err)})
}

// logFailure logs an error that is the platform's fault, not the request's.
func (s *Server) logFailure(r *http.Request, err error) {
	if code := platform.ErrorCode(err); code == platform.EINTERNAL || code == platform.EUNAVAILABLE {
		s.logf("%s error: %s %s: %v", code, r.Method, r.URL.Path, err)
	}
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
