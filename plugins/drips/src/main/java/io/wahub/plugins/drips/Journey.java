package io.wahub.plugins.drips;

import io.wahub.sdk.Contacts;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves contacts through campaigns: enrols them, runs their due step when its timer fires, and ends their journey.
 * One timer per enrolment ({@link Enrolment#timerKey}), and one run per step that sends, so a failing send or a
 * failing contact holds up nobody else: its own timer is retried, the others fire on their own. A run goes on from
 * its send to the steps that follow (a wait is scheduled, a condition or a tag runs) up to the next send, which gets a
 * run of its own: a step costs one run, not one for the send and one for the wait after it.
 */
final class Journey {

    static final Duration CAP_WINDOW = Duration.ofDays(7);
    private static final int MAX_STEPS_PER_RUN = 50;

    private Journey() {
    }

    /**
     * Enrols the contact in an active campaign, its first step due now.
     *
     * @return empty when enrolled, else why not: {@code campaign-not-active}, {@code already-enrolled},
     *         {@code reentry-not-allowed}, {@code reentry-too-soon}
     */
    static Optional<String> enrol(FeatureContext context, Campaign campaign, String phone,
                                  Map<String, String> variables) {
        return Entry.enrol(context, campaign, List.of(new Entry.Entrant(phone, variables))).getFirst();
    }

    /** Runs the enrolment's due step(s) when its timer fires; nothing for an ended one or a paused campaign. */
    static void due(FeatureContext context, UUID enrolmentId) {
        Enrolments.withCampaign(context.store(), enrolmentId).ifPresent(found -> due(context, found));
    }

    /** {@link #due(FeatureContext, UUID)} of an enrolment read with its campaign. */
    static void due(FeatureContext context, Enrolments.WithCampaign found) {
        if (goesOn(found)) {
            new Run(context, found.campaign(), found.enrolment()).go();
        }
    }

    /** False for an ended enrolment, or one whose campaign is paused (resuming schedules it again) or archived. */
    static boolean goesOn(Enrolments.WithCampaign found) {
        return found.enrolment().status().equals(Enrolment.ACTIVE)
                && found.campaign().status().equals(Campaign.ACTIVE);
    }

    /**
     * Ends the contact's journey now and cancels its pending step.
     *
     * @param reason {@code goal}, {@code opted-out}, {@code removed}, {@code archived}, …
     */
    static boolean exit(FeatureContext context, Enrolment enrolment, String reason) {
        FeatureStore store = context.store();
        Instant now = context.clock().instant();
        if (!Enrolments.end(store, enrolment.id(), Enrolment.EXITED, reason, now)) {
            return false;
        }
        context.timers().cancel(enrolment.timerKey());
        Facts.once(store, enrolment, "", "exited:" + reason, now);
        return true;
    }

    /** Ends every active journey of the contact in any campaign. */
    static int exitAll(FeatureContext context, String phone, String reason) {
        int ended = 0;
        for (Enrolment enrolment : Enrolments.activeOf(context.store(), phone)) {
            ended += exit(context, enrolment, reason) ? 1 : 0;
        }
        return ended;
    }

    /** One timer run of one enrolment. */
    private static final class Run {
        private final FeatureContext context;
        private final FeatureStore store;
        private final Campaign campaign;
        private final Enrolment enrolment;
        private final Instant now;
        private Contacts.Contact contact;

        Run(FeatureContext context, Campaign campaign, Enrolment enrolment) {
            this.context = context;
            this.store = context.store();
            this.campaign = campaign;
            this.enrolment = enrolment;
            this.now = context.clock().instant();
        }

        void go() {
            if (enrolment.dueAt() != null && enrolment.dueAt().isAfter(now)) {
                schedule(enrolment.stepId(), enrolment.dueAt()); // an early or stale timer
                return;
            }
            List<Step> steps = campaign.definition().steps();
            String stepId = enrolment.stepId();
            boolean sent = false;
            for (int ran = 0; ran < MAX_STEPS_PER_RUN; ran++) {
                Optional<Integer> index = campaign.definition().indexOf(stepId);
                if (index.isEmpty()) {
                    exit(context, enrolment, "step-removed");
                    return;
                }
                Step step = steps.get(index.get());
                String next = index.get() + 1 < steps.size() ? steps.get(index.get() + 1).id() : Step.END;
                switch (step.type()) {
                    case "wait" -> {
                        schedule(next, now.plus(step.duration()));
                        return;
                    }
                    case "wait-until" -> {
                        ZonedDateTime local = now.atZone(zone()).with(step.time()).withSecond(0).withNano(0);
                        schedule(next, (local.toInstant().isAfter(now) ? local : local.plusDays(1)).toInstant());
                        return;
                    }
                    case "send" -> {
                        if (sent) {
                            schedule(step.id(), now); // one send per run: this one in a run of its own
                            return;
                        }
                        if (!send(step)) {
                            return;
                        }
                        sent = true;
                    }
                    case "condition" -> next = Conditions.holds(store, enrolment, contact(), step) ? step.then()
                            : step.otherwise() == null ? next : step.otherwise();
                    case "add-tag", "remove-tag" -> tag(step);
                    default -> throw new IllegalStateException("unknown step type " + step.type());
                }
                if (next.equals(Step.END)) {
                    complete();
                    return;
                }
                stepId = next;
            }
            exit(context, enrolment, "too-many-steps");
        }

        /**
         * Sends the step's message (or records why not), unless the send window is closed or the contact may not get
         * marketing.
         *
         * @return whether the journey goes on to the next step in this run; false: it was rescheduled or ended
         */
        private boolean send(Step step) {
            SendWindow window = campaign.definition().window();
            if (window != null) {
                Instant open = window.next(now, zone());
                if (open.isAfter(now)) {
                    schedule(step.id(), open);
                    return false;
                }
            }
            if (enrolment.holdout()) {
                Facts.once(store, enrolment, step.id(), "sent", now);
                return true;
            }
            Contacts.Consent consent = context.contacts().consent(enrolment.phone(), MessageCategory.MARKETING);
            if (!consent.allowed()) {
                exit(context, enrolment, consent.status().equals("opted-out") ? "opted-out" : "no-opt-in");
                return false;
            }
            int cap = (context.configured() ? context.settings(DripsSettings.class) : DripsSettings.defaults())
                    .frequencyCap();
            if (Enrolments.sentWithin(store, enrolment.phone(), now, CAP_WINDOW) >= cap) {
                Facts.once(store, enrolment, step.id(), "capped", now);
            } else {
                String messageId = context.send(new OutboundMessage(enrolment.phone(), MessageCategory.MARKETING, null,
                        OutboundMessage.Template.named(step.template(), step.language(),
                                Placeholders.fill(step.variables(), this::contact, enrolment.variables())),
                        "drips:" + enrolment.id() + ":" + step.id()));
                Facts.messageSent(store, enrolment, step.id(), messageId, now);
            }
            return true;
        }

        private void tag(Step step) {
            Contacts.Contact c = contact();
            List<String> tags = new ArrayList<>(c == null || c.tags() == null ? List.of() : c.tags());
            tags.remove(step.tag());
            if (step.type().equals("add-tag")) {
                tags.add(step.tag());
            }
            contact = context.contacts().upsert(new Contacts.Update(enrolment.phone(), null, null, tags, null));
        }

        private void schedule(String stepId, Instant at) {
            if (stepId.equals(Step.END)) {
                complete();
                return;
            }
            Enrolments.position(store, enrolment.id(), stepId, at);
            context.timers().schedule(enrolment.timerKey(), at, null);
        }

        private void complete() {
            if (Enrolments.end(store, enrolment.id(), Enrolment.COMPLETED, "completed", now)) {
                Facts.once(store, enrolment, "", "exited:completed", now);
            }
        }

        private Contacts.Contact contact() {
            if (contact == null) {
                contact = context.contacts().find(enrolment.phone()).orElse(null);
            }
            return contact;
        }

        private ZoneId zone() {
            Contacts.Contact c = contact();
            try {
                return c == null || c.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(c.timeZone());
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
    }
}
