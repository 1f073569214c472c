-- The people a tenant talks to: one row per tenant and E.164 number. Fed by order events, inbound messages, the API
-- and CSV imports. `last_inbound_at` is when the contact last wrote to the tenant (the channel's time of the
-- message); the 24-hour customer-service window runs from it.
CREATE TABLE contact (
    tenant_id       text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id              uuid        NOT NULL,
    phone           text        NOT NULL,
    name            text,
    language        text,
    country         text,
    time_zone       text,
    tags            text[]      NOT NULL DEFAULT '{}',
    attributes      jsonb       NOT NULL DEFAULT '{}',
    source          text        NOT NULL, -- who created it: order, whatsapp, api, import, or a feature's id
    last_inbound_at timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, phone)
);
CREATE INDEX contact_newest ON contact (tenant_id, created_at DESC, id DESC);
CREATE INDEX contact_tags ON contact USING gin (tags);

-- CSV imports: progress and outcome of each, and the lines that failed (line number as in the file, 1 = header).
CREATE TABLE contact_import (
    tenant_id   text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id          uuid        NOT NULL,
    status      text        NOT NULL, -- running, done, failed
    rows_read   bigint      NOT NULL DEFAULT 0,
    created     bigint      NOT NULL DEFAULT 0,
    updated     bigint      NOT NULL DEFAULT 0,
    failed      bigint      NOT NULL DEFAULT 0,
    error       text,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE contact_import_failure (
    tenant_id text   NOT NULL,
    import_id uuid   NOT NULL,
    line      bigint NOT NULL,
    message   text   NOT NULL,
    PRIMARY KEY (tenant_id, import_id, line),
    FOREIGN KEY (tenant_id, import_id) REFERENCES contact_import (tenant_id, id) ON DELETE CASCADE
);
