-- Catch-up polls of connectors (WooCommerce): one row per tenant and poller, holding the cursor and a lease so only
-- one node polls a tenant at a time.
CREATE TABLE connector_poll (
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    poller_id    text        NOT NULL,
    cursor       text,
    next_poll_at timestamptz NOT NULL DEFAULT now(),
    lease_until  timestamptz,
    last_error   text,
    polled_at    timestamptz,
    PRIMARY KEY (tenant_id, poller_id)
);
CREATE INDEX connector_poll_due ON connector_poll (next_poll_at);
