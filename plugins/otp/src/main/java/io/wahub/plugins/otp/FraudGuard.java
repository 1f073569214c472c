package io.wahub.plugins.otp;

import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.api.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a code may be sent now, by the codes already sent (table {@code otp_send}): at most
 * {@link OtpSettings#sendsPerNumber()} to one number within {@value #NUMBER_WINDOW_MINUTES} minutes (Twilio Verify's
 * rule), and against OTP pumping at most {@link OtpSettings#prefixSendsPerHour()} to one number prefix and
 * {@link OtpSettings#countrySendsPerHour()} to one country within an hour, only to the allowed countries.
 *
 * <p>The windows slide: each counts the sends of the last 10 minutes or hour. Checked and recorded in the start's
 * transaction; starts on several nodes at the same instant may each see the others' sends only once committed, so a
 * limit can be overrun by the number of starts racing for it.
 */
final class FraudGuard {

    static final int NUMBER_WINDOW_MINUTES = 10;
    static final Duration NUMBER_WINDOW = Duration.ofMinutes(NUMBER_WINDOW_MINUTES);
    static final Duration FRAUD_WINDOW = Duration.ofHours(1);

    /** A refused start: the problem to answer and the counter it adds to. */
    record Refusal(ApiProblem problem, String counter) {
    }

    private FraudGuard() {
    }

    /** Refuses a number outside the allowed countries; before anything is stored. */
    static Optional<Refusal> country(OtpSettings settings, Recipient to) {
        if (settings.allowedCountries().isEmpty() || settings.allowedCountries().contains(to.country())) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(new ApiProblem(403, "country-not-allowed", "Country not allowed",
                "Codes are not sent to " + to.country() + " numbers; allowed: "
                        + String.join(", ", settings.allowedCountries()) + " (setting allowedCountries).",
                Map.of("to", "country " + to.country() + " is not allowed")), OtpStats.COUNTRY_NOT_ALLOWED));
    }

    /** Refuses a send over a velocity limit; else records the send. Inside the start's transaction. */
    static Optional<Refusal> send(FeatureStore store, OtpSettings settings, Recipient to, Instant now) {
        Map<String, Object> counts = store.query("""
                SELECT (SELECT count(*) FROM otp_send WHERE to_number = :to AND sent_at > :number_since) AS to_number,
                       (SELECT count(*) FROM otp_send WHERE prefix = :prefix AND sent_at > :since) AS prefix,
                       (SELECT count(*) FROM otp_send WHERE country = :country AND sent_at > :since) AS country""",
                Map.of("to", to.number(), "prefix", to.prefix(), "country", to.country(),
                        "number_since", now.minus(NUMBER_WINDOW), "since", now.minus(FRAUD_WINDOW))).getFirst();
        long toNumber = ((Number) counts.get("to_number")).longValue();
        if (toNumber >= settings.sendsPerNumber()) {
            return Optional.of(new Refusal(new ApiProblem(429, "too-many-sends", "Too many codes sent",
                    to.number() + " got " + toNumber + " codes within " + NUMBER_WINDOW_MINUTES
                            + " minutes, the most allowed (setting sendsPerNumber); try again later."),
                    OtpStats.TOO_MANY_SENDS));
        }
        if (((Number) counts.get("prefix")).longValue() >= settings.prefixSendsPerHour()) {
            return Optional.of(fraud("numbers starting " + to.prefix() + " got " + settings.prefixSendsPerHour()
                    + " codes within an hour (setting prefixSendsPerHour)", OtpStats.FRAUD_PREFIX));
        }
        if (((Number) counts.get("country")).longValue() >= settings.countrySendsPerHour()) {
            return Optional.of(fraud(to.country() + " numbers got " + settings.countrySendsPerHour()
                    + " codes within an hour (setting countrySendsPerHour)", OtpStats.FRAUD_COUNTRY));
        }
        store.update("INSERT INTO otp_send (tenant_id, to_number, prefix, country, sent_at)"
                + " VALUES (:tenant_id, :to, :prefix, :country, :now)",
                Map.of("to", to.number(), "prefix", to.prefix(), "country", to.country(), "now", now));
        return Optional.empty();
    }

    /** Deletes sends older than the longest window: the table holds at most an hour of sends. */
    static void purge(FeatureStore store, Instant now) {
        store.update("DELETE FROM otp_send WHERE sent_at < :cutoff", Map.of("cutoff", now.minus(FRAUD_WINDOW)));
    }

    private static Refusal fraud(String why, String counter) {
        return new Refusal(new ApiProblem(429, "fraud-suspected", "Fraud suspected",
                "Start refused as suspected OTP pumping: " + why + "."), counter);
    }
}
