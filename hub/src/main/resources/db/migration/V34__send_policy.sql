-- The send policy: a message the hub will not send is `suppressed` (final) and one it sends later is `deferred`,
-- each with a stable reason code here and a sentence for people in last_error. Messages blocked by the monthly
-- quota until now become suppressed with the quota's code.
ALTER TABLE message ADD COLUMN reason_code text;
UPDATE message SET status = 'suppressed', reason_code = 'quota-exceeded' WHERE status = 'blocked';

-- deferred messages are due work like queued ones: the sweep and the claim find them by this index
DROP INDEX message_due;
CREATE INDEX message_due ON message (next_attempt_at) WHERE status IN ('queued', 'sending', 'deferred');

-- What the hub learnt about sending to one recipient of a tenant: the next free slot of the per-recipient pacing
-- (WhatsApp allows about one message every 6 s to one user), a number WhatsApp called undeliverable (131026; until
-- the customer writes in) and a marketing back-off (131049; marketing not before the given time). A row whose
-- slot has long passed and that holds no flag in force says nothing: a sweep deletes such rows.
CREATE TABLE recipient_state (
    tenant_id              text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    recipient              text        NOT NULL,
    next_send_at           timestamptz,
    undeliverable_since    timestamptz,
    undeliverable_detail   text,
    marketing_paused_until timestamptz,
    PRIMARY KEY (tenant_id, recipient)
);
CREATE INDEX recipient_state_sweep ON recipient_state (next_send_at) WHERE undeliverable_since IS NULL;
