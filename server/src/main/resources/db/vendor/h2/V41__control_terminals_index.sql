-- Every phone-approved sign-in reads the account's control terminals (its active phones and tablets). H2, once it has
-- statistics, rated device_session_account_idx (account, end) as good as device_session_terminal_idx (account,
-- screen, end), since a screen has only two values, and read every active session of a busy account through it. One
-- index on account, end and screen serves both the terminals (all three columns) and the list of an account's
-- signed-in devices (account and end): no other index competes, and a session's start and end write one index entry
-- fewer. H2 has no partial indexes, which PostgreSQL uses for the same lookup (db/vendor/postgresql).
CREATE INDEX device_session_active_idx ON device_session (account_id, revoked_at, small_screen);
DROP INDEX device_session_terminal_idx;
DROP INDEX device_session_account_idx;
