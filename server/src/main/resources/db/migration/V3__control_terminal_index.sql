-- Control terminals (seed 000) are the active small-screen sessions of an account. Marking them lets the lookup
-- read only those rows, however many large-screen sessions the account has.
ALTER TABLE device_session ADD COLUMN small_screen boolean DEFAULT FALSE NOT NULL;
UPDATE device_session SET small_screen = TRUE
    WHERE device_id IN (SELECT id FROM device WHERE device_type IN ('PHONE', 'TABLET'));
CREATE INDEX device_session_terminal_idx ON device_session (account_id, small_screen, revoked_at);
