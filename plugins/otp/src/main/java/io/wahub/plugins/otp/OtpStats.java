package io.wahub.plugins.otp;

import io.wahub.sdk.FeatureStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's OTP counters (table {@code otp_stat}), shared by every hub node: one row per counter, incremented in
 * place, so they never grow beyond the names below.
 */
final class OtpStats {

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

    static void count(FeatureStore store, String name) {
        store.update("INSERT INTO otp_stat (tenant_id, name, value) VALUES (:tenant_id, :name, 1)"
                + " ON CONFLICT (tenant_id, name) DO UPDATE SET value = otp_stat.value + 1", Map.of("name", name));
    }

    /** Every counter by name, in {@link #NAMES} order, 0 for those never counted. */
    static Map<String, Long> all(FeatureStore store) {
        Map<String, Long> counters = new LinkedHashMap<>();
        NAMES.forEach(name -> counters.put(name, 0L));
        store.query("SELECT name, value FROM otp_stat", Map.of())
                .forEach(row -> counters.put((String) row.get("name"), ((Number) row.get("value")).longValue()));
        return counters;
    }
}
