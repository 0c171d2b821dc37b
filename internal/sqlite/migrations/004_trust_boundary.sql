-- Issue 12, the platform's trust boundary.
-- The SHA-256 of the nonce in the flow cookie of the browser that started an
-- authorization (its start endpoint sets both); the callback needs it.
ALTER TABLE authorizations ADD COLUMN flow_nonce_hash TEXT NOT NULL DEFAULT '';
-- Authorizations still awaiting their callback, by age: the sweep expires
-- the stale ones.
CREATE INDEX authorizations_awaiting ON authorizations (created_at) WHERE status = 'awaiting_callback';
-- The session a token descends from: logout revokes the whole family.
ALTER TABLE tokens ADD COLUMN family TEXT NOT NULL DEFAULT '';
CREATE INDEX tokens_family ON tokens (family);
-- The sweep deletes expired tokens of every kind.
CREATE INDEX tokens_expires ON tokens (expires_at);
