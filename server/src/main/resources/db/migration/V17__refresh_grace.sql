-- A refresh token presented again within a few seconds of its exchange gets the tokens that exchange issued, sealed
-- under a key derived from that refresh token (which is not stored). Cleared when the window has passed.
ALTER TABLE retired_refresh_token ADD COLUMN grace_until timestamp with time zone;
ALTER TABLE retired_refresh_token ADD COLUMN grace_pair text;
CREATE INDEX retired_refresh_token_grace_idx ON retired_refresh_token (grace_until);
