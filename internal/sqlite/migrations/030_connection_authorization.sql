-- Issue 13: no ghost connections. A connection is enabled only once one of
-- its authorizations turns active, and the authorization that counts for it
-- (the one lists and status show) is the newest that did, kept here: a
-- reconnect that fails or is abandoned no longer replaces it.
ALTER TABLE connections ADD COLUMN authorization_id TEXT;
-- Existing rows as if the rule had always held. An authorization that ever
-- turned active holds an access token (OAuth2 tokens, or an API key's first
-- field; sealed or not, never empty), so the newest with one counts.
UPDATE connections SET authorization_id = (SELECT a.id FROM authorizations a
	WHERE a.connection_id = connections.id AND a.access_token != '' ORDER BY a.seq DESC LIMIT 1);
-- Connections enabled before any authorization of theirs turned active are
-- the ghosts: an install cancelled, denied or failed. They were never
-- installed; they leave every list.
UPDATE connections SET enabled = 0 WHERE enabled = 1 AND authorization_id IS NULL;
