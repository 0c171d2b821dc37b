package seal

import (
	"context"
	"sync"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// Store is a platform.Store that seals secrets on their way in and opens
// them on their way out. It never changes what its callers hand it or what
// the inner store hands back (which may be cached): it works on copies.
type Store struct {
	platform.Store
	ring *Ring
	// opened maps each connector the inner store handed out (it hands out
	// the same pointer until the connector changes) to its opened copy,
	// for the inner store's last list: the server keeps a list's JSON
	// while the pointers stay the same, and opening costs a decryption.
	mu     sync.Mutex
	opened map[*platform.Connector]*platform.Connector
}

// Wrap seals the secrets of store with ring. Use Open, which also checks
// the key against the database and seals plain rows.
func Wrap(store platform.Store, ring *Ring) *Store { return &Store{Store: store, ring: ring} }

// Places of sealed values (the additional data of each seal).
func authPlace(id, what string) string  { return "authorization/" + id + "/" + what }
func connectorPlace(slug string) string { return "connector/" + slug + "/client_secret" }
func settingPlace(key string) string    { return "setting/" + key }

// sealAuthorization returns a copy of a with its secrets sealed.
func (s *Store) sealAuthorization(a *platform.Authorization) *platform.Authorization {
	c := *a
	c.PKCEVerifier = s.ring.Seal(a.PKCEVerifier, authPlace(a.ID, "pkce_verifier"))
	c.AccessToken = s.ring.Seal(a.AccessToken, authPlace(a.ID, "access_token"))
	c.RefreshToken = s.ring.Seal(a.RefreshToken, authPlace(a.ID, "refresh_token"))
	if a.Fields != nil {
		c.Fields = make(map[string]string, len(a.Fields))
		for k, v := range a.Fields {
			c.Fields[k] = s.ring.Seal(v, authPlace(a.ID, "fields/"+k))
		}
	}
	return &c
}

// openAuthorization returns a copy of a with its secrets opened.
func (s *Store) openAuthorization(a *platform.Authorization) (*platform.Authorization, error) {
	if a == nil {
		return nil, nil
	}
	c := *a
	var err error
	open := func(v *string, what string) {
		if err == nil {
			*v, err = s.ring.Open(*v, authPlace(a.ID, what))
		}
	}
	open(&c.PKCEVerifier, "pkce_verifier")
	open(&c.AccessToken, "access_token")
	open(&c.RefreshToken, "refresh_token")
	if a.Fields != nil {
		c.Fields = make(map[string]string, len(a.Fields))
		for k, v := range a.Fields {
			open(&v, "fields/"+k)
			c.Fields[k] = v
		}
	}
	return &c, internal(err)
}

// internal makes a failure to open a value an internal error: its detail
// goes to the log, never to the client.
func internal(err error) error {
	if err == nil {
		return nil
	}
	return &openError{err}
}

type openError struct{ err error }

func (e *openError) Error() string { return "seal: " + e.err.Error() }
func (e *openError) Unwrap() error { return e.err }

func (s *Store) connector(c *platform.Connector, seal bool) (*platform.Connector, error) {
	if c == nil || c.OAuth2 == nil || c.OAuth2.ClientSecret == "" {
		return c, nil
	}
	cp, o := *c, *c.OAuth2
	cp.OAuth2 = &o
	var err error
	if seal {
		o.ClientSecret = s.ring.Seal(o.ClientSecret, connectorPlace(c.Slug))
	} else {
		o.ClientSecret, err = s.ring.Open(o.ClientSecret, connectorPlace(c.Slug))
	}
	return &cp, internal(err)
}

func (s *Store) connection(c *platform.Connection) (*platform.Connection, error) {
	if c == nil || c.Authorization == nil {
		return c, nil
	}
	cp := *c
	var err error
	cp.Authorization, err = s.openAuthorization(c.Authorization)
	return &cp, err
}

// UpsertConnector seals the client secret.
func (s *Store) UpsertConnector(ctx context.Context, c *platform.Connector) error {
	sealed, _ := s.connector(c, true)
	return s.Store.UpsertConnector(ctx, sealed)
}

// ListConnectors opens the client secrets.
func (s *Store) ListConnectors(ctx context.Context) ([]*platform.Connector, error) {
	cs, err := s.Store.ListConnectors(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	opened := make(map[*platform.Connector]*platform.Connector, len(cs))
	out := make([]*platform.Connector, len(cs))
	for i, c := range cs {
		if o, ok := s.opened[c]; ok {
			out[i] = o
		} else if out[i], err = s.connector(c, false); err != nil {
			return nil, err
		}
		opened[c] = out[i]
	}
	s.opened = opened // only this list's: the map never grows past it
	return out, nil
}

// FindConnector opens the client secret.
func (s *Store) FindConnector(ctx context.Context, slug string) (*platform.Connector, error) {
	c, err := s.Store.FindConnector(ctx, slug)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	o, ok := s.opened[c]
	s.mu.Unlock()
	if ok {
		return o, nil
	}
	return s.connector(c, false)
}

// ListConnections opens each connection's authorization.
func (s *Store) ListConnections(ctx context.Context, userID int64, slug string) ([]*platform.Connection, error) {
	conns, err := s.Store.ListConnections(ctx, userID, slug)
	if err != nil {
		return nil, err
	}
	out := make([]*platform.Connection, len(conns))
	for i, c := range conns {
		if out[i], err = s.connection(c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindConnection opens the connection's authorization.
func (s *Store) FindConnection(ctx context.Context, userID int64, id string) (*platform.Connection, error) {
	c, err := s.Store.FindConnection(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	return s.connection(c)
}

// StartAuthorization stores a sealed copy of a and fills in a what the
// store fills in (its connection, user, connector and times).
func (s *Store) StartAuthorization(ctx context.Context, userID int64, slug, connID string, a *platform.Authorization, now time.Time) (*platform.Connection, error) {
	sealed := s.sealAuthorization(a)
	conn, err := s.Store.StartAuthorization(ctx, userID, slug, connID, sealed, now)
	if err != nil {
		return nil, err
	}
	a.ConnectionID, a.UserID, a.ConnectorSlug = sealed.ConnectionID, sealed.UserID, sealed.ConnectorSlug
	a.CreatedAt, a.UpdatedAt = sealed.CreatedAt, sealed.UpdatedAt
	conn.Authorization = a
	return conn, nil
}

// ActivateAuthorization seals the secrets.
func (s *Store) ActivateAuthorization(ctx context.Context, a *platform.Authorization, disable []string, now time.Time) error {
	return s.Store.ActivateAuthorization(ctx, s.sealAuthorization(a), disable, now)
}

// FindAuthorization opens the secrets.
func (s *Store) FindAuthorization(ctx context.Context, id string) (*platform.Authorization, error) {
	a, err := s.Store.FindAuthorization(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.openAuthorization(a)
}

// FindAuthorizationByState opens the secrets.
func (s *Store) FindAuthorizationByState(ctx context.Context, state string) (*platform.Authorization, error) {
	a, err := s.Store.FindAuthorizationByState(ctx, state)
	if err != nil {
		return nil, err
	}
	return s.openAuthorization(a)
}

// UpdateAuthorization seals the secrets.
func (s *Store) UpdateAuthorization(ctx context.Context, a *platform.Authorization) error {
	return s.Store.UpdateAuthorization(ctx, s.sealAuthorization(a))
}

// Setting opens a setting: every one is sealed (the provisioning secret
// key is one; the others cost nothing to hide).
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	v, err := s.Store.Setting(ctx, key)
	if err != nil {
		return "", err
	}
	v, err = s.ring.Open(v, settingPlace(key))
	return v, internal(err)
}

// SetSetting seals a setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.Store.SetSetting(ctx, key, s.ring.Seal(value, settingPlace(key)))
}
