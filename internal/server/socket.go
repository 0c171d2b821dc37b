//go:build !js

package server

import (
	"context"
	"net/http"

	"github.com/xkit-wasm/xkit/internal/phoenix"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// hasStatusSocket: xkitd serves the status socket (GET /platform says so).
const hasStatusSocket = true

// socketHandler is /socket/websocket: the access token in the query, the
// allowed origins, and only the user's own authorizations.
func (s *Server) socketHandler() http.Handler {
	return &phoenix.Handler{
		Hub: s.hub,
		Authenticate: func(ctx context.Context, token string) (int64, string, error) {
			t, err := s.authenticate(ctx, token)
			if err != nil {
				return 0, "", err
			}
			return t.UserID, t.Hash, nil // the key logout closes it by
		},
		Status: func(ctx context.Context, userID int64, authID string) (string, error) {
			a, err := s.cfg.Store.FindAuthorization(ctx, authID)
			if err != nil {
				return "", err
			}
			if a.UserID != userID {
				return "", platform.Errorf(platform.ENOTFOUND, "Authorization %q not found.", authID)
			}
			return string(a.Status), nil
		},
		AllowOrigin: s.allowedOrigin,
	}
}
