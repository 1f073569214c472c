package io.wahub.hub.timer;

import io.wahub.hub.db.Refs;
import io.wahub.hub.timer.RunTimers.Cancel;
import io.wahub.hub.timer.RunTimers.CancelPrefix;
import io.wahub.hub.timer.RunTimers.Change;
import io.wahub.hub.timer.RunTimers.Schedule;
import io.wahub.routes.Ref;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Features' durable timers ({@code feature_timer}): one row per (tenant, feature, key). Every statement is scoped by
 * tenant and feature, except the firing loop's, which takes whatever is due, for every tenant.
 */
@Repository
public class TimerRepository {

    /** Who a timer belongs to. */
    private record Owner(String tenantId, String featureId) {
    }

    /** A key or prefix of an owner, as the rows of a statement's arrays. */
    private record OwnedKey(Owner owner, String key) {
    }

    private final JdbcClient jdbc;
    private final TimerWake wake;

    public TimerRepository(JdbcClient jdbc, TimerWake wake) {
        this.wake = wake;
        this.jdbc = jdbc;
    }

    /**
     * Applies the timer changes of finished runs, in the caller's transaction, as if each call had been made in
     * order, runs in the order given: in three statements however many changes there are. Each owner's changes are
     * folded first: the cancels delete rows that existed before, and each key's last schedule (unless cancelled
     * after it) is upserted.
     *
     * @param now when the changes are made ({@code scheduled_at})
     */
    public void apply(List<RunTimers> runs, Instant now) {
        List<OwnedKey> cancels = new ArrayList<>();
        List<OwnedKey> prefixCancels = new ArrayList<>();
        Map<Owner, Map<String, Timer>> schedules = new LinkedHashMap<>();
        for (RunTimers run : runs) {
            Owner owner = new Owner(run.tenantId(), run.featureId());
            Map<String, Timer> scheduled = schedules.computeIfAbsent(owner, o -> new LinkedHashMap<>());
            for (Change change : run.changes()) {
                switch (change) {
                    case Schedule schedule -> scheduled.put(schedule.timer().key(), schedule.timer());
                    case Cancel cancel -> {
                        scheduled.remove(cancel.key());
                        cancels.add(new OwnedKey(owner, cancel.key()));
                    }
                    case CancelPrefix cancel -> {
                        scheduled.keySet().removeIf(key -> key.startsWith(cancel.prefix()));
                        prefixCancels.add(new OwnedKey(owner, cancel.prefix()));
                    }
                }
            }
        }
        cancel(cancels);
        cancelPrefixes(prefixCancels);
        upsert(schedules, now);
    }

