-- The user code of a device-code request is kept only as an HMAC (64 hex characters). Requests pending at the upgrade
-- lose the description of their device; their codes live ten minutes, and a TV shows a new one.
DELETE FROM device_code_request;
ALTER TABLE device_code_request ALTER COLUMN user_code SET DATA TYPE varchar(64);
