package io.wahub.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The performance benchmark's load generator, a process of its own (its JVM's allocation, collections and JIT stay
 * out of the systems measured and out of the benchmark driver). Started as
 * {@code LoadGenerator <host> <port>}, it prints {@code ready <nanoTime>} and then answers commands read from
 * standard input with one result line each:
 * <ul>
 *   <li>{@code closed <first> <seconds> <connections>}: that many connections post webhooks {@code first, first + 1,
 *       ...} back to back until the time is up;</li>
 *   <li>{@code open <first> <rate> <seconds>}: webhooks on a fixed schedule ({@code rate} per second) whatever the
 *       responses do, each sent on a connection of its own when none is free; acknowledgement latency is measured
 *       from each request's scheduled time (no coordinated omission) into an HdrHistogram, and the largest gap
 *       between consecutive acknowledgements is recorded;</li>
 *   <li>{@code quit}.</li>
 * </ul>
 * Results: {@code key=value} pairs — {@code first end ok failed start stop} (nanoTimes), plus {@code gap} (ns) and
 * {@code hist} (the latency histogram in microseconds, compressed, Base64) for the open loop. Times are
 * {@link System#nanoTime()}, which on Linux is {@code CLOCK_MONOTONIC}, shared by every process of the machine: the
 * driver relates them to the arrival times its Cloud API stub records.
 *
 * <p>Each request is built and signed just before it is due (about 10 µs, 1 % of a core at 1,000/s) rather than
 * all of them beforehand, so that windows of many minutes need no gigabytes of prepared requests.
 */
public final class LoadGenerator {

    private final RawHttp http;
    private final ShopifyWebhooks webhooks = new ShopifyWebhooks();
    /** Why requests of the current phase were not acknowledged, printed to standard error after it. */
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    private LoadGenerator(String host, int port) {
        http = new RawHttp(host, port);
    }

    public static void main(String[] args) throws Exception {
        LoadGenerator generator = new LoadGenerator(args[0], Integer.parseInt(args[1]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready " + System.nanoTime());
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.trim().split(" ");
            String result = switch (command[0]) {
                case "closed" -> generator.closed(Integer.parseInt(command[1]), Long.parseLong(command[2]),
                        Integer.parseInt(command[3]));
                case "open" -> generator.open(Integer.parseInt(command[1]), Integer.parseInt(command[2]),
                        Long.parseLong(command[3]));
                case "quit" -> null;
                default -> "error=unknown-command";
            };
            if (result == null) {
                break;
            }
            System.out.println(result);
        }
        generator.http.close();
        System.exit(0);
    }

    private String closed(int first, long seconds, int connections) throws InterruptedException {
        AtomicInteger cursor = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int c = 0; c < connections; c++) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        int n = first + cursor.getAndIncrement();
                        (accepted(send(webhooks.request(http, n))) ? ok : failed).incrementAndGet();
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long stop = System.nanoTime();
        reportFailures("closed loop from " + first);
        return "first=%d end=%d ok=%d failed=%d start=%d stop=%d".formatted(first, first + cursor.get(), ok.get(),
                failed.get(), start, stop);
    }

    private String open(int first, int rate, long seconds) {
        int count = Math.toIntExact(rate * seconds);
        long[] acknowledgedAt = new long[count];
        Histogram latency = new Histogram(3);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime() + 1_000_000;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                byte[] request = webhooks.request(http, first + i);
                long scheduled = start + i * 1_000_000_000L / rate;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    sleep(wait);
                }
                int index = i;
                senders.submit(() -> {
                    boolean accepted = accepted(send(request));
                    long now = System.nanoTime();
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, (now - scheduled) / 1_000));
                    }
                    if (accepted) {
                        acknowledgedAt[index] = now;
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
        }
        long stop = System.nanoTime();
        reportFailures("open loop at " + rate + "/s from " + first);
        ByteBuffer encoded = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
        latency.encodeIntoCompressedByteBuffer(encoded);
        return "first=%d end=%d ok=%d failed=%d start=%d stop=%d gap=%d hist=%s".formatted(first, first + count,
                ok.get(), failed.get(), start, stop, largestGap(acknowledgedAt), Base64.getEncoder().encodeToString(
                        Arrays.copyOf(encoded.array(), encoded.position())));
    }

    /** Sends a request; its status, or -1 when it failed (the reason is counted). */
    private int send(byte[] request) {
        try {
            int status = http.send(request);
            if (!accepted(status)) {
                failures.computeIfAbsent("status " + status, reason -> new LongAdder()).increment();
            }
            return status;
        } catch (Exception e) {
            failures.computeIfAbsent(e.toString(), reason -> new LongAdder()).increment();
            return -1;
        }
    }

    /** Prints why requests of the phase just ended failed, if any did, and forgets it. */
    private void reportFailures(String phase) {
        if (!failures.isEmpty()) {
            System.err.println(phase + ": not acknowledged: " + failures);
            failures.clear();
        }
    }

    /** The longest time without any acknowledgement, between the first and the last one. */
    private static long largestGap(long[] acknowledgedAt) {
        long[] times = Arrays.stream(acknowledgedAt).filter(t -> t != 0).sorted().toArray();
        long gap = 0;
        for (int i = 1; i < times.length; i++) {
            gap = Math.max(gap, times[i] - times[i - 1]);
        }
        return gap;
    }

    private static boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
