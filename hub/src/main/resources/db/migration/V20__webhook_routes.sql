-- Routing keys of app-level webhooks: which tenant a key (a WhatsApp phone_number_id) belongs to. Maintained when
-- a tenant saves the connector's settings; a key belongs to one tenant only.
CREATE TABLE webhook_route (
    connector_id text        NOT NULL,
    routing_key  text        NOT NULL,
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connector_id, routing_key)
);
CREATE INDEX webhook_route_by_tenant ON webhook_route (tenant_id, connector_id);
