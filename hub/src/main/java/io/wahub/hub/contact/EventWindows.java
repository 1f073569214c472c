package io.wahub.hub.contact;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * When the contacts that the processing of one event has just written last wrote in, so that a feature asking
 * whether a contact's window is open ({@link ContactService#windowOpen}) is answered without reading the contact
 * again: an order's customer is upserted before the packing list asks, an inbound message moves its sender's window
 * before the features answer it. Kept on the thread that processes the event, between {@link #open} and the close
 * of its scope; outside a scope nothing is kept and every question reads the database.
 *
 * <p>What is kept is as fresh as a read at the same moment: only an inbound message handled meanwhile on another
 * thread can move a window, and it could only open one the memo holds closed (a template is sent where a text could
 * have been; the send policy still decides on the contact as stored).
 */
@Component
public class EventWindows {

    /** The open memo of one event's processing; closing it forgets what it kept. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final ThreadLocal<Map<List<String>, Instant>> kept = new ThreadLocal<>();

    /** Starts keeping what this thread's processing of one event writes, until the scope is closed. */
    public Scope open() {
        Map<List<String>, Instant> outer = kept.get();
        kept.set(new HashMap<>());
        return () -> {
            if (outer == null) {
                kept.remove();
            } else {
                kept.set(outer);
            }
        };
    }

    /** The contact with this number, as just written: when it last wrote in (null: never). */
    void written(String tenantId, String phone, Instant lastInboundAt) {
        Map<List<String>, Instant> map = kept.get();
        if (map != null) {
            map.put(List.of(tenantId, phone), lastInboundAt);
        }
    }

    /**
     * When the contact last wrote in: as this processing wrote it, or else as {@code stored} reads it (empty when it
     * never wrote in).
     */
    Optional<Instant> lastInboundAt(String tenantId, String phone, Supplier<Optional<Instant>> stored) {
        Map<List<String>, Instant> map = kept.get();
        List<String> key = List.of(tenantId, phone);
        return map != null && map.containsKey(key) ? Optional.ofNullable(map.get(key)) : stored.get();
    }
}
