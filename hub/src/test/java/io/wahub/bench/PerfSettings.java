package io.wahub.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The performance benchmark's durations and rates, from system properties; {@code perf.quick=true} changes the
 * defaults to a smoke run of a few minutes (figures too short to trust, every phase exercised).
 *
 * @param warmUp      closed-loop rounds until the JIT has settled, at most this long ({@code perf.warmup-seconds})
 * @param round       one warm-up round ({@code perf.round-seconds})
 * @param closed      the closed loop ({@code perf.closed-seconds})
 * @param open        the open loop at the first rate ({@code perf.open-seconds}); at the default rate and the
 *                    default {@code checkpoint_timeout} of 5 minutes it holds at least one checkpoint
 * @param lowRate     each open loop at the other rates ({@code perf.low-rate-seconds})
 * @param idle        the idle window after the load ({@code perf.idle-seconds})
 * @param rates       offered rates, per second ({@code perf.rates}, comma-separated; the first is the main one)
 * @param connections closed-loop connections ({@code perf.connections})
 * @param pssSampling how often peak PSS is sampled ({@code perf.pss-sampling-seconds})
 * @param pause       after the open loops, one more at the first rate ({@code lowRate} long) during which Wahub's
 *                    process is stopped for this long, 5 s in ({@code perf.pause-seconds}; 0: none)
 */
record PerfSettings(Duration warmUp, Duration round, Duration closed, Duration open, Duration lowRate,
                    Duration idle, List<Integer> rates, int connections, Duration pssSampling, Duration pause) {

    static PerfSettings fromSystemProperties() {
        boolean quick = Boolean.parseBoolean(System.getProperty("perf.quick", "false"));
        return new PerfSettings(seconds("perf.warmup-seconds", quick ? 5 : 180),
                seconds("perf.round-seconds", quick ? 5 : 10), seconds("perf.closed-seconds", quick ? 5 : 60),
                seconds("perf.open-seconds", quick ? 5 : 330), seconds("perf.low-rate-seconds", quick ? 5 : 120),
                seconds("perf.idle-seconds", quick ? 5 : 60),
                Arrays.stream(property("perf.rates", "1000,300,100").split(",")).map(String::trim)
                        .map(Integer::valueOf).toList(),
                Integer.parseInt(property("perf.connections", "50")), seconds("perf.pss-sampling-seconds", 2),
                seconds("perf.pause-seconds", quick ? 1 : 4));
    }

    /** Sequence numbers a run can use at most (the stub's capacity): closed loops counted at 10,000/s. */
    int stubCapacity() {
        long closedLoops = warmUp.toSeconds() + round.toSeconds() + closed.toSeconds();
        long openLoops = (long) rates.getFirst() * open.toSeconds()
                + rates.stream().skip(1).mapToLong(rate -> rate * lowRate.toSeconds()).sum()
                + (pause.isZero() ? 0 : rates.getFirst() * lowRate.toSeconds());
        return Math.toIntExact(10_000 * closedLoops + openLoops);
    }

    String describe() {
        return String.format("warm-up ≤ %d s (rounds of %d s), closed loop %d s × %d connections, open loops at %s/s"
                        + " (%d s, then %d s each)%s, idle %d s", warmUp.toSeconds(), round.toSeconds(),
                closed.toSeconds(), connections, rates, open.toSeconds(), lowRate.toSeconds(), pause.isZero() ? ""
                        : ", at %,d/s with a %d s pause".formatted(rates.getFirst(), pause.toSeconds()),
                idle.toSeconds());
    }

    private static Duration seconds(String name, long quickOrDefault) {
        return Duration.ofSeconds(Long.parseLong(property(name, Long.toString(quickOrDefault))));
    }

    /** A property; an empty value (as Maven passes an unset one) means the default. */
    private static String property(String name, String defaultValue) {
        String value = System.getProperty(name, "").trim();
        return value.isEmpty() ? defaultValue : value;
    }
}
