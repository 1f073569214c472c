package io.wahub.hub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventWindowsTest {

    private static final Instant WROTE = Instant.parse("2026-12-06T10:00:00Z");

    private final EventWindows windows = new EventWindows();

    @Test
    void outsideAnEventsProcessing_nothingIsKept() {
        windows.written("shop-a", "+4915123456789", WROTE);

        assertThat(windows.lastInboundAt("shop-a", "+4915123456789")).isEmpty();
    }

    @Test
    void withinAnEventsProcessing_whatItWroteIsKept_perTenantAndNumber_untilTheScopeCloses() {
        try (EventWindows.Scope ignored = windows.open()) {
            windows.written("shop-a", "+4915123456789", WROTE);
            windows.written("shop-a", "+4915100000000", null);

            assertThat(windows.lastInboundAt("shop-a", "+4915123456789")).contains(Optional.of(WROTE));
            assertThat(windows.lastInboundAt("shop-a", "+4915100000000")).contains(Optional.empty());
            assertThat(windows.lastInboundAt("shop-b", "+4915123456789")).isEmpty();
        }

        assertThat(windows.lastInboundAt("shop-a", "+4915123456789")).isEmpty();
    }

    @Test
    void anotherThreadsProcessing_seesNothingOfThisOne() throws InterruptedException {
        try (EventWindows.Scope ignored = windows.open()) {
            windows.written("shop-a", "+4915123456789", WROTE);
            Optional<?>[] seen = new Optional<?>[1];
            Thread other = Thread.ofVirtual().start(() -> {
                try (EventWindows.Scope own = windows.open()) {
                    seen[0] = windows.lastInboundAt("shop-a", "+4915123456789");
                }
            });
            other.join();

            assertThat(seen[0]).isEmpty();
        }
    }
}
