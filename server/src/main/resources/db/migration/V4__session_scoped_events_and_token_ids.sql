-- Push events go to one session of a device, so another account signing in on the same device id (or a later
-- session of the same device) never sees them.
ALTER TABLE push_event ADD COLUMN session_id varchar(36);
CREATE INDEX push_event_session_idx ON push_event (session_id, id);

-- The id (jti) of the session's current access token: a refreshed or revoked access token stops working at the
-- JSON API at once instead of when it expires.
ALTER TABLE device_session ADD COLUMN access_token_id varchar(64);
