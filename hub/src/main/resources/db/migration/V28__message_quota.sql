-- The monthly message quota as a counter per tenant and UTC month, taken from atomically by the transaction that
-- stores a dispatch batch's messages (the row lock orders concurrent batches, so the quota is exact). `stored`
-- counts the messages stored in the month, blocked ones included; `blocked` those stored as blocked for exceeding
-- the quota. What counts against the quota is stored - blocked.
CREATE TABLE message_quota (
    tenant_id text   NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    month     date   NOT NULL, -- the first day of the UTC month
    stored    bigint NOT NULL,
    blocked   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, month),
    CHECK (blocked BETWEEN 0 AND stored)
);

-- Until now the quota was counted from the outbox: carry those counts over, for every month the outbox holds.
INSERT INTO message_quota (tenant_id, month, stored, blocked)
SELECT tenant_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, count(*),
       count(*) FILTER (WHERE status = 'blocked')
FROM message
GROUP BY 1, 2;
