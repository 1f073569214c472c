package io.wahub.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test kit's timers: kept in memory, replaced and cancelled like the hub's, fired against the fake clock. */
class FakeContextTimersTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    /** Reminds once, then schedules a second reminder; fails a timer whose data says so, after sending. */
    private static final Feature REMINDERS = new Feature() {
        @Override
        public String id() {
            return "reminders";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of();
        }

        @Override
        public void onEvent(CanonicalEvent event, FeatureContext context) {
        }

        @Override
        public void onTimer(Timer timer, FeatureContext context) {
            context.send(OutboundMessage.text("+4915112345678", MessageCategory.UTILITY, "reminder " + timer.key(),
                    "reminder:" + timer.key()));
            if (timer.key().equals("first")) {
                context.timers().schedule("second", timer.dueAt().plus(Duration.ofHours(1)), null);
            }
            if (timer.data().path("fail").asBoolean()) {
                throw new IllegalStateException("failed on purpose");
            }
        }
    };

    @Test
    void firesOnlyWhatTheClockHasReached_soonestFirst_includingTimersScheduledMeanwhile() {
        FakeContext context = FakeContext.of(null, NOW);
        context.timers().schedule("later", NOW.plus(Duration.ofHours(2)), null);
        context.timers().schedule("first", NOW.plus(Duration.ofMinutes(30)), null);

        assertThat(context.fireDueTimers(REMINDERS)).isEmpty();
        List<Timer> fired = context.advance(Duration.ofHours(2)).fireDueTimers(REMINDERS);

        assertThat(fired).extracting(Timer::key).containsExactly("first", "second", "later");
        assertThat(context.sent()).extracting(OutboundMessage::text)
                .containsExactly("reminder first", "reminder second", "reminder later");
        assertThat(context.scheduledTimers()).isEmpty();
    }

    @Test
    void schedulingAKeyAgainReplacesIt_andCancelsRemoveByKeyAndByPrefix() {
        FakeContext context = FakeContext.of(null, NOW);
        var data = JsonNodeFactory.instance.objectNode().put("v", 2);
        context.timers().schedule("order:1:remind", NOW.plusSeconds(60), null);
        context.timers().schedule("order:1:remind", NOW.plusSeconds(90), data);
        context.timers().schedule("order:1:expire", NOW.plusSeconds(60), null);
        context.timers().schedule("order:2:remind", NOW.plusSeconds(60), null);
        context.timers().schedule("order:10:remind", NOW.plusSeconds(60), null);

        context.timers().cancelPrefix("order:1:");
        context.timers().cancel("order:2:remind");

        assertThat(context.scheduledTimers()).containsExactly(
                new Timer("order:10:remind", NOW.plusSeconds(60), NullNode.getInstance()));
    }

    @Test
    void aTimerWhoseRunThrows_staysScheduled_andItsRunsMessagesAndTimersAreUndone() {
        FakeContext context = FakeContext.of(null, NOW);
        context.timers().schedule("first", NOW, JsonNodeFactory.instance.objectNode().put("fail", true));

        assertThatThrownBy(() -> context.fireDueTimers(REMINDERS)).hasMessage("failed on purpose");

        assertThat(context.sent()).isEmpty();
        assertThat(context.scheduledTimers()).extracting(Timer::key).containsExactly("first");
    }

    @Test
    void refusesKeysAndDataOverTheLimits_namingThem() {
        FakeContext context = FakeContext.of(null, NOW);
        var large = JsonNodeFactory.instance.objectNode().put("text", "x".repeat(Timer.MAX_DATA_BYTES));

        assertThatThrownBy(() -> context.timers().schedule("k".repeat(201), NOW, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a timer key has at most 200 characters (Timer.MAX_KEY_LENGTH); this one has 201");
        assertThatThrownBy(() -> context.timers().schedule("big", NOW, large))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timer data of big is 8203 bytes; the limit is 8192 bytes (Timer.MAX_DATA_BYTES): keep"
                        + " large state elsewhere and put its id here");
        assertThatThrownBy(() -> context.timers().cancelPrefix("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a timer prefix must not be empty");
        assertThat(context.scheduledTimers()).isEmpty();
    }
}
