-- Accounts offered on a device's sign-in screen are referred to by short-lived, single-use handles bound to that
-- device, never by account id (seed 002, Fig. 7; PRODUCT.md section C).
CREATE TABLE sign_in_choice (
    handle_hash varchar(64)  NOT NULL PRIMARY KEY,
    device_id   varchar(128) NOT NULL,
    account_id  varchar(36)  NOT NULL REFERENCES account (id),
    source      varchar(16)  NOT NULL,
    created_at  timestamp with time zone NOT NULL,
    expires_at  timestamp with time zone NOT NULL,
    used_at     timestamp with time zone
);
CREATE INDEX sign_in_choice_expiry_idx ON sign_in_choice (expires_at);
