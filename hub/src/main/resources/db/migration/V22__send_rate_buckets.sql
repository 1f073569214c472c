-- Token buckets of the per-number send throttle (bucket4j-postgresql), shared by all delivery nodes.
CREATE TABLE send_rate_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
