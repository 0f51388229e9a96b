-- Which device asked for a device code (RFC 8628 section 5.4: the person approving must see who is asking).
CREATE TABLE device_code_request (
    user_code          varchar(16)  NOT NULL PRIMARY KEY,
    authorization_id   varchar(100) NOT NULL,
    device_id          varchar(128) NOT NULL,
    device_type        varchar(16)  NOT NULL,
    device_name        varchar(64)  NOT NULL,
    device_os          varchar(64),
    ip_address         varchar(45),
    client_id          varchar(100) NOT NULL,
    created_at         timestamp with time zone NOT NULL,
    expires_at         timestamp with time zone NOT NULL
);
CREATE INDEX device_code_request_expiry_idx ON device_code_request (expires_at);
