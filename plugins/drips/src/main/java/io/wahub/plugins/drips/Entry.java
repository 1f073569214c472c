package io.wahub.plugins.drips;

import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Contacts entering a campaign, many at once: one statement reads what the contacts did in the campaign before, one
 * inserts the new enrolments, one records their {@code entered} facts, however many contacts there are (an API call
 * enrols up to 1,000, a bulk job a page of 200). Each new journey's first step is due at once (its timer).
 */
final class Entry {

    /** A contact to enrol, with the variables its journey's templates may use ({@code event.*}). */
    record Entrant(String phone, Map<String, String> variables) {
    }

    private Entry() {
    }

    /**
     * Enrols the contacts in an active campaign, their first steps due now, as if each had been enrolled on its own in
     * the order given (a number given twice is enrolled once).
     *
     * @return for each entrant, in order: empty when enrolled, else why not: {@code campaign-not-active},
     *         {@code already-enrolled}, {@code reentry-not-allowed}, {@code reentry-too-soon}
     */
    static List<Optional<String>> enrol(FeatureContext context, Campaign campaign, List<Entrant> entrants) {
        if (!campaign.status().equals(Campaign.ACTIVE)) {
            return Collections.nCopies(entrants.size(), Optional.of("campaign-not-active"));
        }
        if (entrants.isEmpty()) {
            return List.of();
        }
        FeatureStore store = context.store();
        Instant now = context.clock().instant();
        Map<String, Enrolments.Past> past = Enrolments.past(store, campaign.id(),
                entrants.stream().map(Entrant::phone).distinct().toList());
        List<Optional<String>> outcomes = new ArrayList<>();
        Map<Integer, Enrolment> candidates = new LinkedHashMap<>();
        Map<String, Optional<String>> earlier = new HashMap<>();
        for (Entrant entrant : entrants) {
            Optional<String> before = earlier.get(entrant.phone());
            Optional<String> refused = before == null
                    ? refusal(past.get(entrant.phone()), campaign.definition().reentryDays(), now)
                    : before.or(() -> Optional.of("already-enrolled")); // given twice: refused as the first was
            earlier.putIfAbsent(entrant.phone(), refused);
            if (refused.isEmpty()) {
                candidates.put(outcomes.size(), newEnrolment(campaign, entrant, now));
            }
            outcomes.add(refused);
        }
        Set<UUID> inserted = Enrolments.insertAll(store, candidates.values());
        List<Object[]> facts = new ArrayList<>();
        candidates.forEach((index, enrolment) -> {
            if (!inserted.contains(enrolment.id())) {
                outcomes.set(index, Optional.of("already-enrolled")); // one was enrolled meanwhile
                return;
            }
            facts.add(new Object[] {enrolment.id(), enrolment.campaignId(), "", enrolment.holdout()});
            context.timers().schedule(enrolment.timerKey(), now, null);
        });
        if (!facts.isEmpty()) {
            Facts.onceAll(store, facts, "entered", now);
        }
        return outcomes;
    }

    /** A new active journey at the campaign's first step, due now; in the holdout by its random id. */
    private static Enrolment newEnrolment(Campaign campaign, Entrant entrant, Instant now) {
        UUID id = UUID.randomUUID();
        boolean holdout = Math.floorMod(id.getLeastSignificantBits(), 100) < campaign.definition().holdoutPercent();
        return new Enrolment(id, campaign.id(), entrant.phone(), Enrolment.ACTIVE,
                campaign.definition().steps().getFirst().id(), now, holdout, entrant.variables(), now, null, null);
    }

    private static Optional<String> refusal(Enrolments.Past past, Integer reentryDays, Instant now) {
        if (past == null) {
            return Optional.empty();
        }
        if (past.active()) {
            return Optional.of("already-enrolled");
        }
        if (reentryDays == null) {
            return Optional.of("reentry-not-allowed");
        }
        if (past.lastEntered().plus(Duration.ofDays(reentryDays)).isAfter(now)) {
            return Optional.of("reentry-too-soon");
        }
        return Optional.empty();
    }
}
