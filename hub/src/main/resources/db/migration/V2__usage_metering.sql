-- Usage per tenant, day and metric: what a billing system reads. Metric names are dotted, e.g.
-- messages.utility, webhooks.received, api.calls, llm.tokens.prompt.
CREATE TABLE usage_daily (
    tenant_id text   NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    day       date   NOT NULL,
    metric    text   NOT NULL,
    amount    bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, metric)
);
