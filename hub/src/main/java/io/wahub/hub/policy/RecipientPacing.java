package io.wahub.hub.policy;

import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.policy.RecipientStates.Recipient;
import io.wahub.routes.Ref;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-recipient pacing, decided when messages are stored: WhatsApp takes about one message every 6 seconds to one
 * user (error 131056 beyond that), so each message gets the recipient's next free slot
 * ({@code wahub.policy.recipient-interval} apart), and one whose slot is later than now is stored {@code deferred}
 * until then with reason {@code recipient-pacing}: it waits, it never fails. The slots live in the database (rows
 * locked by the storing transaction), so several hub nodes pace one recipient together.
 */
@Component
public class RecipientPacing {

    static final String CODE = "recipient-pacing";
    private static final Duration SLACK = Duration.ofMillis(50);

    private final RecipientStates states;
    private final MessageRepository messages;
    private final UsageMeter meter;
    private final Duration interval;

    public RecipientPacing(RecipientStates states, MessageRepository messages, UsageMeter meter,
                           PolicyProperties properties) {
        this.states = states;
        this.messages = messages;
        this.meter = meter;
        this.interval = properties.recipientInterval();
    }

    /**
     * Paces messages the current transaction has just stored (and not suppressed), in the order given.
     *
     * @return those deferred
     */
    public List<Ref> pace(List<NewMessage> stored, Instant now) {
        if (stored.isEmpty() || interval.isZero()) {
            return List.of();
        }
        Map<Recipient, Integer> counts = new TreeMap<>(Comparator.comparing(Recipient::tenantId)
                .thenComparing(Recipient::phone));
        stored.forEach(m -> counts.merge(new Recipient(m.tenantId(), m.message().to()), 1, Integer::sum));
        Map<Recipient, Instant> first = states.reserveSlots(counts, interval);
        Map<Recipient, Integer> taken = new HashMap<>();
        Map<Ref, Instant> deferred = new LinkedHashMap<>();
        for (NewMessage message : stored) {
            Recipient recipient = new Recipient(message.tenantId(), message.message().to());
            int turn = taken.merge(recipient, 1, Integer::sum) - 1;
            Instant slot = first.get(recipient).plus(interval.multipliedBy(turn));
            if (slot.isAfter(now.plus(SLACK))) {
                deferred.put(new Ref(message.tenantId(), message.id()), slot);
            }
        }
        if (!deferred.isEmpty()) {
            messages.defer(deferred, CODE, "Waiting for its turn: WhatsApp takes about one message every "
                    + interval.toSeconds() + " s to one customer.");
            deferred.keySet().forEach(ref -> meter.record(ref.tenantId(), UsageMeter.deferred(CODE), 1));
        }
        return List.copyOf(deferred.keySet());
    }

    /** Deletes pacing rows whose slot passed a day ago and that hold no flag. */
    @Scheduled(fixedDelayString = "${wahub.rate-limits.cleanup-ms:60000}",
            initialDelayString = "${wahub.rate-limits.cleanup-ms:60000}")
    public void sweep() {
        while (states.sweep(Duration.ofDays(1), 1_000) == 1_000) {
            // more to delete
        }
    }
}
