package platform

import (
	"context"
	"time"
)

// The platform's rules for when a connection exists for its user. A Store
// only stores; these two functions decide, and every authorization flow
// goes through them:
//
//   - A connection is enabled only once one of its authorizations turns
//     active. Starting an authorization (connect, addConnection, reconnect)
//     changes nothing the user can see: a new connection is stored, not
//     enabled, until its first authorization is active.
//   - The authorization that counts for a connection (the one lists and
//     status show) is the newest that turned active. So an attempt that
//     ends in error, or is abandoned and expires, leaves everything as it
//     was: a connection that was never enabled stays out of every list
//     (it is kept, disabled and invisible, for the flow that still reads
//     it and its authorization), and a reconnect that fails keeps the
//     previous authorization, working or broken, as the one that counts.
//   - A connector without multiple connections has at most one enabled
//     connection per user: starting reuses it, and activating another
//     connection (two installs raced) disables it.

// StartAuthorization stores a, a new authorization awaiting its callback,
// for the user's connection connID to connector c: for a connector
// without multiple connections the user's enabled connection whatever
// connID says, if there is one. The connection returned carries a as its
// Authorization, for the flow to follow; nothing the user sees changes
// until SaveAuthorization makes a active.
func StartAuthorization(ctx context.Context, s Store, userID int64, c *Connector, connID string, a *Authorization, now time.Time) (*Connection, error) {
	if !c.SupportsMultipleConnections {
		existing, err := s.ListConnections(ctx, userID, c.Slug)
		if err != nil {
			return nil, err
		}
		if len(existing) > 0 {
			connID = existing[len(existing)-1].ID
		}
	}
	return s.StartAuthorization(ctx, userID, c.Slug, connID, a, now)
}

// SaveAuthorization saves what a flow made of a (its status, error, label,
// tokens, fields) at now. An active authorization also becomes the one
// that counts for its connection, which is enabled with it in one write;
// for a connector without multiple connections, the user's other enabled
// connections to it are disabled in that write. Any other status leaves
// the connection as it was.
func SaveAuthorization(ctx context.Context, s Store, a *Authorization, now time.Time) error {
	a.UpdatedAt = now
	if a.Status != StatusActive {
		return s.UpdateAuthorization(ctx, a)
	}
	c, err := s.FindConnector(ctx, a.ConnectorSlug)
	if err != nil {
		return err
	}
	var others []string
	if !c.SupportsMultipleConnections {
		conns, err := s.ListConnections(ctx, a.UserID, c.Slug)
		if err != nil {
			return err
		}
		for _, conn := range conns {
			if conn.ID != a.ConnectionID {
				others = append(others, conn.ID)
			}
		}
	}
	return s.ActivateAuthorization(ctx, a, others, now)
}
