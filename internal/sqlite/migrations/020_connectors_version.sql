-- A counter of changes to connectors, bumped in the same transaction (or D1
-- batch) as every change. A process keeps the decoded connector list while
-- the counter stays the same, so it never serves a stale list, whoever
-- changed it: another xkitd on the same file, another Worker instance.
CREATE TABLE connectors_version (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
);
INSERT INTO connectors_version (id, version) VALUES (1, 1);
