-- Phone-approved sign-in (seed 000): a login request, the control terminals it was sent to, and blocks after
-- "that wasn't me".

CREATE TABLE login_request (
    id                   varchar(36)  NOT NULL PRIMARY KEY,
    -- SHA-256 of the auth_req_id that only the requesting client holds
    secret_hash          varchar(64)  NOT NULL,
    account_id           varchar(36)  NOT NULL REFERENCES account (id),
    client_id            varchar(100) NOT NULL,
    device_id            varchar(128) NOT NULL,
    device_type          varchar(16)  NOT NULL,
    device_name          varchar(64)  NOT NULL,
    device_model         varchar(64),
    device_os            varchar(64),
    device_app_version   varchar(32),
    ip_address           varchar(45),
    scopes               varchar(200) NOT NULL,
    binding_message      varchar(64),
    verification_code    varchar(6)   NOT NULL,
    state                varchar(16)  NOT NULL,
    deny_reason          varchar(16),
    decided_by_session_id varchar(36),
    session_id           varchar(36),
    poll_interval_seconds integer     NOT NULL,
    last_polled_at       timestamp with time zone,
    notification_token   varchar(1024),
    -- kept only for CIBA ping mode, whose notification must name it; CIBA clients also authenticate to redeem it
    ciba_auth_req_id     varchar(64),
    created_at           timestamp with time zone NOT NULL,
    expires_at           timestamp with time zone NOT NULL,
    decided_at           timestamp with time zone
);
CREATE UNIQUE INDEX login_request_secret_uk ON login_request (secret_hash);
CREATE INDEX login_request_account_idx ON login_request (account_id, created_at);
CREATE INDEX login_request_pending_idx ON login_request (state, expires_at);

CREATE TABLE login_request_terminal (
    request_id varchar(36) NOT NULL REFERENCES login_request (id),
    session_id varchar(36) NOT NULL,
    device_id  varchar(128) NOT NULL,
    PRIMARY KEY (request_id, session_id)
);
CREATE INDEX login_request_terminal_session_idx ON login_request_terminal (session_id);

CREATE TABLE approval_block (
    account_id    varchar(36)  NOT NULL,
    blocked_kind  varchar(8)   NOT NULL,
    blocked_value varchar(128) NOT NULL,
    until_at      timestamp with time zone NOT NULL,
    PRIMARY KEY (account_id, blocked_kind, blocked_value)
);
