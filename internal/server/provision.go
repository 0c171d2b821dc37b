package server

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// provisionUser (POST /api/platform/users, basic auth publishable:secret)
// is the host backend's call: it makes the user known and returns an
// access token a page passes to xkit.login.
func (s *Server) provisionUser(w http.ResponseWriter, r *http.Request) {
	pk, sk, ok := r.BasicAuth()
	if !ok || !s.keysMatch(pk, sk) {
		w.Header().Set("WWW-Authenticate", `Basic realm="xkitd"`)
		s.writeError(w, r, platform.Errorf(platform.EUNAUTHORIZED, "The publishable or secret key is wrong."))
		return
	}
	var body struct {
		User *struct {
			ExternalID string `json:"external_id"`
		} `json:"user"`
	}
	if err := readJSON(r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	if body.User == nil || strings.TrimSpace(body.User.ExternalID) == "" {
		s.writeError(w, r, platform.Errorf(platform.EINVALID, "user.external_id is required."))
		return
	}
	if len(body.User.ExternalID) > 255 {
		s.writeError(w, r, platform.Errorf(platform.EINVALID, "user.external_id is longer than 255 characters."))
		return
	}
	u, err := s.cfg.Store.EnsureUser(r.Context(), body.User.ExternalID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	token, _, err := s.issue(r.Context(), platform.TokenAccess, u.ID, s.cfg.AccessTTL, "")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"access_token": token})
}

func (s *Server) keysMatch(pk, sk string) bool {
	if s.cfg.PublishableKey == "" || s.cfg.SecretKey == "" {
		return false
	}
	a := subtle.ConstantTimeCompare([]byte(pk), []byte(s.cfg.PublishableKey))
	b := subtle.ConstantTimeCompare([]byte(sk), []byte(s.cfg.SecretKey))
	return a&b == 1
}

// Settings keys of a generated key pair.
const (
	settingPublishableKey = "publishable_key"
	settingSecretKey      = "secret_key"
)

// EnsureKeys returns the key pair to use: pk and sk when both are given,
// else the pair kept in the store, else a new pair it keeps there
// (created reports that).
func EnsureKeys(ctx context.Context, store platform.Store, pk, sk string) (string, string, bool, error) {
	if pk != "" && sk != "" {
		return pk, sk, false, nil
	}
	pk, sk, err := StoredKeys(ctx, store)
	if err != nil {
		return "", "", false, err
	}
	if pk != "" && sk != "" {
		return pk, sk, false, nil
	}
	pk, sk = "xkit_pk_"+randomString(18), "xkit_sk_"+randomString(32)
	if err := store.SetSetting(ctx, settingPublishableKey, pk); err != nil {
		return "", "", false, err
	}
	if err := store.SetSetting(ctx, settingSecretKey, sk); err != nil {
		return "", "", false, err
	}
	return pk, sk, true, nil
}

// StoredKeys returns the key pair kept in the store ("" when there is
// none), for `xkitd keys`.
func StoredKeys(ctx context.Context, store platform.Store) (pk, sk string, err error) {
	if pk, err = store.Setting(ctx, settingPublishableKey); err != nil {
		return "", "", err
	}
	sk, err = store.Setting(ctx, settingSecretKey)
	return pk, sk, err
}
