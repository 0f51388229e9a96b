-- Every phone-approved sign-in reads the account's control terminals (its active phones and tablets). Through
-- device_session_terminal_idx (account, screen, end) that is a few index entries, but PostgreSQL on a database whose
-- statistics were never gathered rated device_session_account_idx (account, end) as good, and walked every active
-- session of a busy account through it (7 to 15 ms for an account with 1,800 active sessions; 0.3 to 0.4 ms through
-- the partial index). A partial index holds only the active small-screen sessions: no other index serves the lookup
-- as cheaply, with statistics or without. H2 has no partial indexes; it reads the terminals through one index on
-- account, end and screen instead (db/vendor/h2).
CREATE INDEX device_session_open_terminal_idx ON device_session (account_id) WHERE small_screen AND revoked_at IS NULL;
DROP INDEX device_session_terminal_idx;
