-- A phone asking for its open sign-in requests reads only the terminal rows of requests that are still open, however
-- many it has decided before: open_until is the request's expiry, moved to the moment of the decision once it is
-- decided. The open request of one device for one account is found by key.
ALTER TABLE login_request_terminal ADD COLUMN open_until timestamp with time zone;
UPDATE login_request_terminal SET open_until = (SELECT CASE WHEN r.state = 'PENDING' THEN r.expires_at
    ELSE COALESCE(r.decided_at, r.expires_at) END FROM login_request r WHERE r.id = request_id);
ALTER TABLE login_request_terminal ALTER COLUMN open_until SET NOT NULL;
CREATE INDEX login_request_terminal_open_idx ON login_request_terminal (session_id, open_until);
DROP INDEX login_request_terminal_session_idx;
CREATE INDEX login_request_device_open_idx ON login_request (device_id, account_id, state, expires_at);
