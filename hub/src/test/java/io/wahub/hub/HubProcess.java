package io.wahub.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged hub ({@code target/wahub-hub.jar}) running as a separate operating-system process, so tests can kill
 * it the hard way ({@code SIGKILL}) and start it again on the same data.
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    final int port;
    final Path log;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static HubProcess start(Path dataDir, int port, Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("wahub.hub.jar", "target/wahub-hub.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar, "--server.port=" + port));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dataDir.getParent(), "hub-" + port + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("WAHUB_DATA_DIR", dataDir.toString());
        builder.environment().remove("WAHUB_DB_URL");
        builder.environment().putAll(env);
        HubProcess hub = new HubProcess(builder.start(), port, log);
        awaitReady(hub.process, port, log, Duration.ofSeconds(240));
        return hub;
    }

    /**
     * Waits until the hub process answers its readiness probe on {@code port}; fails with the tail of its
     * {@code log} when it exits or is not ready in time. Shared with the benchmark's forked hub.
     */
    public static void awaitReady(Process process, int port, Path log, Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health/readiness")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub exited with " + process.exitValue() + ", log " + log + ":\n"
                        + tail(log));
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("hub not ready within " + timeout + ", log " + log + ":\n" + tail(log));
    }

    /** SIGKILL: no shutdown hooks, no graceful stop, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGKILL to the embedded PostgreSQL a hub ran on {@code dataDir}: its postmaster (the pid in
     * {@code <dataDir>/postgres/postmaster.pid}) and every server process under it, all at once, as a power cut
     * would stop them (a postmaster killed alone leaves its server processes to finish what they are doing).
     *
     * @return the postmaster's pid
     */
    static long killEmbeddedPostgres(Path dataDir) throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("no postmaster " + pid + " (" + pidFile + ")"));
        List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
        processes.addFirst(postmaster);
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("PostgreSQL process " + process.pid() + " did not die", e);
            }
        }
        return pid;
    }

    /** Everything the process printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    String tail() throws IOException {
        return tail(log);
    }

    /** The last 60 lines of a hub's log. */
    public static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
