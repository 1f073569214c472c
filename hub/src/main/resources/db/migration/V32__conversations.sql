-- Inbound messages, stored once per channel message id, for the contact's conversation timeline; outbound messages
-- are the outbox (`message`), found by recipient.
CREATE TABLE inbound_message (
    tenant_id      text        NOT NULL,
    channel        text        NOT NULL,
    message_id     text        NOT NULL,
    contact_id     uuid        NOT NULL,
    kind           text        NOT NULL,
    text           text,
    button_payload text,
    reply_to       text,
    sent_at        timestamptz NOT NULL, -- the channel's time of the message
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, channel, message_id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contact (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX inbound_message_timeline ON inbound_message (tenant_id, contact_id, sent_at DESC);

CREATE INDEX message_by_recipient ON message (tenant_id, recipient, created_at DESC);
