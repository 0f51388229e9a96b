-- A session's OAuth2 authorization takes the session's id, so device_session.authorization_id only ever repeated
-- id, and no query used its index.
DROP INDEX device_session_authorization_idx;
ALTER TABLE device_session DROP COLUMN authorization_id;
