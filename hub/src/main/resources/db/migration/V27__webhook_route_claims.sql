-- Claims of app-level routing keys (a WhatsApp phone_number_id), with their proof. webhook_route (V20) keeps the one
-- tenant a key's events go to: a tenant gets it only after proving control of the key (or by the operator's
-- assignment). A tenant proving a key another tenant holds does not take it: its claim is recorded as 'disputed'
-- and the operator decides.
--   unverified  the tenant's settings name the key but the proof failed; not routed
--   verified    proven (or assigned by the operator) and holding the route
--   disputed    proven while another tenant holds the route; waiting for the operator
--   overruled   the operator gave the key to another tenant, or released it
--   legacy      a route taken before proofs were required (kept, so traffic keeps flowing; listed for review)
CREATE TABLE webhook_route_claim (
    connector_id text        NOT NULL,
    routing_key  text        NOT NULL,
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    status       text        NOT NULL CHECK (status IN ('unverified', 'verified', 'disputed', 'overruled', 'legacy')),
    detail       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connector_id, routing_key, tenant_id)
);
CREATE INDEX webhook_route_claim_by_tenant ON webhook_route_claim (tenant_id, connector_id);
CREATE INDEX webhook_route_claim_by_status ON webhook_route_claim (status, updated_at);

INSERT INTO webhook_route_claim (connector_id, routing_key, tenant_id, status, detail)
SELECT connector_id, routing_key, tenant_id, 'legacy', 'routed before proof of control was required'
FROM webhook_route;
