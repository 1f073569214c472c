package io.wahub.hub.testplugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Json;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Timer;
import io.wahub.sdk.TimerRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A feature of the tests' own plugin that drives its timers from inbound WhatsApp texts, commands separated by
 * {@code ;}: {@code schedule <key> <delay ms> [<json data>]}, {@code schedule-many <prefix> <count> <delay ms>},
 * {@code schedule-together <prefix> <count> <delay ms>} (timers with {@code {"together":true}}, see {@link #onTimers}),
 * {@code cancel <key>}, {@code cancel-prefix <prefix>}, {@code fail} (the run throws after the commands before it).
 * A timer that fires sends {@code fired <key> <data>} to {@link #CUSTOMER}, under an idempotency key of its own per
 * call, so the messages count the calls; a timer whose data has {@code "fail": true} throws instead.
 */
public class TimerCommandsFeature implements Feature {

    public static final String ID = "test-timers";
    public static final String CUSTOMER = "+4915112345678";
    private static final ObjectMapper JSON = Json.newMapper();

    @Override
    public String id() {
        return ID;
    }

    /**
     * Also subscribed to {@value EventTypes#TIMER_DUE}, which must never reach {@link #onEvent}: there it would fail
     * as an unknown command, and the timer's event would not be done at the first attempt.
     */
    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.MESSAGE_RECEIVED, EventTypes.TIMER_DUE);
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
        Instant now = context.clock().instant();
        for (String command : event.payload().path("text").asText().split(";")) {
            String[] words = command.strip().split(" ", 4);
            switch (words[0]) {
                case "schedule" -> context.timers().schedule(words[1], now.plusMillis(Long.parseLong(words[2])),
                        words.length > 3 ? json(words[3]) : null);
                case "schedule-many" -> {
                    for (int i = 0; i < Integer.parseInt(words[2]); i++) {
                        context.timers().schedule(words[1] + i, now.plusMillis(Long.parseLong(words[3])), null);
                    }
                }
                case "schedule-together" -> {
                    for (int i = 0; i < Integer.parseInt(words[2]); i++) {
                        context.timers().schedule(words[1] + i, now.plusMillis(Long.parseLong(words[3])),
                                json("{\"together\":true}"));
                    }
                }
                case "schedule-quiet" -> scheduleQuiet(context, command.strip().split(" "));
                case "cancel" -> context.timers().cancel(words[1]);
                case "cancel-prefix" -> context.timers().cancelPrefix(words[1]);
                case "fail" -> throw new IllegalStateException("the run failed on purpose");
                default -> throw new IllegalArgumentException("unknown command: " + command);
            }
        }
    }

    private static void scheduleQuiet(FeatureContext context, String[] words) {
        int count = Integer.parseInt(words[2]);
        long first = Long.parseLong(words[3]);
        long span = Long.parseLong(words[4]);
        JsonNode quiet = json("{\"quiet\":true}");
        for (int i = 0; i < count; i++) {
            context.timers().schedule(words[1] + i, Instant.ofEpochMilli(first + span * i / count), quiet);
        }
    }

    /**
     * Timers due together: each as {@link #onTimer}, through its own context, except that one whose data has
     * {@code "together": true} sends {@code fired <key> <data> with <n>}, n the timers of this call. A failing timer
     * fails the whole call (the hub then hands each timer to {@link #onTimer} alone).
     */
    @Override
    public void onTimers(List<TimerRun> runs) {
        for (TimerRun run : runs) {
            Timer timer = run.timer();
            if (!timer.data().path("together").asBoolean() || timer.data().path("fail").asBoolean()) {
                onTimer(timer, run.context());
            } else {
                run.context().send(OutboundMessage.text(CUSTOMER, MessageCategory.UTILITY, "fired " + timer.key()
                        + " " + timer.data() + " with " + runs.size(), "fired:" + timer.key() + ":"
                        + UUID.randomUUID()));
            }
        }
    }

    @Override
    public void onTimer(Timer timer, FeatureContext context) {
        if (timer.data().path("quiet").asBoolean()) {
            return;
        }
        if (timer.data().path("fail").asBoolean()) {
            throw new IllegalStateException("timer " + timer.key() + " failed on purpose");
        }
        Duration late = Duration.between(timer.dueAt(), context.clock().instant());
        if (late.isNegative()) {
            throw new IllegalStateException("timer " + timer.key() + " fired " + late.negated() + " early");
        }
        context.send(OutboundMessage.text(CUSTOMER, MessageCategory.UTILITY, "fired " + timer.key() + " "
                + timer.data(), "fired:" + timer.key() + ":" + UUID.randomUUID()));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
