package io.wahub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The driver's handle on a {@link LoadGenerator} process: starts it (its own JVM, on ZGC so that its own collector
 * pauses stay under a millisecond and do not count as the system's latency), sends it commands and parses its results.
 */
final class LoadClient implements AutoCloseable {

    /** What one load phase did; {@code ack} and {@code largestGapNanos} for open loops only. */
    record Result(int first, int end, long ok, long failed, long start, long stop, long largestGapNanos,
                  Histogram ack, int rate) {
        double seconds() {
            return (stop - start) / 1e9;
        }

        /** When webhook {@code n} of an open loop was due (a nanoTime). */
        long scheduledAt(int n) {
            return start + (n - first) * 1_000_000_000L / rate;
        }
    }

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private LoadClient(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    static LoadClient start(int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-XX:+UseZGC", "-cp",
                System.getProperty("java.class.path"), LoadGenerator.class.getName(), "127.0.0.1",
                Integer.toString(port))).redirectError(log.toFile()).start();
        LoadClient client = new LoadClient(process);
        long before = System.nanoTime();
        String ready = client.out.readLine();
        long after = System.nanoTime();
        if (ready == null || !ready.startsWith("ready ")) {
            client.close();
            throw new IllegalStateException("load generator did not start (" + ready + "), see " + log);
        }
        long theirs = Long.parseLong(ready.substring(6).trim());
        if (theirs < before - TimeUnit.SECONDS.toNanos(30) || theirs > after) {
            client.close();
            throw new IllegalStateException("this machine's nanoTime is not shared by its processes: end-to-end "
                    + "latency cannot be measured across them");
        }
        return client;
    }

    long pid() {
        return process.pid();
    }

    Result closed(int first, long seconds, int connections) throws IOException {
        return parse(command("closed " + first + " " + seconds + " " + connections), 0);
    }

    Result open(int first, int rate, long seconds) throws IOException {
        return parse(command("open " + first + " " + rate + " " + seconds), rate);
    }

    private String command(String command) throws IOException {
        in.println(command);
        String result = out.readLine();
        if (result == null || result.startsWith("error=")) {
            throw new IllegalStateException("load generator: " + command + " → " + result);
        }
        return result;
    }

    private static Result parse(String line, int rate) {
        Map<String, String> values = new HashMap<>();
        for (String pair : line.split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        try {
            Histogram ack = values.containsKey("hist") ? Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(values.get("hist"))), 0) : null;
            return new Result(Integer.parseInt(values.get("first")), Integer.parseInt(values.get("end")),
                    Long.parseLong(values.get("ok")), Long.parseLong(values.get("failed")),
                    Long.parseLong(values.get("start")), Long.parseLong(values.get("stop")),
                    Long.parseLong(values.getOrDefault("gap", "0")), ack, rate);
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        in.println("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