    private void cancel(List<OwnedKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        DELETE FROM feature_timer t
                        USING unnest(:tenants::text[], :features::text[], :keys::text[])
                              AS c(tenant_id, feature_id, key)
                        WHERE t.tenant_id = c.tenant_id AND t.feature_id = c.feature_id AND t.key = c.key
                        """)
                .param("tenants", tenants(keys)).param("features", features(keys)).param("keys", keys(keys))
                .update();
    }

    /** {@code starts_with} walks the owner's rows (the primary key's prefix), not the whole table. */
    private void cancelPrefixes(List<OwnedKey> prefixes) {
        if (prefixes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        DELETE FROM feature_timer t
                        USING unnest(:tenants::text[], :features::text[], :prefixes::text[])
                              AS c(tenant_id, feature_id, prefix)
                        WHERE t.tenant_id = c.tenant_id AND t.feature_id = c.feature_id
                          AND starts_with(t.key, c.prefix)
                        """)
                .param("tenants", tenants(prefixes)).param("features", features(prefixes))
                .param("prefixes", keys(prefixes))
                .update();
    }

    /** Instants and JSON travel as text: the driver would write timestamps in the JVM's time zone. */
    private void upsert(Map<Owner, Map<String, Timer>> schedules, Instant now) {
        List<OwnedKey> keys = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        List<String> data = new ArrayList<>();
        schedules.forEach((owner, timers) -> timers.values().forEach(timer -> {
            keys.add(new OwnedKey(owner, timer.key()));
            dues.add(timer.dueAt().toString());
            data.add(timer.data().toString());
        }));
        if (keys.isEmpty()) {
            return;
        }
        schedules.values().stream().flatMap(timers -> timers.values().stream()).map(Timer::dueAt)
                .min(Instant::compareTo).ifPresent(wake::scheduled);
        jdbc.sql("""
                        INSERT INTO feature_timer (tenant_id, feature_id, key, due_at, data, scheduled_at)
                        SELECT c.tenant_id, c.feature_id, c.key, c.due::timestamptz, c.data::jsonb,
                               :now::timestamptz
                        FROM unnest(:tenants::text[], :features::text[], :keys::text[], :dues::text[], :data::text[])
                             AS c(tenant_id, feature_id, key, due, data)
                        ON CONFLICT (tenant_id, feature_id, key) DO UPDATE
                        SET due_at = excluded.due_at, data = excluded.data, scheduled_at = excluded.scheduled_at
                        """)
                .param("tenants", tenants(keys)).param("features", features(keys)).param("keys", keys(keys))
                .param("dues", new SqlArrayValue("text", dues.toArray()))
                .param("data", new SqlArrayValue("text", data.toArray()))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Moves up to {@code limit} timers due by {@code now}, soonest first, into the inbox as
     * {@value EventTypes#TIMER_DUE} events, in one statement (its own transaction): the rows are deleted and their
     * events inserted together, so a timer becomes exactly one event. Rows another node is moving are skipped, not
     * waited for. The delivery id {@code <feature>:<key>:<due epoch µs>} keeps a firing from being stored twice. The
     * events are due for the recovery sweep after {@code grace}, should their announcement be lost. With nothing due
     * this is one look into the index on {@code due_at}.
     *
     * @return the events stored
     */
    public List<Ref> moveDue(Instant now, int limit, Duration grace) {
        return jdbc.sql("""
                        WITH due AS (
                            DELETE FROM feature_timer
                            WHERE (tenant_id, feature_id, key) IN (
                                SELECT tenant_id, feature_id, key FROM feature_timer
                                WHERE due_at <= :now ORDER BY due_at LIMIT :limit
                                FOR UPDATE SKIP LOCKED)
                            RETURNING tenant_id, feature_id, key, due_at, data)
                        INSERT INTO inbox_event (tenant_id, id, source, delivery_id, type, occurred_at, received_at,
                                                 payload, next_attempt_at)
                        SELECT tenant_id, gen_random_uuid(), :source,
                               feature_id || ':' || key || ':' || (extract(epoch FROM due_at) * 1000000)::bigint,
                               :type, due_at, :now::timestamptz,
                               jsonb_build_object('feature', feature_id, 'key', key, 'data', data),
                               :recoverAt::timestamptz
                        FROM due
                        ON CONFLICT (tenant_id, source, delivery_id) DO NOTHING
                        RETURNING tenant_id, id
                        """)
                .param("now", Timestamp.from(now)).param("limit", limit).param("source", DueTimer.SOURCE)
                .param("type", EventTypes.TIMER_DUE).param("recoverAt", Timestamp.from(now.plus(grace)))
                .query((rs, n) -> Refs.read(rs)).list();
    }

    /** The soonest due instant of all timers (any tenant), or null when there is none: one look into the index. */
    public Instant soonestDue() {
        return jdbc.sql("SELECT min(due_at) FROM feature_timer").query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(null);
    }

    private static SqlArrayValue tenants(List<OwnedKey> keys) {
        return new SqlArrayValue("text", keys.stream().map(k -> k.owner().tenantId()).toArray());
    }

    private static SqlArrayValue features(List<OwnedKey> keys) {
        return new SqlArrayValue("text", keys.stream().map(k -> k.owner().featureId()).toArray());
    }

    private static SqlArrayValue keys(List<OwnedKey> keys) {
        return new SqlArrayValue("text", keys.stream().map(OwnedKey::key).toArray());
    }
}
