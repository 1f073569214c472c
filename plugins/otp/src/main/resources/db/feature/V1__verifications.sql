-- The otp feature's own tables (schema feature_otp, rows seen per tenant under row-level security).

-- One secret per tenant: the HMAC key codes are derived with (see OtpCodes). Created on first use.
CREATE TABLE otp_key (
    tenant_id text PRIMARY KEY,
    secret    text NOT NULL
);

-- A verification: a code sent to a number for a purpose. The code itself is never stored: it is derived from
-- seed with the tenant's key. At most one pending verification per number and purpose.
CREATE TABLE verification (
    tenant_id   text        NOT NULL,
    id          uuid        NOT NULL,
    to_number   text        NOT NULL,
    purpose     text        NOT NULL,
    status      text        NOT NULL,
    seed        text        NOT NULL,
    code_length integer     NOT NULL,
    checks      integer     NOT NULL DEFAULT 0,
    max_checks  integer     NOT NULL,
    send_count  integer     NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX verification_one_pending ON verification (tenant_id, to_number, purpose)
    WHERE status = 'pending';
CREATE INDEX verification_by_number ON verification (tenant_id, to_number, purpose, created_at);
CREATE INDEX verification_by_age ON verification (tenant_id, updated_at);

-- Every code sent, for the velocity limits (per number, per prefix, per country). Rows older than the longest
-- window are deleted when a verification's expiry timer fires.
CREATE TABLE otp_send (
    tenant_id text        NOT NULL,
    to_number text        NOT NULL,
    prefix    text        NOT NULL,
    country   text        NOT NULL,
    sent_at   timestamptz NOT NULL
);
CREATE INDEX otp_send_by_number ON otp_send (tenant_id, to_number, sent_at);
CREATE INDEX otp_send_by_prefix ON otp_send (tenant_id, prefix, sent_at);
CREATE INDEX otp_send_by_country ON otp_send (tenant_id, country, sent_at);
CREATE INDEX otp_send_by_age ON otp_send (tenant_id, sent_at);

-- Counters per tenant (started, approved, fraud-suspected, …), read by GET …/features/otp/stats.
CREATE TABLE otp_stat (
    tenant_id text   NOT NULL,
    name      text   NOT NULL,
    value     bigint NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
