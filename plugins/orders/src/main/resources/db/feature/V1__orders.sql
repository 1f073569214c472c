-- The orders feature's own tables (schema feature_orders, rows seen per tenant under row-level security).

-- An order as the store last described it, with the lifecycle status the feature keeps. Amounts in minor units of
-- currency (cents; yen; fils). One row per (store, vendor order id).
CREATE TABLE customer_order (
    tenant_id          text        NOT NULL,
    id                 uuid        NOT NULL,
    source             text        NOT NULL,
    order_id           text        NOT NULL,
    number             text,
    status             text        NOT NULL,
    vendor_status      text,
    financial_status   text,
    fulfillment_status text,
    payment_method     text,
    cash_on_delivery   boolean     NOT NULL DEFAULT false,
    currency           text,
    total_minor        bigint,
    subtotal_minor     bigint,
    shipping_minor     bigint,
    tax_minor          bigint,
    refunded_minor     bigint,
    phone              text,
    first_name         text,
    last_name          text,
    email              text,
    shipping_summary   text,
    carrier            text,
    tracking_number    text,
    tracking_url       text,
    line_items         jsonb       NOT NULL DEFAULT '[]',
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, source, order_id)
);
CREATE INDEX customer_order_by_time ON customer_order (tenant_id, created_at DESC, id DESC);
CREATE INDEX customer_order_by_phone ON customer_order (tenant_id, phone, created_at DESC);
CREATE INDEX customer_order_by_number ON customer_order (tenant_id, number);
CREATE INDEX customer_order_by_vendor_id ON customer_order (tenant_id, order_id);

-- Each refund an event announced (a Shopify refund by its id, a Stripe charge by its id with the charge's refunded
-- total so far), so an order's refunded amount is their sum however the events interleave with the store's own
-- order updates (which report the refunded total too: the order keeps the larger of the two).
CREATE TABLE order_refund (
    tenant_id    text   NOT NULL,
    order_uuid   uuid   NOT NULL,
    refund_key   text   NOT NULL,
    amount_minor bigint NOT NULL,
    PRIMARY KEY (tenant_id, order_uuid, refund_key)
);
