package sqlite

import (
	"context"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// SetFlowNonce keeps the hash of an awaiting authorization's flow nonce.
func (d *DB) SetFlowNonce(ctx context.Context, authID, hash string) error {
	ids, err := d.column(ctx, `UPDATE authorizations SET flow_nonce_hash = ?
		WHERE id = ? AND status = 'awaiting_callback' RETURNING id`, hash, authID)
	if err == nil && len(ids) == 0 {
		return platform.Errorf(platform.ENOTFOUND, "No authorization %q is awaiting its callback.", authID)
	}
	return err
}

// FlowNonce returns the hash SetFlowNonce kept ("" when none).
func (d *DB) FlowNonce(ctx context.Context, authID string) (_ string, err error) {
	defer storeError(&err)
	var h string
	err = d.r.QueryRowContext(ctx, `SELECT flow_nonce_hash FROM authorizations WHERE id = ?`, authID).Scan(&h)
	if err != nil {
		return "", notFound(err, "Authorization %q not found.", authID)
	}
	return h, nil
}
