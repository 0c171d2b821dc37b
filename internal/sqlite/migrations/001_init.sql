-- Users, their tokens, connectors, connections and authorizations.
-- Times are Unix milliseconds.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE users (
	id          INTEGER PRIMARY KEY,
	external_id TEXT NOT NULL UNIQUE,
	created_at  INTEGER NOT NULL
);

CREATE TABLE tokens (
	hash       TEXT PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('access', 'session', 'ott')),
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	expires_at INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX tokens_kind_expires ON tokens (kind, expires_at);

CREATE TABLE connectors (
	slug       TEXT PRIMARY KEY,
	position   INTEGER NOT NULL,
	definition TEXT NOT NULL -- JSON of platform.Connector
);

CREATE TABLE connections (
	seq            INTEGER PRIMARY KEY AUTOINCREMENT,
	id             TEXT NOT NULL UNIQUE,
	user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	connector_slug TEXT NOT NULL REFERENCES connectors (slug) ON DELETE CASCADE,
	enabled        INTEGER NOT NULL,
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL
);
CREATE INDEX connections_user_slug ON connections (user_id, connector_slug, enabled);

CREATE TABLE authorizations (
	seq            INTEGER PRIMARY KEY AUTOINCREMENT,
	id             TEXT NOT NULL UNIQUE,
	connection_id  TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
	status         TEXT NOT NULL CHECK (status IN ('awaiting_callback', 'retrieving_tokens', 'active', 'error')),
	error_code     TEXT NOT NULL DEFAULT '',
	error_message  TEXT NOT NULL DEFAULT '',
	display_label  TEXT NOT NULL DEFAULT '',
	state          TEXT NOT NULL UNIQUE,
	pkce_verifier  TEXT NOT NULL DEFAULT '',
	redirect_uri   TEXT NOT NULL DEFAULT '',
	authorize_url  TEXT NOT NULL DEFAULT '',
	access_token   TEXT NOT NULL DEFAULT '',
	refresh_token  TEXT NOT NULL DEFAULT '',
	token_expiry   INTEGER NOT NULL DEFAULT 0,
	fields         TEXT NOT NULL DEFAULT '{}',
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL
);
CREATE INDEX authorizations_connection ON authorizations (connection_id, seq);
