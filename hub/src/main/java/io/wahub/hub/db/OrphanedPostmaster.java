package io.wahub.hub.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub killed without shutdown leaves its embedded postmaster running and holding the data directory; the next
 * start stops it so that it can take over (PostgreSQL then recovers from its WAL as after any crash).
 *
 * <p>{@code postmaster.pid} may be stale, its pid long reused by an unrelated process: a pid is only signalled when
 * it is a {@code postgres} process started when the file says the postmaster started (line 3, epoch seconds). A
 * stale file is removed instead, so that PostgreSQL does not refuse to start because that pid is alive.
 */
final class OrphanedPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
    /** How far the process's start may lie from the time the postmaster wrote in its pid file. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(30); // a loaded machine starts slowly

    private OrphanedPostmaster() {
    }

    static void stop(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> process = lines.stream().findFirst().map(String::strip)
                .filter(s -> s.matches("\\d+")).map(Long::parseLong).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // PostgreSQL itself recognises a pid file whose process is gone
        }
        ProcessHandle postmaster = process.get();
        if (!isPostmasterOf(postmaster, lines)) {
            LOG.warn("{} names pid {}, which is not this data directory's postmaster ({}); removing the stale file",
                    pidFile, postmaster.pid(), postmaster.info().command().orElse("unknown command"));
            Files.delete(pidFile);
            return;
        }
        LOG.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by a previous run", postmaster.pid());
        postmaster.destroy();
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("orphaned PostgreSQL " + postmaster.pid() + " did not stop", e);
        }
    }

    /** Whether the process runs a {@code postgres} binary and started when the pid file says. */
    static boolean isPostmasterOf(ProcessHandle process, List<String> pidFileLines) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(Path::of).map(Path::getFileName).map(Path::toString)
                .filter(name -> name.equals("postgres")).isPresent();
        if (!postgres || pidFileLines.size() < 3 || !pidFileLines.get(2).strip().matches("\\d+")) {
            return false;
        }
        Instant written = Instant.ofEpochSecond(Long.parseLong(pidFileLines.get(2).strip()));
        return info.startInstant()
                .map(started -> Duration.between(started, written).abs().compareTo(START_TOLERANCE) <= 0)
                .orElse(false);
    }
}
