-- Refresh tokens already exchanged (hashed). Presenting one again means a copy exists somewhere: the session ends.
CREATE TABLE retired_refresh_token (
    token_hash varchar(64) NOT NULL PRIMARY KEY,
    session_id varchar(36) NOT NULL,
    retired_at timestamp with time zone NOT NULL
);
CREATE INDEX retired_refresh_token_age_idx ON retired_refresh_token (retired_at);
