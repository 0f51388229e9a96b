-- Password attempts are counted per requester (its device, and separately its address) within an account, and for
-- the account as a whole, in the database: an attempt is recorded under the account's request lock before its
-- password is checked and removed again when the password was right, so what is left are the failures (and the
-- checks still running). account_key is the account's id, or "login:" and the typed name for a name that is no
-- account, so that such names are limited alike.
CREATE TABLE password_attempt (
    id           varchar(36)  NOT NULL PRIMARY KEY,
    account_key  varchar(80)  NOT NULL,
    device_id    varchar(128) NOT NULL,
    ip_address   varchar(45),
    attempted_at timestamp with time zone NOT NULL
);
CREATE INDEX password_attempt_device_idx ON password_attempt (account_key, device_id, attempted_at);
CREATE INDEX password_attempt_ip_idx ON password_attempt (account_key, ip_address, attempted_at);
CREATE INDEX password_attempt_account_idx ON password_attempt (account_key, attempted_at);

-- A binding gets an id of its own, so either side can name it to see and remove it. Bindings made before get an id
-- built from their two accounts, which is unique as the primary key is; new ones get a random one.
ALTER TABLE account_binding ADD COLUMN id varchar(80);
UPDATE account_binding SET id = account_id || '.' || controller_account_id;
ALTER TABLE account_binding ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX account_binding_id_idx ON account_binding (id);
