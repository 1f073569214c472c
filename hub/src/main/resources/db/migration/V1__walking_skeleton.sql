-- Tenants: every other row belongs to one.
CREATE TABLE tenant (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    channel    text        NOT NULL DEFAULT 'sandbox',
    status     text        NOT NULL DEFAULT 'active',
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Per-tenant settings of connectors and features. Secret fields live encrypted in `secrets`, never in `settings`.
CREATE TABLE extension_settings (
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    extension_id text        NOT NULL,
    settings     jsonb       NOT NULL DEFAULT '{}',
    secrets      text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, extension_id)
);

CREATE TABLE feature_state (
    tenant_id  text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    feature_id text        NOT NULL,
    enabled    boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, feature_id)
);

-- The durable inbox: canonical events, stored before the webhook is acknowledged, once per delivery id.
CREATE TABLE inbox_event (
    tenant_id       text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id              uuid        NOT NULL,
    source          text        NOT NULL,
    delivery_id     text        NOT NULL,
    type            text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'pending', -- pending, done, dead
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    processed_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, source, delivery_id)
);
CREATE INDEX inbox_event_due ON inbox_event (next_attempt_at) WHERE status = 'pending';
CREATE INDEX inbox_event_latest ON inbox_event (tenant_id, received_at DESC);

-- The outbox: messages to customers, delivered with retries; dead is the dead-letter state.
CREATE TABLE message (
    tenant_id           text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id                  uuid        NOT NULL,
    event_id            uuid,
    channel             text        NOT NULL,
    recipient           text        NOT NULL,
    category            text        NOT NULL,
    content             jsonb       NOT NULL,
    idempotency_key     text        NOT NULL,
    status              text        NOT NULL, -- queued, sending, sent, delivered, read, failed, dead
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    provider_message_id text,
    last_error          text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX message_due ON message (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX message_latest ON message (tenant_id, created_at DESC);
CREATE INDEX message_by_provider_id ON message (provider_message_id) WHERE provider_message_id IS NOT NULL;

CREATE TABLE message_status (
    tenant_id  text        NOT NULL,
    message_id uuid        NOT NULL,
    status     text        NOT NULL,
    detail     text,
    at         timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, message_id) REFERENCES message (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX message_status_history ON message_status (tenant_id, message_id, at);
