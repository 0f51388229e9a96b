-- Sessions whose refresh token has expired are ended by a sweeper, which finds them by that expiry.
CREATE INDEX oauth2_authorization_refresh_expiry_idx ON oauth2_authorization (refresh_token_expires_at);
