-- The anti-fatigue limits of phone approval count the requests of one requester (its device, its address) within
-- an account; each count reads at most as many rows as the limit allows, newest first.
CREATE INDEX login_request_account_device_idx ON login_request (account_id, device_id, created_at);
CREATE INDEX login_request_account_ip_idx ON login_request (account_id, ip_address, created_at);

-- "That wasn't me" stops the requester by every path: the network a request came from is kept so the block can
-- name it too, and a device its owner disowned is remembered for good, so the account is no longer offered on that
-- device's sign-in screen and the device is never taken for one the account knows.
ALTER TABLE login_request ADD COLUMN network_id varchar(64);
CREATE TABLE approval_disowned_device (
    account_id  varchar(36)  NOT NULL,
    device_id   varchar(128) NOT NULL,
    disowned_at timestamp with time zone NOT NULL,
    PRIMARY KEY (account_id, device_id)
);
