package io.wahub.hub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventWindowsTest {

    private static final Instant WROTE = Instant.parse("2026-12-06T10:00:00Z");
    /** What the database would answer: told apart from anything kept. */
    private static final Instant STORED = Instant.parse("2026-12-01T08:00:00Z");

    private final EventWindows windows = new EventWindows();

    @Test
    void outsideAnEventsProcessing_nothingIsKept() {
        windows.written("shop-a", "+4915123456789", WROTE);

        assertThat(lastInboundAt("shop-a", "+4915123456789")).contains(STORED);
    }

    @Test
    void withinAnEventsProcessing_whatItWroteIsKept_perTenantAndNumber_untilTheScopeCloses() {
        try (EventWindows.Scope ignored = windows.open()) {
            windows.written("shop-a", "+4915123456789", WROTE);
            windows.written("shop-a", "+4915100000000", null);

            assertThat(lastInboundAt("shop-a", "+4915123456789")).contains(WROTE);
            assertThat(lastInboundAt("shop-a", "+4915100000000")).isEmpty();
            assertThat(lastInboundAt("shop-b", "+4915123456789")).contains(STORED);
        }

        assertThat(lastInboundAt("shop-a", "+4915123456789")).contains(STORED);
    }

    @Test
    void anotherThreadsProcessing_seesNothingOfThisOne() throws InterruptedException {
        try (EventWindows.Scope ignored = windows.open()) {
            windows.written("shop-a", "+4915123456789", WROTE);
            AtomicReference<Optional<Instant>> seen = new AtomicReference<>();
            Thread other = Thread.ofVirtual().start(() -> {
                try (EventWindows.Scope own = windows.open()) {
                    seen.set(lastInboundAt("shop-a", "+4915123456789"));
                }
            });
            other.join();

            assertThat(seen.get()).contains(STORED);
        }
    }

    /** The window's start as the memo answers it, the database answering {@link #STORED} for what it did not keep. */
    private Optional<Instant> lastInboundAt(String tenantId, String phone) {
        return windows.lastInboundAt(tenantId, phone, () -> Optional.of(STORED));
    }
}
