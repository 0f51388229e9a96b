-- Same-network account recommendation (seed 002; PRODUCT.md section B). Raw SSID, BSSID and MAC values are never
-- stored: networks are identified by keyed hashes (HMAC-SHA256 with a secret kept in server_secret).

CREATE TABLE server_secret (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    secret     varchar(128) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE network_env (
    id             varchar(64) NOT NULL PRIMARY KEY,
    security       varchar(16) NOT NULL,
    first_seen_at  timestamp with time zone NOT NULL,
    last_seen_at   timestamp with time zone NOT NULL,
    operator_class varchar(16)
);

-- Public address prefixes (IPv4 /24, IPv6 /56, hashed) seen with a network.
CREATE TABLE network_address (
    network_id   varchar(64) NOT NULL,
    prefix_hash  varchar(64) NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    PRIMARY KEY (network_id, prefix_hash)
);

-- Liveness of an account in a network (claim 8). log_liveness = ln(sum of w * exp(t / tau)) over its activity, so
-- ordering by it orders by the decayed score at any moment, and an update is one row.
CREATE TABLE network_account (
    network_id       varchar(64) NOT NULL,
    account_id       varchar(36) NOT NULL REFERENCES account (id),
    first_seen_at    timestamp with time zone NOT NULL,
    last_active_at   timestamp with time zone NOT NULL,
    log_liveness     double precision NOT NULL,
    window_start     timestamp with time zone NOT NULL,
    window_sign_ins  integer NOT NULL,
    window_active_s  bigint  NOT NULL,
    picked           integer NOT NULL,
    ignored          integer NOT NULL,
    cancelled        integer NOT NULL,
    suppressed       boolean NOT NULL,
    PRIMARY KEY (network_id, account_id)
);
CREATE INDEX network_account_liveness_idx ON network_account (network_id, log_liveness);
CREATE INDEX network_account_recent_idx ON network_account (network_id, last_active_at);

-- Where each device is now (its last report), with its signed-in account and screen class.
CREATE TABLE device_presence (
    device_id    varchar(128) NOT NULL PRIMARY KEY,
    network_id   varchar(64)  NOT NULL,
    account_id   varchar(36),
    small_screen boolean      NOT NULL,
    reported_at  timestamp with time zone NOT NULL
);
CREATE INDEX device_presence_network_idx ON device_presence (network_id, reported_at);

ALTER TABLE device_session ADD COLUMN network_id varchar(64);
ALTER TABLE sign_in_choice ADD COLUMN network_id varchar(64);
