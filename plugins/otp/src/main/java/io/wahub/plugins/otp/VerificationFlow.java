package io.wahub.plugins.otp;

import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Templates;
import io.wahub.sdk.Timer;
import io.wahub.sdk.api.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Start, check, cancel and expire verifications, with Twilio Verify's rules: one pending verification per number and
 * purpose; a start while it is pending resends the same code (and counts as a send); a wrong code counts a check and
 * the last allowed one locks it ({@code max_attempts_reached}); approved, expired, canceled verifications are done.
 * Each runs its reads and writes in one transaction of the feature's store, which locks only the rows of its own
 * number and one {@link OtpStats} shard; the rows every start of a country shares (the fraud guard's buckets) are
 * changed before it, by one statement for the starts that arrive together ({@link VelocityReservations}), so that no
 * start waits for another's round trips.
 */
final class VerificationFlow {

    /** What a check found. */
    enum Checked { APPROVED, WRONG_CODE, LOCKED, NOT_FOUND }

    record CheckResult(Checked outcome, Verification verification) {
    }

    private final Verifications verifications = new Verifications();
    private final Housekeeping housekeeping = new Housekeeping();
    private final ExpirySweeps expiry = new ExpirySweeps();
    private final VelocityReservations velocity = new VelocityReservations();

    /**
     * Starts a verification, or resends the pending one's code: the code goes out as the tenant's AUTHENTICATION
     * template, not to be delivered after the code expired, and a sweep expires it should nobody approve it
     * ({@link ExpirySweeps}).
     */
    Verification start(FeatureContext context, OtpSettings settings, Recipient to, String purpose) {
        Instant now = now(context);
        FeatureStore store = context.store();
        Optional<FraudGuard.Refusal> outside = FraudGuard.country(settings, to);
        if (outside.isPresent()) {
            throw refused(store, outside.get());
        }
        requireTemplate(context.templates(), settings);
        String key = verifications.key(store, context.tenantId());
        Optional<FraudGuard.Refusal> fraud = velocity.reserve(store, context.tenantId(), settings, to, now);
        if (fraud.isPresent()) {
            throw refused(store, fraud.get());
        }
        Started started;
        try {
            started = startInTransaction(store, settings, to, purpose, now);
        } catch (RuntimeException | Error e) {
            VelocityReservations.release(store, to, now);
            throw e;
        }
        if (started.refusal() != null) {
            VelocityReservations.release(store, to, now);
            throw refused(store, started.refusal());
        }
        Verification verification = started.verification();
        String code = OtpCodes.code(key, verification.seed(), verification.codeLength());
        context.send(new OutboundMessage(to.number(), MessageCategory.AUTHENTICATION, null,
                OutboundMessage.Template.named(settings.templateName(), settings.templateLanguage(),
                        Map.of("code", code)),
                OtpFeature.ID + ":" + verification.id() + ":" + verification.sendCount())
                .withDeliverBy(verification.expiresAt()));
        expiry.schedule(context, verification.expiresAt());
        housekeeping.schedule(context, now);
        return verification;
    }

    /** A verification started or resent, or the refusal that stopped it. */
    private record Started(Verification verification, FraudGuard.Refusal refusal) {
    }

    /**
     * The start's own rows, in one transaction that touches no row another start for another number needs: the fraud
     * guard's shared buckets were counted before ({@link VelocityReservations}). Two statements: the pending
     * verification, then the send with the verification and its counter ({@link Verifications#send}).
     */
    private Started startInTransaction(FeatureStore store, OtpSettings settings, Recipient to, String purpose,
                                       Instant now) {
        return store.transaction(tx -> {
            Optional<Verification> pending = verifications.pending(tx, to.number(), purpose, now);
            Verification verification = pending.map(v -> new Verification(v.id(), v.to(), v.purpose(), v.status(),
                            v.seed(), v.codeLength(), v.checks(), v.maxChecks(), v.sendCount() + 1, v.createdAt(),
                            v.expiresAt(), now))
                    .orElseGet(() -> new Verification(UUID.randomUUID(), to.number(), purpose, Verification.PENDING,
                            OtpCodes.random(16), settings.codeLength(), 0, settings.maxChecks(), 1, now,
                            now.plus(Duration.ofMinutes(settings.expiryMinutes())), now));
            long sent = verifications.send(tx, verification, pending.isPresent(),
                    FraudGuard.sendParameters(settings, to, now));
            return FraudGuard.number(settings, to, sent).map(refusal -> new Started(null, refusal))
                    .orElseGet(() -> new Started(verification, null));
        });
    }

    /** Checks a code against the number's pending verification for the purpose. */
    CheckResult check(FeatureContext context, String to, String purpose, String code) {
        Instant now = now(context);
        FeatureStore store = context.store();
        String key = verifications.key(store, context.tenantId());
        return store.transaction(tx -> {
            Optional<Verification> pending = verifications.pending(tx, to, purpose, now);
            if (pending.isEmpty()) {
                Optional<Verification> locked = verifications.latest(tx, to, purpose)
                        .filter(v -> Verification.MAX_ATTEMPTS_REACHED.equals(v.status())
                                && now.isBefore(v.expiresAt()));
                locked.ifPresent(v -> OtpStats.count(tx, OtpStats.MAX_ATTEMPTS_REACHED));
                return locked.map(v -> new CheckResult(Checked.LOCKED, v))
                        .orElse(new CheckResult(Checked.NOT_FOUND, null));
            }
            Verification v = pending.get();
            if (OtpCodes.matches(key, v.seed(), v.codeLength(), code)) {
                verifications.change(tx, v, Verification.APPROVED, v.checks(), now, OtpStats.APPROVED);
                return new CheckResult(Checked.APPROVED, with(v, Verification.APPROVED, v.checks(), now));
            }
            int checks = v.checks() + 1;
            boolean locked = checks >= v.maxChecks();
            String status = locked ? Verification.MAX_ATTEMPTS_REACHED : Verification.PENDING;
            verifications.change(tx, v, status, checks, now,
                    locked ? OtpStats.MAX_ATTEMPTS_REACHED : OtpStats.WRONG_CODE);
            return new CheckResult(locked ? Checked.LOCKED : Checked.WRONG_CODE, with(v, status, checks, now));
        });
    }

    Optional<Verification> find(FeatureContext context, UUID id) {
        return verifications.find(context.store(), id);
    }

    /** The newest verifications (see {@link Verifications#recent}). */
    List<Verification> recent(FeatureContext context, String status, String to, int limit) {
        return verifications.recent(context.store(), status, to, limit);
    }

    /** Cancels a pending verification; empty when there is none with this id that could still be approved. */
    Optional<Verification> cancel(FeatureContext context, UUID id) {
        Instant now = now(context);
        FeatureStore store = context.store();
        return store.transaction(tx -> {
            Optional<Verification> found = verifications.find(tx, id).filter(v -> v.open(now));
            found.ifPresent(v -> verifications.change(tx, v, Verification.CANCELED, v.checks(), now,
                    OtpStats.CANCELED));
            return found.map(v -> with(v, Verification.CANCELED, v.checks(), now));
        });
    }

    /**
     * A due expiry timer: a sweep ({@link ExpirySweeps}) expires the pending verifications whose code expired by its
     * instant; an older verification's own timer expires that one if still pending.
     */
    void expire(FeatureContext context, Timer timer) {
        Instant now = now(context);
        // a timer fires at or after its instant: by then, the codes it is for have expired
        Instant expiredBy = timer.dueAt().isAfter(now) ? timer.dueAt() : now;
        if (ExpirySweeps.isSweep(timer.key())) {
            verifications.expireAll(context.store(), expiredBy);
        } else {
            verifications.expireIfDue(context.store(), UUID.fromString(timer.data().path("id").asText()),
                    expiredBy);
        }
    }

    /**
     * The tenant's purge ({@link Housekeeping}): rows past their retention, the fraud guard's past windows; then the
     * next purge, when the verifications kept now are due to go, should no start schedule one sooner.
     */
    void purge(FeatureContext context) {
        Instant now = now(context);
        verifications.purge(context.store(), now);
        FraudGuard.purge(context.store(), now);
        verifications.oldestFinished(context.store()).ifPresent(oldest ->
                housekeeping.scheduleAt(context, oldest.plus(Verifications.RETENTION)));
    }

    /** The clock's instant to the millisecond: what the database keeps, and what the API shows. */
    private static Instant now(FeatureContext context) {
        return context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Verification with(Verification v, String status, int checks, Instant now) {
        return new Verification(v.id(), v.to(), v.purpose(), status, v.seed(), v.codeLength(), checks, v.maxChecks(),
                v.sendCount(), v.createdAt(), v.expiresAt(), now);
    }

    private static ApiProblem refused(FeatureStore store, FraudGuard.Refusal refusal) {
        OtpStats.count(store, refusal.counter());
        return refusal.problem();
    }

    private static void requireTemplate(Templates templates, OtpSettings settings) {
        boolean ready = templates.find(settings.templateName(), settings.templateLanguage())
                .filter(t -> t.approved() && t.category() == MessageCategory.AUTHENTICATION).isPresent();
        if (!ready) {
            throw new ApiProblem(409, "template-not-ready", "Authentication template not ready",
                    "Codes go out as the AUTHENTICATION template '" + settings.templateName() + "' ("
                            + settings.templateLanguage() + "), which this tenant does not have approved (settings"
                            + " templateName, templateLanguage).");
        }
    }
}
