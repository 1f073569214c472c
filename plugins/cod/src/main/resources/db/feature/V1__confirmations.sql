-- The cod feature's own tables (schema feature_cod, rows seen per tenant under row-level security).

-- One confirmation per cash-on-delivery order: asked, reminded, answered (or not), and the answer's write-back to
-- the store. status: scheduled (waiting for the delay), awaiting (asked), confirmed, cancelled, needs-attention
-- (nobody answered; handed to a person), cancelled-in-store (the store cancelled the order first).
CREATE TABLE confirmation (
    tenant_id            text        NOT NULL,
    source               text        NOT NULL,
    order_id             text        NOT NULL,
    order_number         text,
    phone                text        NOT NULL,
    first_name           text,
    total                text,
    currency             text,
    status               text        NOT NULL,
    created_at           timestamptz NOT NULL,
    asked_at             timestamptz,
    reminded_at          timestamptz,
    answer               text,
    answered_at          timestamptz,
    answer_seconds       bigint,
    resolved_by          text,
    late_replies         integer     NOT NULL DEFAULT 0,
    write_back           text        NOT NULL DEFAULT 'none',
    write_back_attempts  integer     NOT NULL DEFAULT 0,
    write_back_error     text,
    write_back_at        timestamptz,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, source, order_id)
);
CREATE INDEX confirmation_by_order ON confirmation (tenant_id, order_id);
CREATE INDEX confirmation_by_status ON confirmation (tenant_id, status, created_at);
