-- The monthly quota counted every message stored, so a message that died (or that the send policy suppressed) used
-- up the quota although it was never sent: usage said "6 of 100" while the meter showed 5 messages sent. Such a
-- message now gives its unit back: `released` counts, per tenant and month of the message's creation, the messages
-- that ended dead or suppressed for a reason other than the quota (those are in `blocked`); resending a dead
-- message takes its unit again (without asking the quota again). A message stored dead (its template could not be
-- filled) was never counted, so it releases nothing. What counts against the quota is stored - blocked - released: the messages sent or
-- still on their way. A trigger keeps it exact whichever code path changes a message's status; its WHEN clause is
-- evaluated without calling the function, so the many other status changes (sending, sent, delivered, read) pay
-- nothing.
ALTER TABLE message_quota ADD COLUMN released bigint NOT NULL DEFAULT 0;

-- (a message stored dead, its template unfillable, has no attempts and was never counted)
UPDATE message_quota q SET released = LEAST(r.n, q.stored - q.blocked)
FROM (SELECT tenant_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, count(*) AS n
      FROM message
      WHERE (status = 'dead' AND attempts > 0)
         OR (status = 'suppressed' AND reason_code IS DISTINCT FROM 'quota-exceeded')
      GROUP BY 1, 2) r
WHERE q.tenant_id = r.tenant_id AND q.month = r.month;

ALTER TABLE message_quota DROP CONSTRAINT message_quota_check;
ALTER TABLE message_quota ADD CONSTRAINT message_quota_counts CHECK (blocked >= 0 AND released >= 0
    AND blocked + released <= stored);

CREATE FUNCTION message_quota_release() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_released boolean := (OLD.status = 'dead'
        OR (OLD.status = 'suppressed' AND OLD.reason_code IS DISTINCT FROM 'quota-exceeded'));
    is_released boolean := NEW.status = 'dead'
        OR (NEW.status = 'suppressed' AND NEW.reason_code IS DISTINCT FROM 'quota-exceeded');
BEGIN
    IF was_released <> is_released THEN
        UPDATE message_quota SET released = released + CASE WHEN is_released THEN 1 ELSE -1 END
        WHERE tenant_id = NEW.tenant_id
          AND month = date_trunc('month', NEW.created_at AT TIME ZONE 'UTC')::date
          AND released + CASE WHEN is_released THEN 1 ELSE -1 END BETWEEN 0 AND stored - blocked;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER message_quota_release_on_update AFTER UPDATE OF status ON message
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
        AND (NEW.status IN ('dead', 'suppressed') OR OLD.status IN ('dead', 'suppressed')))
    EXECUTE FUNCTION message_quota_release();

