-- One row per thing whose limits must be counted one request at a time (a phone number, a requesting address):
-- a request takes the row's lock for the length of its transaction, so two requests cannot both pass a limit.
CREATE TABLE request_lock (
    scope    varchar(32)  NOT NULL,
    lock_key varchar(128) NOT NULL,
    PRIMARY KEY (scope, lock_key)
);
