-- Webhooks that stored nothing: refused (bad signature, connector not set up or unknown, too large, malformed…),
-- duplicates and ignored topics, so "why did Shopify's delivery fail?" has an answer. Only for tenants that exist
-- (every row belongs to one). Identical webhooks (tenant, connector, outcome, reason) received within one flush
-- (about a second) share one row with their count, and each tenant keeps its newest rows only (WebhookLog), so an
-- anonymous caller cannot grow the table without bound. Accepted webhooks are not written here: the inbox has them.
CREATE TABLE webhook_log (
    tenant_id text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id        bigint      GENERATED ALWAYS AS IDENTITY,
    connector text        NOT NULL,
    outcome   text        NOT NULL, -- refused, duplicate, ignored
    status    integer     NOT NULL, -- what the caller was answered
    reason    text        NOT NULL, -- a stable code: bad-signature, connector-not-configured, unknown-connector, …
    detail    text,                 -- the sentence for people (the connector's words), at most 300 characters
    count     integer     NOT NULL,
    first_at  timestamptz NOT NULL,
    last_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX webhook_log_latest ON webhook_log (tenant_id, last_at DESC);
