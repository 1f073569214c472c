package io.wahub.hub.inbox;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.db.RelaxedCommit;
import io.wahub.hub.feature.RunEffects;
import io.wahub.hub.inbox.EventProcessor.Processed;
import io.wahub.hub.inbox.InboxRepository.ClaimedEvent;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.timer.RunTimers;
import io.wahub.routes.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes processed events in one transaction, which commits without waiting for the disk ({@link RelaxedCommit}:
 * it only redoes work): the events still held by their claim are marked done, their features' effects are applied
 * ({@link RunEffects}: the messages they queued stored and taken from their tenants' monthly quotas, their timer
 * changes made), failed events are put back for a retry, and events not started are given back. So a batch of events costs a
 * constant number of statements however many events and tenants it has.
 *
 * <p>Should that transaction fail, each event is finished in a transaction of its own, so that one event the
 * database refuses is retried later on its own and the others go through.
 */
@Component
class DispatchFinish {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchFinish.class);
    static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);

    private final InboxRepository inbox;
    private final RunEffects effects;
    private final TransactionTemplate transactions;
    private final RelaxedCommit relaxedCommit;
    private final int maxAttempts;
    private final Duration releaseDelay;

    DispatchFinish(InboxRepository inbox, RunEffects effects, TransactionTemplate transactions,
                   RelaxedCommit relaxedCommit, WahubProperties properties, DispatchProperties settings) {
        this.inbox = inbox;
        this.effects = effects;
        this.transactions = transactions;
        this.relaxedCommit = relaxedCommit;
        this.maxAttempts = properties.dispatch().maxAttempts();
        this.releaseDelay = settings.releaseDelay();
    }

    /**
     * Finishes the events.
     *
     * @param processed events the features have run for
     * @param released  claimed events to give back unprocessed
     * @return the messages stored and not blocked, to announce to delivery
     */
    List<Ref> finish(List<Processed> processed, List<ClaimedEvent> released) {
        if (processed.isEmpty() && released.isEmpty()) {
            return List.of();
        }
        try {
            return inOneTransaction(processed, released);
        } catch (RuntimeException e) {
            if (processed.size() == 1 && released.isEmpty()) {
                recordFailure(processed.getFirst().event(), e);
                return List.of();
            }
            LOG.debug("Finishing {} events failed ({}); finishing them one by one", processed.size(), e.toString());
        }
        List<Ref> stored = new ArrayList<>();
        for (Processed event : processed) {
            try {
                stored.addAll(inOneTransaction(List.of(event), List.of()));
            } catch (RuntimeException e) {
                recordFailure(event.event(), e);
            }
        }
        try {
            inOneTransaction(List.of(), released);
        } catch (RuntimeException e) {
            LOG.warn("Could not give back {} events; they are due again when their lease ends: {}", released.size(),
                    e.toString());
        }
        return stored;
    }

    private List<Ref> inOneTransaction(List<Processed> processed, List<ClaimedEvent> released) {
        return transactions.execute(status -> {
            relaxedCommit.forThisTransaction();
            inbox.release(released, releaseDelay);
            List<ClaimedEvent> succeeded = new ArrayList<>();
            for (Processed event : processed) {
                if (event.failed()) {
                    inbox.recordFailure(event.event(), event.failure(), FAILURE_BACKOFF, maxAttempts);
                } else {
                    succeeded.add(event.event());
                }
            }
            Set<Ref> done = new HashSet<>(inbox.finish(succeeded));
            List<Processed> finished = processed.stream().filter(event -> done.contains(event.event().ref()))
                    .toList();
            List<NewMessage> queued = finished.stream().flatMap(event -> event.messages().stream()).toList();
            List<RunTimers> timers = finished.stream().flatMap(event -> event.timers().stream()).toList();
            return effects.apply(queued, timers);
        });
    }

    private void recordFailure(ClaimedEvent event, RuntimeException e) {
        LOG.warn("Event {} could not be finished; will retry up to {} attempts: {}", event.ref(), maxAttempts,
                e.toString());
        try {
            transactions.executeWithoutResult(status ->
                    inbox.recordFailure(event, e.toString(), FAILURE_BACKOFF, maxAttempts));
        } catch (RuntimeException again) {
            LOG.warn("Could not record the failure of event {}; it is due again when its lease ends: {}",
                    event.ref(), again.toString());
        }
    }
}
