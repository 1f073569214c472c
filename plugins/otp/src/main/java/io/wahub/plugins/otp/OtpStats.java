package io.wahub.plugins.otp;

import io.wahub.sdk.FeatureStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's OTP counters (table {@code otp_stat}), shared by every hub node. A counter is kept in up to
 * {@value #SHARDS} rows, summed when read: a start or check adds to it inside its own transaction ({@link #ADD}, in
 * the shard of its database connection), so that concurrent calls seldom wait for each other's row lock; the table
 * never grows beyond the names below times the shards.
 */
final class OtpStats {

    static final int SHARDS = 16;

    /**
     * A statement's last part that adds one to counter {@code :counter} for each row of its {@code done} part (a
     * change of a verification, with {@code RETURNING}): {@code WITH done AS (UPDATE …) } + ADD.
     */
    static final String ADD = """
            INSERT INTO otp_stat AS s (tenant_id, name, shard, value)
            SELECT :tenant_id, :counter, pg_backend_pid() %% %d, count(*) FROM done HAVING count(*) > 0
            ON CONFLICT (tenant_id, name, shard) DO UPDATE SET value = s.value + excluded.value""".formatted(SHARDS);

    static final String STARTED = "started";
    static final String RESENT = "resent";
    static final String APPROVED = "approved";
    static final String WRONG_CODE = "wrong-code";
    static final String MAX_ATTEMPTS_REACHED = "max-attempts-reached";
    static final String CANCELED = "canceled";
    static final String EXPIRED = "expired";
    static final String TOO_MANY_SENDS = "too-many-sends";
    static final String FRAUD_PREFIX = "fraud-suspected.prefix";
    static final String FRAUD_COUNTRY = "fraud-suspected.country";
    static final String COUNTRY_NOT_ALLOWED = "country-not-allowed";

    static final List<String> NAMES = List.of(STARTED, RESENT, APPROVED, WRONG_CODE, MAX_ATTEMPTS_REACHED, CANCELED,
            EXPIRED, TOO_MANY_SENDS, FRAUD_PREFIX, FRAUD_COUNTRY, COUNTRY_NOT_ALLOWED);

    private OtpStats() {
    }

    /** Adds one to a counter, in a statement of its own. */
    static void count(FeatureStore store, String name) {
        store.update("WITH done AS (SELECT 1) " + ADD, Map.of("counter", name));
    }

    /** Every counter by name, in {@link #NAMES} order, 0 for those never counted. */
    static Map<String, Long> all(FeatureStore store) {
        Map<String, Long> counters = new LinkedHashMap<>();
        NAMES.forEach(name -> counters.put(name, 0L));
        store.query("SELECT name, sum(value) AS value FROM otp_stat GROUP BY name", Map.of())
                .forEach(row -> counters.put((String) row.get("name"), ((Number) row.get("value")).longValue()));
        return counters;
    }
}
