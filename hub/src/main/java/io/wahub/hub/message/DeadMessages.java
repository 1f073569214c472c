package io.wahub.hub.message;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Gives a dead message another life: an admin's "resend" puts it back in the queue as if it were new (no attempts
 * yet, due now), with a history entry saying who resent it. Delivery picks it up like any other due message.
 */
@Repository
public class DeadMessages {

    /** What became of a resend. */
    public enum Resend { RESENT, NOT_DEAD, NOT_FOUND }

    private final JdbcClient jdbc;

    public DeadMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Requeues the tenant's message {@code id} if, and only if, it is {@code dead} now (one statement: two admins
     * pressing "resend" at once requeue it once).
     */
    public Resend resend(String tenantId, UUID id, String actor) {
        int requeued = jdbc.sql("""
                        WITH requeued AS (
                            UPDATE message SET status = 'queued', attempts = 0, last_error = NULL, reason_code = NULL,
                                               next_attempt_at = now(), updated_at = now()
                            WHERE tenant_id = :tenant AND id = :id AND status = 'dead'
                            RETURNING tenant_id, id)
                        INSERT INTO message_status (tenant_id, message_id, status, detail, at)
                        SELECT tenant_id, id, 'queued', 'resent by ' || :actor, clock_timestamp() FROM requeued
                        """)
                .param("tenant", tenantId).param("id", id).param("actor", actor)
                .update();
        if (requeued > 0) {
            return Resend.RESENT;
        }
        boolean exists = jdbc.sql("SELECT count(*) FROM message WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).query(Long.class).single() > 0;
        return exists ? Resend.NOT_DEAD : Resend.NOT_FOUND;
    }
}
