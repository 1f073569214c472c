package io.wahub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes a system under test consists of, and what they cost, from {@code /proc} (Linux): its JVM plus its
 * PostgreSQL — with an embedded server, the whole server (postmaster, background processes, backends; found through
 * the {@code postmaster.pid} under the system's data directory, as {@link ProcessCpu} does); with the machine's
 * server, which others share, only the backends connected to the system's own database ({@code pg_stat_activity}).
 * CPU is summed per process between two snapshots (a process that exits in between takes its CPU with it); memory is
 * PSS ({@code /proc/<pid>/smaps_rollup}), which shares the server's shared buffers out among its processes instead
 * of counting them once per backend as RSS would.
 */
final class Footprint {

    private final long jvm;
    private final Path dataDir;
    private final Connection server;
    private final String database;

    /** With the embedded server under {@code dataDir}, or with {@code database} on {@code server}. */
    Footprint(long jvm, Path dataDir, Connection server, String database) {
        this.jvm = jvm;
        this.dataDir = dataDir;
        this.server = server;
        this.database = database;
    }

    /** CPU clock ticks used so far, per process: a snapshot to measure from. */
    Map<Long, Long> cpu() {
        Map<Long, Long> ticks = new HashMap<>();
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(process -> ticks.put(pid, ProcessCpu.ticks(process)));
        }
        return ticks;
    }

    /** Seconds of CPU the processes used since {@code before} (a process started since counts in full). */
    double cpuSecondsSince(Map<Long, Long> before) {
        long ticks = 0;
        for (Map.Entry<Long, Long> now : cpu().entrySet()) {
            ticks += Math.max(0, now.getValue() - before.getOrDefault(now.getKey(), 0L));
        }
        return ticks * 0.01;
    }

    /** The processes' proportional set size, in bytes. */
    long pssBytes() {
        long kilobytes = 0;
        for (long pid : pids()) {
            kilobytes += pssKilobytes(pid);
        }
        return kilobytes * 1024;
    }

    /** The JVM's PSS, in bytes. */
    long jvmPssBytes() {
        return pssKilobytes(jvm) * 1024;
    }

    /** How many PostgreSQL processes belong to the system now. */
    int postgresProcesses() {
        return pids().size() - 1;
    }

    /**
     * Checkpoints the server has started so far (timed and requested), or -1 when it cannot be asked: a window
     * measured between two readings that differ had a checkpoint in it.
     */
    long checkpoints() {
        try {
            if (server != null) {
                return checkpoints(server);
            }
            Path pidFile = findPidFile();
            if (pidFile == null) {
                return -1;
            }
            String port = Files.readAllLines(pidFile).get(3).trim();
            Path passwordFile = pidFile.getParent().resolveSibling(pidFile.getParent().getFileName() + ".password");
            String password = Files.exists(passwordFile) ? Files.readString(passwordFile).trim() : "";
            try (Connection embedded = DriverManager.getConnection("jdbc:postgresql://localhost:" + port
                    + "/postgres", "postgres", password)) {
                return checkpoints(embedded);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            return -1;
        }
    }

    private static long checkpoints(Connection connection) throws SQLException {
        boolean since17 = connection.getMetaData().getDatabaseMajorVersion() >= 17;
        try (ResultSet row = connection.createStatement().executeQuery(since17
                ? "SELECT num_timed + num_requested FROM pg_stat_checkpointer"
                : "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")) {
            row.next();
            return row.getLong(1);
        }
    }

    private Path findPidFile() throws IOException {
        try (var files = Files.walk(dataDir, 4)) {
            return files.filter(file -> file.getFileName().toString().equals("postmaster.pid")).findFirst()
                    .orElse(null);
        }
    }

    private synchronized List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(jvm);
        if (server == null) {
            ProcessCpu.postgres(dataDir).forEach(process -> pids.add(process.pid()));
            return pids;
        }
        try (PreparedStatement backends = server.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
            backends.setString(1, database);
            try (ResultSet rows = backends.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing the backends of " + database, e);
        }
        return pids;
    }

    private static long pssKilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone (or this is not Linux)
        }
        return 0;
    }
}
