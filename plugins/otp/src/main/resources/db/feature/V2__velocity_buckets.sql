-- The prefix and country limits count sends in minute buckets instead of counting otp_send rows: a start reads at
-- most 120 small rows however many codes a country got within the hour (counting rows cost grew with the traffic).
-- otp_send keeps serving the per-number limit, which only ever counts a handful of rows, and keeps only its columns.
CREATE TABLE otp_velocity (
    tenant_id text        NOT NULL,
    scope     text        NOT NULL CHECK (scope IN ('prefix', 'country')),
    key       text        NOT NULL,
    minute    timestamptz NOT NULL,
    sends     integer     NOT NULL,
    PRIMARY KEY (tenant_id, scope, key, minute)
);
CREATE INDEX otp_velocity_by_age ON otp_velocity (tenant_id, minute);

INSERT INTO otp_velocity (tenant_id, scope, key, minute, sends)
SELECT tenant_id, 'prefix', prefix, date_trunc('minute', sent_at), count(*) FROM otp_send
GROUP BY tenant_id, prefix, date_trunc('minute', sent_at);
INSERT INTO otp_velocity (tenant_id, scope, key, minute, sends)
SELECT tenant_id, 'country', country, date_trunc('minute', sent_at), count(*) FROM otp_send
GROUP BY tenant_id, country, date_trunc('minute', sent_at);

DROP INDEX otp_send_by_prefix;
DROP INDEX otp_send_by_country;
-- Read only by the two statements above: the buckets hold them now.
ALTER TABLE otp_send DROP COLUMN prefix, DROP COLUMN country;
