package io.wahub.plugins.otp;

import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.api.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a code may be sent now, by the codes already sent: at most {@link OtpSettings#sendsPerNumber()} to one
 * number within {@value #NUMBER_WINDOW_MINUTES} minutes (Twilio Verify's rule; table {@code otp_send}), and against
 * OTP pumping at most {@link OtpSettings#prefixSendsPerHour()} to one number prefix and
 * {@link OtpSettings#countrySendsPerHour()} to one country within an hour (minute buckets, table
 * {@code otp_velocity}), only to the allowed countries.
 *
 * <p>The windows slide: the number's counts the sends of the last 10 minutes, the prefix's and country's those of
 * the current minute and the 59 before it. The per-number limit is checked and recorded in the start's transaction
 * and can be overrun by starts for one number racing on several nodes; the prefix and country limits are exact
 * (see {@link VelocityReservations}).
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

    /**
     * The per-number limit, as the first parts of the statement that records a start's send
     * ({@link Verifications#send}): {@code recent} counts the number's sends within {@link #NUMBER_WINDOW} (up to the
     * limit), {@code sent} records this one when under the limit (one row, or none). Parameters:
     * {@link #sendParameters}.
     */
    static final String SEND_IF_ALLOWED = """
            recent AS (SELECT count(*) AS sent FROM (SELECT 1 FROM otp_send WHERE to_number = :to AND sent_at > :since
                                                     LIMIT :limit) s),
            sent AS (INSERT INTO otp_send (tenant_id, to_number, sent_at)
                     SELECT :tenant_id, :to, :now FROM recent WHERE sent < :limit RETURNING 1)""";

    /** The parameters of {@link #SEND_IF_ALLOWED} for a send to {@code to} at {@code now}. */
    static Map<String, Object> sendParameters(OtpSettings settings, Recipient to, Instant now) {
        return Map.of("to", to.number(), "since", now.minus(NUMBER_WINDOW), "limit", settings.sendsPerNumber(),
                "now", now);
    }

    /** Refuses a send when the number had {@code sent} sends within the window, the most allowed. */
    static Optional<Refusal> number(OtpSettings settings, Recipient to, long sent) {
        if (sent < settings.sendsPerNumber()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(new ApiProblem(429, "too-many-sends", "Too many codes sent",
                to.number() + " got " + sent + " codes within " + NUMBER_WINDOW_MINUTES
                        + " minutes, the most allowed (setting sendsPerNumber); try again later."),
                OtpStats.TOO_MANY_SENDS));
    }

    /**
     * Refuses a start that would be the {@code prefixSends}-th send to its prefix and the {@code countrySends}-th to
     * its country within the hour, when either is more than allowed. Counted by {@link VelocityReservations}.
     */
    static Optional<Refusal> velocity(OtpSettings settings, Recipient to, long prefixSends, long countrySends) {
        if (prefixSends > settings.prefixSendsPerHour()) {
            return Optional.of(fraud("numbers starting " + to.prefix() + " got " + settings.prefixSendsPerHour()
                    + " codes within an hour (setting prefixSendsPerHour)", OtpStats.FRAUD_PREFIX));
        }
        if (countrySends > settings.countrySendsPerHour()) {
            return Optional.of(fraud(to.country() + " numbers got " + settings.countrySendsPerHour()
                    + " codes within an hour (setting countrySendsPerHour)", OtpStats.FRAUD_COUNTRY));
        }
        return Optional.empty();
    }

    /** Deletes sends and buckets older than the longest window: the tables hold at most an hour. */
    static void purge(FeatureStore store, Instant now) {
        store.update("DELETE FROM otp_send WHERE sent_at < :cutoff", Map.of("cutoff", now.minus(FRAUD_WINDOW)));
        store.update("DELETE FROM otp_velocity WHERE minute < :cutoff",
                Map.of("cutoff", now.minus(FRAUD_WINDOW).truncatedTo(ChronoUnit.MINUTES)));
    }

    private static Refusal fraud(String why, String counter) {
        return new Refusal(new ApiProblem(429, "fraud-suspected", "Fraud suspected",
                "Start refused as suspected OTP pumping: " + why + "."), counter);
    }
}
