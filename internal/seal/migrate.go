package seal

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// KeyIDSetting is the setting (kept in plain text) that names the key
// every secret of the database is sealed with.
const KeyIDSetting = "encryption_key_id"

// Rows rewrites stored secrets row by row (internal/sqlite implements it):
// each fn gets what is stored and reports whether it changed it.
type Rows interface {
	RewriteAuthorizationSecrets(ctx context.Context, fn func(a *platform.Authorization) (bool, error)) error
	RewriteConnectors(ctx context.Context, fn func(c *platform.Connector) (bool, error)) error
	RewriteSettings(ctx context.Context, fn func(key string, value *string) (bool, error)) error
}

// ErrWrongKey is a database sealed with a key that was not given.
var ErrWrongKey = errors.New("wrong encryption key")

// StoredKeyID returns the id of the key the database's secrets are sealed
// with ("" for a database that has never been sealed).
func StoredKeyID(ctx context.Context, store platform.Store) (string, error) {
	return store.Setting(ctx, KeyIDSetting)
}

// Open checks that ring holds the key the database's secrets are sealed
// with, seals every secret that is not sealed with ring's current key (the
// plain rows of an older version, or the values of the previous key when
// ring is "NEW,OLD"), and returns the sealing Store. A database sealed with
// another key is ErrWrongKey, before anything is read or written: never
// garbage. Up to date, it costs one query (the Worker opens the store on
// every request).
func Open(ctx context.Context, store platform.Store, rows Rows, ring *Ring) (*Store, error) {
	stored, err := StoredKeyID(ctx, store)
	if err != nil {
		return nil, err
	}
	current := ring.Current().ID()
	if stored == current {
		return Wrap(store, ring), nil
	}
	if stored != "" && ring.key(stored) == nil {
		return nil, fmt.Errorf("%w: the secrets in this database are sealed with encryption key %s, and the key given is %s. "+
			"Give the key they were sealed with (to change keys give \"NEW,OLD\": see key rotation in README)",
			ErrWrongKey, stored, strings.Join(ring.IDs(), ", "))
	}
	if err := reseal(ctx, rows, ring); err != nil {
		if errors.Is(err, ErrUnknownKey) {
			err = fmt.Errorf("%w: %v", ErrWrongKey, err)
		}
		return nil, fmt.Errorf("sealing the stored secrets with key %s: %w", current, err)
	}
	if err := store.SetSetting(ctx, KeyIDSetting, current); err != nil {
		return nil, err
	}
	return Wrap(store, ring), nil
}

// reseal seals every stored secret with ring's current key.
func reseal(ctx context.Context, rows Rows, ring *Ring) error {
	again := func(v *string, where string) (bool, error) {
		if ring.sealedNow(*v) {
			return false, nil
		}
		plain, err := ring.Open(*v, where)
		if err != nil {
			return false, err
		}
		*v = ring.Seal(plain, where)
		return true, nil
	}
	err := rows.RewriteAuthorizationSecrets(ctx, func(a *platform.Authorization) (bool, error) {
		changed := false
		for what, v := range map[string]*string{"pkce_verifier": &a.PKCEVerifier, "access_token": &a.AccessToken, "refresh_token": &a.RefreshToken} {
			c, err := again(v, authPlace(a.ID, what))
			if err != nil {
				return false, err
			}
			changed = changed || c
		}
		for k, v := range a.Fields {
			c, err := again(&v, authPlace(a.ID, "fields/"+k))
			if err != nil {
				return false, err
			}
			a.Fields[k], changed = v, changed || c
		}
		return changed, nil
	})
	if err != nil {
		return err
	}
	err = rows.RewriteConnectors(ctx, func(c *platform.Connector) (bool, error) {
		if c.OAuth2 == nil {
			return false, nil
		}
		return again(&c.OAuth2.ClientSecret, connectorPlace(c.Slug))
	})
	if err != nil {
		return err
	}
	return rows.RewriteSettings(ctx, func(key string, value *string) (bool, error) {
		if key == KeyIDSetting {
			return false, nil
		}
		return again(value, settingPlace(key))
	})
}
