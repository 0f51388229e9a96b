-- Start-up work that runs once per database (e.g. hashing tokens stored in plain text by an earlier version): a row
-- here says it is done, so later starts skip it instead of scanning tables again.
CREATE TABLE one_time_task (
    name    varchar(64) NOT NULL PRIMARY KEY,
    done_at timestamp with time zone NOT NULL
);

-- A sign-in looks up the account's sessions on the device (to replace them, and to know the device). With device and
-- account both in one index, the lookup reads only those rows, and every planner picks it, even on a database whose
-- statistics were never gathered (where PostgreSQL could otherwise walk all of a busy account's sessions).
CREATE INDEX device_session_device_account_idx ON device_session (device_id, account_id, revoked_at);
DROP INDEX device_session_device_idx;
