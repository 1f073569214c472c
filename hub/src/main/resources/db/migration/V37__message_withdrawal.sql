-- Messages a feature withdrew (FeatureContext.withdraw): an invoice reminder queued before the invoice was paid. A
-- message still waiting is suppressed at once; the send policy's first check (WithdrawnCheck) stops one that a
-- delivery node had already claimed. Keyed by the message id the idempotency key gives (MessageRepository.id), so a
-- key withdrawn before its message is stored is remembered too.
CREATE TABLE message_withdrawal (
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    message_id   uuid        NOT NULL,
    feature      text        NOT NULL,
    withdrawn_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
