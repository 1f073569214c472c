package io.wahub.plugins.otp;

import io.wahub.sdk.FeatureStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts starts in the fraud guard's shared buckets ({@code otp_velocity}, see {@link FraudGuard}), the starts of a
 * tenant that arrive together in one statement. Every start to a country counts in the same row, which a statement
 * holds locked until it commits: with one statement per start, all of a country's starts queued behind each other's
 * statements. Here a start joins the queue and takes the counting lock: the caller holding it counts everything
 * waiting (up to {@value #MOST_PER_STATEMENT} starts, one statement per tenant among them), so the starts that
 * arrive while one statement runs are counted by the next one; a caller whose start was counted meanwhile only
 * takes the lock to find its answer.
 *
 * <p>The limits stay exact, across concurrent starts and nodes. The statement adds each bucket's starts and returns
 * its count for the hour; the starts are then judged one after the other in their order of arrival, each against the
 * counts of those admitted before it, as if each had been counted alone; the counts of those refused are given back
 * by one more statement before any of them is answered. Rows are locked in one order, prefixes before countries and
 * each by key and minute, in every statement here ({@link #release} too), so that statements of several nodes
 * never deadlock.
 */
final class VelocityReservations {

    static final int MOST_PER_STATEMENT = 200;

    /** A bucket of {@code otp_velocity}: the sends to a prefix or a country within a minute. */
    private record Bucket(String scope, String key, Instant minute) {

        /** The bucket a start to {@code to} at {@code now} counts in for its prefix. */
        static Bucket prefix(Recipient to, Instant now) {
            return new Bucket(PREFIX, to.prefix(), now.truncatedTo(ChronoUnit.MINUTES));
        }

        /** The bucket a start to {@code to} at {@code now} counts in for its country. */
        static Bucket country(Recipient to, Instant now) {
            return new Bucket(COUNTRY, to.country(), now.truncatedTo(ChronoUnit.MINUTES));
        }
    }

    private static final String PREFIX = "prefix";
    private static final String COUNTRY = "country";

    /** The order rows are locked in: prefixes first, then by key and minute. */
    private static final Comparator<Bucket> LOCK_ORDER = Comparator
            .comparing((Bucket b) -> PREFIX.equals(b.scope()) ? 0 : 1)
            .thenComparing(Bucket::key).thenComparing(Bucket::minute);

    /** A start waiting to be counted, and the answer it gets. */
    private record Ask(FeatureStore store, String tenantId, OtpSettings settings, Bucket prefix, Bucket country,
                       Recipient to, CompletableFuture<Optional<FraudGuard.Refusal>> answer) {
    }

    private final Queue<Ask> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock counting = new ReentrantLock();

    /**
     * Counts a start to {@code to} in its prefix's and its country's bucket of {@code now}'s minute, and refuses it
     * when either had more sends within the hour than the settings allow (its counts given back then). A start that
     * does not happen after all must {@link #release} its counts.
     */
    Optional<FraudGuard.Refusal> reserve(FeatureStore store, String tenantId, OtpSettings settings, Recipient to,
                                         Instant now) {
        Ask ask = new Ask(store, tenantId, settings, Bucket.prefix(to, now), Bucket.country(to, now), to,
                new CompletableFuture<>());
        waiting.add(ask);
        while (!ask.answer().isDone()) {
            counting.lock();
            try {
                if (!ask.answer().isDone()) {
                    countWaiting();
                }
            } finally {
                counting.unlock();
            }
        }
        try {
            return ask.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** Starts waiting to be counted (for tests). */
    int waiting() {
        return waiting.size();
    }

    /** Counts the starts waiting, up to {@value #MOST_PER_STATEMENT}; answers each, whatever happens. */
    private void countWaiting() {
        Map<String, List<Ask>> byTenant = new LinkedHashMap<>();
        for (int taken = 0; taken < MOST_PER_STATEMENT; taken++) {
            Ask ask = waiting.poll();
            if (ask == null) {
                break;
            }
            byTenant.computeIfAbsent(ask.tenantId(), t -> new ArrayList<>()).add(ask);
        }
        for (List<Ask> asks : byTenant.values()) {
            try {
                count(asks);
            } catch (RuntimeException | Error e) {
                asks.forEach(ask -> ask.answer().completeExceptionally(e));
            }
        }
    }

    /** Counts one tenant's starts in one statement, judges them in order, gives back the refused ones' counts. */
    private void count(List<Ask> asks) {
        FeatureStore store = asks.getFirst().store();
        Map<Bucket, Integer> added = added(asks);
        Map<Bucket, Long> admitted = new HashMap<>();
        for (Map<String, Object> row : store.query("""
                WITH added (ord, scope, key, minute, n) AS (VALUES :rows),
                counted AS (
                    INSERT INTO otp_velocity AS v (tenant_id, scope, key, minute, sends)
                    SELECT :tenant_id, scope, key, CAST(minute AS timestamptz), CAST(n AS integer) FROM added
                    ORDER BY CAST(ord AS integer)
                    ON CONFLICT (tenant_id, scope, key, minute) DO UPDATE SET sends = v.sends + excluded.sends
                    RETURNING scope, key, minute, sends)
                SELECT c.scope, c.key, c.minute,
                       c.sends + (SELECT coalesce(sum(o.sends), 0) FROM otp_velocity o
                                  WHERE o.scope = c.scope AND o.key = c.key
                                    AND o.minute > c.minute - make_interval(secs => :window)
                                    AND o.minute < c.minute) AS hour
                FROM counted c""", Map.of("rows", rows(added), "window", FraudGuard.FRAUD_WINDOW.toSeconds()))) {
            Bucket bucket = new Bucket((String) row.get("scope"), (String) row.get("key"), (Instant) row.get("minute"));
            // the hour's sends before this statement's: the statement added all of its starts at once
            admitted.put(bucket, ((Number) row.get("hour")).longValue() - added.get(bucket));
        }
        List<Optional<FraudGuard.Refusal>> answers = new ArrayList<>();
        List<Ask> refused = new ArrayList<>();
        for (Ask ask : asks) {
            long prefix = admitted.get(ask.prefix()) + 1;
            long country = admitted.get(ask.country()) + 1;
            Optional<FraudGuard.Refusal> refusal = FraudGuard.velocity(ask.settings(), ask.to(), prefix, country);
            if (refusal.isEmpty()) {
                admitted.put(ask.prefix(), prefix);
                admitted.put(ask.country(), country);
            } else {
                refused.add(ask);
            }
            answers.add(refusal);
        }
        if (!refused.isEmpty()) {
            giveBack(store, added(refused));
        }
        for (int i = 0; i < asks.size(); i++) {
            asks.get(i).answer().complete(answers.get(i));
        }
    }

    /** The buckets of {@code asks}, in {@link #LOCK_ORDER}, with how many of them count in each. */
    private static Map<Bucket, Integer> added(List<Ask> asks) {
        Map<Bucket, Integer> added = new TreeMap<>(LOCK_ORDER);
        for (Ask ask : asks) {
            added.merge(ask.prefix(), 1, Integer::sum);
            added.merge(ask.country(), 1, Integer::sum);
        }
        return added;
    }

    /**
     * Gives back the counts {@link #reserve} took for a start to {@code to} at {@code now} that did not happen after
     * all (it failed, or another limit refused it).
     */
    static void release(FeatureStore store, Recipient to, Instant now) {
        Map<Bucket, Integer> counted = new TreeMap<>(LOCK_ORDER);
        counted.put(Bucket.prefix(to, now), 1);
        counted.put(Bucket.country(to, now), 1);
        giveBack(store, counted);
    }

    /** Takes counts back out of their buckets (none below 0), in {@link #LOCK_ORDER}. */
    private static void giveBack(FeatureStore store, Map<Bucket, Integer> counts) {
        store.update("""
                WITH taken (ord, scope, key, minute, n) AS (VALUES :rows)
                INSERT INTO otp_velocity AS v (tenant_id, scope, key, minute, sends)
                SELECT :tenant_id, scope, key, CAST(minute AS timestamptz), 0 FROM taken ORDER BY CAST(ord AS integer)
                ON CONFLICT (tenant_id, scope, key, minute) DO UPDATE
                SET sends = greatest(v.sends - (SELECT CAST(t.n AS integer) FROM taken t
                                                WHERE t.scope = excluded.scope AND t.key = excluded.key
                                                  AND CAST(t.minute AS timestamptz) = excluded.minute), 0)""",
                Map.of("rows", rows(counts)));
    }

    /** The rows of {@code counts} for a statement's {@code VALUES}: order, scope, key, minute, count. */
    private static List<Object[]> rows(Map<Bucket, Integer> counts) {
        List<Object[]> rows = new ArrayList<>();
        counts.forEach((bucket, n) -> rows.add(new Object[] {rows.size(), bucket.scope(), bucket.key(),
                bucket.minute(), n}));
        return rows;
    }
}
