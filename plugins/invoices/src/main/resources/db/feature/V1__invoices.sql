-- The invoices feature's own tables (schema feature_invoices, rows seen per tenant under row-level security).

-- An invoice sent to a customer over WhatsApp with a payment page, and its reminders.
-- status: pending (stored, payment page or message not yet done) → sent → overdue → paid | cancelled.
-- schedule: the reminder instants fixed when it was sent (JSON array of {"kind", "at"}); reminders_sent counts those
-- fired. At most one invoice per reference: creating is idempotent by it.
CREATE TABLE invoice (
    tenant_id       text        NOT NULL,
    id              uuid        NOT NULL,
    reference       text        NOT NULL,
    phone           text        NOT NULL,
    customer_name   text        NOT NULL,
    currency        text        NOT NULL,
    amount_minor    bigint      NOT NULL,
    lines           jsonb       NOT NULL,
    due_date        date        NOT NULL,
    status          text        NOT NULL,
    payment_link_id text,
    payment_url     text,
    schedule        jsonb       NOT NULL DEFAULT '[]',
    reminders_sent  integer     NOT NULL DEFAULT 0,
    payment_id      text,
    paid_at         timestamptz,
    cancelled_at    timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, reference)
);
CREATE INDEX invoice_by_status ON invoice (tenant_id, status, created_at DESC);
CREATE INDEX invoice_by_age ON invoice (tenant_id, created_at DESC);
