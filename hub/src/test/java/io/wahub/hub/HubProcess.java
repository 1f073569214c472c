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
final class HubProcess implements AutoCloseable {

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
        hub.awaitReady(Duration.ofSeconds(90));
        return hub;
    }

    private void awaitReady(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("hub not ready within " + timeout + ":\n" + tail());
    }

    /** SIGKILL: no shutdown hooks, no graceful stop, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Everything the process printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    String tail() throws IOException {
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
