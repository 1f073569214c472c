package io.wahub.plugins.drips;

import io.wahub.sdk.Contacts;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.TimerRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The due steps of many enrolments at once ({@link io.wahub.sdk.Feature#onTimers}: a campaign step falling due for
 * thousands of contacts), with the effects of {@link Journey#due} in a handful of statements for the whole batch
 * instead of several per contact. Taken together: a send step of a campaign with no send window, to a contact outside
 * the holdout who consented to marketing, followed by a wait or by the journey's end. Every other enrolment (a
 * window, a holdout, a condition or a tag after the send, no consent, an early timer) runs through
 * {@link Journey#due} on its own, as it would alone. Each send goes through its own timer's context, so its event
 * lists its message.
 */
final class StepBatch {

    /**
     * A send step taken together: the enrolment with its campaign, its timer's run, the step, the wait after it
     * ({@code pause}, null: none) and the step that follows the wait ({@link Step#END} when none).
     */
    private record Planned(Enrolments.WithCampaign found, TimerRun run, Step step, Step pause, String afterWait) {

        Enrolment enrolment() {
            return found.enrolment();
        }
    }

    private final FeatureStore store;
    private final FeatureContext any;
    private final Instant now;
    /** Rows for the statements that end the batch (see {@link Facts} and {@link Enrolments}). */
    private final List<Object[]> sent = new ArrayList<>();
    private final List<Object[]> capped = new ArrayList<>();
    private final List<Object[]> positions = new ArrayList<>();
    private final Map<UUID, Enrolment> completing = new HashMap<>();

    private StepBatch(FeatureContext any) {
        this.any = any;
        this.store = any.store();
        this.now = any.clock().instant();
    }

    /** Runs the due steps of the runs' enrolments ({@code runs}: timers of {@link Enrolment#timerKey}). */
    static void due(Map<UUID, TimerRun> runs) {
        new StepBatch(runs.values().iterator().next().context()).run(runs);
    }

    private void run(Map<UUID, TimerRun> runs) {
        Map<UUID, Enrolments.WithCampaign> found = Enrolments.withCampaigns(store, runs.keySet());
        List<Planned> planned = new ArrayList<>();
        runs.forEach((id, run) -> {
            Enrolments.WithCampaign one = found.get(id);
            if (one != null && Journey.goesOn(one)) {
                plan(one, run).ifPresentOrElse(planned::add, () -> Journey.due(run.context(), one));
            }
        });
        if (planned.isEmpty()) {
            return;
        }
        List<String> phones = planned.stream().map(p -> p.enrolment().phone()).distinct().toList();
        Map<String, Contacts.Consent> consents = any.contacts().consents(phones, MessageCategory.MARKETING);
        Map<String, Integer> sentBefore = Enrolments.sentWithin(store, phones, now, Journey.CAP_WINDOW);
        Map<String, Contacts.Contact> contacts = planned.stream().anyMatch(p -> Placeholders.namesContact(
                p.step().variables())) ? any.contacts().findAll(phones) : Map.of();
        int cap = (any.configured() ? any.settings(DripsSettings.class) : DripsSettings.defaults()).frequencyCap();
        for (Planned p : planned) {
            Enrolment e = p.enrolment();
            if (!consents.get(e.phone()).allowed()) {
                Journey.due(p.run().context(), p.found());
                continue; // it ends the journey, saying why
            }
            if (sentBefore.getOrDefault(e.phone(), 0) >= cap) {
                capped.add(new Object[] {e.id(), e.campaignId(), p.step().id(), e.holdout()});
            } else {
                send(p, contacts.get(e.phone()));
                sentBefore.merge(e.phone(), 1, Integer::sum);
            }
            goOn(p);
        }
        write();
    }

    /** The enrolment's send step and the step after it, when they can be taken together. */
    private Optional<Planned> plan(Enrolments.WithCampaign one, TimerRun run) {
        Enrolment e = one.enrolment();
        Definition definition = one.campaign().definition();
        if (e.holdout() || definition.window() != null || (e.dueAt() != null && e.dueAt().isAfter(now))) {
            return Optional.empty();
        }
        Optional<Integer> index = definition.indexOf(e.stepId());
        if (index.isEmpty() || !definition.steps().get(index.get()).type().equals("send")) {
            return Optional.empty();
        }
        List<Step> steps = definition.steps();
        int at = index.get();
        Step wait = at + 1 < steps.size() ? steps.get(at + 1) : null;
        if (wait != null && !wait.type().equals("wait")) {
            return Optional.empty();
        }
        String afterWait = at + 2 < steps.size() ? steps.get(at + 2).id() : Step.END;
        return Optional.of(new Planned(one, run, steps.get(at), wait, afterWait));
    }

    /** Sends the step's message; {@code contact}: the contact, read if the step's variables name it, else null. */
    private void send(Planned p, Contacts.Contact contact) {
        Enrolment e = p.enrolment();
        Step step = p.step();
        String messageId = p.run().context().send(new OutboundMessage(e.phone(), MessageCategory.MARKETING, null,
                OutboundMessage.Template.named(step.template(), step.language(), Placeholders.fill(step.variables(),
                        () -> contact, e.variables())),
                "drips:" + e.id() + ":" + step.id()));
        sent.add(new Object[] {e.phone(), UUID.fromString(messageId), e.id(), e.campaignId(), step.id(),
                e.holdout()});
    }

    /** After the send: the wait that follows is scheduled, or the journey completes. */
    private void goOn(Planned p) {
        Enrolment e = p.enrolment();
        if (p.pause() == null || p.afterWait().equals(Step.END)) {
            completing.put(e.id(), e);
            return;
        }
        Instant at = now.plus(p.pause().duration());
        positions.add(new Object[] {e.id(), p.afterWait(), at});
        p.run().context().timers().schedule(e.timerKey(), at, null);
    }

    private void write() {
        if (!sent.isEmpty()) {
            Facts.messagesSent(store, sent, now);
        }
        if (!capped.isEmpty()) {
            Facts.onceAll(store, capped, "capped", now);
        }
        if (!positions.isEmpty()) {
            Enrolments.positionAll(store, positions);
        }
        if (!completing.isEmpty()) {
            List<Object[]> ended = Enrolments.completeAll(store, completing.keySet(), now).stream()
                    .map(completing::get).map(e -> new Object[] {e.id(), e.campaignId(), "", e.holdout()}).toList();
            if (!ended.isEmpty()) {
                Facts.onceAll(store, ended, "exited:completed", now);
            }
        }
    }
}
