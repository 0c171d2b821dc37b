-- A user's enabled connections without reading the removed ones: lists and
-- Authorize's reuse lookup ask for user_id and enabled, and a user who
-- connected and removed many times has far more removed connections.
CREATE INDEX connections_user_enabled ON connections (user_id, enabled, connector_slug);
