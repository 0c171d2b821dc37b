-- Authorization codes of the built-in demo OAuth2 provider. They live in the
-- database (not in memory) so the provider works where every request may run
-- in a fresh process (Cloudflare Workers).
CREATE TABLE demo_codes (
	code       TEXT PRIMARY KEY,
	grant_json TEXT NOT NULL,
	expires_at INTEGER NOT NULL
);
