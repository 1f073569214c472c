package io.wahub.hub.feature;

import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.policy.RecipientPacing;
import io.wahub.hub.timer.RunTimers;
import io.wahub.hub.timer.TimerRepository;
import io.wahub.routes.Ref;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Applies what finished feature runs asked for, whatever ran them (events and timers in dispatch, an API call): the
 * messages they sent are stored (once per idempotency key) and taken from their tenants' monthly quotas (those beyond
 * it are stored suppressed) and paced per recipient ({@link RecipientPacing}: those whose turn is later are stored
 * deferred), and their timer changes are made. Call it in the transaction that finishes the runs, and
 * only with runs that succeeded: a failed run's effects are dropped.
 */
@Component
public class RunEffects {

    private final MessageRepository messages;
    private final MessageQuota quota;
    private final RecipientPacing pacing;
    private final TimerRepository timers;
    private final Clock clock;

    public RunEffects(MessageRepository messages, MessageQuota quota, RecipientPacing pacing, TimerRepository timers,
                      Clock clock) {
        this.messages = messages;
        this.quota = quota;
        this.pacing = pacing;
        this.timers = timers;
        this.clock = clock;
    }

    /**
     * Applies the runs' effects in the caller's transaction, in a constant number of statements.
     *
     * @param queued the messages the runs sent, in order
     * @param timers the runs' timers ({@link FeatureRun#timers()}), in the order the runs were made
     * @return the messages stored now, neither suppressed nor deferred, to announce to delivery
     */
    public List<Ref> apply(List<NewMessage> queued, List<RunTimers> timers) {
        return apply(queued, timers, null).announce();
    }

    /**
     * What {@link #apply} did: the messages to announce, and all those stored now (suppressed and deferred ones too).
     */
    public record Applied(List<Ref> announce, Set<Ref> inserted) {
    }

    /**
     * Applies the runs' effects in the caller's transaction, their messages' quota units reserved before it
     * ({@link MessageQuota#reserve}; null: taken in this transaction, {@link MessageQuota#take}). The caller gives
     * back the units of reserved messages not {@link Applied#inserted}.
     */
    public Applied apply(List<NewMessage> queued, List<RunTimers> timers, MessageQuota.Reservation reserved) {
        this.timers.apply(timers.stream().filter(run -> !run.isEmpty()).toList(), clock.instant());
        Set<Ref> inserted = new HashSet<>(messages.enqueue(queued));
        List<Ref> stored = queued.stream().map(message -> new Ref(message.tenantId(), message.id()))
                .filter(inserted::contains).distinct().toList();
        Set<Ref> blocked = new HashSet<>(reserved == null ? quota.take(stored) : quota.block(reserved, inserted));
        Set<Ref> deferred = new HashSet<>(pacing.pace(queued.stream()
                .filter(message -> inserted.contains(message.ref()) && !blocked.contains(message.ref()))
                .toList(), clock.instant()));
        return new Applied(stored.stream().filter(message -> !blocked.contains(message) && !deferred.contains(message))
                .toList(), inserted);
    }
}
