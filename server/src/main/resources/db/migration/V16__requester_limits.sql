-- The anti-fatigue limits of phone approval count the requests of one requester (its device, its address) within
-- an account; each count reads at most as many rows as the limit allows, newest first.
CREATE INDEX login_request_account_device_idx ON login_request (account_id, device_id, created_at);
CREATE INDEX login_request_account_ip_idx ON login_request (account_id, ip_address, created_at);
