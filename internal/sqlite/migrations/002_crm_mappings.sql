-- CRM field mappings saved per connection.
CREATE TABLE crm_mappings (
	connection_id TEXT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
	mapping       TEXT NOT NULL,
	updated_at    INTEGER NOT NULL
);
