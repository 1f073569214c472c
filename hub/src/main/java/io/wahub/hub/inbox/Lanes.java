package io.wahub.hub.inbox;

import io.wahub.hub.inbox.InboxRepository.ClaimedEvent;
import io.wahub.hub.timer.DueTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits one tenant's events of a batch into lanes processed at once. A tenant's webhook and hub events stay in one
 * lane, in the order they were announced (an order's "created" before its "fulfilled"). Its due timers are
 * independent of each other (a drip campaign's step for one contact, a reminder for one invoice) and are spread
 * over {@code timerLanes} lanes by feature and key, so that a burst of timers falling due at one instant (a campaign's
 * step for 100,000 contacts) is not worked through one at a time. A timer keeps to its key's lane, so two firings of
 * one key in a batch run in order. Ordering across batches was never promised: two batches of a tenant may already
 * run at once on two dispatch threads.
 */
final class Lanes {

    private Lanes() {
    }

    /** The non-empty lanes of {@code events}, each in the events' order; the first holds every non-timer event. */
    static List<List<ClaimedEvent>> of(List<ClaimedEvent> events, int timerLanes) {
        if (timerLanes == 1 || events.size() == 1) {
            return List.of(events);
        }
        List<List<ClaimedEvent>> lanes = new ArrayList<>();
        for (int i = 0; i < timerLanes; i++) {
            lanes.add(new ArrayList<>());
        }
        for (ClaimedEvent event : events) {
            Optional<DueTimer> timer = DueTimer.of(event.event());
            int lane = timer.map(due -> Math.floorMod((due.featureId() + ':' + due.timer().key()).hashCode(),
                    timerLanes)).orElse(0);
            lanes.get(lane).add(event);
        }
        lanes.removeIf(List::isEmpty);
        return lanes;
    }
}
