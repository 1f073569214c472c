package io.wahub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the panel's browser scenarios ({@code frontend/e2e/*.mjs}: playwright-core driving Debian's headless
 * {@code /usr/bin/chromium}) against a running hub, and hands back what the scenario saw. The scripts and their
 * {@code playwright-core} come from the frontend module ({@code npm ci} of its build); Node is the one that build
 * fetched ({@code frontend/node/node}), else the {@code node} on the PATH. Screenshots land in
 * {@code hub/target/panel-screenshots/}.
 */
final class PanelBrowser {

    /** What a scenario reported: the facts it returned and every console or page error seen on the way. */
    record Report(JsonNode facts, List<String> errors) {
    }

    private static final Path FRONTEND = Path.of("").toAbsolutePath().resolveSibling("frontend");
    private static final Path SCREENSHOTS = Path.of("target", "panel-screenshots").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PanelBrowser() {
    }

    /** Runs {@code frontend/e2e/<scenario>.mjs} signed in as {@code email}, looking at {@code tenant}. */
    static Report run(String scenario, int port, String email, String password, String tenant) {
        Path script = FRONTEND.resolve("e2e").resolve(scenario + ".mjs");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no browser scenario " + script);
        }
        Path bundledNode = FRONTEND.resolve("node").resolve("node");
        String node = Files.isExecutable(bundledNode) ? bundledNode.toString() : "node";
        ProcessBuilder builder = new ProcessBuilder(node, script.toString()).directory(FRONTEND.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of(
                "HUB_URL", "http://localhost:" + port,
                "EMAIL", email,
                "PASSWORD", password,
                "TENANT", tenant,
                "SCREENSHOTS", SCREENSHOTS.toString(),
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("browser scenario " + scenario + " did not end within 120 s");
            }
            String stdout = new String(out, StandardCharsets.UTF_8).strip();
            String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
            JsonNode report;
            try {
                report = JSON.readTree(last);
            } catch (IOException e) {
                throw new AssertionError("browser scenario " + scenario + " reported no JSON: " + stdout, e);
            }
            if (!report.path("ok").asBoolean()) {
                throw new AssertionError("browser scenario " + scenario + " failed: "
                        + report.path("failure").asText() + "\nconsole errors: " + report.path("errors"));
            }
            return new Report(report.path("facts"),
                    JSON.convertValue(report.path("errors"), JSON.getTypeFactory()
                            .constructCollectionType(List.class, String.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
